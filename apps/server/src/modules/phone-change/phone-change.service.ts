import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { maskPhoneForDisplay } from '../../shared/phone.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { ActiveSession } from '../../shared/request-auth.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { confirmCurrentPassword } from '../auth/index.js';
import { type Customer, findCustomerById } from '../identity/index.js';
import { codePolicy, issueCode, resendStepCode, verifyCode, verifyFailureProblem } from '../sca/index.js';
import { PhoneChangeProblem } from './phone-change.errors.js';
import {
  insertPhoneChangeRequest,
  markAwaitingNewCode,
  markFailed,
  type PhoneChangeRow,
  readPhoneChangeRequest,
} from './phone-change.repo.js';
import {
  checkedNewPhone,
  completePhoneChange,
  isLive,
  newCodeDetails,
  newNumberSmsText,
  oldCodeDetails,
  oldCodeSms,
  PHONE_CHANGE_TTL_MS,
  type PhoneChanged,
  timesOf,
} from './phone-change.shared.js';

/**
 * The customer changes the number from the app (issue 13 item 5; NIST 800-63B 5.1.3.3: a new
 * number is the binding of a new authenticator, 6.1.2.1: at the level it will serve):
 *   1. the new number and the password (it counts towards the login lock) -> a code to the OLD
 *      number, bound to this change and the new number;
 *   2. that code -> a code to the NEW number, bound to this change, the customer and the number;
 *   3. that code -> the number changes, in one transaction with everything that follows it.
 * Only the session that started a change may go on with it; another's is not found (404, audited).
 */

export type PhoneChangeStepName = 'old-code' | 'new-code';

export interface PhoneChangeStep {
  changeId: string;
  step: PhoneChangeStepName;
  /** The number the code went to, masked as the profile shows it. */
  sentTo: string;
  expiresAt: Date;
  resendAvailableAt: Date;
}

async function signedInCustomer(ctx: AppContext, session: ActiveSession): Promise<Customer> {
  const customer = await findCustomerById(ctx.db, session.customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  return customer;
}

function ownedBy(session: ActiveSession) {
  return (request: PhoneChangeRow) =>
    request.channel === 'app' && request.customerId === session.customerId && request.sessionId === session.sessionId;
}

/** The request of this session, or 404 (another customer's or another session's, audited as SECURITY.md 23 asks). */
async function ownRequest(ctx: AppContext, session: ActiveSession, changeId: string, meta: RequestMeta): Promise<PhoneChangeRow> {
  const request = await readPhoneChangeRequest(ctx.db, changeId, { forUpdate: false });
  if (request && ownedBy(session)(request)) {
    if (!isLive(request, ctx.clock.now())) throw new ProblemError(PhoneChangeProblem['phone-change-not-found']);
    return request;
  }
  await recordAuditAlone(ctx.db, {
    event: 'access.denied',
    customerId: session.customerId,
    meta,
    details: { resource: 'phone_change', id: changeId },
    occurredAt: ctx.clock.now(),
  });
  throw new ProblemError(CommonProblem['not-found']);
}

/** Step 1: the new number's checks, then the password (Argon2, after the cheap checks: SECURITY.md 37), then the old number's code. */
export async function startPhoneChange(
  ctx: AppContext,
  session: ActiveSession,
  input: { newPhone: string; password: string; meta: RequestMeta },
): Promise<PhoneChangeStep> {
  const customer = await signedInCustomer(ctx, session);
  const newPhone = checkedNewPhone(input.newPhone, customer.phone);
  await confirmCurrentPassword(ctx, customer, { password: input.password, purpose: 'phone-change', meta: input.meta });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const changeId = newId('phc');
    const code = await issueCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        purpose: 'phone_change_old',
        phone: customer.phone,
        customerId: customer.id,
        details: oldCodeDetails({ id: changeId, newPhone }),
        smsText: oldCodeSms(newPhone, customer.language, ctx.config.officialDomain),
        meta: input.meta,
        policy: codePolicy(ctx.config),
      },
    );
    await insertPhoneChangeRequest(tx, {
      id: changeId,
      customerId: customer.id,
      channel: 'app',
      newPhone,
      sessionId: session.sessionId,
      staffId: null,
      callId: null,
      oldChallengeId: code.challengeId,
      newChallengeId: null,
      status: 'awaiting_old_code',
      createdAt: now,
      expiresAt: new Date(now.getTime() + PHONE_CHANGE_TTL_MS),
    });
    await recordAudit(tx, {
      event: 'phone_change.started',
      customerId: customer.id,
      meta: input.meta,
      details: { changeId, channel: 'app' },
      occurredAt: now,
    });
    const step: PhoneChangeStep = { changeId, step: 'old-code', sentTo: maskPhoneForDisplay(customer.phone), ...timesOf(code) };
    return step;
  });
}

