import type { Queryable, Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import type { ApiKeyMode as PaymentMode } from '../merchants.types.js';
import type { FailureCode, Issuer } from '../money/index.js';
import type {
  CancellationReason,
  CaptureMethod,
  MerchantScope,
  Payment,
  PaymentCurrency,
  PaymentRefund,
  PaymentStatus,
  PendingStep,
  RefundStatus,
} from './payments.types.js';

/** All SQL of payments, payment_refunds and payment_idempotency_keys (migration 0040). */

const PAYMENT_COLUMNS = `id, merchant_id, mode, status, amount_minor, currency, capture_method, description, merchant_order_id,
  return_url, metadata, authorised_minor, captured_minor, refunded_minor, failure_code, issuer, rrn, authorisation_code,
  card_brand, card_last4, attempt, pending_step, pending_capture_id, pending_amount_minor, pending_since,
  authentication_started_at, cancellation_reason, created_at, updated_at`;

interface PaymentRow {
  id: string;
  merchant_id: string;
  mode: PaymentMode;
  status: PaymentStatus;
  amount_minor: string | bigint;
  currency: PaymentCurrency;
  capture_method: CaptureMethod;
  description: string | null;
  merchant_order_id: string | null;
  return_url: string;
  metadata: Record<string, string>;
  authorised_minor: string | bigint;
  captured_minor: string | bigint;
  refunded_minor: string | bigint;
  failure_code: FailureCode | null;
  issuer: Issuer | null;
  rrn: string | null;
  authorisation_code: string | null;
  card_brand: string | null;
  card_last4: string | null;
  attempt: number;
  pending_step: PendingStep | null;
  pending_capture_id: string | null;
  pending_amount_minor: string | bigint | null;
  pending_since: Date | null;
  authentication_started_at: Date | null;
  cancellation_reason: CancellationReason | null;
  created_at: Date;
  updated_at: Date;
}

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    mode: row.mode,
    status: row.status,
    amountMinor: BigInt(row.amount_minor),
    currency: row.currency,
    captureMethod: row.capture_method,
    description: row.description,
    merchantOrderId: row.merchant_order_id,
    returnUrl: row.return_url,
    metadata: row.metadata,
    authorisedMinor: BigInt(row.authorised_minor),
    capturedMinor: BigInt(row.captured_minor),
    refundedMinor: BigInt(row.refunded_minor),
    failureCode: row.failure_code,
    issuer: row.issuer,
    rrn: row.rrn,
    authorisationCode: row.authorisation_code,
    cardBrand: row.card_brand,
    cardLast4: row.card_last4,
    attempt: row.attempt,
    pendingStep: row.pending_step,
    pendingCaptureId: row.pending_capture_id,
    pendingAmountMinor: row.pending_amount_minor === null ? null : BigInt(row.pending_amount_minor),
    pendingSince: row.pending_since,
    authenticationStartedAt: row.authentication_started_at,
    cancellationReason: row.cancellation_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function paymentValues(p: Payment): unknown[] {
  return [
    p.id,
    p.merchantId,
    p.mode,
    p.status,
    p.amountMinor,
    p.currency,
    p.captureMethod,
    p.description,
    p.merchantOrderId,
    p.returnUrl,
    JSON.stringify(p.metadata),
    p.authorisedMinor,
    p.capturedMinor,
    p.refundedMinor,
    p.failureCode,
    p.issuer,
    p.rrn,
    p.authorisationCode,
    p.cardBrand,
    p.cardLast4,
    p.attempt,
    p.pendingStep,
    p.pendingCaptureId,
    p.pendingAmountMinor,
    p.pendingSince,
    p.authenticationStartedAt,
    p.cancellationReason,
    p.createdAt,
    p.updatedAt,
  ];
}

const PLACEHOLDERS = Array.from({ length: 29 }, (_, index) => `$${index + 1}`).join(', ');

export async function insertPayment(tx: Tx, payment: Payment, checkoutTokenHash: string): Promise<void> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  await tx.query(`INSERT INTO payments (${PAYMENT_COLUMNS}, checkout_token_hash) VALUES (${PLACEHOLDERS}, $30)`, [
    ...paymentValues(payment),
    checkoutTokenHash,
  ]);
}

/** Writes every column a payment's life changes; the row must be locked by this transaction. */
export async function updatePayment(tx: Tx, p: Payment): Promise<void> {
  assert(tx.inTransaction, 'runs inside the transaction that locked the payment');
  const { rowCount } = await tx.query(
    `UPDATE payments SET status = $2, authorised_minor = $3, captured_minor = $4, refunded_minor = $5, failure_code = $6, issuer = $7,
       rrn = $8, authorisation_code = $9, card_brand = $10, card_last4 = $11, attempt = $12, pending_step = $13,
       pending_capture_id = $14, pending_amount_minor = $15, pending_since = $16, authentication_started_at = $17,
       cancellation_reason = $18, updated_at = $19
     WHERE id = $1`,
    [
      p.id,
      p.status,
      p.authorisedMinor,
      p.capturedMinor,
      p.refundedMinor,
      p.failureCode,
      p.issuer,
      p.rrn,
      p.authorisationCode,
      p.cardBrand,
      p.cardLast4,
      p.attempt,
      p.pendingStep,
      p.pendingCaptureId,
      p.pendingAmountMinor,
      p.pendingSince,
      p.authenticationStartedAt,
      p.cancellationReason,
      p.updatedAt,
    ],
  );
  assert(rowCount === 1, `payment ${p.id} vanished under its lock`);
}

