import type { ScaLowValuePolicy } from '../../config.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Currency } from '../ledger/index.js';
import { takeLock } from './lock-order.js';
import {
  addLowValueOperation,
  type LowValueCounters,
  lockLowValueCounters,
  resetLowValueCounters,
  selectLowValueCounters,
} from './risk.repo.js';

/**
 * RTS art. 16, low-value remote payments: a payment to another person may go without an SMS
 * code when its fee-inclusive amount is within the per-operation cap, and since the customer's
 * last confirmed code (an operation's or a trusted payee's; a login code does not count) at most
 * `operationsMax` payments were exempted this way and their sum stays within `totalMaxMinor`.
 * Kassa applies both of the article's alternative counters at once. The caps are in tenge, so
 * only KZT payments qualify.
 *
 * The counts live in one row per customer (risk_low_value_counters), locked while the exemption
 * is decided in the operation's own transaction, so parallel payments cannot all take the last
 * place. A payment is counted only if the money moved; a declined one leaves the allowance.
 */

export const LOW_VALUE_CURRENCY: Currency = 'KZT';

/** Whether the payment could be exempted for its value alone, before the counters are looked at. */
export function withinLowValueCap(
  policy: ScaLowValuePolicy,
  payment: { currency: Currency; amountMinor: bigint; feeMinor: bigint },
): boolean {
  return (
    policy.perOperationMaxMinor > 0n &&
    payment.currency === LOW_VALUE_CURRENCY &&
    payment.amountMinor + payment.feeMinor <= policy.perOperationMaxMinor
  );
}

/**
 * Locks the customer's counters and says whether one more payment of this fee-inclusive amount
 * fits the allowance. The lock is held to the end of the caller's transaction, which must call
 * spendLowValueAllowance if the money moves.
 */
export async function lowValueAllowanceFits(tx: Tx, policy: ScaLowValuePolicy, customerId: string, totalMinor: bigint): Promise<boolean> {
  assert(totalMinor > 0n && totalMinor <= policy.perOperationMaxMinor, 'only a payment within the low-value cap asks');
  takeLock(tx, 'low-value-counters');
  const counters = await lockLowValueCounters(tx, customerId);
  return counters.operationsCount < policy.operationsMax && counters.totalMinor + totalMinor <= policy.totalMaxMinor;
}

/** Counts an exempted payment whose money moved; the row is already locked by lowValueAllowanceFits. */
export function spendLowValueAllowance(tx: Tx, customerId: string, totalMinor: bigint): Promise<void> {
  return addLowValueOperation(tx, customerId, totalMinor);
}

/** A code was confirmed (strong customer authentication): the allowance starts again from zero. */
export function resetLowValueAllowance(tx: Tx, customerId: string, now: Date): Promise<void> {
  takeLock(tx, 'low-value-counters');
  return resetLowValueCounters(tx, customerId, now);
}

/** The counters as they stand (for tests and the back office). */
export function lowValueCounters(q: Queryable, customerId: string): Promise<LowValueCounters> {
  return selectLowValueCounters(q, customerId);
}
