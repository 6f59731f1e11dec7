import { timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../../shared/keyring.js';

/**
 * The authentication value (issue 15 item 4): what proves to the issuer's authorisation engine that
 * Kassa's ACS authenticated this very purchase. Like a Visa CAVV or a Mastercard AAV it is 20 bytes,
 * base64 in the messages; here it is the first 20 bytes of an HMAC-SHA256 under the keyring over
 * the directory server's transaction id, the card (its keyed hash), the amount, the currency, the
 * merchant and the transStatus. The 3DS Server only carries it: the browser never sees it and
 * nothing taken from a browser can make one. Another amount, merchant, card or status gives
 * another value, so a value cannot be moved to another payment; acs_transactions keeps it used
 * once (verify.ts), so it cannot be replayed on the same one.
 */

const AV_LABEL = 'acs:authentication-value';
const PAN_LABEL = 'acs:pan';
/** A CAVV's length: 20 bytes, 28 characters of base64. */
const AV_BYTES = 20;

export interface AuthenticatedPurchase {
  dsTransID: string;
  panHash: string;
  amountMinor: bigint;
  /** ISO 4217 numeric, as purchaseCurrency and DE49 carry it. */
  currencyNumeric: string;
  /** acquirerMerchantID, the same as the authorisation's DE42. */
  merchantId: string;
  transStatus: 'Y' | 'A';
}

/** The card as the ACS stores it: a keyed hash of the PAN under the current key (never the PAN). */
export function panHashOf(keyring: Keyring, pan: string): string {
  return keyring.hmacHex(PAN_LABEL, pan);
}

/** The PAN's keyed hash under every key of the ring, current first (a row made before a rotation still matches). */
export function panHashCandidates(keyring: Keyring, pan: string): string[] {
  return keyring.hmacCandidates(PAN_LABEL, pan);
}

function parts(purchase: AuthenticatedPurchase): string[] {
  return [
    purchase.dsTransID,
    purchase.panHash,
    purchase.amountMinor.toString(),
    purchase.currencyNumeric,
    purchase.merchantId,
    purchase.transStatus,
  ];
}

export function authenticationValueOf(keyring: Keyring, purchase: AuthenticatedPurchase): string {
  return keyring
    .hmac(AV_LABEL, ...parts(purchase))
    .subarray(0, AV_BYTES)
    .toString('base64');
}

/**
 * Whether `presented` is the value of this purchase under any key of the ring (a value made just
 * before a rotation still verifies). Every key is tried and compared in constant time.
 */
export function authenticationValueMatches(keyring: Keyring, presented: string, purchase: AuthenticatedPurchase): boolean {
  const given = Buffer.from(presented, 'base64');
  if (given.length !== AV_BYTES || given.toString('base64') !== presented) return false;
  let matched = false;
  for (const hex of keyring.hmacCandidates(AV_LABEL, ...parts(purchase))) {
    if (timingSafeEqual(Buffer.from(hex, 'hex').subarray(0, AV_BYTES), given)) matched = true;
  }
  return matched;
}
