import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { findCustomerById, findCustomerByPhone, maskPhoneForDisplay, normalizePhone } from '../identity/index.js';
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
} from '../sca/index.js';
import { AuthProblem } from './auth.errors.js';
import { describeAgent, newClientNotice } from './auth.messages.js';
import { clearFailures, isPasswordPathLocked, registerFailure } from './lockout.js';
import { insertLoginAttempt, lockLoginAttempt, markLoginAttempt, readLoginAttempt } from './login.repo.js';
import { verifyPassword } from './passwords.js';
import { passwordHashOf } from './passwords.repo.js';
import { createSession, type NewSession, type SessionClient, type SessionMethod } from './sessions.js';
import { clientFirstSeenAt, insertKnownClient } from './sessions.repo.js';
import { clientHash, clientHashCandidates } from './tokens.js';

const LOGIN_ATTEMPT_TTL_MS = 10 * 60_000;

export interface LoginStarted {
  loginId: string;
  maskedPhone: string;
  expiresAt: Date;
  resendAvailableAt: Date;
}

/**
 * Step 1 of login: phone + password. Whatever the outcome, the answer has the same shape and
 * about the same cost (an Argon2 check runs even for an unknown phone); a code is sent only when
 * the password is right and the customer is not locked. A wrong password counts as a failure now
 * and fails, with one message for every factor, at the code step (RTS 4(3)(a)).
 */
export async function startLogin(
  ctx: AppContext,
  input: { login: string; password: string; client: SessionClient; meta: RequestMeta },
): Promise<LoginStarted> {
  const phone = normalizePhone(input.login);
  const now = ctx.clock.now();
  // SECURITY.md 37: the cheap check first. A flood past the hourly caps is refused before it
  // costs an Argon2 computation each; the same for a known and an unknown phone.
  const limit = await checkCodeRateLimit(ctx.db, ctx.config.codeRateLimits, phone ?? NO_PHONE, input.meta.ip, now);
  if (!limit.ok) throw rateLimitProblem();
  const customer = phone ? await findCustomerByPhone(ctx.db, phone) : null;
  const storedHash = customer && customer.status === 'active' ? await passwordHashOf(ctx.db, customer.id) : null;
  // Through the bounded pool: beyond it the 503 problem `password-check-busy`, known phone or not.
  const passwordOk = await verifyPassword(storedHash, input.password);
  const domain = ctx.config.officialDomain;
  return ctx.db.transaction(async (tx) => {
    let sendCode = false;
    if (customer && storedHash) {
      const locked = await isPasswordPathLocked(tx, customer.id, now);
      if (!passwordOk) await registerFailure(tx, ctx, { customer, meta: input.meta, now, factor: 'password' });
      sendCode = passwordOk && !locked;
      await recordAudit(tx, {
        event: 'login.password_checked',
        customerId: customer.id,
        meta: input.meta,
        details: { passwordOk, locked },
        occurredAt: now,
      });
    } else {
      // A login naming nobody is audited too (attack detection), and doing the same kind of
      // writes as the known-phone path keeps the two indistinguishable by time (RTS 4(3)(a)).
      await recordAudit(tx, {
        event: 'login.failed',
        customerId: null,
        meta: input.meta,
        details: { factor: 'password', knownLogin: false },
        occurredAt: now,
      });
      await recordAudit(tx, {
        event: 'login.password_checked',
        customerId: null,
        meta: input.meta,
        details: { passwordOk: false, locked: false },
        occurredAt: now,
      });
    }
    const loginId = newId('lgn');
    const code = await issueCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        purpose: 'login',
        phone: phone ?? NO_PHONE,
        customerId: customer?.id ?? null,
        details: { loginId },
        smsText: sendCode && customer ? codeSmsText({ purpose: 'login' }, customer.language, domain) : null,
        meta: input.meta,
        policy: codePolicy(ctx.config),
      },
    );
    await insertLoginAttempt(tx, {
      id: loginId,
      customerId: customer?.id ?? null,
      passwordOk: passwordOk && sendCode,
      client: input.client,
      challengeId: code.challengeId,
      ip: input.meta.ip,
      now,
      expiresAt: new Date(now.getTime() + LOGIN_ATTEMPT_TTL_MS),
    });
    return {
      loginId,
      maskedPhone: phone ? maskPhoneForDisplay(phone) : '',
      expiresAt: code.expiresAt,
      resendAvailableAt: code.resendAvailableAt,
    };
  });
}

/**
 * A new login code (the SMS did not arrive): the old one stops working; cooldown and hourly caps
 * as for any code. A login whose password was wrong, or whose customer is locked now, gets a new
 * code that goes nowhere, with the same answer.
 */
export async function resendLoginCode(ctx: AppContext, input: { loginId: string; meta: RequestMeta }): Promise<LoginStarted> {
  const now = ctx.clock.now();
  const attempt = await readLoginAttempt(ctx.db, input.loginId);
  const code = attempt ? await challengeState(ctx.db, attempt.challenge_id) : null;
  if (attempt?.status !== 'pending' || !code) throw new ProblemError(AuthProblem['login-failed']);
  const customer = attempt.customer_id && attempt.password_ok ? await findCustomerById(ctx.db, attempt.customer_id) : null;
  const resent = await resendStepCode(
    ctx.db,
    { keyring: ctx.config.keyring, now },
    {
      challengeId: attempt.challenge_id,
      smsText: async (tx) =>
        customer && !(await isPasswordPathLocked(tx, customer.id, now))
          ? codeSmsText({ purpose: 'login' }, customer.language, ctx.config.officialDomain)
          : null,
      limits: ctx.config.codeRateLimits,
      meta: input.meta,
    },
  );
  return {
    loginId: input.loginId,
    maskedPhone: code.phone === NO_PHONE ? '' : maskPhoneForDisplay(code.phone),
    expiresAt: resent.expiresAt,
    resendAvailableAt: resent.resendAvailableAt,
  };
}

