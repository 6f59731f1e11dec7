import { createHmac, randomBytes } from 'node:crypto';

// ASVS 3.2.2: at least 128 bits; we use 256.
const TOKEN_BYTES = 32;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Tokens are stored only as keyed hashes: a database dump lets nobody log in. */
export function tokenHash(secretKey: Buffer, token: string): string {
  return createHmac('sha256', secretKey).update('session\0').update(token).digest('hex');
}

/** The CSRF token is derived from the session id: no state to keep, useless without the session. */
export function csrfTokenFor(secretKey: Buffer, sessionId: string): string {
  return createHmac('sha256', secretKey).update('csrf\0').update(sessionId).digest('base64url');
}

export function clientHash(secretKey: Buffer, clientId: string): string {
  return createHmac('sha256', secretKey).update('client\0').update(clientId).digest('hex');
}

export function pinHash(secretKey: Buffer, deviceId: string, pin: string): string {
  return createHmac('sha256', secretKey).update('pin\0').update(deviceId).update('\0').update(pin).digest('hex');
}
