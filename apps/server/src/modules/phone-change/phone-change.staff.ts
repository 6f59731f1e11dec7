import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { maskPhoneForDisplay } from '../../shared/phone.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { codePolicy, issueCode, resendStepCode, verifyFailureProblem } from '../sca/index.js';
import { PhoneChangeProblem } from './phone-change.errors.js';
import { insertPhoneChangeRequest, type PhoneChangeRow, readPhoneChangeRequest } from './phone-change.repo.js';
import {
  checkedNewPhone,
  completePhoneChange,
  isLive,
  newCodeDetails,
  newNumberSmsText,
  PHONE_CHANGE_TTL_MS,
  type PhoneChanged,
  timesOf,
} from './phone-change.shared.js';

/**
 * A change by staff, once the caller is identified (modules/calls: the customer called the
 * contact center and read back its verification code). No code goes to the old number, which may
 * be the lost one; the new number proves itself with its code, which the customer reads to the
 * operator (its SMS says so: the one code the memo lets a customer tell the bank). Everything after
 * is the app's change: the SMS to the old number, the cooling period, and every session ends.
 * Routes come with the back-office screens; whoever calls these has checked the staff member's
 * role and the identified call (staff's requireStaff, calls).
 */

export interface StaffPhoneChangeStarted {
  changeId: string;
  /** The number the code went to, masked. */
  sentTo: string;
  expiresAt: Date;
  resendAvailableAt: Date;
}

function ownedByStaff(staffId: string) {
  return (request: PhoneChangeRow) => request.channel === 'staff' && request.staffId === staffId;
}

/** Sends the code to the new number; a number of another customer gets a notice instead, and the same answer. */
export async function changePhoneByStaff(
  ctx: AppContext,
  input: { customerId: string; newPhone: string; staffId: string; callId?: string; meta: RequestMeta },
): Promise<StaffPhoneChangeStarted> {
  const customer = await findCustomerById(ctx.db, input.customerId);
  if (!customer || customer.status === 'closed') throw new ProblemError(CommonProblem['not-found']);
  const newPhone = checkedNewPhone(input.newPhone, customer.phone);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const request: PhoneChangeRow = {
      id: newId('phc'),
      customerId: customer.id,
      channel: 'staff',
      newPhone,
      sessionId: null,
      staffId: input.staffId,
      callId: input.callId ?? null,
      oldChallengeId: null,
      newChallengeId: null,
      status: 'awaiting_new_code',
      expiresAt: new Date(now.getTime() + PHONE_CHANGE_TTL_MS),
    };
    const code = await issueCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        purpose: 'phone_change_new',
        phone: newPhone,
        customerId: customer.id,
        details: newCodeDetails(request),
        smsText: await newNumberSmsText(tx, ctx, request, customer.language, input.meta, { warnOwner: true }),
        meta: input.meta,
        policy: codePolicy(ctx.config),
        // Counted against the staff member's hourly cap, not the contact center's shared address.
        staffId: input.staffId,
      },
    );
    await insertPhoneChangeRequest(tx, { ...request, newChallengeId: code.challengeId, createdAt: now });
    await recordAudit(tx, {
      event: 'phone_change.started',
      customerId: customer.id,
      meta: input.meta,
      details: { changeId: request.id, channel: 'staff', staffId: input.staffId, ...(input.callId ? { callId: input.callId } : {}) },
      occurredAt: now,
    });
    return { changeId: request.id, sentTo: maskPhoneForDisplay(newPhone), ...timesOf(code) };
  });
}

/** The staff member's own live request, or 404 (another staff member's, or a customer's own, is audited). */
async function staffRequest(ctx: AppContext, input: { changeId: string; staffId: string; meta: RequestMeta }): Promise<PhoneChangeRow> {
  const request = await readPhoneChangeRequest(ctx.db, input.changeId, { forUpdate: false });
  if (request && ownedByStaff(input.staffId)(request)) {
    if (!isLive(request, ctx.clock.now())) throw new ProblemError(PhoneChangeProblem['phone-change-not-found']);
    return request;
  }
  await recordAuditAlone(ctx.db, {
    event: 'access.denied',
    customerId: request?.customerId ?? null,
    meta: input.meta,
    details: { resource: 'phone_change', id: input.changeId, staffId: input.staffId },
    occurredAt: ctx.clock.now(),
  });
  throw new ProblemError(CommonProblem['not-found']);
}

/** The code the customer read out: the number changes, and every session of the customer ends. */
export async function confirmPhoneChangeByStaff(
  ctx: AppContext,
  input: { changeId: string; code: string; staffId: string; meta: RequestMeta },
): Promise<PhoneChanged> {
  const request = await staffRequest(ctx, input);
  return completePhoneChange(ctx, {
    changeId: request.id,
    code: input.code,
    owns: ownedByStaff(input.staffId),
    keepSessionId: null,
    meta: input.meta,
  });
}

/** A new code to the new number (the SMS did not come); cooldown and caps as for any code, per staff member. */
export async function resendPhoneChangeCodeByStaff(
  ctx: AppContext,
  input: { changeId: string; staffId: string; meta: RequestMeta },
): Promise<StaffPhoneChangeStarted> {
  const request = await staffRequest(ctx, input);
  if (!request.newChallengeId) throw verifyFailureProblem({ ok: false, reason: 'not-pending' });
  const customer = await findCustomerById(ctx.db, request.customerId);
  if (!customer) throw new ProblemError(CommonProblem['not-found']);
  const resent = await resendStepCode(
    ctx.db,
    { keyring: ctx.config.keyring, now: ctx.clock.now() },
    {
      challengeId: request.newChallengeId,
      smsText: (tx) => newNumberSmsText(tx, ctx, request, customer.language, input.meta, { warnOwner: false }),
      limits: ctx.config.codeRateLimits,
      meta: input.meta,
      staffId: input.staffId,
    },
  );
  return { changeId: request.id, sentTo: maskPhoneForDisplay(request.newPhone), ...timesOf(resent) };
}
