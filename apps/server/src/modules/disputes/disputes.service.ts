import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { closeChargeback, openChargeback } from '../acquiring/index.js';
import { holdAuditChain, recordAudit, recordAuditAlone } from '../audit/index.js';
import { accessSnapshotAt } from '../auth/index.js';
import { stripUnsafeCharacters } from '../identity/index.js';
import { viewOperation, visibleOperation } from '../operations/index.js';
import { DisputeProblem } from './disputes.errors.js';
import { notifyStep } from './disputes.notify.js';
import {
  insertEvent,
  insertOrReuseDispute,
  lockDispute,
  selectCustomerDisputes,
  selectDispute,
  selectEvents,
  updateDisputeStep,
} from './disputes.repo.js';
import type { DisputeDetailsView, DisputeView } from './disputes.schemas.js';
import { CUSTOMER_EVENT_KINDS, DISPUTE_TRANSITIONS, type Dispute } from './disputes.types.js';
import { disputeDetailsView, disputeView } from './disputes.views.js';

/** The customer's side of a dispute: report an operation, see one's cases, withdraw one. */

/** A comment is a few sentences for the staff, not a document. */
export const DISPUTE_COMMENT_LENGTH_MAX = 1000;
/** A customer with more cases than this has them listed by the contact center, not on one screen. */
export const CUSTOMER_DISPUTES_LISTED_MAX = 100;
/** Every step of a case is a row; a case has a handful, and this bounds the read. */
export const TIMELINE_EVENTS_MAX = 200;
const DAY_MS = 86_400_000;

function cleanText(text: string | null | undefined, lengthMax: number): string | null {
  const cleaned = text ? stripUnsafeCharacters(text).trim().slice(0, lengthMax) : '';
  return cleaned === '' ? null : cleaned;
}

/**
 * The date the bank answers by: DISPUTE_DUE_DAYS calendar days from the report. The rule asks for
 * business days; until the bank's calendar of holidays exists, calendar days (never later than
 * business days would be).
 */
export function dueDateOf(ctx: AppContext, reportedAt: Date): Date {
  return new Date(reportedAt.getTime() + ctx.config.disputes.dueDays * DAY_MS);
}

/**
 * "This wasn't me" (POST /api/v1/operations/{id}/dispute): opens a case on an operation the
 * customer made or was paid by, with a snapshot of how they were signed in at its time. A second
 * report of the same operation adds its comment to the open case and answers with it.
 */
export async function openDispute(
  ctx: AppContext,
  input: { customerId: string; operationId: string; comment: string | null; meta: RequestMeta },
): Promise<{ disputeId: string; createdAt: string }> {
  const record = await visibleOperation(ctx, input.customerId, input.operationId, input.meta);
  // Read before the transaction: the snapshot reads auth's tables, and nothing here needs them locked.
  const snapshot = await accessSnapshotAt(ctx.db, input.customerId, record.createdAt);
  const now = ctx.clock.now();
  const comment = cleanText(input.comment, DISPUTE_COMMENT_LENGTH_MAX);
  const dispute = await ctx.db.transaction(async (tx) => {
    // The audit chain's lock before the case's row, as every step of a case takes them (disputes.staff.ts onCase).
    await holdAuditChain(tx);
    const { dispute, created } = await insertOrReuseDispute(tx, {
      id: newId('dsp'),
      customerId: input.customerId,
      operationId: record.id,
      comment,
      dueAt: dueDateOf(ctx, now),
      currency: record.currency,
      operationAmountMinor: record.amountMinor,
      accessSnapshot: snapshot,
      now,
    });
    if (created || comment) {
      await insertEvent(tx, {
        disputeId: dispute.id,
        kind: created ? 'opened' : 'commented',
        actor: 'customer',
        staffId: null,
        customerMessage: comment,
        details: {},
        now,
      });
    }
    if (created) {
      await recordAudit(tx, {
        event: 'dispute.opened',
        customerId: input.customerId,
        meta: input.meta,
        details: { disputeId: dispute.id, transferId: record.id },
        occurredAt: now,
      });
      await notifyStep(tx, ctx, dispute, 'opened');
      // A purchase at a merchant Kassa acquires: the merchant's side of the case (acquiring's chargeback).
      await openChargeback(tx, { disputeId: dispute.id, operationId: record.id, caseDueAt: dispute.dueAt, now });
    }
    return dispute;
  });
  return { disputeId: dispute.id, createdAt: dispute.createdAt.toISOString() };
}

