import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';

/** All SQL of risk: its lock rows, its day counters, the low-value allowance. */

/** Locks the customer's limit row to the end of the transaction (one statement: upsert and lock). */
export async function lockCustomerLimits(tx: Tx, customerId: string): Promise<void> {
  await tx.query(
    `INSERT INTO risk_limit_locks (customer_id) VALUES ($1)
     ON CONFLICT (customer_id) DO UPDATE SET customer_id = EXCLUDED.customer_id`,
    [customerId],
  );
}

/** What the customer sent to others on `day` and since `monthStart` (bank calendar days); read under the limit lock when it decides. */
export async function customerSpent(
  q: Queryable,
  customerId: string,
  day: string,
  monthStart: string,
): Promise<{ day: bigint; month: bigint }> {
  const { rows } = await q.query<{ day: bigint | null; month: bigint | null }>(
    `SELECT (sum(spent_minor) FILTER (WHERE day = $2::date))::bigint AS day, sum(spent_minor)::bigint AS month
     FROM risk_customer_days WHERE customer_id = $1 AND day >= $3::date`,
    [customerId, day, monthStart],
  );
  return { day: rows[0]?.day ?? 0n, month: rows[0]?.month ?? 0n };
}

export async function accountDebited(tx: Tx, accountId: string, day: string): Promise<bigint> {
  const { rows } = await tx.query<{ debited_minor: bigint }>(
    'SELECT debited_minor FROM risk_account_days WHERE account_id = $1 AND day = $2::date',
    [accountId, day],
  );
  return rows[0]?.debited_minor ?? 0n;
}

export async function addCustomerSpent(tx: Tx, customerId: string, day: string, amountMinor: bigint): Promise<void> {
  await tx.query(
    `INSERT INTO risk_customer_days (customer_id, day, spent_minor) VALUES ($1, $2::date, $3)
     ON CONFLICT (customer_id, day) DO UPDATE SET spent_minor = risk_customer_days.spent_minor + EXCLUDED.spent_minor`,
    [customerId, day, amountMinor],
  );
}

export async function addAccountDebited(tx: Tx, accountId: string, day: string, amountMinor: bigint): Promise<void> {
  await tx.query(
    `INSERT INTO risk_account_days (account_id, day, debited_minor) VALUES ($1, $2::date, $3)
     ON CONFLICT (account_id, day) DO UPDATE SET debited_minor = risk_account_days.debited_minor + EXCLUDED.debited_minor`,
    [accountId, day, amountMinor],
  );
}

/**
 * Gives back from a day's sums what was counted for money that did not leave after all (money-out.ts
 * giveBackMoneyOut): never below zero, and nothing written for a day that counted nothing.
 */
export async function subtractCustomerSpent(tx: Tx, customerId: string, day: string, amountMinor: bigint): Promise<void> {
  assert(amountMinor >= 0n, 'an amount given back is not negative');
  await tx.query(
    'UPDATE risk_customer_days SET spent_minor = GREATEST(spent_minor - $3::bigint, 0) WHERE customer_id = $1 AND day = $2::date',
    [customerId, day, amountMinor],
  );
}

export async function subtractAccountDebited(tx: Tx, accountId: string, day: string, amountMinor: bigint): Promise<void> {
  assert(amountMinor >= 0n, 'an amount given back is not negative');
  await tx.query(
    'UPDATE risk_account_days SET debited_minor = GREATEST(debited_minor - $3::bigint, 0) WHERE account_id = $1 AND day = $2::date',
    [accountId, day, amountMinor],
  );
}

export interface LowValueCounters {
  operationsCount: number;
  totalMinor: bigint;
  lastScaAt: Date | null;
}

/** Locks the customer's low-value counters (creating them at zero) and returns them. */
export async function lockLowValueCounters(tx: Tx, customerId: string): Promise<LowValueCounters> {
  const { rows } = await tx.query<{ operations_count: number; total_minor: bigint; last_sca_at: Date | null }>(
    `INSERT INTO risk_low_value_counters (customer_id, operations_count, total_minor) VALUES ($1, 0, 0)
     ON CONFLICT (customer_id) DO UPDATE SET customer_id = EXCLUDED.customer_id
     RETURNING operations_count, total_minor, last_sca_at`,
    [customerId],
  );
  const row = rows[0];
  assert(row, 'the counter row exists after the upsert');
  return { operationsCount: row.operations_count, totalMinor: row.total_minor, lastScaAt: row.last_sca_at };
}

export async function addLowValueOperation(tx: Tx, customerId: string, totalMinor: bigint): Promise<void> {
  const { rows } = await tx.query(
    `UPDATE risk_low_value_counters SET operations_count = operations_count + 1, total_minor = total_minor + $2
     WHERE customer_id = $1 RETURNING 1`,
    [customerId, totalMinor],
  );
  assert(rows.length === 1, 'the allowance was looked at before it is spent');
}

export async function resetLowValueCounters(tx: Tx, customerId: string, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO risk_low_value_counters (customer_id, operations_count, total_minor, last_sca_at) VALUES ($1, 0, 0, $2)
     ON CONFLICT (customer_id) DO UPDATE SET operations_count = 0, total_minor = 0, last_sca_at = EXCLUDED.last_sca_at`,
    [customerId, now],
  );
}

export async function selectLowValueCounters(q: Queryable, customerId: string): Promise<LowValueCounters> {
  const { rows } = await q.query<{ operations_count: number; total_minor: bigint; last_sca_at: Date | null }>(
    'SELECT operations_count, total_minor, last_sca_at FROM risk_low_value_counters WHERE customer_id = $1',
    [customerId],
  );
  const row = rows[0];
  return { operationsCount: row?.operations_count ?? 0, totalMinor: row?.total_minor ?? 0n, lastScaAt: row?.last_sca_at ?? null };
}
