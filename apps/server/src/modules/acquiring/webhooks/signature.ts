import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The `Kassa-Signature` header of a webhook (issue 15 item 6; docs/acquiring-webhooks.md):
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The timestamp is inside the
 * MAC, so a receiver that refuses old timestamps refuses a captured request replayed later; the
 * raw body is inside it, so a receiver must verify the bytes it received, before parsing them.
 */

export const SIGNATURE_HEADER = 'kassa-signature';
export const SIGNATURE_SCHEME = 'v1';
/** What a receiver accepts by default: five minutes either way covers clock skew and a slow network. */
export const SIGNATURE_TOLERANCE_SECONDS_DEFAULT = 300;
// A header longer than this is no signature of ours (a few v1 entries during a secret rotation at most).
const SIGNATURE_HEADER_LENGTH_MAX = 1024;

const SECRET_BYTES = 32;
/** Characters of the secret part kept for display after `whsec_`: tells secrets apart, reveals nothing useful. */
const SECRET_PREFIX_CHARACTERS = 4;
const SECRET_HEAD = 'whsec_';

/** A new signing secret: `whsec_` and 256 bits from the CSPRNG in base64url. */
export function newSigningSecret(): string {
  return `${SECRET_HEAD}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

export function secretPrefixOf(secret: string): string {
  return secret.slice(0, SECRET_HEAD.length + SECRET_PREFIX_CHARACTERS);
}

function mac(secret: string, timestampSeconds: number, rawBody: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest();
}

/** The header value for a body sent at `timestampSeconds`. */
export function signatureHeader(secret: string, timestampSeconds: number, rawBody: string | Buffer): string {
  return `t=${timestampSeconds},${SIGNATURE_SCHEME}=${mac(secret, timestampSeconds, rawBody).toString('hex')}`;
}

function parseHeader(header: string): { timestampSeconds: number; signatures: string[] } | null {
  if (header.length > SIGNATURE_HEADER_LENGTH_MAX) return null;
  let timestampSeconds: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const equals = part.indexOf('=');
    const name = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (equals < 0) return null;
    if (name === 't') {
      if (!/^\d{1,12}$/.test(value) || timestampSeconds !== null) return null;
      timestampSeconds = Number(value);
    } else if (name === SIGNATURE_SCHEME && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestampSeconds === null || signatures.length === 0 ? null : { timestampSeconds, signatures };
}

/**
 * True when `header` holds a v1 signature of `rawBody` under `secret` made within
 * `toleranceSeconds` of `now` (either way: a timestamp from the future is refused as much as an
 * old one). Each comparison is constant time. The reference for merchants and for tests.
 */
export function verifyKassaSignature(
  header: string | undefined | null,
  rawBody: string | Buffer,
  secret: string,
  options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  if (!header || !secret) return false;
  const parsed = parseHeader(header);
  if (!parsed) return false;
  const toleranceSeconds = options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS_DEFAULT;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - parsed.timestampSeconds) > toleranceSeconds) return false;
  const expected = mac(secret, parsed.timestampSeconds, rawBody);
  let matched = false;
  for (const signature of parsed.signatures) {
    if (timingSafeEqual(expected, Buffer.from(signature, 'hex'))) matched = true;
  }
  return matched;
}
