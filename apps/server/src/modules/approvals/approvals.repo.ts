import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Approval, ApprovalKind, ApprovalStatus } from './approvals.types.js';

// ---- approval_requests (migration 0024). pending -> approved | rejected | expired ----

const COLUMNS =
  'id, kind, subject_id, customer_id, payload, maker_staff_id, reason, status, created_at, expires_at, checker_staff_id, decided_at, decision_note, expired_at, result';

interface ApprovalDbRow {
  id: string;
  kind: ApprovalKind;
  subject_id: string;
  customer_id: string | null;
  payload: Approval['payload'];
  maker_staff_id: string;
  reason: string;
  status: ApprovalStatus;
  created_at: Date;
  expires_at: Date;
  checker_staff_id: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  expired_at: Date | null;
  result: Record<string, unknown> | null;
}

function approvalOfRow(row: ApprovalDbRow): Approval {
  return {
    id: row.id,
    kind: row.kind,
    subjectId: row.subject_id,
    customerId: row.customer_id,
    payload: row.payload,
    makerStaffId: row.maker_staff_id,
    reason: row.reason,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    checkerStaffId: row.checker_staff_id,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    expiredAt: row.expired_at,
    result: row.result,
  };
}

/**
 * False when a request of this kind for this subject is pending already: the partial unique index
 * decides, so two makers asking at once insert one.
 */
export async function insertApproval(tx: Tx, approval: Approval): Promise<boolean> {
  assert(approval.status === 'pending', 'a new approval request is pending');
  const { rowCount } = await tx.query(
    `INSERT INTO approval_requests (id, kind, subject_id, customer_id, payload, maker_staff_id, reason, status, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9)
     ON CONFLICT (kind, subject_id) WHERE status = 'pending' DO NOTHING`,
    [
      approval.id,
      approval.kind,
      approval.subjectId,
      approval.customerId,
      JSON.stringify(approval.payload),
      approval.makerStaffId,
      approval.reason,
      approval.createdAt,
      approval.expiresAt,
    ],
  );
  return rowCount === 1;
}

export async function findPendingApprovalId(db: Queryable, kind: ApprovalKind, subjectId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT id FROM approval_requests WHERE kind = $1 AND subject_id = $2 AND status = 'pending'",
    [kind, subjectId],
  );
  return rows[0]?.id ?? null;
}

/**
 * pending -> expired for the requests past their time: of one kind and subject, before a new
 * request for it (under the audit chain's lock, which every decision takes first too), or a
 * bounded batch of any (the sweep, below).
 */
export async function expireSubjectApprovals(tx: Tx, kind: ApprovalKind, subjectId: string, now: Date): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE approval_requests SET status = 'expired', expired_at = $3
     WHERE kind = $1 AND subject_id = $2 AND status = 'pending' AND expires_at <= $3`,
    [kind, subjectId, now],
  );
  return rowCount;
}

/** SKIP LOCKED: a request a checker is deciding right now is theirs; the decision sees the time and expires it itself. */
export async function expireApprovalsBatch(db: Queryable, now: Date, batchMax: number): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE approval_requests SET status = 'expired', expired_at = $1
     WHERE id IN (SELECT id FROM approval_requests WHERE status = 'pending' AND expires_at <= $1
                  ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [now, batchMax],
  );
  return rowCount;
}

/** The request with a lock on its row: two checkers deciding at once decide one after the other. */
export async function lockApproval(tx: Tx, approvalId: string): Promise<Approval | null> {
  const { rows } = await tx.query<ApprovalDbRow>(`SELECT ${COLUMNS} FROM approval_requests WHERE id = $1 FOR UPDATE`, [approvalId]);
  return rows[0] ? approvalOfRow(rows[0]) : null;
}

export async function findApproval(db: Queryable, approvalId: string): Promise<Approval | null> {
  const { rows } = await db.query<ApprovalDbRow>(`SELECT ${COLUMNS} FROM approval_requests WHERE id = $1`, [approvalId]);
  return rows[0] ? approvalOfRow(rows[0]) : null;
}

/**
 * pending -> approved (with the executor's result) | rejected; the WHERE names the one state a
 * decision may come from.
 */
export async function markApprovalDecided(
  tx: Tx,
  approvalId: string,
  decision: {
    status: 'approved' | 'rejected';
    checkerStaffId: string;
    decidedAt: Date;
    note: string | null;
    result: Record<string, unknown> | null;
  },
): Promise<void> {
  assert((decision.status === 'approved') === (decision.result !== null), 'an approval, and only an approval, keeps a result');
  const { rowCount } = await tx.query(
    `UPDATE approval_requests SET status = $2, checker_staff_id = $3, decided_at = $4, decision_note = $5, result = $6
     WHERE id = $1 AND status = 'pending'`,
    [
      approvalId,
      decision.status,
      decision.checkerStaffId,
      decision.decidedAt,
      decision.note,
      decision.result === null ? null : JSON.stringify(decision.result),
    ],
  );
  assert(rowCount === 1, `approval ${approvalId} was pending under the lock`);
}

export async function markApprovalExpired(tx: Tx, approvalId: string, now: Date): Promise<void> {
  const { rowCount } = await tx.query(
    "UPDATE approval_requests SET status = 'expired', expired_at = $2 WHERE id = $1 AND status = 'pending'",
    [approvalId, now],
  );
  assert(rowCount === 1, `approval ${approvalId} was pending under the lock`);
}

export interface ApprovalListQuery {
  status: ApprovalStatus;
  kinds: readonly ApprovalKind[];
  /** Or requests this staff member made, whatever their kind (a maker follows their own). */
  orMadeBy: string | null;
  /** For the pending queue: only requests not past their time at this instant. */
  liveAt: Date | null;
  after: { createdAt: Date; id: string } | null;
  limit: number;
}

/** Oldest first (the queue is worked in order), keyset-paged by (created_at, id). */
export async function listApprovals(db: Queryable, query: ApprovalListQuery): Promise<Approval[]> {
  const { rows } = await db.query<ApprovalDbRow>(
    `SELECT ${COLUMNS} FROM approval_requests
     WHERE status = $1 AND (kind = ANY($2::text[]) OR maker_staff_id = $3)
       AND ($4::timestamptz IS NULL OR (created_at, id) > ($4::timestamptz, $5::text))
       AND ($7::timestamptz IS NULL OR expires_at > $7)
     ORDER BY created_at, id
     LIMIT $6`,
    [query.status, query.kinds, query.orMadeBy, query.after?.createdAt ?? null, query.after?.id ?? null, query.limit, query.liveAt],
  );
  return rows.map(approvalOfRow);
}
