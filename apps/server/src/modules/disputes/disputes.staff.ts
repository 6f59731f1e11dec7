import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { chargebackOfDispute, closeChargeback } from '../acquiring/index.js';
import { holdAuditChain, recordAudit } from '../audit/index.js';
import { findCustomerById, stripUnsafeCharacters } from '../identity/index.js';
import { operationRecord } from '../operations/index.js';
import { findStaffById, type StaffPrincipal, staffRefsOf } from '../staff/index.js';
import { DisputeProblem } from './disputes.errors.js';
import { notifyStep } from './disputes.notify.js';
import {
  insertEvent,
  insertNote,
  lockDispute,
  type StepUpdate,
  selectDispute,
  selectEvents,
  selectNotes,
  selectQueue,
  updateDisputeStep,
  updateOwner,
} from './disputes.repo.js';
import { CUSTOMER_MESSAGE_LENGTH_MAX, NOTE_LENGTH_MAX, type StaffDisputeDetails, type StaffDisputeSummary } from './disputes.schemas.js';
import { TIMELINE_EVENTS_MAX } from './disputes.service.js';
import { DISPUTE_EVENT_KINDS, DISPUTE_TRANSITIONS, type Dispute, type DisputeStatus, type RejectReason } from './disputes.types.js';
import { staffDetails, staffSummary } from './disputes.views.js';

/**
 * The staff's side of a dispute (guarded by requireStaff(ctx, 'disputes.work')): the queue, one
 * case, and its steps. Each step locks the case first, checks the state machine, writes the
 * step, its timeline entry, its audit row (details.staffId) and the customer's notice in one
 * transaction.
 */

export const NOTES_SHOWN_MAX = 200;

async function ownerNames(ctx: AppContext, disputes: readonly Dispute[]): Promise<Map<string, string>> {
  const ids = [...new Set(disputes.flatMap((dispute) => (dispute.ownerStaffId ? [dispute.ownerStaffId] : [])))];
  const staff = await Promise.all(ids.map((id) => findStaffById(ctx.db, id)));
  return new Map(staff.flatMap((member) => (member ? [[member.id, member.displayName] as const] : [])));
}

export interface QueueInput {
  status: DisputeStatus | null;
  ownerStaffId: string | null;
  customerId: string | null;
  overdue: boolean;
  cursor: string | null;
  limit: number;
}

function encodeCursor(dispute: Dispute): string {
  return Buffer.from(`${dispute.dueAt.toISOString()}|${dispute.id}`).toString('base64url');
}

function decodeCursor(cursor: string | null): { dueAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const dueAt = new Date(at ?? '');
  return id && !Number.isNaN(dueAt.getTime()) ? { dueAt, id } : null;
}