/**
 * Step 2: the old number's code, then the new number's code, in one transaction: a refusal to
 * issue the second (its hourly cap) rolls the first back, so the customer can try again later.
 */
export async function confirmOldNumberCode(
  ctx: AppContext,
  session: ActiveSession,
  input: { changeId: string; code: string; meta: RequestMeta },
): Promise<PhoneChangeStep> {
  const request = await ownRequest(ctx, session, input.changeId, input.meta);
  if (request.status !== 'awaiting_old_code') throw verifyFailureProblem({ ok: false, reason: 'not-pending' });
  const customer = await signedInCustomer(ctx, session);
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const locked = await readPhoneChangeRequest(tx, request.id, { forUpdate: true });
    if (!locked || !isLive(locked, now) || locked.status !== 'awaiting_old_code' || !locked.oldChallengeId)
      return { ok: false as const, problem: verifyFailureProblem({ ok: false, reason: 'not-pending' }) };
    const verified = await verifyCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        challengeId: locked.oldChallengeId,
        code: input.code,
        purpose: 'phone_change_old',
        details: oldCodeDetails(locked),
        meta: input.meta,
      },
    );
    if (!verified.ok) {
      if (verified.reason !== 'invalid') await markFailed(tx, locked.id);
      return { ok: false as const, problem: verifyFailureProblem(verified) };
    }
    const code = await issueCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        purpose: 'phone_change_new',
        phone: locked.newPhone,
        customerId: locked.customerId,
        details: newCodeDetails(locked),
        smsText: await newNumberSmsText(tx, ctx, locked, customer.language, input.meta, { warnOwner: true }),
        meta: input.meta,
        policy: codePolicy(ctx.config),
      },
    );
    await markAwaitingNewCode(tx, locked.id, code.challengeId);
    const step: PhoneChangeStep = { changeId: locked.id, step: 'new-code', sentTo: maskPhoneForDisplay(locked.newPhone), ...timesOf(code) };
    return { ok: true as const, step };
  });
  if (!outcome.ok) throw outcome.problem;
  return outcome.step;
}

/** Step 3: the new number's code; the number changes, this session stays, every other one ends. */
export async function confirmNewNumberCode(
  ctx: AppContext,
  session: ActiveSession,
  input: { changeId: string; code: string; meta: RequestMeta },
): Promise<PhoneChanged> {
  const request = await ownRequest(ctx, session, input.changeId, input.meta);
  // Each code alone changes nothing: the new number's is asked only after the old number's.
  if (request.status === 'awaiting_old_code') throw new ProblemError(PhoneChangeProblem['phone-change-old-code-first']);
  return completePhoneChange(ctx, {
    changeId: request.id,
    code: input.code,
    owns: ownedBy(session),
    keepSessionId: session.sessionId,
    meta: input.meta,
  });
}

/** A new code for the step the change is at (the SMS did not come): the earlier one stops working; cooldown and caps as for any code. */
export async function resendPhoneChangeCode(
  ctx: AppContext,
  session: ActiveSession,
  input: { changeId: string; meta: RequestMeta },
): Promise<PhoneChangeStep> {
  const request = await ownRequest(ctx, session, input.changeId, input.meta);
  const customer = await signedInCustomer(ctx, session);
  const now = ctx.clock.now();
  const atOld = request.status === 'awaiting_old_code';
  const challengeId = atOld ? request.oldChallengeId : request.newChallengeId;
  if (!challengeId) throw verifyFailureProblem({ ok: false, reason: 'not-pending' });
  const resent = await resendStepCode(
    ctx.db,
    { keyring: ctx.config.keyring, now },
    {
      challengeId,
      // A taken new number gets no code again, and its owner no second notice.
      smsText: (tx) =>
        atOld
          ? Promise.resolve(oldCodeSms(request.newPhone, customer.language, ctx.config.officialDomain))
          : newNumberSmsText(tx, ctx, request, customer.language, input.meta, { warnOwner: false }),
      limits: ctx.config.codeRateLimits,
      meta: input.meta,
    },
  );
  return {
    changeId: request.id,
    step: atOld ? 'old-code' : 'new-code',
    sentTo: maskPhoneForDisplay(atOld ? customer.phone : request.newPhone),
    ...timesOf(resent),
  };
}
