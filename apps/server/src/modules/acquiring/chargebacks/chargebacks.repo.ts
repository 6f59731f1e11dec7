import type { Queryable, Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import type { Currency } from '../../ledger/index.js';
import {
  type Chargeback,
  type ChargebackReason,
  type ChargebackStatus,
  chargebackStatesBefore,
  type ResponseKind,
} from './chargebacks.types.js';

/** The SQL of chargebacks (migration 0045). */

const COLUMNS = `id, dispute_id, payment_id, merchant_id, status, reason, amount_minor, currency, respond_by, response_kind,
  response_text, responded_at, lost_minor, recovered_minor, created_at, updated_at, closed_at`;

interface ChargebackRow {
  id: string;
  dispute_id: string;
  payment_id: string;
  merchant_id: string;
  status: ChargebackStatus;
  reason: ChargebackReason;
  amount_minor: string | bigint;
  currency: string;
  respond_by: Date;
  response_kind: ResponseKind | null;
  response_text: string | null;
  responded_at: Date | null;
  lost_minor: string | bigint | null;
  recovered_minor: string | bigint;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

function toChargeback(row: ChargebackRow): Chargeback {
  return {
    id: row.id,
    disputeId: row.dispute_id,
    paymentId: row.payment_id,
    merchantId: row.merchant_id,
    status: row.status,
    reason: row.reason,
    amountMinor: BigInt(row.amount_minor),
    currency: row.currency as Currency,
    respondBy: row.respond_by,
    response: row.response_kind && row.responded_at ? { kind: row.response_kind, text: row.response_text, at: row.responded_at } : null,
    lostMinor: row.lost_minor === null ? null : BigInt(row.lost_minor),
    recoveredMinor: BigInt(row.recovered_minor),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

/** Writes the chargeback of a case; false when the case has one already (a retry of the opening). */
export async function insertChargeback(tx: Tx, c: Chargeback): Promise<boolean> {
  assert(tx.inTransaction, 'a chargeback opens in its case’s transaction');
  const { rowCount } = await tx.query(
    `INSERT INTO chargebacks (id, dispute_id, payment_id, merchant_id, status, reason, amount_minor, currency, respond_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT (dispute_id) DO NOTHING`,
    [c.id, c.disputeId, c.paymentId, c.merchantId, c.status, c.reason, c.amountMinor, c.currency, c.respondBy, c.createdAt],
  );
  return rowCount === 1;
}

export async function selectChargebackOfDispute(q: Queryable, disputeId: string): Promise<Chargeback | null> {
  const { rows } = await q.query<ChargebackRow>(`SELECT ${COLUMNS} FROM chargebacks WHERE dispute_id = $1`, [disputeId]);
  return rows[0] ? toChargeback(rows[0]) : null;
}

export async function lockChargebackOfDispute(tx: Tx, disputeId: string): Promise<Chargeback | null> {
  const { rows } = await tx.query<ChargebackRow>(`SELECT ${COLUMNS} FROM chargebacks WHERE dispute_id = $1 FOR UPDATE`, [disputeId]);
  return rows[0] ? toChargeback(rows[0]) : null;
}

/** The merchant's chargeback; null for another merchant's, as for an unknown id (one 404). */
export async function selectMerchantChargeback(q: Queryable, merchantId: string, id: string): Promise<Chargeback | null> {
  const { rows } = await q.query<ChargebackRow>(`SELECT ${COLUMNS} FROM chargebacks WHERE id = $1 AND merchant_id = $2`, [id, merchantId]);
  return rows[0] ? toChargeback(rows[0]) : null;
}

export async function lockMerchantChargeback(tx: Tx, merchantId: string, id: string): Promise<Chargeback | null> {
  const { rows } = await tx.query<ChargebackRow>(`SELECT ${COLUMNS} FROM chargebacks WHERE id = $1 AND merchant_id = $2 FOR UPDATE`, [
    id,
    merchantId,
  ]);
  return rows[0] ? toChargeback(rows[0]) : null;
}

/** Newest first; `afterId` is the last of the page before (keyset on created_at, id). */
export async function listMerchantChargebacks(
  q: Queryable,
  merchantId: string,
  page: { limit: number; afterId: string | null },
): Promise<Chargeback[]> {
  const { rows } = await q.query<ChargebackRow>(
    `SELECT ${COLUMNS} FROM chargebacks
     WHERE merchant_id = $1
       AND ($2::text IS NULL OR (created_at, id) < (SELECT created_at, id FROM chargebacks WHERE id = $2 AND merchant_id = $1))
     ORDER BY created_at DESC, id DESC LIMIT $3`,
    [merchantId, page.afterId, page.limit],
  );
  return rows.map(toChargeback);
}

/** Whether the payment has a chargeback open or lost: the merchant then refunds nothing more itself. */
export async function paymentHasStandingChargeback(q: Queryable, paymentId: string): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM chargebacks WHERE payment_id = $1 AND status IN ('needs_response', 'under_review', 'lost') LIMIT 1`,
    [paymentId],
  );
  return rows.length > 0;
}

/** Records the merchant's answer on an open chargeback; false when it is not open any more. */
export async function updateResponse(tx: Tx, input: { id: string; kind: ResponseKind; text: string | null; now: Date }): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE chargebacks SET status = 'under_review', response_kind = $2, response_text = $3, responded_at = $4, updated_at = $4
     WHERE id = $1 AND status = ANY($5::text[])`,
    [input.id, input.kind, input.text, input.now, chargebackStatesBefore('under_review')],
  );
  return rowCount === 1;
}

/** Closes an open chargeback as won, lost (with what was charged back) or withdrawn; false when it is closed already. */
export async function updateOutcome(
  tx: Tx,
  input: { id: string; to: 'won' | 'lost' | 'withdrawn'; lostMinor: bigint | null; recoveredMinor: bigint; now: Date },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE chargebacks SET status = $2, lost_minor = $3, recovered_minor = $4, closed_at = $5, updated_at = $5
     WHERE id = $1 AND status = ANY($6::text[])`,
    [input.id, input.to, input.lostMinor, input.recoveredMinor, input.now, chargebackStatesBefore(input.to)],
  );
  return rowCount === 1;
}

/** A merchant's lost chargebacks not fully paid yet, oldest first, locked for the recovery. */
export async function lockOwedChargebacks(tx: Tx, merchantId: string, currency: Currency, limit: number): Promise<Chargeback[]> {
  const { rows } = await tx.query<ChargebackRow>(
    `SELECT ${COLUMNS} FROM chargebacks
     WHERE merchant_id = $1 AND currency = $2 AND status = 'lost' AND recovered_minor < lost_minor
     ORDER BY closed_at, id LIMIT $3 FOR UPDATE`,
    [merchantId, currency, limit],
  );
  return rows.map(toChargeback);
}

export async function merchantOwesChargebacks(q: Queryable, merchantId: string): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM chargebacks WHERE merchant_id = $1 AND status = 'lost' AND recovered_minor < lost_minor LIMIT 1`,
    [merchantId],
  );
  return rows.length > 0;
}

export async function addRecovered(tx: Tx, input: { id: string; amountMinor: bigint; now: Date }): Promise<void> {
  const { rowCount } = await tx.query(
    `UPDATE chargebacks SET recovered_minor = recovered_minor + $2, updated_at = $3
     WHERE id = $1 AND status = 'lost' AND recovered_minor + $2 <= lost_minor`,
    [input.id, input.amountMinor, input.now],
  );
  assert(rowCount === 1, `chargeback ${input.id} cannot recover ${input.amountMinor} more`);
}
