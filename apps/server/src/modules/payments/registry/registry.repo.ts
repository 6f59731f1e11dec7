import type { Queryable, Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import type { Currency } from '../../ledger/index.js';
import type { PaymentRef } from '../money-state.js';
import type { DeliveryStatus } from '../payments.repo.js';

/**
 * The SQL of the provider's side (migration 0050): a day's payments to a provider as
 * service_payments holds them (0047; their amounts are the operations', read through operations'
 * index.ts), the daily registries (service_registries) and the reconciliation reports
 * (service_reconciliations). One column list per table.
 */

/** A payment of a provider's day as its own row has it: no amount here, that is the operation's or the guest payment's. */
export interface DayPaymentRow {
  paymentId: string;
  /** A guest's payment by card (migration 0051), not a customer's operation. */
  guest: boolean;
  accountLabel: string;
  providerStatus: DeliveryStatus;
  providerReference: string | null;
  createdAt: Date;
}

interface DayPaymentDbRow {
  payment_id: string;
  guest: boolean;
  account_label: string;
  provider_status: DeliveryStatus;
  provider_reference: string | null;
  created_at: Date;
}

/**
 * The provider's payments made within [from, to), oldest first, a page after `after` (keyset on
 * created_at, payment_id, which service_payments_provider serves). Void ones are left out:
 * their money never moved.
 */
export async function selectDayPayments(
  q: Queryable,
  page: { providerId: string; from: Date; to: Date; after: { createdAt: Date; paymentId: string } | null; limit: number },
): Promise<DayPaymentRow[]> {
  const { rows } = await q.query<DayPaymentDbRow>(
    `SELECT payment_id, guest_payment_id IS NOT NULL AS guest, account_label, provider_status, provider_reference, created_at
       FROM service_payments
      WHERE provider_id = $1 AND created_at >= $2 AND created_at < $3 AND provider_status <> 'void'
        AND ($4::timestamptz IS NULL OR (created_at, payment_id) > ($4::timestamptz, $5::text))
      ORDER BY created_at, payment_id LIMIT $6`,
    [page.providerId, page.from, page.to, page.after?.createdAt ?? null, page.after?.paymentId ?? '', page.limit],
  );
  return rows.map((row) => ({
    paymentId: row.payment_id,
    guest: row.guest,
    accountLabel: row.account_label,
    providerStatus: row.provider_status,
    providerReference: row.provider_reference,
    createdAt: row.created_at,
  }));
}

/** Which of these ids are service payments to the provider that moved money or may have (not void). */
export async function selectProviderPaymentIds(q: Queryable, providerId: string, paymentIds: readonly string[]): Promise<PaymentRef[]> {
  if (paymentIds.length === 0) return [];
  const { rows } = await q.query<{ payment_id: string; guest: boolean }>(
    `SELECT payment_id, guest_payment_id IS NOT NULL AS guest FROM service_payments
      WHERE payment_id = ANY($1::text[]) AND provider_id = $2 AND provider_status <> 'void'`,
    [paymentIds, providerId],
  );
  return rows.map((row) => ({ paymentId: row.payment_id, guest: row.guest }));
}

export interface RegistrySummary {
  providerId: string;
  day: string;
  sha256: string;
  paymentCount: number;
  totalMinor: bigint;
  currency: Currency;
  byteLength: number;
  createdAt: Date;
}

export interface RegistryFile extends RegistrySummary {
  csv: string;
}

interface RegistryDbRow {
  provider_id: string;
  day: string;
  sha256: string;
  payment_count: number;
  total_minor: string | bigint;
  currency: Currency;
  byte_length: number;
  created_at: Date;
  csv?: string;
}

const REGISTRY_SUMMARY_COLUMNS =
  'provider_id, day::text AS day, sha256, payment_count, total_minor, currency, octet_length(csv) AS byte_length, created_at';

function toSummary(row: RegistryDbRow): RegistrySummary {
  return {
    providerId: row.provider_id,
    day: row.day,
    sha256: row.sha256,
    paymentCount: row.payment_count,
    totalMinor: BigInt(row.total_minor),
    currency: row.currency,
    byteLength: Number(row.byte_length),
    createdAt: row.created_at,
  };
}

/** False when the provider's day has its registry already (another server's, or an earlier pass's): nothing is written then. */
export async function insertRegistry(q: Queryable, registry: Omit<RegistryFile, 'byteLength'>): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO service_registries (provider_id, day, csv, sha256, payment_count, total_minor, currency, created_at)
     VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8) ON CONFLICT (provider_id, day) DO NOTHING`,
    [
      registry.providerId,
      registry.day,
      registry.csv,
      registry.sha256,
      registry.paymentCount,
      registry.totalMinor,
      registry.currency,
      registry.createdAt,
    ],
  );
  return rowCount === 1;
}

/** Each provider's latest registry day: where the daily job carries on from. */
export async function selectLastRegistryDays(q: Queryable): Promise<Map<string, string>> {
  const { rows } = await q.query<{ provider_id: string; day: string }>(
    'SELECT provider_id, max(day)::text AS day FROM service_registries GROUP BY provider_id',
  );
  return new Map(rows.map((row) => [row.provider_id, row.day]));
}

/** A provider's registries, newest day first, before `beforeDay` when given. */
export async function selectRegistries(
  q: Queryable,
  page: { providerId: string; beforeDay: string | null; limit: number },
): Promise<RegistrySummary[]> {
  const { rows } = await q.query<RegistryDbRow>(
    `SELECT ${REGISTRY_SUMMARY_COLUMNS} FROM service_registries
      WHERE provider_id = $1 AND ($2::date IS NULL OR day < $2::date) ORDER BY day DESC LIMIT $3`,
    [page.providerId, page.beforeDay, page.limit],
  );
  return rows.map(toSummary);
}

export async function selectRegistryFile(q: Queryable, providerId: string, day: string): Promise<RegistryFile | null> {
  const { rows } = await q.query<RegistryDbRow & { csv: string }>(
    `SELECT ${REGISTRY_SUMMARY_COLUMNS}, csv FROM service_registries WHERE provider_id = $1 AND day = $2::date`,
    [providerId, day],
  );
  const row = rows[0];
  return row ? { ...toSummary(row), csv: row.csv } : null;
}

export interface MissingAtProvider {
  paymentId: string;
  amountMinor: bigint;
}

export interface MissingAtBank {
  paymentId: string;
  amountMinor: bigint;
  providerReference: string | null;
}

export interface AmountMismatch {
  paymentId: string;
  bankAmountMinor: bigint;
  providerAmountMinor: bigint;
}

/** A stored report: exact counts, and lists of what differs (each bounded by RECONCILIATION_LIST_MAX, reconciliation.ts). */
export interface ReconciliationRow {
  id: string;
  providerId: string;
  day: string;
  staffId: string;
  matchedCount: number;
  missingAtProviderCount: number;
  missingAtBankCount: number;
  amountMismatchCount: number;
  missingAtProvider: MissingAtProvider[];
  missingAtBank: MissingAtBank[];
  amountMismatches: AmountMismatch[];
  createdAt: Date;
}

interface ReconciliationDbRow {
  id: string;
  provider_id: string;
  day: string;
  staff_id: string;
  matched_count: number;
  missing_at_provider_count: number;
  missing_at_bank_count: number;
  amount_mismatch_count: number;
  missing_at_provider: Array<{ paymentId: string; amountMinor: string }>;
  missing_at_bank: Array<{ paymentId: string; amountMinor: string; providerReference: string | null }>;
  amount_mismatches: Array<{ paymentId: string; bankAmountMinor: string; providerAmountMinor: string }>;
  created_at: Date;
}

const RECONCILIATION_COLUMNS = `id, provider_id, day::text AS day, staff_id, matched_count, missing_at_provider_count,
  missing_at_bank_count, amount_mismatch_count, missing_at_provider, missing_at_bank, amount_mismatches, created_at`;

// jsonb has no bigint: the amounts of the lists are kept as strings of minor units (migration 0050).
const amountsToJson = <T extends object>(items: readonly T[]) =>
  JSON.stringify(items, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));

function toReconciliation(row: ReconciliationDbRow): ReconciliationRow {
  return {
    id: row.id,
    providerId: row.provider_id,
    day: row.day,
    staffId: row.staff_id,
    matchedCount: row.matched_count,
    missingAtProviderCount: row.missing_at_provider_count,
    missingAtBankCount: row.missing_at_bank_count,
    amountMismatchCount: row.amount_mismatch_count,
    missingAtProvider: row.missing_at_provider.map((item) => ({ ...item, amountMinor: BigInt(item.amountMinor) })),
    missingAtBank: row.missing_at_bank.map((item) => ({ ...item, amountMinor: BigInt(item.amountMinor) })),
    amountMismatches: row.amount_mismatches.map((item) => ({
      paymentId: item.paymentId,
      bankAmountMinor: BigInt(item.bankAmountMinor),
      providerAmountMinor: BigInt(item.providerAmountMinor),
    })),
    createdAt: row.created_at,
  };
}

/** Written with its audit entry, in the staff's use case's transaction. */
export async function insertReconciliation(tx: Tx, report: ReconciliationRow): Promise<void> {
  assert(tx.inTransaction, 'written with its audit entry');
  await tx.query(
    `INSERT INTO service_reconciliations (id, provider_id, day, staff_id, matched_count, missing_at_provider_count,
       missing_at_bank_count, amount_mismatch_count, missing_at_provider, missing_at_bank, amount_mismatches, created_at)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      report.id,
      report.providerId,
      report.day,
      report.staffId,
      report.matchedCount,
      report.missingAtProviderCount,
      report.missingAtBankCount,
      report.amountMismatchCount,
      amountsToJson(report.missingAtProvider),
      amountsToJson(report.missingAtBank),
      amountsToJson(report.amountMismatches),
      report.createdAt,
    ],
  );
}

/** A provider's latest reports, newest first. */
export async function selectReconciliations(q: Queryable, providerId: string, limit: number): Promise<ReconciliationRow[]> {
  const { rows } = await q.query<ReconciliationDbRow>(
    `SELECT ${RECONCILIATION_COLUMNS} FROM service_reconciliations WHERE provider_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [providerId, limit],
  );
  return rows.map(toReconciliation);
}
