import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { customerIinMatches, findCustomerById, findCustomerByPhone, normalizePhone } from '../identity/index.js';
import { queueSms } from '../notifications/index.js';
import {
  challengeState,
  checkCodeRateLimit,
  codePolicy,
  codeSmsText,
  issueCode,
  NO_PHONE,
  rateLimitProblem,
  resendStepCode,
  verifyCode,
  verifyFailureProblem,
} from '../sca/index.js';
import { AuthProblem } from './auth.errors.js';
import { passwordChangedNotice, passwordResetNotice } from './auth.messages.js';
import { revokeAllDevicesInTx } from './devices.service.js';
import { clearFailures, isPasswordPathLocked, registerFailure } from './lockout.js';
import { passwordPolicyProblem } from './password-policy.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import {
  insertPasswordReset,
  lockPasswordReset,
  markPasswordReset,
  passwordHashOf,
  readPasswordReset,
  updatePasswordHash,
} from './passwords.repo.js';
import { type ActiveSession, endSessionsInTx } from './sessions.js';
import { lockLiveSessionsOf } from './sessions.repo.js';

const RESET_TTL_MS = 15 * 60_000;

/**
 * ASVS 3.3.3 and SECURITY.md 32: a new password ends every other session and unbinds every
 * device except the one asking (a session opened by a device login keeps its device). The
 * current password counts towards the login lock like a login does (SECURITY.md 36), and the
 * lock is checked before any Argon2 work (SECURITY.md 37).
 */
export async function changePassword(
  ctx: AppContext,
  session: ActiveSession,
  input: { currentPassword: string; newPassword: string; meta: RequestMeta },
): Promise<void> {
  const customer = await findCustomerById(ctx.db, session.customerId);
  if (!customer) throw new ProblemError(AuthProblem['session-expired']);
  const policy = checkPasswordPolicy(input.newPassword);
  if (policy) throw passwordPolicyProblem(policy);
  const now = ctx.clock.now();
  const locked = new ProblemError(AuthProblem['password-change-locked']);
  const refuseIfLocked = async (tx: Tx): Promise<boolean> => {
    if (!(await isPasswordPathLocked(tx, customer.id, now))) return false;
    await recordAudit(tx, {
      event: 'password.change_refused',
      customerId: customer.id,
      meta: input.meta,
      details: { reason: 'locked' },
      occurredAt: now,
    });
    return true;
  };
  if (await ctx.db.transaction(refuseIfLocked)) throw locked;
  if (!(await verifyPassword(await passwordHashOf(ctx.db, customer.id), input.currentPassword))) {
    // The same counter and lock as the login's password step: five in a row lock, audit and tell the customer.
    const failure = await ctx.db.transaction((tx) =>
      registerFailure(tx, ctx, { customer, meta: input.meta, now, factor: 'current-password' }),
    );
    throw failure.locked ? locked : new ProblemError(AuthProblem['current-password-wrong']);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const outcome = await ctx.db.transaction(async (tx): Promise<'changed' | 'locked' | 'session-ended'> => {
    // While this one hashed, a security officer may have reset the password and ended every
    // session (bank-password-reset.ts): the old password just checked must not set a new one.
    // The sessions are locked before the password is written, in the order the bank's reset takes.
    if (!(await lockLiveSessionsOf(tx, customer.id)).includes(session.sessionId)) return 'session-ended';
    // A parallel wrong attempt may have locked the path while this one hashed.
    if (await refuseIfLocked(tx)) return 'locked';
    await clearFailures(tx, customer.id, { unlock: false });
    await updatePasswordHash(tx, customer.id, passwordHash, now);
    await endSessionsInTx(tx, {
      customerId: customer.id,
      sessionIds: 'all',
      exceptSessionId: session.sessionId,
      reason: 'password-changed',
      meta: input.meta,
      now,
    });
    await revokeAllDevicesInTx(tx, {
      customerId: customer.id,
      exceptDeviceId: session.deviceId,
      reason: 'password-changed',
      meta: input.meta,
      now,
    });
    await recordAudit(tx, { event: 'password.changed', customerId: customer.id, meta: input.meta, details: {}, occurredAt: now });
    await queueSms(tx, {
      to: customer.phone,
      text: passwordChangedNotice(customer.language, ctx.config.officialDomain, ctx.config.contactCenterPhone),
      purpose: 'password-changed',
    });
    return 'changed';
  });
  if (outcome === 'session-ended') throw new ProblemError(AuthProblem['session-expired']);
  if (outcome === 'locked') throw locked;
}

/**
 * Reset step 1: a code to the registered phone. An unknown phone gets the same answer and no SMS.
 */
export async function startPasswordReset(
  ctx: AppContext,
  input: { phone: string; meta: RequestMeta },
): Promise<{ resetId: string; expiresAt: Date; resendAvailableAt: Date }> {
  const phone = normalizePhone(input.phone);
  const now = ctx.clock.now();
  const limit = await checkCodeRateLimit(ctx.db, ctx.config.codeRateLimits, phone ?? NO_PHONE, input.meta.ip, now);
  if (!limit.ok) throw rateLimitProblem();
  const customer = phone ? await findCustomerByPhone(ctx.db, phone) : null;
  const domain = ctx.config.officialDomain;
  return ctx.db.transaction(async (tx) => {
    const resetId = newId('rst');
    const code = await issueCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        purpose: 'password_reset',
        phone: phone ?? NO_PHONE,
        customerId: customer?.id ?? null,
        details: { resetId },
        smsText: customer ? codeSmsText({ purpose: 'password_reset' }, customer.language, domain) : null,
        meta: input.meta,
        policy: codePolicy(ctx.config),
      },
    );
    await insertPasswordReset(tx, {
      id: resetId,
      customerId: customer?.id ?? null,
      challengeId: code.challengeId,
      now,
      expiresAt: new Date(now.getTime() + RESET_TTL_MS),
    });
    return { resetId, expiresAt: code.expiresAt, resendAvailableAt: code.resendAvailableAt };
  });
}

