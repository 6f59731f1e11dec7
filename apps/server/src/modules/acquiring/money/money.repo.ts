import type { Queryable, Tx } from '../../../db/database.js';
import type { Currency } from '../../ledger/index.js';

/** The SQL of merchant_captures, merchant_refunds and merchant_payouts (migration 0043). */

export interface CaptureRow {
  captureId: string;
  paymentId: string;
  merchantId: string;
  issuer: 'kassa' | 'other';
  rrn: string;
  currency: Currency;
  amountMinor: bigint;
  feeMinor: bigint;
  ledgerOperationId: string;
  capturedAt: Date;
}

/** Claims the capture; false when it was claimed before (its money moved then). */
export async function insertCapture(tx: Tx, row: CaptureRow): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO merchant_captures (capture_id, payment_id, merchant_id, issuer, rrn, currency, amount_minor, fee_minor, ledger_operation_id, captured_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (capture_id) DO NOTHING`,
    [
      row.captureId,
      row.paymentId,
      row.merchantId,
      row.issuer,
      row.rrn,
      row.currency,
      row.amountMinor,
      row.feeMinor,
      row.ledgerOperationId,
      row.capturedAt,
    ],
  );
  return rowCount === 1;
}

export async function selectCaptureFee(q: Queryable, captureId: string): Promise<bigint | null> {
  const { rows } = await q.query<{ fee_minor: string | bigint }>('SELECT fee_minor FROM merchant_captures WHERE capture_id = $1', [
    captureId,
  ]);
  return rows[0] ? BigInt(rows[0].fee_minor) : null;
}

/**
 * What a payment captured and refunded so far, with its captures locked (FOR UPDATE), so two
 * refunds of one payment are decided one after the other.
 */
export async function lockPaymentTotals(tx: Tx, paymentId: string): Promise<{ capturedMinor: bigint; refundedMinor: bigint }> {
  const captured = await tx.query<{ amount_minor: string | bigint }>(
    'SELECT amount_minor FROM merchant_captures WHERE payment_id = $1 ORDER BY capture_id FOR UPDATE',
    [paymentId],
  );
  const refunded = await tx.query<{ total: string | bigint | null }>(
    'SELECT sum(amount_minor) AS total FROM merchant_refunds WHERE payment_id = $1',
    [paymentId],
  );
  return {
    capturedMinor: captured.rows.reduce((sum, row) => sum + BigInt(row.amount_minor), 0n),
    refundedMinor: BigInt(refunded.rows[0]?.total ?? 0),
  };
}

export interface RefundRow {
  refundId: string;
  paymentId: string;
  merchantId: string;
  issuer: 'kassa' | 'other';
  currency: Currency;
  amountMinor: bigint;
  ledgerOperationId: string;
  operationId: string | null;
  refundedAt: Date;
}

export async function refundExists(q: Queryable, refundId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM merchant_refunds WHERE refund_id = $1', [refundId]);
  return rows.length > 0;
}

/** Claims the refund; false when it was claimed before. */
export async function insertRefund(tx: Tx, row: RefundRow): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO merchant_refunds (refund_id, payment_id, merchant_id, issuer, currency, amount_minor, ledger_operation_id, operation_id, refunded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (refund_id) DO NOTHING`,
    [
      row.refundId,
      row.paymentId,
      row.merchantId,
      row.issuer,
      row.currency,
      row.amountMinor,
      row.ledgerOperationId,
      row.operationId,
      row.refundedAt,
    ],
  );
  return rowCount === 1;
}

export interface PayoutRow {
  id: string;
  merchantId: string;
  /** YYYY-MM-DD, the bank's business day. */
  payoutDate: string;
  currency: Currency;
  amountMinor: bigint;
  settlementIban: string;
  ledgerOperationId: string;
  createdAt: Date;
}

/** Claims the merchant's payout of the day; false when the day has one. */
export async function insertPayout(tx: Tx, row: PayoutRow): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO merchant_payouts (id, merchant_id, payout_date, currency, amount_minor, settlement_iban, ledger_operation_id, created_at)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8) ON CONFLICT (merchant_id, currency, payout_date) DO NOTHING`,
    [row.id, row.merchantId, row.payoutDate, row.currency, row.amountMinor, row.settlementIban, row.ledgerOperationId, row.createdAt],
  );
  return rowCount === 1;
}

interface PayoutDbRow {
  id: string;
  merchant_id: string;
  payout_date: string | Date;
  currency: string;
  amount_minor: string | bigint;
  settlement_iban: string;
  ledger_operation_id: string;
  created_at: Date;
}

function dateText(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

export async function selectPayouts(q: Queryable, merchantId: string, limit: number): Promise<PayoutRow[]> {
  const { rows } = await q.query<PayoutDbRow>(
    `SELECT id, merchant_id, payout_date::text AS payout_date, currency, amount_minor, settlement_iban, ledger_operation_id, created_at
     FROM merchant_payouts WHERE merchant_id = $1 ORDER BY payout_date DESC, id DESC LIMIT $2`,
    [merchantId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    merchantId: row.merchant_id,
    payoutDate: dateText(row.payout_date),
    currency: row.currency as Currency,
    amountMinor: BigInt(row.amount_minor),
    settlementIban: row.settlement_iban,
    ledgerOperationId: row.ledger_operation_id,
    createdAt: row.created_at,
  }));
}

/** Merchants by id, a page at a time, for the payout run: id and IBAN only. */
export async function selectMerchantsForPayout(
  q: Queryable,
  page: { afterId: string | null; limit: number },
): Promise<{ id: string; settlementIban: string }[]> {
  const { rows } = await q.query<{ id: string; settlement_iban: string }>(
    `SELECT id, settlement_iban FROM merchants WHERE $1::text IS NULL OR id > $1 ORDER BY id LIMIT $2`,
    [page.afterId, page.limit],
  );
  return rows.map((row) => ({ id: row.id, settlementIban: row.settlement_iban }));
}
