import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import {
  countActiveSecurityKeys,
  insertSecurityKey,
  listActiveSecurityKeys,
  lockSecurityKey,
  revokeSecurityKey,
  type SecurityKey,
  takeWebauthnChallenge,
} from './security-keys.repo.js';
import { StaffProblem } from './staff.errors.js';
import { findStaffById, lockStaffTotp } from './staff.repo.js';
import type { StaffPrincipal } from './staff-authenticate.js';
import {
  challengeFits,
  expectedOrigin,
  issueWebauthnChallenge,
  loadWebauthn,
  relyingPartyId,
  SUPPORTED_ALGORITHM_IDS,
} from './webauthn.js';

/**
 * A staff member's own security keys (SECURITY.md 7: staff MFA is TOTP or WebAuthn): added from a
 * signed-in session (which passed a second factor already) by a WebAuthn registration, listed, and
 * removed, but never the last second factor: without TOTP the last key stays. Each change is audited.
 */

/** Keys per staff member: a main key and spares, with room for a lost one not removed yet. */
export const SECURITY_KEYS_PER_STAFF_MAX = 10;
export const SECURITY_KEY_NAME_LENGTH_MAX = 60;

// SECURITY.md 26, as for staff names: no control, format (bidi, zero-width) or line characters in
// a name the back office shows back.
const NAME_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** The key's name as stored (NFC, spaces collapsed), or null when it is not one. */
export function normalizeKeyName(raw: string): string | null {
  const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (name.length === 0 || name.length > SECURITY_KEY_NAME_LENGTH_MAX || NAME_FORBIDDEN.test(name)) return null;
  return /[\p{L}\p{N}]/u.test(name) ? name : null;
}

export async function listOwnSecurityKeys(ctx: AppContext, staffId: string): Promise<{ items: SecurityKey[]; totpEnrolled: boolean }> {
  const staff = await findStaffById(ctx.db, staffId);
  if (!staff) throw new ProblemError(StaffProblem['staff-unauthenticated']);
  return { items: await listActiveSecurityKeys(ctx.db, staffId, SECURITY_KEYS_PER_STAFF_MAX), totpEnrolled: staff.totpEnrolledAt !== null };
}

/**
 * Registration options for a new key of this session's staff member. A roaming (cross-platform)
 * authenticator, as a security key is; no attestation is asked (the bank trusts the person who
 * passed two factors, not the key's make). Keys already added are excluded, so the same key is not
 * added twice.
 */
export async function securityKeyRegistrationOptions(
  ctx: AppContext,
  staff: StaffPrincipal,
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const member = await findStaffById(ctx.db, staff.staffId);
  if (!member) throw new ProblemError(StaffProblem['staff-unauthenticated']);
  const keys = await listActiveSecurityKeys(ctx.db, staff.staffId, SECURITY_KEYS_PER_STAFF_MAX);
  if (keys.length >= SECURITY_KEYS_PER_STAFF_MAX)
    throw new ProblemError(StaffProblem['staff-security-key-limit'], { values: { max: SECURITY_KEYS_PER_STAFF_MAX } });
  const webauthn = await loadWebauthn();
  const options = await webauthn.generateRegistrationOptions({
    rpName: 'Kassa back office',
    rpID: relyingPartyId(ctx),
    userName: member.username,
    userDisplayName: member.displayName,
    userID: new TextEncoder().encode(member.id),
    attestationType: 'none',
    excludeCredentials: keys.map((key) => ({ id: key.credentialId, transports: key.transports })),
    // The key is the possession factor after the password: touching it is enough; a PIN on it is welcome.
    authenticatorSelection: { authenticatorAttachment: 'cross-platform', userVerification: 'preferred', residentKey: 'discouraged' },
    preferredAuthenticatorType: 'securityKey',
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
  });
  const challengeId = await issueWebauthnChallenge(ctx, {
    purpose: 'register',
    staffId: staff.staffId,
    loginId: null,
    sessionId: staff.sessionId,
    challenge: options.challenge,
  });
  return { challengeId, options };
}

type AddOutcome = { ok: true; key: SecurityKey } | { ok: false; problem: ProblemError };

