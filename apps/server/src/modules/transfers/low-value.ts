import type { ScaLowValuePolicy } from '../../config.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Currency } from '../ledger/index.js';

/**
 * RTS art. 16, low-value remote payments: a transfer to another person may go without an SMS
 * code when its fee-inclusive amount is within the per-operation cap, and since the customer's
 * last confirmed code (a transfer's or a trusted payee's; a login code does not count) at most
 * `operationsMax` transfers were exempted this way and their sum stays within `totalMaxMinor`.
 * Kassa applies both of the article's alternative counters at once. The caps are in tenge, so
 * only KZT transfers qualify.
 *
 * The counts live in one row per customer (sca_low_value_counters), locked while the exemption
 * is decided in the transfer's own transaction, so parallel transfers cannot all take the last
 * place. A transfer is counted only if the money moved; a declined one leaves the allowance.
 *
 * Lock order: this row before the limit lock (transfer_limit_locks) and the ledger's accounts,
 * in every transaction that takes it (createTransfer, confirmTransfer, confirmTrustedPayee).
 */

/** Why no code was asked: RTS art. 15 (own accounts), 13 (trusted payees), 16 (low value). */
export type ScaExemption = 'own' | 'trusted-payee' | 'low-value';

export const LOW_VALUE_CURRENCY: Currency = 'KZT';

/** Whether the transfer could be exempted for its value alone, before the counters are looked at. */
export function withinLowValueCap(
  policy: ScaLowValuePolicy,
  transfer: { currency: Currency; amountMinor: bigint; feeMinor: bigint },
): boolean {
  return (
    policy.perOperationMaxMinor > 0n &&
    transfer.currency === LOW_VALUE_CURRENCY &&
    transfer.amountMinor + transfer.feeMinor <= policy.perOperationMaxMinor
  );
}

/**
 * Locks the customer's counters and says whether one more transfer of this fee-inclusive amount
 * fits the allowance. The lock is held to the end of the caller's transaction, which must call
 * spendLowValueAllowance if the money moves.
 */
export async function lowValueAllowanceFits(tx: Tx, policy: ScaLowValuePolicy, customerId: string, totalMinor: bigint): Promise<boolean> {
  assert(totalMinor > 0n && totalMinor <= policy.perOperationMaxMinor, 'only a transfer within the low-value cap asks');
  // One statement creates the row on first use and locks it; a parallel transaction waits here
  // and then reads the counts the first one committed.
  const { rows } = await tx.query<{ operations_count: number; total_minor: bigint }>(
    `INSERT INTO sca_low_value_counters (customer_id, operations_count, total_minor) VALUES ($1, 0, 0)
     ON CONFLICT (customer_id) DO UPDATE SET customer_id = EXCLUDED.customer_id
     RETURNING operations_count, total_minor`,
    [customerId],
  );
  const counters = rows[0];
  assert(counters, 'the counter row exists after the upsert');
  return counters.operations_count < policy.operationsMax && counters.total_minor + totalMinor <= policy.totalMaxMinor;
}

/** Counts an exempted transfer whose money moved; the row is already locked by lowValueAllowanceFits. */
export async function spendLowValueAllowance(tx: Tx, customerId: string, totalMinor: bigint): Promise<void> {
  const { rows } = await tx.query(
    `UPDATE sca_low_value_counters SET operations_count = operations_count + 1, total_minor = total_minor + $2
     WHERE customer_id = $1 RETURNING 1`,
    [customerId, totalMinor],
  );
  assert(rows.length === 1, 'the allowance was looked at before it is spent');
}

/** A code was confirmed (strong customer authentication): the allowance starts again from zero. */
export async function resetLowValueAllowance(tx: Tx, customerId: string, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO sca_low_value_counters (customer_id, operations_count, total_minor, last_sca_at) VALUES ($1, 0, 0, $2)
     ON CONFLICT (customer_id) DO UPDATE SET operations_count = 0, total_minor = 0, last_sca_at = EXCLUDED.last_sca_at`,
    [customerId, now],
  );
}

/** The counters as they stand (for tests and the back office). */
export async function lowValueCounters(
  q: Queryable,
  customerId: string,
): Promise<{ operationsCount: number; totalMinor: bigint; lastScaAt: Date | null }> {
  const { rows } = await q.query<{ operations_count: number; total_minor: bigint; last_sca_at: Date | null }>(
    'SELECT operations_count, total_minor, last_sca_at FROM sca_low_value_counters WHERE customer_id = $1',
    [customerId],
  );
  const row = rows[0];
  return { operationsCount: row?.operations_count ?? 0, totalMinor: row?.total_minor ?? 0n, lastScaAt: row?.last_sca_at ?? null };
}
