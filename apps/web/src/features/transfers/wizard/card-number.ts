import type { FeeSchedule, PayeeLookup } from '../../../money/model';

/**
 * A card number as the customer types it (issue 14 item 7): grouped 4-4-4-4 while typed, checked
 * by its Luhn digit live, sent as digits. The bank checks it again and never keeps it in clear;
 * the browser keeps it only in the form's state (never in storage or a URL).
 */

/** ISO/IEC 7812: the cards a transfer reaches have 16 to 19 digits. */
export const CARD_DIGITS_MIN = 16;
export const CARD_DIGITS_MAX = 19;

export function cardDigits(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, CARD_DIGITS_MAX);
}

/** "4400430012345678" → "4400 4300 1234 5678". */
export function groupCardNumber(typed: string): string {
  return cardDigits(typed).replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export type CardNumberCheck = 'empty' | 'typing' | 'short' | 'wrong' | 'ok';

/**
 * What the typed number is: still being typed (under 16 digits, no word yet unless the form is
 * sent: `complete`), failing its check digit, or right. 16 digits that fail may still become a
 * valid 19-digit number, but 16 is what nearly every card has, so the word shows at 16.
 */
export function checkCardNumber(typed: string, options: { complete?: boolean } = {}): CardNumberCheck {
  const digits = cardDigits(typed);
  if (digits.length === 0) return 'empty';
  if (digits.length < CARD_DIGITS_MIN) return options.complete ? 'short' : 'typing';
  return luhnValid(digits) ? 'ok' : 'wrong';
}

/** "•••• 5678": how the review names the card, as the bank's history and SMS do. */
export function cardReference(typed: string): string {
  const digits = cardDigits(typed);
  return digits.length >= 4 ? `•••• ${digits.slice(-4)}` : '';
}

/**
 * The fee the review shows for a card: free to a Kassa card, the schedule's card fee to another
 * bank's, unknown until the look-up has said which it is.
 */
export function cardFeeMinor(fees: FeeSchedule | undefined, lookup: PayeeLookup | null, currency: string): bigint | null {
  if (!fees || !lookup) return null;
  if (lookup.thisBank) return BigInt(fees.cardThisBank);
  const other = fees.cardOtherBank.find((fee) => fee.currency === currency);
  return other ? BigInt(other.feeMinor) : null;
}
