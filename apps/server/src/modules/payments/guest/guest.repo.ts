import type { Queryable, Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import type { Language, Localized } from '../../../shared/i18n.js';
import type { Currency } from '../../ledger/index.js';
import type { PaidLine } from '../payments.repo.js';

/**
 * The SQL of guests' payments (migration 0051): service_guest_payments, and the guest's row in
 * service_payments that the notify worker and the registry read (written only when the money moved).
 */

export const GUEST_PAYMENT_STATUSES = ['awaiting_card', 'paid', 'failed'] as const;
export type GuestPaymentStatus = (typeof GUEST_PAYMENT_STATUSES)[number];

export interface GuestPayment {
  id: string;
  providerId: string;
  cardPaymentId: string;
  status: GuestPaymentStatus;
  checkId: string | null;
  accountLabel: string;
  fields: Record<string, string>;
  lines: PaidLine[] | null;
  amountMinor: bigint;
  feeMinor: bigint;
  currency: Currency;
  language: Language;
  receiptPhoneMasked: string;
  ledgerOperationId: string | null;
  failureCode: string | null;
  cardLast4: string | null;
  createdAt: Date;
  endedAt: Date | null;
}

/** What is kept only as a seal or a keyed hash beside the payment. */
export interface GuestPaymentSecrets {
  receiptPhoneSealed: string | null;
  statusTokenHash: string;
  idempotencyKeyHash: string;
  requestDigest: string;
}

interface GuestRow {
  id: string;
  provider_id: string;
  card_payment_id: string;
  status: GuestPaymentStatus;
  check_id: string | null;
  account_label: string;
  fields: Record<string, string>;
  lines: Array<{ id: string; name: Localized; amountMinor: string }> | null;
  amount_minor: string | bigint;
  fee_minor: string | bigint;
  currency: Currency;
  language: Language;
  receipt_phone_masked: string;
  ledger_operation_id: string | null;
  failure_code: string | null;
  card_last4: string | null;
  created_at: Date;
  ended_at: Date | null;
  receipt_phone_sealed: string | null;
  status_token_hash: string;
  idempotency_key_hash: string;
  request_digest: string;
}

const COLUMNS = `id, provider_id, card_payment_id, status, check_id, account_label, fields, lines, amount_minor, fee_minor,
  currency, language, receipt_phone_masked, ledger_operation_id, failure_code, card_last4, created_at, ended_at,
  receipt_phone_sealed, status_token_hash, idempotency_key_hash, request_digest`;

function toPayment(row: GuestRow): GuestPayment {
  return {
    id: row.id,
    providerId: row.provider_id,
    cardPaymentId: row.card_payment_id,
    status: row.status,
    checkId: row.check_id,
    accountLabel: row.account_label,
    fields: row.fields,
    lines: row.lines ? row.lines.map((line) => ({ ...line, amountMinor: BigInt(line.amountMinor) })) : null,
    amountMinor: BigInt(row.amount_minor),
    feeMinor: BigInt(row.fee_minor),
    currency: row.currency,
    language: row.language,
    receiptPhoneMasked: row.receipt_phone_masked,
    ledgerOperationId: row.ledger_operation_id,
    failureCode: row.failure_code,
    cardLast4: row.card_last4,
    createdAt: row.created_at,
    endedAt: row.ended_at,
  };
}

function toSecrets(row: GuestRow): GuestPaymentSecrets {
  return {
    receiptPhoneSealed: row.receipt_phone_sealed,
    statusTokenHash: row.status_token_hash,
    idempotencyKeyHash: row.idempotency_key_hash,
    requestDigest: row.request_digest,
  };
}

function linesJson(lines: readonly PaidLine[] | null): string | null {
  return lines ? JSON.stringify(lines.map((line) => ({ ...line, amountMinor: line.amountMinor.toString() }))) : null;
}

/** False when another request took the Idempotency-Key first (nothing written then). */
export async function insertGuestPayment(tx: Tx, payment: GuestPayment, secrets: GuestPaymentSecrets): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO service_guest_payments (${COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     ON CONFLICT (idempotency_key_hash) DO NOTHING`,
    [
      payment.id,
      payment.providerId,
      payment.cardPaymentId,
      payment.status,
      payment.checkId,
      payment.accountLabel,
      JSON.stringify(payment.fields),
      linesJson(payment.lines),
      payment.amountMinor,
      payment.feeMinor,
      payment.currency,
      payment.language,
      payment.receiptPhoneMasked,
      payment.ledgerOperationId,
      payment.failureCode,
      payment.cardLast4,
      payment.createdAt,
      payment.endedAt,
      secrets.receiptPhoneSealed,
      secrets.statusTokenHash,
      secrets.idempotencyKeyHash,
      secrets.requestDigest,
    ],
  );
  return rowCount === 1;
}

type Found = { payment: GuestPayment; secrets: GuestPaymentSecrets } | null;

function found(rows: GuestRow[]): Found {
  const row = rows[0];
  return row ? { payment: toPayment(row), secrets: toSecrets(row) } : null;
}

export async function selectGuestPayment(q: Queryable, id: string): Promise<Found> {
  const { rows } = await q.query<GuestRow>(`SELECT ${COLUMNS} FROM service_guest_payments WHERE id = $1`, [id]);
  return found(rows);
}

export async function selectGuestPaymentByKey(q: Queryable, idempotencyKeyHash: string): Promise<Found> {
  const { rows } = await q.query<GuestRow>(`SELECT ${COLUMNS} FROM service_guest_payments WHERE idempotency_key_hash = $1`, [
    idempotencyKeyHash,
  ]);
  return found(rows);
}

/** The guest payment of a card payment, locked for its end (guest-settle.ts), or null for another seller's. */
export async function lockGuestPaymentOfCard(tx: Tx, cardPaymentId: string): Promise<Found> {
  assert(tx.inTransaction, 'locked in the transaction that ends the card payment');
  const { rows } = await tx.query<GuestRow>(`SELECT ${COLUMNS} FROM service_guest_payments WHERE card_payment_id = $1 FOR UPDATE`, [
    cardPaymentId,
  ]);
  return found(rows);
}

/** A retried request's fresh status token (the first answer's was never stored). */
export async function updateStatusTokenHash(q: Queryable, id: string, statusTokenHash: string): Promise<void> {
  await q.query('UPDATE service_guest_payments SET status_token_hash = $2 WHERE id = $1', [id, statusTokenHash]);
}

/** The card payment's end, written once over awaiting_card; the receipt's phone is forgotten with it. */
export async function endGuestPayment(
  tx: Tx,
  end: {
    id: string;
    status: 'paid' | 'failed';
    ledgerOperationId: string | null;
    failureCode: string | null;
    cardLast4: string | null;
    endedAt: Date;
  },
): Promise<void> {
  const { rowCount } = await tx.query(
    `UPDATE service_guest_payments
        SET status = $2, ledger_operation_id = $3, failure_code = $4, card_last4 = $5, ended_at = $6, receipt_phone_sealed = NULL
      WHERE id = $1 AND status = 'awaiting_card'`,
    [end.id, end.status, end.ledgerOperationId, end.failureCode, end.cardLast4, end.endedAt],
  );
  assert(rowCount === 1, `guest payment ${end.id} ends once`);
}

/** The guest's row beside customers' payments, written in the commit that moved the money: due for the provider at once. */
export async function insertGuestServicePayment(tx: Tx, payment: GuestPayment, now: Date): Promise<void> {
  assert(tx.inTransaction, 'written in the transaction that moves the money');
  await tx.query(
    `INSERT INTO service_payments (payment_id, guest_payment_id, provider_id, check_id, account_label, fields, lines, created_at, next_notify_at)
     VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $7)`,
    [payment.id, payment.providerId, payment.checkId, payment.accountLabel, JSON.stringify(payment.fields), linesJson(payment.lines), now],
  );
}

/** The paid ones of these guest payments: their amounts and when the money moved (money-state.ts). */
export async function selectPaidGuestPayments(
  q: Queryable,
  ids: readonly string[],
): Promise<Array<{ id: string; amountMinor: bigint; currency: Currency; paidAt: Date }>> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<{ id: string; amount_minor: string | bigint; currency: Currency; ended_at: Date }>(
    `SELECT id, amount_minor, currency, ended_at FROM service_guest_payments WHERE id = ANY($1::text[]) AND status = 'paid'`,
    [ids],
  );
  return rows.map((row) => ({ id: row.id, amountMinor: BigInt(row.amount_minor), currency: row.currency, paidAt: row.ended_at }));
}

/** Receipt phones of payments still waiting for a card since before `before`: a guest who left keeps no number here. */
export async function forgetWaitingReceiptPhones(q: Queryable, before: Date): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE service_guest_payments SET receipt_phone_sealed = NULL WHERE receipt_phone_sealed IS NOT NULL AND created_at < $1`,
    [before],
  );
  return rowCount ?? 0;
}
