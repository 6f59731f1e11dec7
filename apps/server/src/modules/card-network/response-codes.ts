import type { DeclineReason } from '../operations/index.js';

/**
 * The ISO 8583 response codes (DE39) the issuer answers, each with its meaning as the standard
 * (ISO 8583:1987, and Visa's N7) words it. Answered to the network only; the customer reads the
 * decline reason of operations.messages.ts in their language. docs/card-network.md has the table
 * with the Russian meaning and when each is given.
 */
export const RESPONSE_CODES = {
  '00': 'Approved or completed successfully',
  '05': 'Do not honour',
  '12': 'Invalid transaction',
  '13': 'Invalid amount',
  '14': 'Invalid card number (no such number)',
  '25': 'Unable to locate record on file',
  '51': 'Not sufficient funds',
  '54': 'Expired card',
  '57': 'Transaction not permitted to cardholder',
  '61': 'Exceeds withdrawal amount limit',
  '62': 'Restricted card',
  '65': 'Exceeds withdrawal frequency limit',
  '91': 'Issuer or switch inoperative',
  '94': 'Duplicate transmission',
  N7: 'Decline for CVV2 failure',
} as const;
export type ResponseCode = keyof typeof RESPONSE_CODES;

/** Any two characters a network may put in DE39 of an advice (its stand-in decision). */
export const RESPONSE_CODE_PATTERN = '^[0-9A-Z]{2}$';

/**
 * Why the issuer declines a purchase, and what it answers. Written once, exhaustively: a reason
 * added to the engine and not here does not build.
 *
 * - A frozen card is 62 (restricted card): the card is good and its number right, its use is
 *   stopped for now, and the customer can lift it; 57 would say this kind of purchase is never
 *   allowed on the card, which is the meaning of a control switched off.
 * - A closed card is 62 too, not 54: 54 says the date passed, while a closed card's date may be
 *   years away; and not 14, which says Kassa never issued the number. A single-use card spent is
 *   a closed card. The bank's block of the customer (a lost phone) restricts every card: 62.
 * - An expiry date that is not the card's is 54, as a past one is: the card presented is not
 *   valid, whichever of the two is wrong.
 * - A wrong CVC2 is N7 (Visa: "decline for CVV2 failure"); a network without N7 maps it to 05, and
 *   the customer's history says "wrong CVC2" either way.
 * - The internet limits are amounts, 61; the card has no count limits yet, so 65 is not given.
 * - E-money caps (the wallet's per operation and per day, by identification level) are amounts: 61.
 * - Another currency than the card's: the engine does not convert (no DE6 billing amount yet): 57.
 */
export const DECLINE_CODES: Readonly<Record<DeclineReason, ResponseCode>> = {
  'insufficient-funds': '51',
  'limit-per-operation': '61',
  'limit-per-day': '61',
  'limit-per-month': '61',
  'limit-phone-change': '61',
  'wrong-code': '05',
  expired: '05',
  'account-frozen': '62',
  'account-closed': '62',
  'currency-mismatch': '57',
  'wallet-limit': '61',
  'recipient-wallet-limit': '05',
  'recipient-not-found': '05',
  'transfer-to-self': '05',
  'card-frozen': '62',
  'card-closed': '62',
  'card-single-use-spent': '62',
  'card-expired': '54',
  'card-wrong-expiry': '54',
  'card-wrong-cvc2': 'N7',
  'card-internet-off': '57',
  'card-contactless-off': '57',
  'card-cash-off': '57',
  'card-limit-per-operation': '61',
  'card-limit-per-day': '61',
  'card-limit-per-month': '61',
  'card-limit-purchases-per-day': '65',
  'card-transaction-not-supported': '12',
  'customer-blocked': '62',
  'declined-by-network': '05',
  // ISO 8583 has no code for a failed cardholder authentication; 05 is what issuers answer for it.
  'card-authentication-missing': '05',
  'card-authentication-failed': '05',
  'card-authentication-invalid': '05',
  'card-authentication-reused': '05',
};

const TEXTS: Readonly<Record<string, string>> = RESPONSE_CODES;

/** The meaning of a code; a network's own code (an advice's) that is not in the table is named as such. */
export function responseText(code: string): string {
  return Object.hasOwn(TEXTS, code) ? (TEXTS[code] ?? '') : 'Declined by the network (its own code)';
}
