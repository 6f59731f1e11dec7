/**
 * Money and date formatting at the edge (STYLE habit 1). Amounts arrive as integers in minor
 * units with an ISO 4217 code and never pass through a float: the decimal string is built with
 * bigint arithmetic and handed to Intl.NumberFormat, which formats decimal strings exactly.
 */

/** Kazakhstan's time zone: operation times are shown as the bank's customers live them. */
export const BANK_TIME_ZONE = 'Asia/Almaty';

const numberFormatCache = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = numberFormatCache.get(key);
  if (!format) {
    // narrowSymbol gives "₸" in every locale (en-KZ would otherwise print "KZT").
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    });
    numberFormatCache.set(key, format);
  }
  return format;
}

/** Digits after the decimal point for a currency: 2 for KZT, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 150000n, 2 → "1500.00"; -5n, 2 → "-0.05". Exact for any size. */
export function minorToDecimalString(amountMinor: bigint, digits: number): `${number}` {
  const negative = amountMinor < 0n;
  const absolute = (negative ? -amountMinor : amountMinor).toString();
  if (digits === 0) return `${negative ? '-' : ''}${absolute}` as `${number}`;
  const padded = absolute.padStart(digits + 1, '0');
  const whole = padded.slice(0, -digits);
  const fraction = padded.slice(-digits);
  return `${negative ? '-' : ''}${whole}.${fraction}` as `${number}`;
}

/** formatMoney(150000, 'KZT', 'ru-KZ') → "1 500,00 ₸". */
export function formatMoney(amountMinor: number | bigint, currency: string, locale: string): string {
  if (typeof amountMinor === 'number' && !Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`amountMinor must be a safe integer, got ${amountMinor}`);
  }
  const digits = minorUnitDigits(currency);
  return currencyFormat(locale, currency).format(minorToDecimalString(BigInt(amountMinor), digits));
}

export type DateTimeStyle = 'date' | 'dateTime' | 'dateTimeSeconds' | 'time';

const DATE_TIME_OPTIONS: Record<DateTimeStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  dateTimeSeconds: { dateStyle: 'medium', timeStyle: 'medium' },
  time: { timeStyle: 'medium' },
};

/** Formats an instant in Asia/Almaty; null when the input is not a valid date. */
export function formatDateTime(value: string | Date, locale: string, style: DateTimeStyle = 'dateTime'): string | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, {
    ...DATE_TIME_OPTIONS[style],
    timeZone: BANK_TIME_ZONE,
  }).format(date);
}
