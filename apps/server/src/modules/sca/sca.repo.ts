import type { Queryable, Tx } from '../../db/database.js';
import type { CapScope, ChallengeStatus, ScaPurpose } from './sca.types.js';

// ---- sca_challenges (migration 0002): one row per one-time code, statuses in sca.types.ts ----

export interface ChallengeRow {
  customerId: string | null;
  phone: string;
  purpose: ScaPurpose;
  detailsHash: string;
  codeHash: string | null;
  attempts: number;
  status: ChallengeStatus;
  expiresAt: Date;
  resendAvailableAt: Date;
}

export async function insertChallenge(
  tx: Tx,
  challenge: {
    id: string;
    customerId: string | null;
    phone: string;
    purpose: ScaPurpose;
    detailsHash: string;
    codeHash: string | null;
    ip: string;
    now: Date;
    expiresAt: Date;
    resendAvailableAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO sca_challenges (id, customer_id, phone, purpose, details_hash, code_hash, ip, created_at, expires_at, resend_available_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      challenge.id,
      challenge.customerId,
      challenge.phone,
      challenge.purpose,
      challenge.detailsHash,
      challenge.codeHash,
      challenge.ip,
      challenge.now,
      challenge.expiresAt,
      challenge.resendAvailableAt,
    ],
  );
}

/** The challenge under a row lock, so the attempts on one code are counted one after another. */
export async function lockChallenge(tx: Tx, challengeId: string): Promise<ChallengeRow | null> {
  const { rows } = await tx.query<{
    customer_id: string | null;
    phone: string;
    purpose: ScaPurpose;
    details_hash: string;
    code_hash: string | null;
    attempts: number;
    status: ChallengeStatus;
    expires_at: Date;
    resend_available_at: Date;
  }>(
    `SELECT customer_id, phone, purpose, details_hash, code_hash, attempts, status, expires_at, resend_available_at
     FROM sca_challenges WHERE id = $1 FOR UPDATE`,
    [challengeId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    customerId: row.customer_id,
    phone: row.phone,
    purpose: row.purpose,
    detailsHash: row.details_hash,
    codeHash: row.code_hash,
    attempts: row.attempts,
    status: row.status,
    expiresAt: row.expires_at,
    resendAvailableAt: row.resend_available_at,
  };
}

/** Where a challenge stands and the phone it was issued for, without a lock (a read before the real work). */
export async function readChallengeState(q: Queryable, challengeId: string): Promise<{ status: ChallengeStatus; phone: string } | null> {
  const { rows } = await q.query<{ status: ChallengeStatus; phone: string }>('SELECT status, phone FROM sca_challenges WHERE id = $1', [
    challengeId,
  ]);
  return rows[0] ?? null;
}

/** A new code in the same challenge: the earlier one stops working and the attempts start again. */
export async function renewChallengeCode(
  tx: Tx,
  challengeId: string,
  renewed: { codeHash: string | null; expiresAt: Date; resendAvailableAt: Date },
): Promise<void> {
  await tx.query('UPDATE sca_challenges SET code_hash = $2, attempts = 0, expires_at = $3, resend_available_at = $4 WHERE id = $1', [
    challengeId,
    renewed.codeHash,
    renewed.expiresAt,
    renewed.resendAvailableAt,
  ]);
}

/** One more wrong code; the last one allowed voids the challenge. */
export async function countWrongCode(tx: Tx, challengeId: string, attempts: number, exhausted: boolean): Promise<void> {
  await tx.query(
    `UPDATE sca_challenges SET attempts = $2, status = CASE WHEN $3 THEN 'void' ELSE status END,
       void_reason = CASE WHEN $3 THEN 'attempts-exceeded' ELSE void_reason END WHERE id = $1`,
    [challengeId, attempts, exhausted],
  );
}

export async function markChallengeExpired(tx: Tx, challengeId: string): Promise<void> {
  await tx.query("UPDATE sca_challenges SET status = 'expired' WHERE id = $1", [challengeId]);
}

export async function markChallengeUsed(tx: Tx, challengeId: string, now: Date): Promise<void> {
  await tx.query("UPDATE sca_challenges SET status = 'used', used_at = $2 WHERE id = $1", [challengeId, now]);
}

/** Voids the challenge if still pending: its code can no longer pass. */
export async function voidChallenge(tx: Tx, challengeId: string, reason: string): Promise<void> {
  await tx.query("UPDATE sca_challenges SET status = 'void', void_reason = $2 WHERE id = $1 AND status = 'pending'", [challengeId, reason]);
}

// ---- cap_events (migration 0009): one row per counted event of a cap ----

/** A transaction-scoped lock per (scope, key): the check and the count of one cap run one at a time. */
export async function lockCapKey(tx: Tx, lockName: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockName]);
}

