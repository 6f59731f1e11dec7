import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { RaisedLimit, TransferLimit } from './customer-limits.types.js';

/** All SQL of risk_customer_limits (migration 0029): a customer's raised transfer limits. */

const COLUMNS = 'limit_kind, amount_minor, currency, approval_id, set_at';

interface RaisedLimitRow {
  limit_kind: TransferLimit;
  amount_minor: bigint;
  currency: 'KZT';
  approval_id: string;
  set_at: Date;
}

function raisedLimitOf(row: RaisedLimitRow): RaisedLimit {
  return { limit: row.limit_kind, amountMinor: row.amount_minor, currency: row.currency, approvalId: row.approval_id, setAt: row.set_at };
}

/** The customer's raised limits, at most one per limit (the primary key). */
export async function selectRaisedLimits(q: Queryable, customerId: string): Promise<RaisedLimit[]> {
  const { rows } = await q.query<RaisedLimitRow>(`SELECT ${COLUMNS} FROM risk_customer_limits WHERE customer_id = $1`, [customerId]);
  return rows.map(raisedLimitOf);
}

/** Writes the limit an approval raised, in its decision's transaction; a later raise replaces an earlier one. */
export async function upsertRaisedLimit(tx: Tx, customerId: string, raised: RaisedLimit): Promise<void> {
  assert(tx.inTransaction, 'a raised limit is written in the approval decision transaction');
  await tx.query(
    `INSERT INTO risk_customer_limits (customer_id, ${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (customer_id, limit_kind) DO UPDATE
     SET amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency, approval_id = EXCLUDED.approval_id, set_at = EXCLUDED.set_at`,
    [customerId, raised.limit, raised.amountMinor, raised.currency, raised.approvalId, raised.setAt],
  );
}