/** The merchant's payment in the key's mode; null for any other (unknown, another merchant's, the other mode): one 404. */
export async function findPayment(q: Queryable, scope: MerchantScope, paymentId: string): Promise<Payment | null> {
  const { rows } = await q.query<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1 AND merchant_id = $2 AND mode = $3`, [
    paymentId,
    scope.merchantId,
    scope.mode,
  ]);
  return rows[0] ? toPayment(rows[0]) : null;
}

/** Any payment by id (the checkout's and the sweep's look-up: they are not a merchant). */
export async function findPaymentById(q: Queryable, paymentId: string): Promise<Payment | null> {
  const { rows } = await q.query<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1`, [paymentId]);
  return rows[0] ? toPayment(rows[0]) : null;
}

/** The live payment a Kassa card paid with this DE37 (the on-us purchase a chargeback is about). */
export async function findKassaPaymentByRrn(q: Queryable, rrn: string): Promise<Payment | null> {
  const { rows } = await q.query<PaymentRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE rrn = $1 AND issuer = 'kassa' AND mode = 'live' ORDER BY created_at LIMIT 1`,
    [rrn],
  );
  return rows[0] ? toPayment(rows[0]) : null;
}

/** The payment, locked (FOR UPDATE) for the transaction: every change of a payment is decided under this lock. */
export async function lockPayment(tx: Tx, paymentId: string): Promise<Payment | null> {
  assert(tx.inTransaction, 'a lock lives as long as its transaction');
  const { rows } = await tx.query<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1 FOR UPDATE`, [paymentId]);
  return rows[0] ? toPayment(rows[0]) : null;
}

/** Newest first; `afterId` is the last payment of the page before (keyset on created_at, id, in the scope). */
export async function listPayments(
  q: Queryable,
  scope: MerchantScope,
  page: { limit: number; afterId: string | null },
): Promise<Payment[]> {
  const { rows } = await q.query<PaymentRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments
     WHERE merchant_id = $1 AND mode = $2
       AND ($3::text IS NULL OR (created_at, id) < (SELECT created_at, id FROM payments WHERE id = $3 AND merchant_id = $1 AND mode = $2))
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [scope.merchantId, scope.mode, page.afterId, page.limit],
  );
  return rows.map(toPayment);
}

export async function checkoutTokenHashOf(q: Queryable, paymentId: string): Promise<string | null> {
  const { rows } = await q.query<{ checkout_token_hash: string }>('SELECT checkout_token_hash FROM payments WHERE id = $1', [paymentId]);
  return rows[0]?.checkout_token_hash ?? null;
}

export async function setCheckoutTokenHash(tx: Tx, paymentId: string, hash: string): Promise<void> {
  await tx.query('UPDATE payments SET checkout_token_hash = $2 WHERE id = $1', [paymentId, hash]);
}

/** Payments whose pending step has waited since before `before` (a crash, or a call still running: the steps are idempotent). */
export async function stalePendingPayments(q: Queryable, before: Date, limit: number): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    'SELECT id FROM payments WHERE pending_step IS NOT NULL AND pending_since < $1 ORDER BY pending_since LIMIT $2',
    [before, limit],
  );
  return rows.map((row) => row.id);
}

const REFUND_COLUMNS = 'id, payment_id, status, amount_minor, currency, failure_code, created_at, updated_at';

interface RefundRow {
  id: string;
  payment_id: string;
  status: RefundStatus;
  amount_minor: string | bigint;
  currency: PaymentCurrency;
  failure_code: FailureCode | null;
  created_at: Date;
  updated_at: Date;
}

