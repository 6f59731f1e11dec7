/** The languages a customer reads the bank in: screens, SMS, receipts and statements. */
export type Language = 'ru' | 'kk' | 'en';

/**
 * The locale whose digits, separators and month names each language prints (BCP 47). Russian and
 * Kazakh as written in Kazakhstan; English as en-GB, not en-US: the day before the month and a
 * 24-hour clock, as customers in Kazakhstan read dates in any language.
 */
export const LOCALE_BY_LANGUAGE: Readonly<Record<Language, string>> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-GB' };
