import type { Queryable, Tx } from '../../db/database.js';

// ---- staff_sessions (migration 0020): a session ends once, with a reason; it is never reopened ----

export type StaffSessionEndReason = 'logout' | 'idle-timeout' | 'absolute-timeout' | 'staff-disabled' | 'password-changed';

export interface StaffSessionRow {
  id: string;
  staffId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export async function insertStaffSession(
  tx: Tx,
  session: { id: string; staffId: string; tokenHash: string; ip: string; userAgent: string | null; now: Date; expiresAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO staff_sessions (id, staff_id, token_hash, ip, user_agent, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
    [session.id, session.staffId, session.tokenHash, session.ip, session.userAgent, session.now, session.expiresAt],
  );
}

/** The session whose token hashes to one of `hashes` (one per key of the ring; at most one matches). */
export async function findStaffSessionByTokenHashes(db: Queryable, hashes: readonly string[]): Promise<StaffSessionRow | null> {
  const { rows } = await db.query<{ id: string; staff_id: string; last_seen_at: Date; expires_at: Date; ended_at: Date | null }>(
    'SELECT id, staff_id, last_seen_at, expires_at, ended_at FROM staff_sessions WHERE token_hash = ANY($1::text[])',
    [hashes],
  );
  const row = rows[0];
  return row ? { id: row.id, staffId: row.staff_id, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, endedAt: row.ended_at } : null;
}

export async function touchStaffSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db.query('UPDATE staff_sessions SET last_seen_at = greatest(last_seen_at, $2) WHERE id = $1 AND ended_at IS NULL', [
    sessionId,
    now,
  ]);
}

/** Ends a live session; false when it had ended already (a parallel request ended it first). */
export async function endStaffSession(tx: Tx, sessionId: string, reason: StaffSessionEndReason, now: Date): Promise<boolean> {
  const { rowCount } = await tx.query('UPDATE staff_sessions SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL', [
    sessionId,
    now,
    reason,
  ]);
  return rowCount !== 0;
}

/**
 * Ends every live session of a staff member but `keepSessionId` (their own, on a password change),
 * in the caller's transaction: their tokens are dead from this commit on. Returns the ids ended.
 */
export async function endLiveStaffSessions(
  tx: Tx,
  input: { staffId: string; reason: StaffSessionEndReason; keepSessionId: string | null; now: Date },
): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE staff_sessions SET ended_at = $2, end_reason = $3
     WHERE staff_id = $1 AND ended_at IS NULL AND ($4::text IS NULL OR id <> $4)
     RETURNING id`,
    [input.staffId, input.now, input.reason, input.keepSessionId],
  );
  return rows.map((row) => row.id).sort();
}
