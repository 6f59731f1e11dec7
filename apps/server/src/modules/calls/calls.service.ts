import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import { normalizePhone } from '../../shared/phone.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { voidCode } from '../sca/index.js';
import { type CallFailure, CallProblem, callFailureProblem } from './calls.errors.js';
import { staffGivenName } from './calls.messages.js';
import {
  insertCall,
  latestLiveCallWithCustomer,
  listLiveCallsOfStaff,
  lockCall,
  lockStaffCalls,
  markClosed,
  readCall,
} from './calls.repo.js';
import {
  CALL_TRANSITIONS,
  CALLS_LISTED_MAX,
  type CallChannel,
  type CallDirection,
  type CallRecord,
  type CallStaff,
  type CloseReason,
  isLive,
  OPEN_CALLS_PER_STAFF_MAX,
  overdueBefore,
} from './calls.types.js';

/**
 * The life of a call record: opened by the staff member who takes it, closed by them or by the
 * clock (CALL_DURATION_MAX_MINUTES). The look-up and the verification code are in lookup.ts and
 * verification.ts, the customer file in customer-file.ts; each changes a call under its row lock.
 */

/** A step on one call: the call as it is after the step, or the failure to report once the step's writes are committed. */
export type CallStep<T = CallRecord> = { ok: true; value: T } | { ok: false; failure: CallFailure };

/** Throws a failed step's problem, after its transaction committed (a timed-out close stays closed). */
export function unwrapStep<T>(step: CallStep<T>): T {
  if (!step.ok) throw callFailureProblem(step.failure);
  return step.value;
}

/**
 * Ends a call in the caller's transaction, which holds its row lock: the verification code dies
 * with it (it "ends with the call"), and the customer file it opened closes with it, as every
 * file access asks for a live call.
 */
export async function closeCallInTx(
  tx: Tx,
  call: CallRecord,
  closing: { reason: CloseReason; staffId: string; now: Date; meta: RequestMeta },
): Promise<CallRecord> {
  assert(CALL_TRANSITIONS[call.status].includes('closed'), `call ${call.id} is ${call.status}: it cannot be closed`);
  await markClosed(tx, call.id, { reason: closing.reason, at: closing.now });
  if (call.challengeId)
    await voidCode(tx, { now: closing.now }, { challengeId: call.challengeId, reason: 'call-closed', meta: closing.meta });
  await recordAudit(tx, {
    event: 'call.closed',
    customerId: call.customerId,
    meta: closing.meta,
    details: { staffId: closing.staffId, callId: call.id, reason: closing.reason },
    occurredAt: closing.now,
  });
  return { ...call, status: 'closed', closeReason: closing.reason, closedAt: closing.now };
}

/**
 * The staff member's own call under its row lock. Another staff member's call is not found: a
 * call is worked by the one who took it. A call past the maximum duration is closed here, as timed
 * out, and reported closed; the caller commits that close before it reports the failure.
 */
export async function lockOwnLiveCall(ctx: AppContext, tx: Tx, staff: CallStaff, callId: string, meta: RequestMeta): Promise<CallStep> {
  const call = await lockCall(tx, callId);
  if (!call || call.staffId !== staff.staffId) return { ok: false, failure: 'call-not-found' };
  if (call.status === 'closed') return { ok: false, failure: 'call-closed' };
  const now = ctx.clock.now();
  if (!isLive(call, now, ctx.config.callDurationMaxMinutes)) {
    await closeCallInTx(tx, call, { reason: 'timed-out', staffId: staff.staffId, now, meta });
    return { ok: false, failure: 'call-closed' };
  }
  return { ok: true, value: call };
}

async function openCall(
  ctx: AppContext,
  staff: CallStaff,
  call: Omit<
    CallRecord,
    'id' | 'staffId' | 'staffDisplayName' | 'lookups' | 'challengeId' | 'startedAt' | 'identifiedAt' | 'closedAt' | 'closeReason'
  >,
  meta: RequestMeta,
): Promise<CallRecord> {
  const now = ctx.clock.now();
  const record: CallRecord = {
    ...call,
    id: newId('call'),
    staffId: staff.staffId,
    staffDisplayName: staff.displayName,
    lookups: 0,
    challengeId: null,
    startedAt: now,
    // An outbound call is identified (by the officer) the moment it is registered.
    identifiedAt: call.identifiedBy ? now : null,
    closedAt: null,
    closeReason: null,
  };
  const step = await ctx.db.transaction(async (tx): Promise<CallStep> => {
    // The cap is checked and taken in one step: openings by one staff member run one at a time.
    await lockStaffCalls(tx, staff.staffId);
    const live = await listLiveCallsOfStaff(
      tx,
      staff.staffId,
      overdueBefore(now, ctx.config.callDurationMaxMinutes),
      OPEN_CALLS_PER_STAFF_MAX,
    );
    if (live.length >= OPEN_CALLS_PER_STAFF_MAX) return { ok: false, failure: 'call-limit-reached' };
    await insertCall(tx, record);
    await recordAudit(tx, {
      event: 'call.opened',
      customerId: record.customerId,
      meta,
      details: {
        staffId: staff.staffId,
        callId: record.id,
        direction: record.direction,
        channel: record.channel,
        ...(record.outboundReason ? { reason: record.outboundReason } : {}),
      },
      occurredAt: now,
    });
    return { ok: true, value: record };
  });
  return unwrapStep(step);
}