/** Verifies the authenticator's answer to this session's challenge and stores the key under the name given. */
export async function addSecurityKey(
  ctx: AppContext,
  staff: StaffPrincipal,
  input: { challengeId: string; name: string; response: RegistrationResponseJSON; meta: RequestMeta },
): Promise<SecurityKey> {
  const name = normalizeKeyName(input.name);
  if (!name) throw new ProblemError(StaffProblem['staff-security-key-name-invalid']);
  const webauthn = await loadWebauthn();
  const now = ctx.clock.now();
  const notAdded = new ProblemError(StaffProblem['staff-security-key-not-added']);
  const outcome = await ctx.db.transaction(async (tx): Promise<AddOutcome> => {
    // The staff row orders this member's key changes: two additions cannot pass the limit together.
    const holder = await lockStaffTotp(tx, staff.staffId);
    if (holder?.staff.status !== 'active') return { ok: false, problem: new ProblemError(StaffProblem['staff-unauthenticated']) };
    const challenge = await takeWebauthnChallenge(tx, input.challengeId, now);
    if (!challengeFits(challenge, { purpose: 'register', staffId: staff.staffId, sessionId: staff.sessionId }, now))
      return { ok: false, problem: notAdded };
    if ((await countActiveSecurityKeys(tx, staff.staffId)) >= SECURITY_KEYS_PER_STAFF_MAX)
      return {
        ok: false,
        problem: new ProblemError(StaffProblem['staff-security-key-limit'], { values: { max: SECURITY_KEYS_PER_STAFF_MAX } }),
      };
    const verification = await webauthn
      .verifyRegistrationResponse({
        response: input.response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: expectedOrigin(ctx),
        expectedRPID: relyingPartyId(ctx),
        requireUserVerification: false,
        supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
      })
      .catch(() => null);
    if (!verification?.verified || !verification.registrationInfo) return { ok: false, problem: notAdded };
    const { credential } = verification.registrationInfo;
    const key: SecurityKey = {
      id: newId('ssk'),
      staffId: staff.staffId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      signCount: credential.counter,
      transports: credential.transports ?? [],
      name,
      status: 'active',
      createdAt: now,
      lastUsedAt: null,
    };
    // The same credential active already (this member's or, by a crafted answer, another's): not added.
    if (!(await insertSecurityKey(tx, { ...key, now }))) return { ok: false, problem: notAdded };
    await recordAudit(tx, {
      event: 'staff.security_key.added',
      meta: input.meta,
      details: { staffId: staff.staffId, keyId: key.id, name, transports: key.transports },
      occurredAt: now,
    });
    return { ok: true, key };
  });
  if (!outcome.ok) throw outcome.problem;
  return outcome.key;
}

type RemoveOutcome = 'removed' | 'not-found' | 'last-factor';

/**
 * Removes one of the member's own keys. Another member's key, or one already removed, answers 404
 * as a missing one does, and is audited (SECURITY.md 23). The last key of a member without TOTP
 * stays: staff never log in without a second factor (SECURITY.md 7).
 */
export async function removeSecurityKey(ctx: AppContext, staff: StaffPrincipal, keyId: string, meta: RequestMeta): Promise<void> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<RemoveOutcome> => {
    // Staff row first, then the key (the login's order): two removals at once see each other's result.
    const holder = await lockStaffTotp(tx, staff.staffId);
    const key = await lockSecurityKey(tx, keyId);
    if (!holder || key?.staffId !== staff.staffId || key.status !== 'active') return 'not-found';
    const totpEnrolled = holder.staff.totpEnrolledAt !== null;
    if (!totpEnrolled && (await countActiveSecurityKeys(tx, staff.staffId)) <= 1) return 'last-factor';
    await revokeSecurityKey(tx, key.id, now);
    await recordAudit(tx, {
      event: 'staff.security_key.removed',
      meta,
      details: { staffId: staff.staffId, keyId: key.id, name: key.name },
      occurredAt: now,
    });
    return 'removed';
  });
  if (outcome === 'removed') return;
  if (outcome === 'last-factor') throw new ProblemError(StaffProblem['staff-security-key-last-factor']);
  await recordAuditAlone(ctx.db, {
    event: 'access.denied',
    meta,
    details: { resource: 'staff-security-key', id: keyId, staffId: staff.staffId },
    occurredAt: now,
  });
  throw new ProblemError(CommonProblem['not-found']);
}
