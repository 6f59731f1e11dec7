import type { Language } from './i18n.js';

const EXPONENTS: Record<string, number> = { KZT: 2, USD: 2, EUR: 2, RUB: 2 };
const LOCALES: Record<Language, string> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-KZ' };

/** Minor units as an exact decimal string ("150000" KZT → "1500.00"), never through a float. */
export function minorToDecimal(amountMinor: bigint, currency: string): string {
  const exponent = EXPONENTS[currency] ?? 2;
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent ? `.${fraction}` : ''}`;
}

/** 150000n KZT in ru → "1 500,00 ₸". Intl formats decimal strings exactly (NumberFormat v3). */
export function formatMoney(amountMinor: bigint, currency: string, language: Language): string {
  const formatter = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
  return formatter.format(minorToDecimal(amountMinor, currency) as unknown as number);
}