/** An inbound call (or chat, or a visit to a branch): the number the caller gives, if any. Nobody is identified yet. */
export async function openInboundCall(
  ctx: AppContext,
  staff: CallStaff,
  input: { channel: CallChannel; callerPhone: string | null },
  meta: RequestMeta,
): Promise<CallRecord> {
  const callerPhone = input.callerPhone === null ? null : normalizePhone(input.callerPhone);
  if (input.callerPhone !== null && callerPhone === null) throw new ProblemError(CallProblem['call-phone-invalid']);
  return openCall(
    ctx,
    staff,
    {
      direction: 'inbound',
      channel: input.channel,
      callerPhone,
      status: 'open',
      identifiedBy: null,
      matchedCustomerId: null,
      customerId: null,
      outboundReason: null,
    },
    meta,
  );
}

/**
 * A call the bank makes to a customer it chose (from a case: a dispute, an incident), registered
 * so that the customer can check it in "Is Kassa calling me?" while it lasts. It is identified by
 * the officer, not by a code: the bank never asks a customer it calls for a code (the security
 * memo), and a customer taught to read codes to callers is a customer fraudsters can rob. The
 * number dialled is the one on file, never one a caller gave.
 */
export async function openOutboundCall(
  ctx: AppContext,
  staff: CallStaff,
  input: { customerId: string; reason: string },
  meta: RequestMeta,
): Promise<CallRecord> {
  const customer = await findCustomerById(ctx.db, input.customerId);
  if (!customer || customer.status === 'closed') throw callFailureProblem('call-customer-not-found');
  return openCall(
    ctx,
    staff,
    {
      direction: 'outbound',
      channel: 'phone',
      callerPhone: customer.phone,
      status: 'identified',
      identifiedBy: 'officer',
      matchedCustomerId: customer.id,
      customerId: customer.id,
      outboundReason: input.reason,
    },
    meta,
  );
}

/** The staff member's call as it is now; one past the maximum duration is closed first. */
export async function getCall(ctx: AppContext, staff: CallStaff, callId: string, meta: RequestMeta): Promise<CallRecord> {
  const call = await readCall(ctx.db, callId);
  if (!call || call.staffId !== staff.staffId) throw callFailureProblem('call-not-found');
  if (call.status === 'closed' || isLive(call, ctx.clock.now(), ctx.config.callDurationMaxMinutes)) return call;
  return closeCall(ctx, staff, callId, meta);
}

/** The staff member's calls not closed, newest first. */
export async function listOwnCalls(ctx: AppContext, staff: CallStaff): Promise<CallRecord[]> {
  return listLiveCallsOfStaff(ctx.db, staff.staffId, overdueBefore(ctx.clock.now(), ctx.config.callDurationMaxMinutes), CALLS_LISTED_MAX);
}

/** Closes the staff member's call (again: a closed call is answered as it is). */
export async function closeCall(ctx: AppContext, staff: CallStaff, callId: string, meta: RequestMeta): Promise<CallRecord> {
  const step = await ctx.db.transaction(async (tx): Promise<CallStep> => {
    const call = await lockCall(tx, callId);
    if (!call || call.staffId !== staff.staffId) return { ok: false, failure: 'call-not-found' };
    if (call.status === 'closed') return { ok: true, value: call };
    const now = ctx.clock.now();
    const reason = isLive(call, now, ctx.config.callDurationMaxMinutes) ? 'closed' : 'timed-out';
    return { ok: true, value: await closeCallInTx(tx, call, { reason, staffId: staff.staffId, now, meta }) };
  });
  return unwrapStep(step);
}

export type ActiveCall = { active: false } | { active: true; staffName: string; startedAt: Date; direction: CallDirection };

/**
 * "Is Kassa calling me?" (issue 13 item 3): whether a staff member is on a call with this customer
 * now, identified by the code (inbound) or registered by the officer (outbound). A call whose
 * caller is not identified yet says nothing: someone may be calling the bank in the customer's
 * name, and the customer must not see "Kassa is calling" for that.
 */
export async function activeCallFor(ctx: AppContext, customerId: string): Promise<ActiveCall> {
  const call = await latestLiveCallWithCustomer(ctx.db, customerId, overdueBefore(ctx.clock.now(), ctx.config.callDurationMaxMinutes));
  if (!call) return { active: false };
  return { active: true, staffName: staffGivenName(call.staffDisplayName), startedAt: call.startedAt, direction: call.direction };
}
