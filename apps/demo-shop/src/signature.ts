import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The shop's own check of Kassa's `Kassa-Signature` header (docs/acquiring-webhooks.md), written
 * from the published description as any merchant would write it: the shop imports nothing of the
 * server. `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`; several v1 entries
 * may come during a secret rotation, and one match is enough.
 */

export const SIGNATURE_HEADER = 'kassa-signature';
/** Five minutes either way: clock skew and a slow network pass, a request captured and replayed later does not. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
// Longer than this is no header of Kassa's: a few v1 entries at most.
const HEADER_LENGTH_MAX = 1024;
const SIGNATURE_HEX = /^[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

export type SignatureVerdict = 'valid' | 'malformed' | 'stale' | 'mismatch';

interface ParsedHeader {
  timestampSeconds: number;
  signatures: Buffer[];
}

function parseHeader(header: string): ParsedHeader | null {
  if (header.length > HEADER_LENGTH_MAX) return null;
  let timestampSeconds: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const equals = part.indexOf('=');
    if (equals < 0) return null;
    const name = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (name === 't') {
      // Two timestamps would let an attacker choose which one a lax parser reads.
      if (!TIMESTAMP.test(value) || timestampSeconds !== null) return null;
      timestampSeconds = Number(value);
    } else if (name === 'v1' && SIGNATURE_HEX.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  return timestampSeconds === null || signatures.length === 0 ? null : { timestampSeconds, signatures };
}

/**
 * Why a webhook request is or is not Kassa's: checked on the raw bytes received, before any JSON
 * parsing (a re-serialised body differs). Every comparison is constant time, and every v1 entry is
 * compared, so the time taken does not tell which one matched.
 */
export function checkKassaSignature(
  header: string | undefined,
  rawBody: Buffer,
  secret: string,
  now: Date,
  toleranceSeconds: number = SIGNATURE_TOLERANCE_SECONDS,
): SignatureVerdict {
  if (!header || !secret) return 'malformed';
  const parsed = parseHeader(header);
  if (!parsed) return 'malformed';
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (Math.abs(nowSeconds - parsed.timestampSeconds) > toleranceSeconds) return 'stale';
  const expected = createHmac('sha256', secret).update(`${parsed.timestampSeconds}.`).update(rawBody).digest();
  let matched = false;
  for (const signature of parsed.signatures) {
    if (timingSafeEqual(expected, signature)) matched = true;
  }
  return matched ? 'valid' : 'mismatch';
}
