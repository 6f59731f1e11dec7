import type { Queryable } from '../../db/database.js';
import type { DeclineReason, OperationKind, OperationStatus } from './operations.types.js';

// ---- operations: a customer's day, grouped (day-summary.ts) ----

export interface SummaryRow {
  row_type: 'group' | 'declined';
  kind: OperationKind;
  status: OperationStatus;
  currency: string;
  own: boolean;
  count: number;
  amount_minor: bigint | string;
  fee_minor: bigint | string;
  decline_reason: DeclineReason | null;
}

/**
 * One statement through the two history indexes (operations_customer, operations_payee_customer):
 * the customer's own operations of the period, and what others paid them, grouped by kind, state
 * and currency, followed by the first declined ones. Bounded by the groups (a handful of kinds and
 * states) and DECLINED_LISTED_MAX, whatever the day held.
 */
const SUMMARY_SQL = `
  WITH day_operations AS (
    SELECT id, kind, status, amount_minor, fee_minor, currency, decline_reason, created_at, true AS own
    FROM operations
    WHERE customer_id = $1 AND created_at >= $2 AND created_at < $3 AND status IN ('completed', 'sent', 'declined')
    UNION ALL
    SELECT id, kind, status, amount_minor, fee_minor, currency, decline_reason, created_at, false AS own
    FROM operations
    WHERE payee_customer_id = $1 AND customer_id <> $1 AND created_at >= $2 AND created_at < $3 AND status = 'completed'
  )
  SELECT 'group' AS row_type, kind, status, currency, own, count(*)::integer AS count,
         sum(amount_minor)::bigint AS amount_minor, sum(fee_minor)::bigint AS fee_minor, NULL::text AS decline_reason
  FROM day_operations GROUP BY kind, status, currency, own
  UNION ALL
  (SELECT 'declined', kind, status, currency, own, 1, amount_minor, fee_minor, decline_reason
   FROM day_operations WHERE status = 'declined' ORDER BY created_at, id LIMIT $4)`;

/** The groups of the customer's operations of [from, to), then the first `declinedMax` declined ones. */
export async function selectDaySummaryRows(
  q: Queryable,
  input: { customerId: string; from: Date; to: Date; declinedMax: number },
): Promise<SummaryRow[]> {
  const { rows } = await q.query<SummaryRow>(SUMMARY_SQL, [input.customerId, input.from, input.to, input.declinedMax]);
  return rows;
}
