import { randomInt } from 'node:crypto';
import { assert } from '../../shared/assert.js';
import { calendarDay, startOfDay } from '../../shared/datetime.js';

/**
 * Card numbers without a database: the Luhn check digit, a PAN drawn from a BIN and account range,
 * the expiry and the masked form. Pure functions; the vault (vault/) is where a PAN is kept, and
 * issuing's loop asks it whether a drawn number is free (vault.findByPan / storePan's duplicate).
 */

/** The Luhn check digit (ISO/IEC 7812-1 Annex B) of the digits it will follow. */
export function luhnCheckDigit(payload: string): string {
  assert(/^\d+$/.test(payload), 'a Luhn payload is digits');
  let sum = 0;
  // From the right, every second digit starting with the rightmost is doubled (the check digit
  // will take the rightmost place, so the payload's last digit is the first doubled).
  for (let index = 0; index < payload.length; index += 1) {
    let digit = payload.charCodeAt(payload.length - 1 - index) - 48;
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

export function isLuhnValid(pan: string): boolean {
  return /^\d{2,}$/.test(pan) && luhnCheckDigit(pan.slice(0, -1)) === pan.slice(-1);
}

/** What everyone but the vault sees (PCI DSS 3.4.1): the first six, six dots, the last four, whatever the length. */
export function maskPan(first6: string, last4: string): string {
  assert(/^\d{6}$/.test(first6) && /^\d{4}$/.test(last4), 'a masked PAN is made of 6 and 4 digits');
  return `${first6}••••••${last4}`;
}

export function maskedPanOf(pan: string): string {
  return maskPan(pan.slice(0, 6), pan.slice(-4));
}

/**
 * Where the bank's PANs come from: the BIN (the issuer identification number the network gave the
 * bank, 6 or 8 digits), the PAN's length, and the range of account numbers (the digits between
 * the BIN and the check digit) this product may use.
 */
export interface PanRange {
  bin: string;
  panLength: number;
  accountMin: number;
  accountMax: number;
}

// node:crypto's randomInt draws from ranges below 2^48 without bias (rejection sampling).
const RANDOM_RANGE_MAX = 2 ** 48;

/** Why a range cannot make PANs (for the configuration's error), or null when it can. */
export function panRangeProblem(range: PanRange): string | null {
  if (!/^\d{6}$|^\d{8}$/.test(range.bin)) return 'the BIN must be 6 or 8 digits';
  if (!Number.isInteger(range.panLength) || range.panLength < 13 || range.panLength > 19) return 'a PAN has 13 to 19 digits';
  // At least 4 account digits: an 8-digit BIN in a 13-digit PAN leaves 13 - 8 - 1.
  const accountDigits = range.panLength - range.bin.length - 1;
  const { accountMin, accountMax } = range;
  if (!Number.isSafeInteger(accountMin) || !Number.isSafeInteger(accountMax) || accountMin < 0 || accountMin > accountMax) {
    return 'the account range must be whole numbers with the first not above the last';
  }
  if (accountMax >= 10 ** accountDigits) return `the account range ends beyond ${accountDigits} digits`;
  if (accountMax - accountMin + 1 > RANDOM_RANGE_MAX) return 'the account range is wider than 2^48 numbers';
  return null;
}

/**
 * A random PAN of the range: BIN, an account number drawn uniformly from node:crypto (a CSPRNG,
 * so the next card's number cannot be guessed from the last), and the Luhn check digit. Collisions
 * with a PAN already issued are the caller's to retry through the vault.
 */
export function generatePan(range: PanRange, draw: (min: number, maxExclusive: number) => number = randomInt): string {
  const problem = panRangeProblem(range);
  assert(problem === null, `the PAN range is unusable: ${problem}`);
  const accountDigits = range.panLength - range.bin.length - 1;
  const account = draw(range.accountMin, range.accountMax + 1);
  assert(Number.isSafeInteger(account) && account >= range.accountMin && account <= range.accountMax, 'the draw stays in the range');
  const payload = range.bin + String(account).padStart(accountDigits, '0');
  return payload + luhnCheckDigit(payload);
}

/** Whether a PAN belongs to the range: its BIN, its length, its account number, and a valid check digit. */
export function panInRange(pan: string, range: PanRange): boolean {
  if (pan.length !== range.panLength || !pan.startsWith(range.bin) || !isLuhnValid(pan)) return false;
  const account = Number(pan.slice(range.bin.length, -1));
  return account >= range.accountMin && account <= range.accountMax;
}

/**
 * A card's expiry: valid through the last day of the month printed, in the bank's time zone. The
 * card printers' MMYY and the card-verification method's YYMM (cvc.ts) both come from here.
 */
export interface CardExpiry {
  month: number;
  year: number;
  /** As printed on the card: 07/29 without the slash. */
  mmyy: string;
  /** As the CVV / CVC2 method takes it. */
  yymm: string;
  /** The first instant the card is no longer valid: midnight starting the next month, bank time. */
  endsAt: Date;
}

export function cardExpiry(month: number, year: number, timeZone: string): CardExpiry {
  assert(Number.isInteger(month) && month >= 1 && month <= 12, 'an expiry month is 1 to 12');
  assert(Number.isInteger(year) && year >= 2000 && year <= 2099, 'an expiry year is 2000 to 2099');
  const mm = String(month).padStart(2, '0');
  const yy = String(year % 100).padStart(2, '0');
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { month, year, mmyy: `${mm}${yy}`, yymm: `${yy}${mm}`, endsAt: startOfDay(next, timeZone) };
}

/** The expiry of a card issued at `issuedAt` and valid `validityMonths` months, counted from the month of issue. */
export function expiryAfter(issuedAt: Date, validityMonths: number, timeZone: string): CardExpiry {
  assert(Number.isInteger(validityMonths) && validityMonths >= 1 && validityMonths <= 120, 'a card is valid 1 to 120 months');
  const [year = 0, month = 0] = calendarDay(issuedAt, timeZone).split('-').map(Number);
  const index = year * 12 + (month - 1) + validityMonths;
  return cardExpiry((index % 12) + 1, Math.floor(index / 12), timeZone);
}

export function isExpired(expiry: Pick<CardExpiry, 'endsAt'>, now: Date): boolean {
  return now.getTime() >= expiry.endsAt.getTime();
}
