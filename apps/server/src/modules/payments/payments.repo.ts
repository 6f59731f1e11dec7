import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Localized } from '../../shared/i18n.js';

/**
 * The SQL of a payment's own rows (migration 0047): what the provider answered before it
 * (service_checks) and the payment itself beside its operation (service_payments). The notify
 * worker's claims on service_payments are in notify/notify.repo.ts.
 */

/** A bill line as the provider sent it: amounts owed in minor units. */
export interface BillLine {
  id: string;
  name: Localized;
  amountMinor: bigint;
}

export interface CheckedBill {
  providerBillId: string;
  period: string;
  dueDate: string | null;
  lines: BillLine[];
}

/** What the provider answered for an account, kept so the payment takes it from here, not from the client. */
export interface ServiceCheck {
  id: string;
  /** The customer who asked; null for a guest's check (migration 0051). */
  customerId: string | null;
  providerId: string;
  fields: Record<string, string>;
  holderName: string | null;
  bill: CheckedBill | null;
  createdAt: Date;
  expiresAt: Date;
}

interface CheckRow {
  id: string;
  customer_id: string | null;
  provider_id: string;
  fields: Record<string, string>;
  holder_name: string | null;
  bill: {
    providerBillId: string;
    period: string;
    dueDate: string | null;
    lines: Array<{ id: string; name: Localized; amountMinor: string }>;
  } | null;
  created_at: Date;
  expires_at: Date;
}

const CHECK_COLUMNS = 'id, customer_id, provider_id, fields, holder_name, bill, created_at, expires_at';

function toCheck(row: CheckRow): ServiceCheck {
  return {
    id: row.id,
    customerId: row.customer_id,
    providerId: row.provider_id,
    fields: row.fields,
    holderName: row.holder_name,
    bill: row.bill ? { ...row.bill, lines: row.bill.lines.map((line) => ({ ...line, amountMinor: BigInt(line.amountMinor) })) } : null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export async function insertCheck(q: Queryable, check: ServiceCheck): Promise<void> {
  const bill = check.bill
    ? { ...check.bill, lines: check.bill.lines.map((line) => ({ ...line, amountMinor: line.amountMinor.toString() })) }
    : null;
  await q.query(`INSERT INTO service_checks (${CHECK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
    check.id,
    check.customerId,
    check.providerId,
    JSON.stringify(check.fields),
    check.holderName,
    bill ? JSON.stringify(bill) : null,
    check.createdAt,
    check.expiresAt,
  ]);
}

export async function selectCheck(q: Queryable, checkId: string): Promise<ServiceCheck | null> {
  const { rows } = await q.query<CheckRow>(`SELECT ${CHECK_COLUMNS} FROM service_checks WHERE id = $1`, [checkId]);
  return rows[0] ? toCheck(rows[0]) : null;
}

/** The lines a payment pays: which of the bill's, and how much of each. */
export interface PaidLine {
  id: string;
  name: Localized;
  amountMinor: bigint;
}

/** Where the payment's delivery to the provider stands (migration 0047 lists the steps); not the provider's own status. */
export type DeliveryStatus = 'pending' | 'confirmed' | 'awaiting-activation' | 'rejected' | 'void';

export interface ServicePaymentRow {
  operationId: string;
  customerId: string;
  providerId: string;
  checkId: string | null;
  accountLabel: string;
  fields: Record<string, string>;
  lines: PaidLine[] | null;
  providerStatus: DeliveryStatus;
  providerReference: string | null;
  confirmedAt: Date | null;
  createdAt: Date;
}

interface PaymentRow {
  operation_id: string;
  customer_id: string;
  provider_id: string;
  check_id: string | null;
  account_label: string;
  fields: Record<string, string>;
  lines: Array<{ id: string; name: Localized; amountMinor: string }> | null;
  provider_status: DeliveryStatus;
  provider_reference: string | null;
  confirmed_at: Date | null;
  created_at: Date;
}

const PAYMENT_COLUMNS =
  'operation_id, customer_id, provider_id, check_id, account_label, fields, lines, provider_status, provider_reference, confirmed_at, created_at';

function toPayment(row: PaymentRow): ServicePaymentRow {
  return {
    operationId: row.operation_id,
    customerId: row.customer_id,
    providerId: row.provider_id,
    checkId: row.check_id,
    accountLabel: row.account_label,
    fields: row.fields,
    lines: row.lines ? row.lines.map((line) => ({ ...line, amountMinor: BigInt(line.amountMinor) })) : null,
    providerStatus: row.provider_status,
    providerReference: row.provider_reference,
    confirmedAt: row.confirmed_at,
    createdAt: row.created_at,
  };
}

/**
 * A customer's payment, written with its operation (saveDetails) under the operation's id, due for
 * the notify worker at once: it asks the operation's status first. (A guest's is guest/guest.repo.ts
 * insertGuestServicePayment.) The reads below by operation_id find customers' payments only.
 */
export async function insertServicePayment(
  tx: Tx,
  payment: Omit<ServicePaymentRow, 'providerStatus' | 'providerReference' | 'confirmedAt'>,
): Promise<void> {
  assert(tx.inTransaction, 'written in the transaction that writes the operation');
  const lines = payment.lines?.map((line) => ({ ...line, amountMinor: line.amountMinor.toString() })) ?? null;
  await tx.query(
    `INSERT INTO service_payments (payment_id, operation_id, provider_id, check_id, account_label, fields, lines, created_at, next_notify_at, customer_id)
     VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $7, $8)`,
    [
      payment.operationId,
      payment.providerId,
      payment.checkId,
      payment.accountLabel,
      JSON.stringify(payment.fields),
      lines ? JSON.stringify(lines) : null,
      payment.createdAt,
      payment.customerId,
    ],
  );
}

/** Whether the customer paid this provider for this account since `since` (a payment that moved money). */
export async function paidSince(
  q: Queryable,
  input: { customerId: string; providerId: string; accountLabel: string; since: Date },
): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM service_payments
      WHERE customer_id = $1 AND provider_id = $2 AND account_label = $3 AND created_at >= $4 AND provider_status <> 'void' LIMIT 1`,
    [input.customerId, input.providerId, input.accountLabel, input.since],
  );
  return rows.length > 0;
}

export async function selectServicePayment(q: Queryable, operationId: string): Promise<ServicePaymentRow | null> {
  const { rows } = await q.query<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM service_payments WHERE operation_id = $1`, [operationId]);
  return rows[0] ? toPayment(rows[0]) : null;
}

/** Operations that ended without their money moving: nothing is ever told to the provider. */
export async function voidServicePayments(tx: Tx, operationIds: readonly string[]): Promise<void> {
  assert(tx.inTransaction, 'in the transaction that ends the operations');
  if (operationIds.length === 0) return;
  await tx.query(
    `UPDATE service_payments SET provider_status = 'void', next_notify_at = NULL, locked_until = NULL
      WHERE operation_id = ANY($1::text[]) AND provider_status = 'pending'`,
    [operationIds],
  );
}
