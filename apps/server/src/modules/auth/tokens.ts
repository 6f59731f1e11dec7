import { randomBytes } from 'node:crypto';
import type { Keyring } from '../../shared/keyring.js';

// ASVS 3.2.2: at least 128 bits; we use 256.
const TOKEN_BYTES = 32;

/**
 * The HMAC labels of this module's keyed hashes (shared/keyring.ts). They are part of every hash
 * stored with them: a label changed here would orphan every session, PIN and known client.
 */
const SESSION_LABEL = 'session';
const CSRF_LABEL = 'csrf';
const CLIENT_LABEL = 'client';
const PIN_LABEL = 'pin';

// A CSRF token is an HMAC-SHA256 in base64url: 43 characters, no padding.
const CSRF_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Tokens are stored only as keyed hashes: a database dump lets nobody log in. New ones under the current key. */
export function tokenHash(keyring: Keyring, token: string): string {
  return keyring.hmacHex(SESSION_LABEL, token);
}

/**
 * The token's hash under every key of the ring (SECURITY.md 39): a session made before a new key
 * was put first is still found, so a rotation logs nobody out.
 */
export function tokenHashCandidates(keyring: Keyring, token: string): string[] {
  return keyring.hmacCandidates(SESSION_LABEL, token);
}

/** The CSRF token is derived from the session id: no state to keep, useless without the session. */
export function csrfTokenFor(keyring: Keyring, sessionId: string): string {
  return keyring.hmac(CSRF_LABEL, sessionId).toString('base64url');
}

/**
 * Whether `sent` is the session's CSRF token under any key of the ring, so a page loaded before a
 * rotation keeps working. Timing-safe against every key (keyring.verifyHmac).
 */
export function csrfTokenMatches(keyring: Keyring, sessionId: string, sent: string): boolean {
  // base64url decoding skips what it cannot read and ignores the last character's spare bits:
  // only a token in its one canonical form is compared, as the exact string was before.
  if (!CSRF_TOKEN_PATTERN.test(sent)) return false;
  const bytes = Buffer.from(sent, 'base64url');
  if (bytes.toString('base64url') !== sent) return false;
  return keyring.verifyHmac(bytes, CSRF_LABEL, sessionId);
}

export function clientHash(keyring: Keyring, clientId: string): string {
  return keyring.hmacHex(CLIENT_LABEL, clientId);
}

/** A known client's hash under every key: a browser seen before a rotation is not a new device. */
export function clientHashCandidates(keyring: Keyring, clientId: string): string[] {
  return keyring.hmacCandidates(CLIENT_LABEL, clientId);
}

export function pinHash(keyring: Keyring, deviceId: string, pin: string): string {
  return keyring.hmacHex(PIN_LABEL, deviceId, pin);
}

/** A PIN checked against its stored hash under every key: a device bound before a rotation still logs in. */
export function pinMatches(keyring: Keyring, storedHash: string, deviceId: string, pin: string): boolean {
  return keyring.verifyHmac(storedHash, PIN_LABEL, deviceId, pin);
}
