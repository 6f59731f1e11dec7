import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { AppContext } from '../../context.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import {
  countLoginChallenges,
  listActiveSecurityKeys,
  lockActiveKeyByCredential,
  recordSecurityKeyUse,
  takeWebauthnChallenge,
} from './security-keys.repo.js';
import { StaffProblem } from './staff.errors.js';
import { lockStaffLogin, type StaffLoginRow } from './staff.repo.js';
import type { StaffFailureFactor } from './staff-lockout.js';
import {
  completeStaffLogin,
  loggedInOrThrow,
  openSecondFactor,
  refuseSecondFactor,
  type SecondFactorOutcome,
  type StaffLoggedIn,
} from './staff-second-factor.js';
import {
  assertionSignCount,
  challengeFits,
  expectedOrigin,
  issueWebauthnChallenge,
  loadWebauthn,
  relyingPartyId,
  signCountRegressed,
} from './webauthn.js';

/**
 * Step 2 of a staff login by a security key (WebAuthn): options bound to the pending login, then
 * the key's signed answer. The answer is checked for the challenge (this login's, unused, in time),
 * the key (active, of the login's staff member), the origin, the relying party, the signature and
 * the counter; any failure answers the same, counts towards the 10 → 30 min lock and this login's
 * tries as a wrong code does, and is audited with its reason. Success opens the session exactly as
 * the TOTP step does (staff-second-factor.ts).
 */

// Each options request stores a challenge; a pending login lives 5 minutes, so this is plenty of
// retries of a cancelled prompt and bounds the rows one login can make.
const LOGIN_CHALLENGES_PER_LOGIN_MAX = 20;
// A staff member has at most this many keys (security-keys.service.ts); all of them are allowed.
const ALLOWED_KEYS_MAX = 10;

export async function securityKeyLoginOptions(
  ctx: AppContext,
  loginId: string,
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const now = ctx.clock.now();
  const login = await pendingLogin(ctx, loginId, now);
  if (!login) throw new ProblemError(StaffProblem['staff-login-expired']);
  const keys = await listActiveSecurityKeys(ctx.db, login.staffId, ALLOWED_KEYS_MAX);
  if (keys.length === 0) throw new ProblemError(StaffProblem['staff-security-key-failed']);
  if ((await countLoginChallenges(ctx.db, login.id)) >= LOGIN_CHALLENGES_PER_LOGIN_MAX)
    throw new ProblemError(StaffProblem['staff-login-expired']);
  const webauthn = await loadWebauthn();
  const options = await webauthn.generateAuthenticationOptions({
    rpID: relyingPartyId(ctx),
    allowCredentials: keys.map((key) => ({ id: key.credentialId, transports: key.transports })),
    // The key is the possession factor after the password: touching it is enough; a PIN on it is welcome.
    userVerification: 'preferred',
  });
  const challengeId = await issueWebauthnChallenge(ctx, {
    purpose: 'login',
    staffId: login.staffId,
    loginId: login.id,
    sessionId: null,
    challenge: options.challenge,
    notAfter: login.expiresAt,
  });
  return { challengeId, options };
}

async function pendingLogin(ctx: AppContext, loginId: string, now: Date): Promise<StaffLoginRow | null> {
  const login = await ctx.db.transaction((tx) => lockStaffLogin(tx, loginId));
  return login?.status === 'pending' && login.expiresAt > now ? login : null;
}

export async function confirmStaffSecurityKey(
  ctx: AppContext,
  input: { loginId: string; challengeId: string; response: AuthenticationResponseJSON; meta: RequestMeta },
): Promise<StaffLoggedIn> {
  const webauthn = await loadWebauthn();
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<SecondFactorOutcome> => {
    const opened = await openSecondFactor(tx, input.loginId, now);
    if (opened.kind !== 'open') return opened;
    const { login, staff } = opened;
    const refuse = (reason: string, factor: StaffFailureFactor = 'security-key', details: Record<string, unknown> = {}) =>
      refuseSecondFactor(tx, { login, staff, factor, meta: input.meta, now, details: { reason, ...details } });
    // Single use: the challenge is spent by this answer, right or wrong, so a replay finds it used.
    const challenge = await takeWebauthnChallenge(tx, input.challengeId, now);
    const replayed = challenge !== null && challenge.usedAt !== null;
    if (!challengeFits(challenge, { purpose: 'login', staffId: staff.id, loginId: login.id }, now))
      return refuse(replayed ? 'challenge-used' : 'challenge-not-this-login', 'security-key', { challengeId: input.challengeId });
    const key = await lockActiveKeyByCredential(tx, input.response.id);
    if (!key) return refuse('key-unknown');
    // A key of another staff member proves nothing about this one; it is named for the security officers.
    if (key.staffId !== staff.id) return refuse('key-of-another-staff', 'security-key', { keyId: key.id, keyStaffId: key.staffId });
    const verification = await webauthn
      .verifyAuthenticationResponse({
        response: input.response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: expectedOrigin(ctx),
        expectedRPID: relyingPartyId(ctx),
        requireUserVerification: false,
        // The counter is checked below, after the signature: the library would refuse a regressed
        // counter before it, and only a signed counter can tell a clone from a forgery.
        credential: { id: key.credentialId, publicKey: Buffer.from(key.publicKey, 'base64url'), counter: 0, transports: [] },
      })
      .catch(() => null);
    if (!verification?.verified) return refuse('verification', 'security-key', { keyId: key.id });
    const received = assertionSignCount(input.response.response.authenticatorData) ?? 0;
    if (signCountRegressed(key.signCount, received))
      return refuse('sign-count-regressed', 'security-key-cloned', { keyId: key.id, stored: key.signCount, received });
    await recordSecurityKeyUse(tx, key.id, received, now);
    return completeStaffLogin(tx, ctx, { login, staff, factor: 'security-key', meta: input.meta, now, details: { keyId: key.id } });
  });
  return loggedInOrThrow(outcome, now, new ProblemError(StaffProblem['staff-security-key-failed']));
}