export async function listDisputes(ctx: AppContext, customerId: string, meta: RequestMeta): Promise<DisputeView[]> {
  const disputes = await selectCustomerDisputes(ctx.db, customerId, CUSTOMER_DISPUTES_LISTED_MAX);
  return disputes.map((dispute) => disputeView(dispute, meta.language));
}

/** Another customer's case is audited and answered exactly like a case that does not exist. */
async function refuseForeign(ctx: AppContext, customerId: string, disputeId: string, meta: RequestMeta): Promise<never> {
  await recordAuditAlone(ctx.db, {
    event: 'access.denied',
    customerId,
    meta,
    details: { resource: 'dispute', id: disputeId },
    occurredAt: ctx.clock.now(),
  });
  throw new ProblemError(DisputeProblem['dispute-not-found']);
}

export async function getDispute(ctx: AppContext, customerId: string, disputeId: string, meta: RequestMeta): Promise<DisputeDetailsView> {
  const dispute = await selectDispute(ctx.db, disputeId);
  if (!dispute || dispute.customerId !== customerId) return refuseForeign(ctx, customerId, disputeId, meta);
  const [events, operation] = await Promise.all([
    selectEvents(ctx.db, dispute.id, CUSTOMER_EVENT_KINDS, TIMELINE_EVENTS_MAX),
    viewOperation(ctx, customerId, dispute.operationId, meta).catch((error: unknown) => {
      // The operation stays the customer's for good; if it ever is not, the case still shows.
      if (error instanceof ProblemError) return null;
      throw error;
    }),
  ]);
  return disputeDetailsView(dispute, events, operation, meta.language);
}

/** The customer takes their report back while it is open (new or investigating). */
export async function withdrawDispute(
  ctx: AppContext,
  customerId: string,
  disputeId: string,
  meta: RequestMeta,
): Promise<DisputeDetailsView> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<'foreign' | 'refused' | Dispute> => {
    await holdAuditChain(tx);
    const dispute = await lockDispute(tx, disputeId);
    if (!dispute || dispute.customerId !== customerId) return 'foreign';
    if (!DISPUTE_TRANSITIONS[dispute.status].includes('withdrawn')) return 'refused';
    const moved = await updateDisputeStep(tx, {
      id: dispute.id,
      to: 'withdrawn',
      ownerStaffId: null,
      refundAmountMinor: null,
      refundOperationId: null,
      rejectReason: null,
      closed: true,
      now,
    });
    if (!moved) return 'refused';
    await closeChargeback(tx, { disputeId: dispute.id, outcome: { to: 'withdrawn' }, now });
    await insertEvent(tx, {
      disputeId: dispute.id,
      kind: 'withdrawn',
      actor: 'customer',
      staffId: null,
      customerMessage: null,
      details: {},
      now,
    });
    await recordAudit(tx, { event: 'dispute.withdrawn', customerId, meta, details: { disputeId: dispute.id }, occurredAt: now });
    const withdrawn: Dispute = { ...dispute, status: 'withdrawn', closedAt: now, updatedAt: now };
    await notifyStep(tx, ctx, withdrawn, 'withdrawn');
    return withdrawn;
  });
  if (outcome === 'foreign') return refuseForeign(ctx, customerId, disputeId, meta);
  if (outcome === 'refused') throw new ProblemError(DisputeProblem['dispute-step-refused']);
  return getDispute(ctx, customerId, outcome.id, meta);
}
