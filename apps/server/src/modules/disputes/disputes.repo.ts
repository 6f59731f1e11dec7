import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { AccessSnapshot } from '../auth/index.js';
import type { Currency } from '../ledger/index.js';
import {
  type Dispute,
  type DisputeEvent,
  type DisputeEventKind,
  type DisputeNote,
  type DisputeStatus,
  type RejectReason,
  statesBefore,
} from './disputes.types.js';

/** All SQL of the disputes tables (migration 0022). The column list of each is written once, here. */

const COLUMNS = `id, customer_id, operation_id, status, comment, owner_staff_id, due_at, currency, operation_amount_minor,
  refund_amount_minor, refund_operation_id, reject_reason, access_snapshot, created_at, updated_at, closed_at`;

interface DisputeRow {
  id: string;
  customer_id: string;
  operation_id: string;
  status: DisputeStatus;
  comment: string | null;
  owner_staff_id: string | null;
  due_at: Date;
  currency: Currency;
  operation_amount_minor: bigint;
  refund_amount_minor: bigint | null;
  refund_operation_id: string | null;
  reject_reason: RejectReason | null;
  access_snapshot: AccessSnapshot | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

function toDispute(row: DisputeRow): Dispute {
  return {
    id: row.id,
    customerId: row.customer_id,
    operationId: row.operation_id,
    status: row.status,
    comment: row.comment,
    ownerStaffId: row.owner_staff_id,
    dueAt: row.due_at,
    currency: row.currency,
    operationAmountMinor: BigInt(row.operation_amount_minor),
    refundAmountMinor: row.refund_amount_minor === null ? null : BigInt(row.refund_amount_minor),
    refundOperationId: row.refund_operation_id,
    rejectReason: row.reject_reason,
    accessSnapshot: row.access_snapshot,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

export interface NewDispute {
  id: string;
  customerId: string;
  operationId: string;
  comment: string | null;
  dueAt: Date;
  currency: Currency;
  operationAmountMinor: bigint;
  accessSnapshot: AccessSnapshot;
  now: Date;
}

/**
 * One case per customer and operation while it is not withdrawn: a second report of the same
 * operation adds its comment to the case there is (and `created` is false).
 */
export async function insertOrReuseDispute(tx: Tx, input: NewDispute): Promise<{ dispute: Dispute; created: boolean }> {
  const { rows } = await tx.query<DisputeRow & { created: boolean }>(
    `INSERT INTO disputes (id, customer_id, operation_id, status, comment, due_at, currency, operation_amount_minor, access_snapshot,
       created_at, updated_at)
     VALUES ($1, $2, $3, 'new', $4, $5, $6, $7, $8, $9, $9)
     ON CONFLICT (customer_id, operation_id) WHERE status <> 'withdrawn'
     DO UPDATE SET comment = coalesce(EXCLUDED.comment, disputes.comment),
       updated_at = CASE WHEN EXCLUDED.comment IS NULL THEN disputes.updated_at ELSE EXCLUDED.updated_at END
     RETURNING ${COLUMNS}, (xmax = 0) AS created`,
    [
      input.id,
      input.customerId,
      input.operationId,
      input.comment,
      input.dueAt,
      input.currency,
      input.operationAmountMinor,
      JSON.stringify(input.accessSnapshot),
      input.now,
    ],
  );
  const row = rows[0];
  assert(row, 'the dispute exists after the upsert');
  return { dispute: toDispute(row), created: row.created };
}

export async function selectDispute(q: Queryable, id: string): Promise<Dispute | null> {
  const { rows } = await q.query<DisputeRow>(`SELECT ${COLUMNS} FROM disputes WHERE id = $1`, [id]);
  return rows[0] ? toDispute(rows[0]) : null;
}

/** The case, locked to the end of the transaction: every step takes this lock first. */
export async function lockDispute(tx: Tx, id: string): Promise<Dispute | null> {
  const { rows } = await tx.query<DisputeRow>(`SELECT ${COLUMNS} FROM disputes WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ? toDispute(rows[0]) : null;
}

/** A customer's cases, newest first. */
export async function selectCustomerDisputes(q: Queryable, customerId: string, limit: number): Promise<Dispute[]> {
  const { rows } = await q.query<DisputeRow>(
    `SELECT ${COLUMNS} FROM disputes WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows.map(toDispute);
}

export interface QueueQuery {
  /** One status; null: the open ones (new and investigating). */
  status: DisputeStatus | null;
  ownerStaffId: string | null;
  customerId: string | null;
  /** Only cases due before this instant. */
  dueBefore: Date | null;
  /** The last case of the previous page, in queue order. */
  after: { dueAt: Date; id: string } | null;
  limit: number;
}

/** The staff queue: the case due first comes first. */
export async function selectQueue(q: Queryable, query: QueueQuery): Promise<Dispute[]> {
  const { rows } = await q.query<DisputeRow>(
    `SELECT ${COLUMNS} FROM disputes
     WHERE (CASE WHEN $1::text IS NULL THEN closed_at IS NULL ELSE status = $1 END)
       AND ($2::text IS NULL OR owner_staff_id = $2) AND ($3::text IS NULL OR customer_id = $3)
       AND ($4::timestamptz IS NULL OR due_at < $4)
       AND ($5::timestamptz IS NULL OR (due_at, id) > ($5, $6))
     ORDER BY due_at, id LIMIT $7`,
    [query.status, query.ownerStaffId, query.customerId, query.dueBefore, query.after?.dueAt ?? null, query.after?.id ?? null, query.limit],
  );
  return rows.map(toDispute);
}

export interface StepUpdate {
  id: string;
  to: DisputeStatus;
  /** Set the owner (investigating by someone when nobody owned it); null leaves it. */
  ownerStaffId: string | null;
  refundAmountMinor: bigint | null;
  refundOperationId: string | null;
  rejectReason: RejectReason | null;
  closed: boolean;
  now: Date;
}

/**
 * Moves a case to `to`. The WHERE names the states it may come from (disputes.types.ts), so a
 * step the machine does not have changes no row: the caller gets false and refuses it.
 */
export async function updateDisputeStep(tx: Tx, step: StepUpdate): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE disputes SET status = $2, owner_staff_id = coalesce($3, owner_staff_id), refund_amount_minor = $4, refund_operation_id = $5,
       reject_reason = $6, updated_at = $7, closed_at = CASE WHEN $8 THEN $7::timestamptz END
     WHERE id = $1 AND status = ANY($9::text[]) RETURNING 1`,
    [
      step.id,
      step.to,
      step.ownerStaffId,
      step.refundAmountMinor,
      step.refundOperationId,
      step.rejectReason,
      step.now,
      step.closed,
      statesBefore(step.to),
    ],
  );
  return rows.length === 1;
}

/** Gives an open case an owner; false when the case is closed. */
export async function updateOwner(tx: Tx, input: { id: string; ownerStaffId: string; now: Date }): Promise<boolean> {
  const { rows } = await tx.query(
    'UPDATE disputes SET owner_staff_id = $2, updated_at = $3 WHERE id = $1 AND closed_at IS NULL RETURNING 1',
    [input.id, input.ownerStaffId, input.now],
  );
  return rows.length === 1;
}

interface EventRow {
  id: string;
  dispute_id: string;
  kind: DisputeEventKind;
  actor: 'customer' | 'staff';
  staff_id: string | null;
  customer_message: string | null;
  details: Record<string, unknown>;
  created_at: Date;
}

export async function insertEvent(
  tx: Tx,
  event: {
    disputeId: string;
    kind: DisputeEventKind;
    actor: 'customer' | 'staff';
    staffId: string | null;
    customerMessage: string | null;
    details: Record<string, unknown>;
    now: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO dispute_events (dispute_id, kind, actor, staff_id, customer_message, details, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [event.disputeId, event.kind, event.actor, event.staffId, event.customerMessage, JSON.stringify(event.details), event.now],
  );
}

/** A case's timeline, oldest first, of the kinds asked. */
export async function selectEvents(
  q: Queryable,
  disputeId: string,
  kinds: readonly DisputeEventKind[],
  limit: number,
): Promise<DisputeEvent[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT id::text AS id, dispute_id, kind, actor, staff_id, customer_message, details, created_at FROM dispute_events
     WHERE dispute_id = $1 AND kind = ANY($2::text[]) ORDER BY id LIMIT $3`,
    [disputeId, kinds, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    disputeId: row.dispute_id,
    kind: row.kind,
    actor: row.actor,
    staffId: row.staff_id,
    customerMessage: row.customer_message,
    details: row.details,
    createdAt: row.created_at,
  }));
}

export async function insertNote(tx: Tx, note: DisputeNote): Promise<void> {
  await tx.query('INSERT INTO dispute_notes (id, dispute_id, staff_id, text, created_at) VALUES ($1, $2, $3, $4, $5)', [
    note.id,
    note.disputeId,
    note.staffId,
    note.text,
    note.createdAt,
  ]);
}

/** Staff notes of a case, oldest first. */
export async function selectNotes(q: Queryable, disputeId: string, limit: number): Promise<DisputeNote[]> {
  const { rows } = await q.query<{ id: string; dispute_id: string; staff_id: string; text: string; created_at: Date }>(
    'SELECT id, dispute_id, staff_id, text, created_at FROM dispute_notes WHERE dispute_id = $1 ORDER BY created_at, id LIMIT $2',
    [disputeId, limit],
  );
  return rows.map((row) => ({ id: row.id, disputeId: row.dispute_id, staffId: row.staff_id, text: row.text, createdAt: row.created_at }));
}
