import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';

/**
 * The one order in which a money transaction takes its locks. Two transactions that take the
 * same locks in the same order can wait for each other but never deadlock; every path that
 * moves money (create, confirm, the batcher, trusted payees) asserts it as it goes.
 *
 *   idempotency-key     the (customer, Idempotency-Key) row: a retry waits here for the first
 *   operation           the operation record being confirmed or given a new code (FOR UPDATE)
 *   card                a card's row (cards lockCard): its status, controls and internet day counters,
 *                       checked and counted by the card-network's authorisations, reversals, expiries
 *   trusted-payee       the payee being confirmed
 *   sca-challenge       the code being checked or re-sent (sca, FOR UPDATE)
 *   low-value-counters  the customer's RTS art. 16 allowance (risk_low_value_counters)
 *   customer-limits     the customer's limit lock (risk_limit_locks): day and month sums after it
 *   sca-caps            the SMS code caps charged when a code is sent (sca)
 *   ledger-accounts     the ledger's account rows, by id (ledger.accounts.repo.ts lockAccounts), always last
 */
export const LOCK_ORDER = [
  'idempotency-key',
  'operation',
  'card',
  'trusted-payee',
  'sca-challenge',
  'low-value-counters',
  'customer-limits',
  'sca-caps',
  'ledger-accounts',
] as const;
export type LockName = (typeof LOCK_ORDER)[number];

const highestTaken = new WeakMap<Tx, number>();

/** Records that `tx` takes `lock` now, and fails if it already holds one that comes later. */
export function takeLock(tx: Tx, lock: LockName): void {
  const rank = LOCK_ORDER.indexOf(lock);
  const highest = highestTaken.get(tx) ?? -1;
  assert(rank >= highest, `lock order: ${lock} taken after ${LOCK_ORDER[highest] ?? 'nothing'}`);
  if (rank > highest) highestTaken.set(tx, rank);
}