/** The queue: open cases by default, the one due first on top. */
export async function disputeQueue(
  ctx: AppContext,
  input: QueueInput,
): Promise<{ items: StaffDisputeSummary[]; nextCursor: string | null }> {
  const now = ctx.clock.now();
  const rows = await selectQueue(ctx.db, {
    status: input.status,
    ownerStaffId: input.ownerStaffId,
    customerId: input.customerId,
    dueBefore: input.overdue ? now : null,
    after: decodeCursor(input.cursor),
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const owners = await ownerNames(ctx, page);
  const last = page[page.length - 1];
  return {
    items: page.map((dispute) => staffSummary(dispute, owners, now)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
  };
}

/** One case with everything the investigation needs; each view is audited with who looked. */
export async function staffDispute(
  ctx: AppContext,
  staff: StaffPrincipal,
  disputeId: string,
  meta: RequestMeta,
): Promise<StaffDisputeDetails> {
  const dispute = await selectDispute(ctx.db, disputeId);
  if (!dispute) throw new ProblemError(DisputeProblem['dispute-not-found']);
  await ctx.db.transaction((tx) =>
    recordAudit(tx, {
      event: 'dispute.viewed',
      customerId: dispute.customerId,
      meta,
      details: { staffId: staff.staffId, disputeId: dispute.id },
      occurredAt: ctx.clock.now(),
    }),
  );
  return caseDetails(ctx, dispute);
}

export async function caseDetails(ctx: AppContext, dispute: Dispute): Promise<StaffDisputeDetails> {
  const now = ctx.clock.now();
  const [customer, operation, events, notes, owners, chargeback] = await Promise.all([
    findCustomerById(ctx.db, dispute.customerId),
    operationRecord(ctx.db, dispute.operationId),
    selectEvents(ctx.db, dispute.id, DISPUTE_EVENT_KINDS, TIMELINE_EVENTS_MAX),
    selectNotes(ctx.db, dispute.id, NOTES_SHOWN_MAX),
    ownerNames(ctx, [dispute]),
    chargebackOfDispute(ctx.db, dispute.id),
  ]);
  const staff = await staffRefsOf(ctx.db, [
    ...events.flatMap((event) => (event.staffId ? [event.staffId] : [])),
    ...notes.map((note) => note.staffId),
  ]);
  return staffDetails(dispute, {
    owners,
    now,
    customer,
    operation,
    events,
    notes,
    staff,
    chargeback,
    refundApprovalThresholdMinor: ctx.config.disputes.refundApprovalThresholdMinor,
  });
}

export type StepWork = (tx: Tx, dispute: Dispute, now: Date) => Promise<void>;

/**
 * Locks the case, runs one step on it (which audits itself), and answers with the case as the
 * step left it. The audit chain's lock comes first, as every writer takes it (audit holdAuditChain;
 * an approval's decision holds it when its executor locks the case), then the case's.
 */
export async function onCase(ctx: AppContext, disputeId: string, work: StepWork): Promise<StaffDisputeDetails> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await holdAuditChain(tx);
    const dispute = await lockDispute(tx, disputeId);
    if (!dispute) throw new ProblemError(DisputeProblem['dispute-not-found']);
    await work(tx, dispute, now);
  });
  const after = await selectDispute(ctx.db, disputeId);
  if (!after) throw new ProblemError(DisputeProblem['dispute-not-found']);
  return caseDetails(ctx, after);
}

export function cleanMessage(text: string | undefined, lengthMax: number): string | null {
  const cleaned = text ? stripUnsafeCharacters(text).trim().slice(0, lengthMax) : '';
  return cleaned === '' ? null : cleaned;
}

/** Moves the case to `to`, or refuses a step the state machine does not have from where it is. */
export async function step(tx: Tx, dispute: Dispute, update: Omit<StepUpdate, 'id' | 'closed'>): Promise<void> {
  if (!DISPUTE_TRANSITIONS[dispute.status].includes(update.to)) throw new ProblemError(DisputeProblem['dispute-step-refused']);
  const moved = await updateDisputeStep(tx, { ...update, id: dispute.id, closed: DISPUTE_TRANSITIONS[update.to].length === 0 });
  if (!moved) throw new ProblemError(DisputeProblem['dispute-step-refused']);
}

/** Gives an open case an owner: the staff member named, who must be active, or the one asking. */
export function assignDispute(
  ctx: AppContext,
  staff: StaffPrincipal,
  disputeId: string,
  input: { staffId: string | null },
  meta: RequestMeta,
): Promise<StaffDisputeDetails> {
  return onCase(ctx, disputeId, async (tx, dispute, now) => {
    const ownerId = input.staffId ?? staff.staffId;
    const owner = ownerId === staff.staffId ? { status: 'active' } : await findStaffById(tx, ownerId);
    if (owner?.status !== 'active') throw new ProblemError(DisputeProblem['dispute-assignee-unknown']);
    if (!(await updateOwner(tx, { id: dispute.id, ownerStaffId: ownerId, now })))
      throw new ProblemError(DisputeProblem['dispute-step-refused']);
    await insertEvent(tx, {
      disputeId: dispute.id,
      kind: 'assigned',
      actor: 'staff',
      staffId: staff.staffId,
      customerMessage: null,
      details: { ownerStaffId: ownerId },
      now,
    });
    await recordAudit(tx, {
      event: 'dispute.assigned',
      customerId: dispute.customerId,
      meta,
      details: { staffId: staff.staffId, disputeId: dispute.id, ownerStaffId: ownerId },
      occurredAt: now,
    });
  });
}