function toRefund(row: RefundRow): PaymentRefund {
  return {
    id: row.id,
    paymentId: row.payment_id,
    status: row.status,
    amountMinor: BigInt(row.amount_minor),
    currency: row.currency,
    failureCode: row.failure_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertRefund(tx: Tx, refund: PaymentRefund): Promise<void> {
  assert(tx.inTransaction && refund.status === 'pending', 'a refund is recorded pending, under its payment’s lock');
  await tx.query(`INSERT INTO payment_refunds (${REFUND_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
    refund.id,
    refund.paymentId,
    refund.status,
    refund.amountMinor,
    refund.currency,
    refund.failureCode,
    refund.createdAt,
    refund.updatedAt,
  ]);
}

/** Ends a pending refund; null when it was not pending any more (another finisher was first). */
export async function finishRefund(
  tx: Tx,
  change: { refundId: string; status: 'succeeded' | 'failed'; failureCode: FailureCode | null; now: Date },
): Promise<PaymentRefund | null> {
  const { rows } = await tx.query<RefundRow>(
    `UPDATE payment_refunds SET status = $2, failure_code = $3, updated_at = $4 WHERE id = $1 AND status = 'pending' RETURNING ${REFUND_COLUMNS}`,
    [change.refundId, change.status, change.failureCode, change.now],
  );
  return rows[0] ? toRefund(rows[0]) : null;
}

export async function findRefund(q: Queryable, refundId: string): Promise<PaymentRefund | null> {
  const { rows } = await q.query<RefundRow>(`SELECT ${REFUND_COLUMNS} FROM payment_refunds WHERE id = $1`, [refundId]);
  return rows[0] ? toRefund(rows[0]) : null;
}

/** A payment's refunds, newest first; a payment has few (each needs captured money left). */
export async function listRefunds(q: Queryable, paymentId: string, limit: number): Promise<PaymentRefund[]> {
  const { rows } = await q.query<RefundRow>(
    `SELECT ${REFUND_COLUMNS} FROM payment_refunds WHERE payment_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [paymentId, limit],
  );
  return rows.map(toRefund);
}

/** What a payment's pending refunds hold back; read under the payment's lock. */
export async function pendingRefundsMinor(tx: Tx, paymentId: string): Promise<bigint> {
  const { rows } = await tx.query<{ total: string | null }>(
    `SELECT sum(amount_minor)::text AS total FROM payment_refunds WHERE payment_id = $1 AND status = 'pending'`,
    [paymentId],
  );
  return BigInt(rows[0]?.total ?? 0);
}

export async function stalePendingRefunds(q: Queryable, before: Date, limit: number): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM payment_refunds WHERE status = 'pending' AND created_at < $1 ORDER BY created_at LIMIT $2`,
    [before, limit],
  );
  return rows.map((row) => row.id);
}

export interface IdempotencyRecord {
  requestHash: string;
  responseStatus: number;
  responseBody: unknown;
}

/**
 * Claims (merchant, mode, key) for a request; a claim left unanswered since before `staleBefore`
 * (its request crashed) is taken over by the same request. null: claimed now; else the record as it is.
 */
export async function claimIdempotencyKey(
  q: Queryable,
  input: MerchantScope & { key: string; requestHash: string; now: Date; staleBefore: Date },
): Promise<IdempotencyRecord | null> {
  const { rows } = await q.query<{ key: string }>(
    `INSERT INTO payment_idempotency_keys (merchant_id, mode, key, request_hash, response_status, response_body, created_at)
     VALUES ($1, $2, $3, $4, 0, 'null', $5)
     ON CONFLICT (merchant_id, mode, key) DO UPDATE SET created_at = EXCLUDED.created_at
       WHERE payment_idempotency_keys.response_status = 0 AND payment_idempotency_keys.created_at < $6
         AND payment_idempotency_keys.request_hash = EXCLUDED.request_hash
     RETURNING key`,
    [input.merchantId, input.mode, input.key, input.requestHash, input.now, input.staleBefore],
  );
  if (rows.length === 1) return null;
  const existing = await q.query<{ request_hash: string; response_status: number; response_body: unknown }>(
    'SELECT request_hash, response_status, response_body FROM payment_idempotency_keys WHERE merchant_id = $1 AND mode = $2 AND key = $3',
    [input.merchantId, input.mode, input.key],
  );
  const row = existing.rows[0];
  // Released between the two statements: the caller treats it as in progress and the merchant retries.
  if (!row) return { requestHash: input.requestHash, responseStatus: 0, responseBody: null };
  return { requestHash: row.request_hash, responseStatus: row.response_status, responseBody: row.response_body };
}

export async function storeIdempotentAnswer(
  q: Queryable,
  input: MerchantScope & { key: string; status: number; body: unknown },
): Promise<void> {
  await q.query(
    'UPDATE payment_idempotency_keys SET response_status = $4, response_body = $5 WHERE merchant_id = $1 AND mode = $2 AND key = $3',
    [input.merchantId, input.mode, input.key, input.status, JSON.stringify(input.body)],
  );
}

/** Keys answered before `before` go (SECURITY.md 28 keeps them 24 h at least; the sweep passes a longer window). */
export async function purgeIdempotencyKeys(q: Queryable, before: Date): Promise<number> {
  const { rowCount } = await q.query('DELETE FROM payment_idempotency_keys WHERE created_at < $1', [before]);
  return rowCount ?? 0;
}

export async function releaseIdempotencyKey(q: Queryable, input: MerchantScope & { key: string }): Promise<void> {
  await q.query('DELETE FROM payment_idempotency_keys WHERE merchant_id = $1 AND mode = $2 AND key = $3 AND response_status = 0', [
    input.merchantId,
    input.mode,
    input.key,
  ]);
}
