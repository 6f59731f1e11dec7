import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { insertWebauthnChallenge, type WebauthnChallengePurpose, type WebauthnChallengeRow } from './security-keys.repo.js';

/**
 * What the staff's security keys share with the customers' fingerprint login
 * (auth/webauthn-devices.service.ts): the relying party is the public origin's host (the back
 * office is served by the same server, under /backoffice), the expected origin is the public
 * origin, and each challenge is stored, bound to what it was issued for, and spent once.
 */

// @simplewebauthn/server takes ~150 ms to load (see auth/webauthn-devices.service.ts): it is loaded
// at the first security-key request, before any transaction opens, and found in the module cache after.
export const loadWebauthn = () => import('@simplewebauthn/server');

/** Long enough to find the key, plug it in and touch it; short enough that a leaked challenge is soon worthless. */
export const STAFF_WEBAUTHN_CHALLENGE_TTL_MS = 2 * 60_000;
/** ES256 (what security keys make) and RS256 (Windows Hello), as the customers' side accepts. */
export const SUPPORTED_ALGORITHM_IDS = [-7, -257];

export function relyingPartyId(ctx: AppContext): string {
  return new URL(ctx.config.publicOrigin).hostname;
}

export function expectedOrigin(ctx: AppContext): string {
  return ctx.config.publicOrigin;
}

export async function issueWebauthnChallenge(
  ctx: AppContext,
  input: {
    purpose: WebauthnChallengePurpose;
    staffId: string;
    loginId: string | null;
    sessionId: string | null;
    challenge: string;
    notAfter?: Date;
  },
): Promise<string> {
  const now = ctx.clock.now();
  const id = newId('swc');
  const ttlEnd = now.getTime() + STAFF_WEBAUTHN_CHALLENGE_TTL_MS;
  // A login's challenge never outlives the login it belongs to.
  const expiresAt = new Date(Math.min(ttlEnd, input.notAfter?.getTime() ?? ttlEnd));
  await insertWebauthnChallenge(ctx.db, { id, ...input, now, expiresAt });
  return id;
}

/** A challenge taken for an answer is good when it was unused, is in time, and was issued for exactly this. */
export function challengeFits(
  row: WebauthnChallengeRow | null,
  expected: { purpose: WebauthnChallengePurpose; staffId: string; loginId?: string; sessionId?: string },
  now: Date,
): row is WebauthnChallengeRow {
  if (!row || row.usedAt !== null || row.expiresAt <= now) return false;
  if (row.purpose !== expected.purpose || row.staffId !== expected.staffId) return false;
  if (expected.loginId !== undefined && row.loginId !== expected.loginId) return false;
  return expected.sessionId === undefined || row.sessionId === expected.sessionId;
}

/** Offset of the 32-bit big-endian signature counter in authenticator data: after rpIdHash (32) and flags (1). */
const SIGN_COUNT_OFFSET = 33;
const AUTH_DATA_LENGTH_MIN = 37;

/** The signature counter an assertion's authenticator data carries, or null when it is too short to hold one. */
export function assertionSignCount(authenticatorDataBase64url: string): number | null {
  const bytes = Buffer.from(authenticatorDataBase64url, 'base64url');
  return bytes.length < AUTH_DATA_LENGTH_MIN ? null : bytes.readUInt32BE(SIGN_COUNT_OFFSET);
}

/**
 * W3C WebAuthn §6.1.1: when either counter is non-zero the new one must be greater than the stored
 * one; otherwise the key may have been cloned. Authenticators that keep no counter send 0 always.
 */
export function signCountRegressed(stored: number, received: number): boolean {
  return (stored > 0 || received > 0) && received <= stored;
}
