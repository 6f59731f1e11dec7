import type { Database, Queryable } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import type { DeliveryStatus } from '../payments.repo.js';

/**
 * The notify worker's SQL of service_payments (migration 0047): claims with a lease, and each
 * claim's outcome. A claim is the row's locked_until as the worker set it: an outcome is written
 * only over the lease it was claimed with, so a worker that outlived its lease (a provider slower
 * than the lease, a paused process) cannot write over the pass that claimed the row after it.
 */

/** The provider statuses the worker still has work for (0047: pending ->, awaiting-activation ->). */
export type DueStatus = 'pending' | 'awaiting-activation';

export interface ClaimedPayment {
  /** The payment's id: its operation's for a customer's payment, the guest payment's for a guest's (migration 0051). */
  paymentId: string;
  /** A guest's payment by card: its money moved when the row was written, and it has no operation. */
  guest: boolean;
  providerId: string;
  fields: Record<string, string>;
  /** The bill lines paid (fetch mode), or null. */
  lines: Array<{ id: string; amountMinor: bigint }> | null;
  providerStatus: DueStatus;
  notifyAttempts: number;
  createdAt: Date;
  /** The lease: the claim's token for recordNotifyOutcome. */
  lockedUntil: Date;
}

interface ClaimedRow {
  payment_id: string;
  guest: boolean;
  provider_id: string;
  fields: Record<string, string>;
  lines: Array<{ id: string; amountMinor: string }> | null;
  provider_status: DueStatus;
  notify_attempts: number;
  created_at: Date;
}

/**
 * Due rows (next_notify_at reached, no live lease), at most batchMax, oldest first, leased until
 * now + leaseMs. One statement, so its own short transaction; SKIP LOCKED lets workers of several
 * processes claim disjoint rows at once.
 */
export async function claimDuePayments(db: Database, claim: { now: Date; leaseMs: number; batchMax: number }): Promise<ClaimedPayment[]> {
  const lockedUntil = new Date(claim.now.getTime() + claim.leaseMs);
  const { rows } = await db.query<ClaimedRow>(
    `WITH due AS (
       SELECT payment_id FROM service_payments
       WHERE provider_status IN ('pending', 'awaiting-activation') AND next_notify_at <= $1
         AND (locked_until IS NULL OR locked_until < $1)
       ORDER BY next_notify_at, payment_id LIMIT $3 FOR UPDATE SKIP LOCKED)
     UPDATE service_payments p SET locked_until = $2
     FROM due WHERE p.payment_id = due.payment_id
     RETURNING p.payment_id, p.guest_payment_id IS NOT NULL AS guest, p.provider_id, p.fields, p.lines, p.provider_status, p.notify_attempts, p.created_at`,
    [claim.now, lockedUntil, claim.batchMax],
  );
  return rows
    .map((row) => ({
      paymentId: row.payment_id,
      guest: row.guest,
      providerId: row.provider_id,
      fields: row.fields,
      lines: row.lines ? row.lines.map((line) => ({ id: line.id, amountMinor: BigInt(line.amountMinor) })) : null,
      providerStatus: row.provider_status,
      notifyAttempts: row.notify_attempts,
      createdAt: row.created_at,
      lockedUntil,
    }))
    .sort((a, b) => a.paymentId.localeCompare(b.paymentId));
}

/**
 * What a pass learnt about one claimed payment:
 *   confirmed:           the provider has it and it is done (0047: -> confirmed);
 *   awaiting-activation: the provider has it, the card gets it at its next tap (asked again at nextAt);
 *   rejected:            refused for good, with the provider's reason (-> rejected);
 *   void:                the operation moved no money (-> void);
 *   later:               ask again at nextAt, the status unchanged; `failed` counts an attempt and keeps its error.
 */
export type NotifyOutcome =
  | { kind: 'confirmed'; providerReference: string | null; confirmedAt: Date }
  | { kind: 'awaiting-activation'; providerReference: string; nextAt: Date }
  | { kind: 'rejected'; reason: string }
  | { kind: 'void' }
  | { kind: 'later'; nextAt: Date; failed: { error: string } | null };

const LAST_ERROR_LENGTH_MAX = 300;

/** Writes the outcome over the claim it came from; false when the lease was lost (nothing written then). */
export async function recordNotifyOutcome(q: Queryable, claimed: ClaimedPayment, outcome: NotifyOutcome): Promise<boolean> {
  const status = outcome.kind === 'later' ? claimed.providerStatus : outcome.kind;
  const nextAt = outcome.kind === 'later' || outcome.kind === 'awaiting-activation' ? outcome.nextAt : null;
  const reference = outcome.kind === 'confirmed' || outcome.kind === 'awaiting-activation' ? outcome.providerReference : null;
  const confirmedAt = outcome.kind === 'confirmed' ? outcome.confirmedAt : null;
  const error = outcome.kind === 'rejected' ? outcome.reason : outcome.kind === 'later' ? (outcome.failed?.error ?? null) : null;
  const failed = outcome.kind === 'later' && outcome.failed !== null;
  assert(status !== 'pending' || outcome.kind === 'later', 'only a later outcome leaves a payment pending');
  const { rowCount } = await q.query(
    `UPDATE service_payments
     SET provider_status = $3, next_notify_at = $4, locked_until = NULL,
         provider_reference = coalesce($5, provider_reference), confirmed_at = coalesce($6, confirmed_at),
         last_error = CASE WHEN $7::text IS NULL THEN last_error ELSE left($7::text, $9) END,
         notify_attempts = notify_attempts + CASE WHEN $8 THEN 1 ELSE 0 END
     WHERE payment_id = $1 AND locked_until = $2 AND provider_status = $10`,
    [
      claimed.paymentId,
      claimed.lockedUntil,
      status,
      nextAt,
      reference,
      confirmedAt,
      error,
      failed,
      LAST_ERROR_LENGTH_MAX,
      claimed.providerStatus,
    ],
  );
  return rowCount === 1;
}

/** Makes a pending payment due now (its money just moved): the provider hears within a poll. */
export async function markDueNow(q: Queryable, paymentId: string, now: Date): Promise<void> {
  await q.query(`UPDATE service_payments SET next_notify_at = $2 WHERE payment_id = $1 AND provider_status = 'pending'`, [paymentId, now]);
}

/** One payment's delivery state, for tests and the operator's scripts. */
export async function selectNotifyState(
  q: Queryable,
  paymentId: string,
): Promise<{
  providerStatus: DeliveryStatus;
  providerReference: string | null;
  notifyAttempts: number;
  nextNotifyAt: Date | null;
  lastError: string | null;
  confirmedAt: Date | null;
} | null> {
  const { rows } = await q.query<{
    provider_status: DeliveryStatus;
    provider_reference: string | null;
    notify_attempts: number;
    next_notify_at: Date | null;
    last_error: string | null;
    confirmed_at: Date | null;
  }>(
    `SELECT provider_status, provider_reference, notify_attempts, next_notify_at, last_error, confirmed_at
     FROM service_payments WHERE payment_id = $1`,
    [paymentId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    providerStatus: row.provider_status,
    providerReference: row.provider_reference,
    notifyAttempts: row.notify_attempts,
    nextNotifyAt: row.next_notify_at,
    lastError: row.last_error,
    confirmedAt: row.confirmed_at,
  };
}