/**
 * A new reset code (the SMS did not arrive): the old one stops working; cooldown and hourly caps
 * as for any code. Like step 1 it answers the same for a phone that is no customer's (the code
 * is then sent nowhere), so the resend cannot be used to probe phones either.
 */
export async function resendPasswordResetCode(
  ctx: AppContext,
  input: { resetId: string; meta: RequestMeta },
): Promise<{ resetId: string; expiresAt: Date; resendAvailableAt: Date }> {
  const now = ctx.clock.now();
  const reset = await readPasswordReset(ctx.db, input.resetId);
  const code = reset ? await challengeState(ctx.db, reset.challenge_id) : null;
  if (reset?.status !== 'pending' || reset.expires_at <= now || !code) throw new ProblemError(AuthProblem['login-failed']);
  const customer = reset.customer_id ? await findCustomerById(ctx.db, reset.customer_id) : null;
  const resent = await resendStepCode(
    ctx.db,
    { keyring: ctx.config.keyring, now },
    {
      challengeId: reset.challenge_id,
      smsText: async () => (customer ? codeSmsText({ purpose: 'password_reset' }, customer.language, ctx.config.officialDomain) : null),
      limits: ctx.config.codeRateLimits,
      meta: input.meta,
    },
  );
  return { resetId: input.resetId, expiresAt: resent.expiresAt, resendAvailableAt: resent.resendAvailableAt };
}

/**
 * Reset step 2: code + IIN + new password. Ends every session, revokes every device, lifts a
 * login lock (the safe way to unblock, RTS 4(4)), and tells the customer.
 */
export async function completePasswordReset(
  ctx: AppContext,
  input: { resetId: string; code: string; iin: string; newPassword: string; meta: RequestMeta },
): Promise<void> {
  const policy = checkPasswordPolicy(input.newPassword);
  if (policy) throw passwordPolicyProblem(policy);
  const now = ctx.clock.now();
  // SECURITY.md 37: a made-up, spent or expired reset, or one whose code is void, costs no Argon2
  // computation; the answers are the ones the transaction below would give.
  const pending = await readPasswordReset(ctx.db, input.resetId);
  const code = pending ? await challengeState(ctx.db, pending.challenge_id) : null;
  if (pending?.status !== 'pending' || pending.expires_at <= now || !code) throw new ProblemError(AuthProblem['login-failed']);
  if (code.status !== 'pending') throw verifyFailureProblem({ ok: false, reason: 'not-pending' });
  const passwordHash = await hashPassword(input.newPassword);
  const outcome = await ctx.db.transaction(async (tx) => {
    const reset = await lockPasswordReset(tx, input.resetId);
    if (reset?.status !== 'pending' || reset.expires_at <= now)
      return { ok: false as const, problem: new ProblemError(AuthProblem['login-failed']) };
    const verified = await verifyCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        challengeId: reset.challenge_id,
        code: input.code,
        purpose: 'password_reset',
        details: { resetId: input.resetId },
        meta: input.meta,
      },
    );
    if (!verified.ok) return { ok: false as const, problem: verifyFailureProblem(verified) };
    const customer = reset.customer_id ? await findCustomerById(tx, reset.customer_id) : null;
    // The IIN is the second thing only the customer knows; a mismatch spends the reset.
    // The IIN is sealed at rest; it is compared through its keyed hash (identity/iin-at-rest.ts).
    if (!customer || !(await customerIinMatches(tx, ctx.config.keyring, customer.id, input.iin))) {
      await markPasswordReset(tx, input.resetId, 'failed');
      return { ok: false as const, problem: new ProblemError(AuthProblem['login-failed']) };
    }
    await updatePasswordHash(tx, customer.id, passwordHash, now);
    await markPasswordReset(tx, input.resetId, 'done');
    await endSessionsInTx(tx, { customerId: customer.id, sessionIds: 'all', reason: 'password-reset', meta: input.meta, now });
    await revokeAllDevicesInTx(tx, { customerId: customer.id, reason: 'password-reset', meta: input.meta, now });
    await clearFailures(tx, customer.id, { unlock: true });
    await recordAudit(tx, { event: 'password.reset', customerId: customer.id, meta: input.meta, details: {}, occurredAt: now });
    await queueSms(tx, {
      to: customer.phone,
      text: passwordResetNotice(customer.language, ctx.config.officialDomain, ctx.config.contactCenterPhone),
      purpose: 'password-reset',
    });
    return { ok: true as const };
  });
  if (!outcome.ok) throw outcome.problem;
}
