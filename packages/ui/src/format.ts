/**
 * Money and date formatting at the edge (STYLE habit 1), over the module the server prints its
 * receipts, statements and SMS with (packages/format, @kassa/format): the same strings on both.
 * The screens pass the Intl locale of the app's language ("ru-KZ"); a bare language ("kk") works too.
 */
import {
  type DateTimeStyle,
  formatMoney as formatAmount,
  formatDateTime as formatInstant,
  formatOperationReference,
  type Language,
  minorUnitDigits,
} from '@kassa/format';

export { type DateTimeStyle, formatOperationReference, minorUnitDigits };

/** Kazakhstan's time zone: operation times are shown as the bank's customers live them. */
export const BANK_TIME_ZONE = 'Asia/Almaty';

/** The language of a BCP 47 tag ("kk-KZ" → "kk"); Russian, the bank's first language, otherwise. */
function languageOf(locale: string): Language {
  const primary = locale.toLowerCase().split('-')[0];
  return primary === 'kk' || primary === 'en' ? primary : 'ru';
}

/** formatMoney(150000, 'KZT', 'ru-KZ') → "1 500,00 ₸"; in en "₸1,500.00". */
export function formatMoney(amountMinor: number | bigint, currency: string, locale: string): string {
  return formatAmount(amountMinor, currency, languageOf(locale));
}

/** Formats an instant in Asia/Almaty ("1 дек. 2026, 12:07"); null when the input is not a valid date. */
export function formatDateTime(value: string | Date, locale: string, style: DateTimeStyle = 'dateTime'): string | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return formatInstant(date, languageOf(locale), BANK_TIME_ZONE, style);
}
