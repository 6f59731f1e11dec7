import type { Queryable, Tx } from '../../db/database.js';

/** All SQL of modules/phone-change: its one table, phone_change_requests (migration 0025). */

/**
 * Transitions (migration 0025): awaiting_old_code -> awaiting_new_code -> completed; a pending
 * one -> failed. A change by staff starts at awaiting_new_code.
 */
export type PhoneChangeStatus = 'awaiting_old_code' | 'awaiting_new_code' | 'completed' | 'failed';
export type PhoneChangeChannel = 'app' | 'staff';

export interface PhoneChangeRow {
  id: string;
  customerId: string;
  channel: PhoneChangeChannel;
  newPhone: string;
  sessionId: string | null;
  staffId: string | null;
  callId: string | null;
  oldChallengeId: string | null;
  newChallengeId: string | null;
  status: PhoneChangeStatus;
  expiresAt: Date;
}

interface Row {
  id: string;
  customer_id: string;
  channel: PhoneChangeChannel;
  new_phone: string;
  session_id: string | null;
  staff_id: string | null;
  call_id: string | null;
  old_challenge_id: string | null;
  new_challenge_id: string | null;
  status: PhoneChangeStatus;
  expires_at: Date;
}

const COLUMNS =
  'id, customer_id, channel, new_phone, session_id, staff_id, call_id, old_challenge_id, new_challenge_id, status, expires_at';

function toRequest(row: Row): PhoneChangeRow {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    newPhone: row.new_phone,
    sessionId: row.session_id,
    staffId: row.staff_id,
    callId: row.call_id,
    oldChallengeId: row.old_challenge_id,
    newChallengeId: row.new_challenge_id,
    status: row.status,
    expiresAt: new Date(row.expires_at),
  };
}

export async function insertPhoneChangeRequest(tx: Tx, request: PhoneChangeRow & { createdAt: Date }): Promise<void> {
  await tx.query(`INSERT INTO phone_change_requests (${COLUMNS}, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
    request.id,
    request.customerId,
    request.channel,
    request.newPhone,
    request.sessionId,
    request.staffId,
    request.callId,
    request.oldChallengeId,
    request.newChallengeId,
    request.status,
    request.expiresAt,
    request.createdAt,
  ]);
}

/** The request, under its row lock with `forUpdate` (the steps that verify a code take it first). */
export async function readPhoneChangeRequest(q: Queryable, id: string, options: { forUpdate: boolean }): Promise<PhoneChangeRow | null> {
  const { rows } = await q.query<Row>(
    `SELECT ${COLUMNS} FROM phone_change_requests WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toRequest(rows[0]) : null;
}

/** awaiting_old_code -> awaiting_new_code, with the challenge of the code sent to the new number. */
export async function markAwaitingNewCode(tx: Tx, id: string, newChallengeId: string): Promise<void> {
  await tx.query("UPDATE phone_change_requests SET status = 'awaiting_new_code', new_challenge_id = $2 WHERE id = $1", [
    id,
    newChallengeId,
  ]);
}

export async function markCompleted(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.query("UPDATE phone_change_requests SET status = 'completed', completed_at = $2 WHERE id = $1", [id, now]);
}

export async function markFailed(tx: Tx, id: string): Promise<void> {
  await tx.query("UPDATE phone_change_requests SET status = 'failed' WHERE id = $1", [id]);
}
