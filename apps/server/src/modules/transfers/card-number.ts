import type { Keyring } from '../../shared/keyring.js';
import { ProblemError } from '../../shared/problem.js';
import { TransferProblem } from './transfers.errors.js';
import { CARD_NUMBER_INVALID } from './transfers.messages.js';

/**
 * A recipient's card number as the customer typed it (issue 14 item 7). The number lives in
 * memory for one request only: what is kept is first6/last4, an HMAC under SECRET_KEY and, for
 * another bank's card until its credit is sent, a value sealed to the operation (card-send.ts).
 * Never logged: the field is `cardNumber`, which the logger redacts (http/logger.ts).
 */

/** ISO/IEC 7812: 16 to 19 digits for the cards a transfer can reach. */
const PAN_PATTERN = /^\d{16,19}$/;
/** What a customer may type between the digits: spaces and dashes (4-4-4-4). */
const SEPARATORS = /[\s-]/g;

const HMAC_LABEL = 'card-transfer-pan';
export const SEAL_PURPOSE = 'card-transfer-pan';

/** The Luhn check (ISO/IEC 7812-1 Annex B) over the whole number, check digit included. */
export function luhnValid(pan: string): boolean {
  let sum = 0;
  for (let index = 0; index < pan.length; index += 1) {
    let digit = pan.charCodeAt(pan.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The digits of a typed card number when it is one (length and Luhn), else null. */
export function cardNumberOf(typed: string): string | null {
  const digits = typed.replace(SEPARATORS, '');
  return PAN_PATTERN.test(digits) && luhnValid(digits) ? digits : null;
}

/** The typed number's digits, or a 422 naming the field (a wrong length or a failed Luhn check). */
export function checkedCardNumber(typed: string | undefined): string {
  const pan = typed === undefined ? null : cardNumberOf(typed);
  if (!pan)
    throw new ProblemError(TransferProblem['card-number-invalid'], { errors: [{ pointer: '/cardNumber', detail: CARD_NUMBER_INVALID }] });
  return pan;
}

/** How the history, the SMS and the receipt name the card: "•••• 1234". */
export function cardReference(pan: string): string {
  return `•••• ${pan.slice(-4)}`;
}

/** The card's keyed hash: two transfers to one card match, and the number cannot be read back. */
export function panHmac(keyring: Keyring, pan: string): string {
  return keyring.hmacHex(HMAC_LABEL, pan);
}

/**
 * What the Idempotency-Key's request hash sees of a typed card number: its keyed hash. The hash is
 * a plain SHA-256 of the body (operations/idempotency.repo.ts), and a plain hash over a card
 * number is the number to anyone who tries the few hundred million a BIN and Luhn leave.
 */
export function cardNumberForRequestHash(keyring: Keyring, typed: string): string {
  return panHmac(keyring, typed.replace(SEPARATORS, ''));
}