export interface LoginSucceeded {
  customerId: string;
  client: SessionClient;
  session: NewSession;
}

/**
 * Step 2: the SMS code. Success needs the right password (step 1), the right code, and no lock.
 * Every failure is counted and committed before the one generic answer goes out.
 */
export async function confirmLogin(
  ctx: AppContext,
  input: { loginId: string; code: string; clientId: string | null; meta: RequestMeta },
): Promise<LoginSucceeded> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<LoginSucceeded | null> => {
    const attempt = await lockLoginAttempt(tx, input.loginId);
    if (attempt?.status !== 'pending' || attempt.expires_at <= now) return null;
    const customer = attempt.customer_id ? await findCustomerById(tx, attempt.customer_id) : null;
    const verified = await verifyCode(
      tx,
      { keyring: ctx.config.keyring, now },
      { challengeId: attempt.challenge_id, code: input.code, purpose: 'login', details: { loginId: attempt.id }, meta: input.meta },
    );
    const fail = async () => {
      if (customer && verified.ok === false && verified.reason !== 'not-pending') {
        await registerFailure(tx, ctx, { customer, meta: input.meta, now, factor: 'code' });
      }
      // A login whose code is spent or void cannot be retried: start again with the password.
      if (verified.ok || verified.reason !== 'invalid') await markLoginAttempt(tx, attempt.id, 'failed');
      return null;
    };
    if (!verified.ok || !customer || !attempt.password_ok || customer.status !== 'active') return fail();
    if (await isPasswordPathLocked(tx, customer.id, now)) return fail();
    await clearFailures(tx, customer.id, { unlock: false });
    await markLoginAttempt(tx, attempt.id, 'succeeded');
    return startSession(tx, ctx, {
      customer,
      client: attempt.client,
      method: 'password_sms',
      deviceId: null,
      clientId: input.clientId,
      meta: input.meta,
      now,
    });
  });
  if (!outcome) throw new ProblemError(AuthProblem['login-failed']);
  return outcome;
}

/**
 * Audits the login and, for a browser or app this customer has not used before, tells them by
 * SMS (SECURITY.md 30): the memo's "avoid other people's computers" made visible.
 */
export async function startSession(
  tx: Tx,
  ctx: AppContext,
  input: {
    customer: { id: string; phone: string; language: Language };
    client: SessionClient;
    method: SessionMethod;
    deviceId: string | null;
    clientId: string | null;
    meta: RequestMeta;
    now: Date;
  },
): Promise<LoginSucceeded> {
  const session = await createSession(tx, ctx, {
    customerId: input.customer.id,
    client: input.client,
    method: input.method,
    deviceId: input.deviceId,
    meta: input.meta,
    now: input.now,
  });
  await afterLogin(tx, ctx, { ...input, sessionId: session.sessionId });
  return { customerId: input.customer.id, client: input.client, session };
}

async function afterLogin(
  tx: Tx,
  ctx: AppContext,
  input: {
    customer: { id: string; phone: string; language: Language };
    method: SessionMethod;
    sessionId: string;
    clientId: string | null;
    meta: RequestMeta;
    now: Date;
  },
): Promise<void> {
  await recordAudit(tx, {
    event: 'login.succeeded',
    customerId: input.customer.id,
    meta: input.meta,
    details: { method: input.method, sessionId: input.sessionId },
    occurredAt: input.now,
  });
  if (!input.clientId) return;
  // SECURITY.md 39: a client seen under any key of the ring is known, so a rotation sends no
  // "new device" notices. Its hash under the current key is added (with the first time it was
  // seen), so it stays known once the older key is removed. Two first logins from one new client
  // at once insert one row: the other conflicts and sends nothing.
  const firstSeenAt = await clientFirstSeenAt(tx, input.customer.id, clientHashCandidates(ctx.config.keyring, input.clientId));
  const inserted = await insertKnownClient(tx, {
    customerId: input.customer.id,
    clientHash: clientHash(ctx.config.keyring, input.clientId),
    firstSeenAt: firstSeenAt ?? input.now,
  });
  if (firstSeenAt !== null || !inserted) return;
  await recordAudit(tx, {
    event: 'login.new_client',
    customerId: input.customer.id,
    meta: input.meta,
    details: { userAgent: input.meta.userAgent },
    occurredAt: input.now,
  });
  await queueSms(tx, {
    to: input.customer.phone,
    text: newClientNotice(
      input.customer.language,
      ctx.config.officialDomain,
      ctx.config.contactCenterPhone,
      describeAgent(input.meta.userAgent),
    ),
    purpose: 'login-new-client',
  });
}

/** Registration proved the phone by code and set the password: both factors, so it ends logged in. */
export async function startSessionAfterRegistration(
  ctx: AppContext,
  input: { customerId: string; client: SessionClient; clientId: string | null; meta: RequestMeta },
): Promise<LoginSucceeded> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const customer = await findCustomerById(tx, input.customerId);
    if (!customer) throw new Error('customer just created is missing');
    return startSession(tx, ctx, {
      customer,
      client: input.client,
      method: 'password_sms',
      deviceId: null,
      clientId: input.clientId,
      meta: input.meta,
      now,
    });
  });
}