/** new → investigating; the case is the investigator's if nobody owned it. */
export function investigateDispute(
  ctx: AppContext,
  staff: StaffPrincipal,
  disputeId: string,
  input: { customerMessage?: string },
  meta: RequestMeta,
): Promise<StaffDisputeDetails> {
  return onCase(ctx, disputeId, async (tx, dispute, now) => {
    await step(tx, dispute, {
      to: 'investigating',
      ownerStaffId: dispute.ownerStaffId ?? staff.staffId,
      refundAmountMinor: null,
      refundOperationId: null,
      rejectReason: null,
      now,
    });
    const customerMessage = cleanMessage(input.customerMessage, CUSTOMER_MESSAGE_LENGTH_MAX);
    await insertEvent(tx, {
      disputeId: dispute.id,
      kind: 'investigating',
      actor: 'staff',
      staffId: staff.staffId,
      customerMessage,
      details: {},
      now,
    });
    await recordAudit(tx, {
      event: 'dispute.investigating',
      customerId: dispute.customerId,
      meta,
      details: { staffId: staff.staffId, disputeId: dispute.id },
      occurredAt: now,
    });
    await notifyStep(tx, ctx, { ...dispute, status: 'investigating' }, 'investigating');
  });
}

/** A staff note: for the staff only, on an open or a closed case. */
export function addDisputeNote(
  ctx: AppContext,
  staff: StaffPrincipal,
  disputeId: string,
  input: { text: string },
  meta: RequestMeta,
): Promise<StaffDisputeDetails> {
  return onCase(ctx, disputeId, async (tx, dispute, now) => {
    const text = cleanMessage(input.text, NOTE_LENGTH_MAX);
    if (!text) throw new ProblemError(DisputeProblem['dispute-note-empty']);
    await insertNote(tx, { id: newId('dnt'), disputeId: dispute.id, staffId: staff.staffId, text, createdAt: now });
    // The audit row says a note was written, not what it says: the note is the case's.
    await recordAudit(tx, {
      event: 'dispute.note_added',
      customerId: dispute.customerId,
      meta,
      details: { staffId: staff.staffId, disputeId: dispute.id },
      occurredAt: now,
    });
  });
}

/** investigating → rejected, with a reason the customer reads; `other` needs the staff member's own words. */
export function rejectDispute(
  ctx: AppContext,
  staff: StaffPrincipal,
  disputeId: string,
  input: { reason: RejectReason; customerMessage?: string },
  meta: RequestMeta,
): Promise<StaffDisputeDetails> {
  return onCase(ctx, disputeId, async (tx, dispute, now) => {
    const customerMessage = cleanMessage(input.customerMessage, CUSTOMER_MESSAGE_LENGTH_MAX);
    if (input.reason === 'other' && !customerMessage) throw new ProblemError(DisputeProblem['dispute-message-required']);
    await step(tx, dispute, {
      to: 'rejected',
      ownerStaffId: dispute.ownerStaffId ?? staff.staffId,
      refundAmountMinor: null,
      refundOperationId: null,
      rejectReason: input.reason,
      now,
    });
    // The bank found for the merchant: its chargeback is won, nothing moves.
    await closeChargeback(tx, { disputeId: dispute.id, outcome: { to: 'won' }, now });
    await insertEvent(tx, {
      disputeId: dispute.id,
      kind: 'rejected',
      actor: 'staff',
      staffId: staff.staffId,
      customerMessage,
      details: { reason: input.reason },
      now,
    });
    await recordAudit(tx, {
      event: 'dispute.rejected',
      customerId: dispute.customerId,
      meta,
      details: { staffId: staff.staffId, disputeId: dispute.id, reason: input.reason },
      occurredAt: now,
    });
    await notifyStep(tx, ctx, { ...dispute, status: 'rejected', rejectReason: input.reason }, 'rejected');
  });
}
