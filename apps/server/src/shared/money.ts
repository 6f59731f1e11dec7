import { formatMoney as formatAmount, minorToDecimalString, minorUnitDigits } from '@kassa/format';
import type { Language } from './i18n.js';

/** Minor units as an exact decimal string ("150000" KZT → "1500.00"), never through a float. */
export function minorToDecimal(amountMinor: bigint, currency: string): string {
  return minorToDecimalString(amountMinor, minorUnitDigits(currency));
}

/**
 * 150000n KZT in ru → "1 500,00 ₸": receipts, statements and SMS print what the web app prints,
 * from the one formatting module both use (packages/format).
 */
export function formatMoney(amountMinor: bigint, currency: string, language: Language): string {
  return formatAmount(amountMinor, currency, language);
}

/** The smaller of two amounts (Math.min takes no bigint). */
export function smallerAmount(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
