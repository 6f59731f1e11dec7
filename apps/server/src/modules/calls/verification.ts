import type { AppContext } from '../../context.js';
import { assert } from '../../shared/assert.js';
import type { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import {
  challengeState,
  codePolicy,
  issueFailureProblem,
  NO_PHONE,
  type ResendResult,
  resendCode,
  resendFailureProblem,
  tryIssueCode,
  type VerifyResult,
  verifyCode,
  verifyFailureProblem,
} from '../sca/index.js';
import type { CallFailure } from './calls.errors.js';
import { callFailureProblem } from './calls.errors.js';
import { callVerificationSmsText } from './calls.messages.js';
import { markIdentified, setChallenge } from './calls.repo.js';
import { lockOwnLiveCall } from './calls.service.js';
import { CALL_TRANSITIONS, type CallRecord, type CallStaff } from './calls.types.js';

/**
 * The caller's verification code (issue 13 item 2), a one-time code of sca's with the purpose
 * call_verification bound to the call's id: hashed at rest, 5 minutes, 3 tries, a resend after
 * 60 s, the hourly caps, the text sealed in the outbox. sca checks the purpose on every code, so
 * a call's code never logs in or confirms a transfer, and a login or transfer code never
 * identifies a caller; the call keeps its own challenge id, so a code works on its call only.
 */

/** What "send the code" answers, the same whether or not a customer matched. */
export interface SentCode {
  expiresAt: Date;
  resendAvailableAt: Date;
}

/** The challenge details a call's code is bound to: the call, and nothing a caller can change. */
function callDetails(callId: string): Record<string, unknown> {
  return { callId };
}

type SendStep = { ok: true; code: SentCode } | { ok: false; problem: ProblemError };

function failed(failure: CallFailure): SendStep {
  return { ok: false, problem: callFailureProblem(failure) };
}

function fromResend(result: ResendResult): SendStep {
  return result.ok ? { ok: true, code: result.code } : { ok: false, problem: resendFailureProblem(result) };
}

/**
 * Sends the code to the phone on file of the customer the look-up matched, in their language, or
 * (no match, or several) issues a challenge that no code can pass and sends nothing: the answer
 * is the same 202 either way, and the caller who is nobody simply has no code to read back. A
 * second press within the challenge's life resends it (the earlier code stops working).
 */
export async function sendVerificationCode(ctx: AppContext, staff: CallStaff, callId: string, meta: RequestMeta): Promise<SentCode> {
  const now = ctx.clock.now();
  const deps = { keyring: ctx.config.keyring, now };
  const step = await ctx.db.transaction(async (tx): Promise<SendStep> => {
    const locked = await lockOwnLiveCall(ctx, tx, staff, callId, meta);
    if (!locked.ok) return failed(locked.failure);
    const call = locked.value;
    if (call.direction === 'outbound') return failed('call-outbound-no-code');
    if (call.status !== 'open') return failed('call-already-identified');
    const customer = call.matchedCustomerId ? await findCustomerById(tx, call.matchedCustomerId) : null;
    const smsText = customer ? callVerificationSmsText(customer.language, ctx.config.officialDomain) : null;
    const pending = call.challengeId ? (await challengeState(tx, call.challengeId))?.status === 'pending' : false;
    let sent: SendStep;
    let challengeId: string;
    if (call.challengeId && pending) {
      challengeId = call.challengeId;
      sent = fromResend(
        await resendCode(tx, deps, { challengeId, smsText, limits: ctx.config.codeRateLimits, meta, staffId: staff.staffId }),
      );
    } else {
      const issued = await tryIssueCode(tx, deps, {
        purpose: 'call_verification',
        phone: customer?.phone ?? NO_PHONE,
        customerId: customer?.id ?? null,
        details: callDetails(call.id),
        smsText,
        meta,
        policy: codePolicy(ctx.config),
        staffId: staff.staffId,
      });
      if (!issued.ok) return { ok: false, problem: issueFailureProblem(issued) };
      challengeId = issued.code.challengeId;
      await setChallenge(tx, call.id, challengeId);
      sent = { ok: true, code: issued.code };
    }
    if (!sent.ok) return sent;
    await recordAudit(tx, {
      event: 'call.verification_sent',
      customerId: customer?.id ?? null,
      meta,
      details: { staffId: staff.staffId, callId: call.id, challengeId, resend: pending },
      occurredAt: now,
    });
    return { ok: true, code: { expiresAt: sent.code.expiresAt, resendAvailableAt: sent.code.resendAvailableAt } };
  });
  if (!step.ok) throw step.problem;
  return step.code;
}

type ConfirmStep = { ok: true; call: CallRecord } | { ok: false; problem: ProblemError };

function verifyFailed(result: Exclude<VerifyResult, { ok: true }>): ConfirmStep {
  return { ok: false, problem: verifyFailureProblem(result) };
}

/**
 * The code the caller read back, typed by the staff member. Right: the call is identified with
 * the customer the code went to, and the customer's file opens for this call. Wrong: one of the
 * code's 3 tries is counted and committed (sca.verifyCode), then reported; the third voids it.
 */
export async function confirmVerificationCode(
  ctx: AppContext,
  staff: CallStaff,
  callId: string,
  code: string,
  meta: RequestMeta,
): Promise<CallRecord> {
  const now = ctx.clock.now();
  const step = await ctx.db.transaction(async (tx): Promise<ConfirmStep> => {
    const locked = await lockOwnLiveCall(ctx, tx, staff, callId, meta);
    if (!locked.ok) return { ok: false, problem: callFailureProblem(locked.failure) };
    const call = locked.value;
    if (call.direction === 'outbound') return { ok: false, problem: callFailureProblem('call-outbound-no-code') };
    if (call.status !== 'open') return { ok: false, problem: callFailureProblem('call-already-identified') };
    if (!call.challengeId) return verifyFailed({ ok: false, reason: 'not-pending' });
    const result = await verifyCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        challengeId: call.challengeId,
        code,
        purpose: 'call_verification',
        details: callDetails(call.id),
        meta,
      },
    );
    if (!result.ok) {
      await recordAudit(tx, {
        event: 'call.verification_failed',
        customerId: call.matchedCustomerId,
        meta,
        details: { staffId: staff.staffId, callId: call.id, challengeId: call.challengeId, reason: result.reason },
        occurredAt: now,
      });
      return verifyFailed(result);
    }
    // Only a challenge with a code can pass, and only a matched customer's has one; a new look-up
    // forgets the challenge (calls.repo recordLookup), so the code's customer is the call's match.
    assert(
      result.customerId !== null && result.customerId === call.matchedCustomerId,
      'a call code identifies the customer it was sent to',
    );
    assert(CALL_TRANSITIONS[call.status].includes('identified'), `call ${call.id} is ${call.status}: it cannot be identified`);
    await markIdentified(tx, call.id, { customerId: result.customerId, identifiedBy: 'sms_code', at: now });
    await recordAudit(tx, {
      event: 'call.identified',
      customerId: result.customerId,
      meta,
      details: { staffId: staff.staffId, callId: call.id, by: 'sms_code' },
      occurredAt: now,
    });
    return {
      ok: true,
      call: { ...call, status: 'identified', customerId: result.customerId, identifiedBy: 'sms_code', identifiedAt: now },
    };
  });
  if (!step.ok) throw step.problem;
  return step.call;
}
