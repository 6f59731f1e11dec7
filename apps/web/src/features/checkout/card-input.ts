/**
 * The buyer's card as typed on the hosted checkout (issue 15 item 3): the number grouped 4-4-4-4,
 * its brand named from the first digits, its Luhn digit checked, the expiry as MM/YY and the CVC2.
 * The bank checks everything again; these checks only catch a typing mistake before a request.
 * The values live in the form's state only: never in a URL, storage, the console or a log.
 */

/** ISO/IEC 7812: the bank takes 12 to 19 digits (the contract's pan); nearly every card has 16. */
export const PAN_DIGITS_MIN = 12;
export const PAN_DIGITS_MAX = 19;
const PAN_DIGITS_USUAL = 16;
export const CVC_DIGITS = 3;
/** Digits and the spaces between groups of four. */
export const PAN_GROUPED_LENGTH_MAX = PAN_DIGITS_MAX + Math.floor((PAN_DIGITS_MAX - 1) / 4);
/** "MM/YY". */
export const EXPIRY_LENGTH = 5;
export const CARDHOLDER_LENGTH_MAX = 26;

export type CardBrand = 'visa' | 'mastercard' | 'unionpay' | 'other';

export function panDigits(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, PAN_DIGITS_MAX);
}

/** "4000000000000101" → "4000 0000 0000 0101". */
export function groupPan(typed: string): string {
  return panDigits(typed).replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * The brand by its issuer identification number: 4 Visa; 51-55 and 2221-2720 Mastercard; 62
 * UnionPay. Named as soon as the digits decide it, so the buyer sees it while typing.
 */
export function brandOf(typed: string): CardBrand | null {
  const digits = panDigits(typed);
  if (digits.length === 0) return null;
  if (digits.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(digits)) return 'mastercard';
  if (digits.startsWith('62')) return 'unionpay';
  const series = mastercardRangeOverlap(digits);
  if (series === 'inside') return 'mastercard';
  // "5", "2", "27": the next digits decide; no name yet rather than a wrong one.
  if (series === 'maybe' || digits === '5' || digits === '6') return null;
  return 'other';
}

const MASTERCARD_2_SERIES = { first: 2221, last: 2720 } as const;

/** Whether the first four digits are (or, while fewer are typed, may become) 2221-2720. */
function mastercardRangeOverlap(digits: string): 'inside' | 'maybe' | 'outside' {
  if (!digits.startsWith('2')) return 'outside';
  const prefix = digits.slice(0, 4);
  const lowest = Number(prefix.padEnd(4, '0'));
  const highest = Number(prefix.padEnd(4, '9'));
  if (highest < MASTERCARD_2_SERIES.first || lowest > MASTERCARD_2_SERIES.last) return 'outside';
  return prefix.length === 4 ? 'inside' : 'maybe';
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export type PanCheck = 'empty' | 'typing' | 'short' | 'wrong' | 'ok';

/**
 * Still being typed (no word yet unless the form is sent: `submitted`), short, failing its check
 * digit, or right. The word for a wrong digit waits for 16 digits (the usual length): 16 digits
 * that fail may still become a valid 19-digit number, but a word at 13 would be noise.
 */
export function checkPan(typed: string, { submitted = false }: { submitted?: boolean } = {}): PanCheck {
  const digits = panDigits(typed);
  if (digits.length === 0) return submitted ? 'empty' : 'typing';
  const whole = digits.length >= PAN_DIGITS_USUAL || (submitted && digits.length >= PAN_DIGITS_MIN);
  if (!whole) return submitted ? 'short' : 'typing';
  return luhnValid(digits) ? 'ok' : 'wrong';
}

/** "1", "12", "123" → "1", "12/", "12/3": the slash comes by itself; a leading 2-9 becomes "0N/". */
export function formatExpiry(typed: string, previous = ''): string {
  const digits = typed.replace(/\D/g, '').slice(0, 4);
  // Backspace over the slash removes the slash only: let the buyer delete "12/" to "12".
  if (previous.endsWith('/') && typed.length < previous.length && digits.length === 2) return digits;
  if (digits.length === 1 && digits >= '2') return `0${digits}/`;
  if (digits.length < 2) return digits;
  if (digits.length === 2) return `${digits}/`;
  return `${digits.slice(0, 2)}/${digits.slice(2)}`;
}

export type ExpiryCheck = { status: 'ok'; month: number; year: number } | { status: 'typing' | 'empty' | 'invalid' | 'expired' };

/**
 * MM/YY against today: a card is valid through the last day of its month, so 12/26 still pays on
 * 31 December 2026. The year is read in this century (a card lives a few years).
 */
export function checkExpiry(typed: string, today: Date, { submitted = false }: { submitted?: boolean } = {}): ExpiryCheck {
  const digits = typed.replace(/\D/g, '');
  if (digits.length === 0) return { status: submitted ? 'empty' : 'typing' };
  if (digits.length < 4) return { status: submitted ? 'invalid' : 'typing' };
  const month = Number(digits.slice(0, 2));
  const year = 2000 + Number(digits.slice(2, 4));
  if (month < 1 || month > 12) return { status: 'invalid' };
  const thisYear = today.getFullYear();
  const thisMonth = today.getMonth() + 1;
  if (year < thisYear || (year === thisYear && month < thisMonth)) return { status: 'expired' };
  return { status: 'ok', month, year };
}

export function cvcDigits(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, CVC_DIGITS);
}

export function cvcValid(typed: string): boolean {
  return new RegExp(`^\\d{${CVC_DIGITS}}$`).test(typed);
}

/** The name as embossed: Latin letters, spaces, hyphen, apostrophe and dot; upper case, as on the card. */
export function formatCardholder(typed: string): string {
  return typed.toUpperCase().slice(0, CARDHOLDER_LENGTH_MAX);
}

export function cardholderValid(typed: string): boolean {
  const trimmed = typed.trim();
  return trimmed === '' || /^[A-Z][A-Z .'-]*$/.test(trimmed);
}
