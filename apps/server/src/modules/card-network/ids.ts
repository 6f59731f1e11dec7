import { createHash, randomInt } from 'node:crypto';
import type { Keyring } from '../../shared/keyring.js';

/**
 * The ids a network message makes, derived from its identity (network, DE37): a purchase's
 * operation and hold, and its clearing's ledger operation. Whatever retries, races or crashes come
 * between, a second write for the same message collides with the first on a primary key and
 * writes nothing (STYLE.md: idempotent, client-chosen ids).
 */

function derived(prefix: 'op' | 'hld', purpose: string, network: string, rrn: string): string {
  return `${prefix}_${createHash('sha256').update(`${purpose}\n${network}\n${rrn}`).digest('hex').slice(0, 32)}`;
}

export function purchaseOperationId(network: string, rrn: string): string {
  return derived('op', 'card-purchase', network, rrn);
}

export function purchaseHoldId(network: string, rrn: string): string {
  return derived('hld', 'card-purchase-hold', network, rrn);
}

export function clearingLedgerOperationId(network: string, rrn: string): string {
  return derived('op', 'card-clearing', network, rrn);
}

const AUTHORISATION_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const AUTHORISATION_CODE_LENGTH = 6;

/** DE38: six characters, random, for the merchant's slip and the clearing to name the approval. */
export function newAuthorisationCode(): string {
  let code = '';
  for (let index = 0; index < AUTHORISATION_CODE_LENGTH; index += 1) {
    code += AUTHORISATION_CODE_ALPHABET[randomInt(AUTHORISATION_CODE_ALPHABET.length)];
  }
  return code;
}

const FINGERPRINT_LABEL = 'card-network message';

/**
 * The message's keyed fingerprint: tells a retry (the same bytes) from another message with the
 * same DE37. Keyed (SECRET_KEY), since the body holds a PAN: an unkeyed hash of it could be
 * searched for the PAN (PCI DSS 3.5.1). `candidates` are the same under every key of the ring, so
 * a retry still matches after SECRET_KEY rotated.
 */
export function messageFingerprints(keyring: Keyring, network: string, body: Buffer): { current: string; candidates: string[] } {
  const text = body.toString('utf8');
  return {
    current: keyring.hmacHex(FINGERPRINT_LABEL, network, text),
    candidates: keyring.hmacCandidates(FINGERPRINT_LABEL, network, text),
  };
}
