import { intlFor, type LocaleIntl, numberFormat } from './intl.js';
import { type Language, LOCALE_BY_LANGUAGE } from './language.js';

const minorDigitsByCurrency = new Map<string, number>();

/**
 * Digits after the decimal point for a currency (ISO 4217): 2 for KZT, 0 for JPY, 3 for KWD.
 * From the runtime's own Intl in English, which every runtime has, whatever the language shown.
 */
export function minorUnitDigits(currency: string): number {
  let digits = minorDigitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** 150000n, 2 → "1500.00"; -5n, 2 → "-0.05". Exact for any size: bigint digits, never a float. */
export function minorToDecimalString(amountMinor: bigint, digits: number): `${number}` {
  const negative = amountMinor < 0n;
  const absolute = (negative ? -amountMinor : amountMinor).toString();
  if (digits === 0) return `${negative ? '-' : ''}${absolute}` as `${number}`;
  const padded = absolute.padStart(digits + 1, '0');
  const whole = padded.slice(0, -digits);
  const fraction = padded.slice(-digits);
  return `${negative ? '-' : ''}${whole}.${fraction}` as `${number}`;
}

/**
 * An amount in minor units for people: 150000n KZT → "1 500,00 ₸" in ru and kk, "₸1,500.00" in en;
 * negative "-1 500,00 ₸". The narrow symbol (₸, $, €, ₽) in every language: en would otherwise
 * print "KZT". Intl formats the decimal string exactly (NumberFormat v3), so no amount is rounded.
 * `intl` is the language's installed constructors unless given (tests pass the polyfill's).
 */
export function formatMoney(
  amountMinor: bigint | number,
  currency: string,
  language: Language,
  intl: LocaleIntl = intlFor(language),
): string {
  if (typeof amountMinor === 'number' && !Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`amountMinor must be a safe integer, got ${amountMinor}`);
  }
  const decimal = minorToDecimalString(BigInt(amountMinor), minorUnitDigits(currency));
  return numberFormat(intl, LOCALE_BY_LANGUAGE[language], { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(decimal);
}