/**
 * The events of one cap's key inside its window: how many (distinct items, when the cap counts
 * items), the oldest, and whether one of `itemCandidates` is among them already.
 */
export async function capWindowUsage(
  q: Queryable,
  cap: { scope: CapScope; key: string; since: Date; itemCandidates: readonly string[] | null },
): Promise<{ used: number; oldest: Date | null; seen: boolean }> {
  const { rows } = await q.query<{ used: bigint; oldest: Date | null; seen: boolean }>(
    cap.itemCandidates === null
      ? `SELECT count(*) AS used, min(occurred_at) AS oldest, false AS seen
         FROM cap_events WHERE scope = $1 AND key = $2 AND occurred_at > $3`
      : `SELECT count(DISTINCT item) AS used, min(occurred_at) AS oldest, coalesce(bool_or(item = ANY($4::text[])), false) AS seen
         FROM cap_events WHERE scope = $1 AND key = $2 AND occurred_at > $3`,
    cap.itemCandidates === null ? [cap.scope, cap.key, cap.since] : [cap.scope, cap.key, cap.since, cap.itemCandidates],
  );
  const row = rows[0];
  return { used: Number(row?.used ?? 0), oldest: row?.oldest ?? null, seen: row?.seen ?? false };
}

export async function insertCapEvent(tx: Tx, event: { scope: CapScope; key: string; item: string | null; now: Date }): Promise<void> {
  await tx.query('INSERT INTO cap_events (scope, key, item, occurred_at) VALUES ($1, $2, $3, $4)', [
    event.scope,
    event.key,
    event.item,
    event.now,
  ]);
}

// ---- sca_code_holds (migration 0021): no code goes to a held customer or phone (holds.ts) ----

export type CodeHoldReason = 'customer-blocked';

/** Puts the hold in place, or renews it with this phone (a hold is one row per customer). */
export async function upsertCodeHold(
  tx: Tx,
  hold: { customerId: string; phone: string; reason: CodeHoldReason; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO sca_code_holds (customer_id, phone, reason, held_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (customer_id) DO UPDATE SET phone = EXCLUDED.phone, reason = EXCLUDED.reason, held_at = EXCLUDED.held_at`,
    [hold.customerId, hold.phone, hold.reason, hold.now],
  );
}

/** Lifts the hold; false when there was none. */
export async function deleteCodeHold(tx: Tx, customerId: string): Promise<boolean> {
  const { rowCount } = await tx.query('DELETE FROM sca_code_holds WHERE customer_id = $1', [customerId]);
  return rowCount !== 0;
}

/** Whether a hold stands for this phone, or for this customer whatever phone they have now. */
export async function codeHoldExists(q: Queryable, target: { phone: string; customerId: string | null }): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM sca_code_holds WHERE phone = $1 OR customer_id = $2 LIMIT 1', [
    target.phone,
    target.customerId,
  ]);
  return rows.length > 0;
}

/** The customer's pending challenges under row locks, by id (one order for every caller). */
export async function lockPendingChallengesOf(tx: Tx, customerId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    "SELECT id FROM sca_challenges WHERE customer_id = $1 AND status = 'pending' ORDER BY id FOR UPDATE",
    [customerId],
  );
  return rows.map((row) => row.id);
}

/** Voids every pending challenge of the customer; returns the ids voided. */
export async function voidPendingChallengesOf(tx: Tx, customerId: string, reason: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE sca_challenges SET status = 'void', void_reason = $2
     WHERE customer_id = $1 AND status = 'pending' RETURNING id`,
    [customerId, reason],
  );
  return rows.map((row) => row.id);
}
