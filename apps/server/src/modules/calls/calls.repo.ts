import type { Queryable, Tx } from '../../db/database.js';
import type { CallChannel, CallDirection, CallRecord, CallStatus, CloseReason, IdentifiedBy } from './calls.types.js';

// ---- calls (migration 0023): one row per call, statuses in calls.types.ts ----

const CALL_COLUMNS = `id, direction, channel, caller_phone, staff_id, staff_display_name, status, identified_by, matched_customer_id,
  customer_id, challenge_id, lookups, outbound_reason, started_at, identified_at, closed_at, close_reason`;

interface CallRow {
  id: string;
  direction: CallDirection;
  channel: CallChannel;
  caller_phone: string | null;
  staff_id: string;
  staff_display_name: string;
  status: CallStatus;
  identified_by: IdentifiedBy | null;
  matched_customer_id: string | null;
  customer_id: string | null;
  challenge_id: string | null;
  lookups: number;
  outbound_reason: string | null;
  started_at: Date;
  identified_at: Date | null;
  closed_at: Date | null;
  close_reason: CloseReason | null;
}

function toCall(row: CallRow): CallRecord {
  return {
    id: row.id,
    direction: row.direction,
    channel: row.channel,
    callerPhone: row.caller_phone,
    staffId: row.staff_id,
    staffDisplayName: row.staff_display_name,
    status: row.status,
    identifiedBy: row.identified_by,
    matchedCustomerId: row.matched_customer_id,
    customerId: row.customer_id,
    challengeId: row.challenge_id,
    lookups: row.lookups,
    outboundReason: row.outbound_reason,
    startedAt: new Date(row.started_at),
    identifiedAt: row.identified_at ? new Date(row.identified_at) : null,
    closedAt: row.closed_at ? new Date(row.closed_at) : null,
    closeReason: row.close_reason,
  };
}

export async function insertCall(tx: Tx, call: CallRecord): Promise<void> {
  await tx.query(
    `INSERT INTO calls (${CALL_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      call.id,
      call.direction,
      call.channel,
      call.callerPhone,
      call.staffId,
      call.staffDisplayName,
      call.status,
      call.identifiedBy,
      call.matchedCustomerId,
      call.customerId,
      call.challengeId,
      call.lookups,
      call.outboundReason,
      call.startedAt,
      call.identifiedAt,
      call.closedAt,
      call.closeReason,
    ],
  );
}

/** The call under a row lock: every change to one call (look-up, code, close) runs one after another. */
export async function lockCall(tx: Tx, callId: string): Promise<CallRecord | null> {
  const { rows } = await tx.query<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls WHERE id = $1 FOR UPDATE`, [callId]);
  return rows[0] ? toCall(rows[0]) : null;
}

export async function readCall(q: Queryable, callId: string): Promise<CallRecord | null> {
  const { rows } = await q.query<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls WHERE id = $1`, [callId]);
  return rows[0] ? toCall(rows[0]) : null;
}

/**
 * Serialises the openings of one staff member's calls for this transaction, so the open-calls cap
 * is checked and taken in one step (two parallel openings cannot both see room for one).
 */
export async function lockStaffCalls(tx: Tx, staffId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`calls of ${staffId}`]);
}

/** A staff member's calls not closed and started after `startedAfter` (older ones are past the maximum), newest first. */
export async function listLiveCallsOfStaff(q: Queryable, staffId: string, startedAfter: Date, limit: number): Promise<CallRecord[]> {
  const { rows } = await q.query<CallRow>(
    `SELECT ${CALL_COLUMNS} FROM calls WHERE staff_id = $1 AND status <> 'closed' AND started_at > $2
     ORDER BY started_at DESC, id DESC LIMIT $3`,
    [staffId, startedAfter, limit],
  );
  return rows.map(toCall);
}

/** The customer's newest identified call not past the maximum: what "Is Kassa calling me?" answers from. */
export async function latestLiveCallWithCustomer(q: Queryable, customerId: string, startedAfter: Date): Promise<CallRecord | null> {
  const { rows } = await q.query<CallRow>(
    `SELECT ${CALL_COLUMNS} FROM calls WHERE customer_id = $1 AND status = 'identified' AND started_at > $2
     ORDER BY started_at DESC, id DESC LIMIT 1`,
    [customerId, startedAfter],
  );
  return rows[0] ? toCall(rows[0]) : null;
}

/**
 * The staff member's newest live call on which this customer was identified by `identifiedBy`:
 * what opens a customer route to an operator (customer-file.ts).
 */
export async function latestLiveCallOfStaffWithCustomer(
  q: Queryable,
  where: { staffId: string; customerId: string; identifiedBy: IdentifiedBy; startedAfter: Date },
): Promise<CallRecord | null> {
  const { rows } = await q.query<CallRow>(
    `SELECT ${CALL_COLUMNS} FROM calls
     WHERE customer_id = $1 AND status = 'identified' AND staff_id = $2 AND identified_by = $3 AND started_at > $4
     ORDER BY started_at DESC, id DESC LIMIT 1`,
    [where.customerId, where.staffId, where.identifiedBy, where.startedAfter],
  );
  return rows[0] ? toCall(rows[0]) : null;
}

/** The result of a look-up: the customer it matched (or none), counted; any earlier code is forgotten. */
export async function recordLookup(tx: Tx, callId: string, matchedCustomerId: string | null, lookups: number): Promise<void> {
  await tx.query('UPDATE calls SET matched_customer_id = $2, lookups = $3, challenge_id = NULL WHERE id = $1', [
    callId,
    matchedCustomerId,
    lookups,
  ]);
}

export async function setChallenge(tx: Tx, callId: string, challengeId: string): Promise<void> {
  await tx.query('UPDATE calls SET challenge_id = $2 WHERE id = $1', [callId, challengeId]);
}

export async function markIdentified(
  tx: Tx,
  callId: string,
  identified: { customerId: string; identifiedBy: IdentifiedBy; at: Date },
): Promise<void> {
  await tx.query("UPDATE calls SET status = 'identified', customer_id = $2, identified_by = $3, identified_at = $4 WHERE id = $1", [
    callId,
    identified.customerId,
    identified.identifiedBy,
    identified.at,
  ]);
}

export async function markClosed(tx: Tx, callId: string, closed: { reason: CloseReason; at: Date }): Promise<void> {
  await tx.query("UPDATE calls SET status = 'closed', close_reason = $2, closed_at = $3 WHERE id = $1", [callId, closed.reason, closed.at]);
}

/**
 * Closes up to `limit` calls started before `startedBefore` and not closed yet, as timed out at
 * `now`. SKIP LOCKED: a call a request holds is closed by that request (it sees it is overdue).
 */
export async function closeOverdueCalls(q: Queryable, startedBefore: Date, now: Date, limit: number): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE calls SET status = 'closed', close_reason = 'timed-out', closed_at = $2 WHERE id IN (
       SELECT id FROM calls WHERE status <> 'closed' AND started_at <= $1 LIMIT $3 FOR UPDATE SKIP LOCKED)`,
    [startedBefore, now, limit],
  );
  return rowCount;
}
