import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CardNetworkKey, CardNetworkKeys } from '../../config-card-network.js';

/**
 * How a network signs a message (docs/card-network.md "Signing"): HMAC-SHA256 under the key named
 * by X-Network-Key-Id, over
 *
 *   "kassa-network-v1" LF <X-Network-Timestamp> LF <METHOD> SP <path> LF <the body's bytes as sent>
 *
 * hex in X-Network-Signature. The timestamp (Unix seconds) must be within the replay window of
 * the bank's clock, so a message captured on the wire cannot be sent again later; inside the
 * window a repeat is a retry, answered from the stored answer (card_network_messages). The path
 * is signed so an authorisation's body cannot be sent as an advice or a clearing.
 */

export const SIGNATURE_VERSION = 'kassa-network-v1';
export const KEY_ID_HEADER = 'x-network-key-id';
export const TIMESTAMP_HEADER = 'x-network-timestamp';
export const SIGNATURE_HEADER = 'x-network-signature';

const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;
const TIMESTAMP_PATTERN = /^[0-9]{1,12}$/;
const KEY_ID_PATTERN = /^[a-z0-9.-]{1,49}$/;

/** Why a message was not taken as the network's; each is answered 401 alike and audited. */
export type SignatureFailure = 'headers-missing' | 'unknown-key' | 'stale-timestamp' | 'bad-signature';

export type Verified = { ok: true; key: CardNetworkKey } | { ok: false; failure: SignatureFailure; keyId: string | null };

export function signature(secret: Buffer, timestamp: string, method: string, path: string, body: Buffer): string {
  return createHmac('sha256', secret)
    .update(`${SIGNATURE_VERSION}\n${timestamp}\n${method.toUpperCase()} ${path}\n`)
    .update(body)
    .digest('hex');
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' ? value : null;
}

/** Checks the three headers against the raw body. Nothing of the body is read before this passes. */
export function verifySignature(
  keys: CardNetworkKeys,
  request: { headers: Record<string, string | string[] | undefined>; method: string; path: string; body: Buffer },
  nowMs: number,
  windowSeconds: number,
): Verified {
  const keyId = headerValue(request.headers, KEY_ID_HEADER);
  const timestamp = headerValue(request.headers, TIMESTAMP_HEADER);
  const sent = headerValue(request.headers, SIGNATURE_HEADER)?.toLowerCase() ?? null;
  const namedKey = keyId !== null && KEY_ID_PATTERN.test(keyId) ? keyId : null;
  if (!keyId || !timestamp || !sent || !TIMESTAMP_PATTERN.test(timestamp) || !SIGNATURE_PATTERN.test(sent)) {
    return { ok: false, failure: 'headers-missing', keyId: namedKey };
  }
  const key = keys.find(keyId);
  if (!key) return { ok: false, failure: 'unknown-key', keyId: namedKey };
  // The signature first, then the time: a stale failure then says the signer held the key.
  const expected = signature(key.secret, timestamp, request.method, request.path, request.body);
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(sent, 'hex'))) {
    return { ok: false, failure: 'bad-signature', keyId: key.id };
  }
  if (Math.abs(nowMs - Number(timestamp) * 1000) > windowSeconds * 1000) return { ok: false, failure: 'stale-timestamp', keyId: key.id };
  return { ok: true, key };
}
