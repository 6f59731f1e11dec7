import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Currency } from '../ledger/index.js';
import {
  type DeclineReason,
  OPERATION_INSERT_STATUSES,
  OPERATION_TRANSITIONS,
  type OperationKind,
  type OperationRecord,
  type OperationStatus,
  type ScaExemption,
} from './operations.types.js';

/** All SQL of the operations table. The column list is written once, here. */

interface OperationRow {
  id: string;
  customer_id: string;
  kind: OperationKind;
  status: OperationStatus;
  source_account_id: string | null;
  payee_account_id: string | null;
  payee_customer_id: string | null;
  payee_label: string | null;
  payee_reference: string | null;
  amount_minor: bigint;
  fee_minor: bigint;
  currency: Currency;
  purpose_code: string | null;
  description: string | null;
  sca_exemption: ScaExemption | null;
  challenge_id: string | null;
  decline_reason: DeclineReason | null;
  ledger_operation_id: string | null;
  idempotency_key: string | null;
  created_at: Date;
  expires_at: Date | null;
  completed_at: Date | null;
}

/** Column name → the record field it holds, in the order of the table. */
const COLUMNS = {
  id: 'id',
  customer_id: 'customerId',
  kind: 'kind',
  status: 'status',
  source_account_id: 'sourceAccountId',
  payee_account_id: 'payeeAccountId',
  payee_customer_id: 'payeeCustomerId',
  payee_label: 'payeeLabel',
  payee_reference: 'payeeReference',
  amount_minor: 'amountMinor',
  fee_minor: 'feeMinor',
  currency: 'currency',
  purpose_code: 'purposeCode',
  description: 'description',
  sca_exemption: 'scaExemption',
  challenge_id: 'challengeId',
  decline_reason: 'declineReason',
  ledger_operation_id: 'ledgerOperationId',
  idempotency_key: 'idempotencyKey',
  created_at: 'createdAt',
  expires_at: 'expiresAt',
  completed_at: 'completedAt',
} as const satisfies { [C in keyof OperationRow]: keyof OperationRecord };

type Column = keyof typeof COLUMNS;
const COLUMN_NAMES = Object.keys(COLUMNS) as Column[];
const COLUMN_LIST = COLUMN_NAMES.join(', ');
/** The SQL type of each column, for unnest() in the batched insert. */
const COLUMN_TYPES: Readonly<Record<Column, string>> = {
  id: 'text',
  customer_id: 'text',
  kind: 'text',
  status: 'text',
  source_account_id: 'text',
  payee_account_id: 'text',
  payee_customer_id: 'text',
  payee_label: 'text',
  payee_reference: 'text',
  amount_minor: 'bigint',
  fee_minor: 'bigint',
  currency: 'text',
  purpose_code: 'text',
  description: 'text',
  sca_exemption: 'text',
  challenge_id: 'text',
  decline_reason: 'text',
  ledger_operation_id: 'text',
  idempotency_key: 'text',
  created_at: 'timestamptz',
  expires_at: 'timestamptz',
  completed_at: 'timestamptz',
};

function toRecord(row: OperationRow): OperationRecord {
  const record = {} as Record<string, unknown>;
  for (const column of COLUMN_NAMES) record[COLUMNS[column]] = row[column];
  return record as unknown as OperationRecord;
}

function values(record: OperationRecord): unknown[] {
  return COLUMN_NAMES.map((column) => record[COLUMNS[column]]);
}

export async function insertOperation(tx: Tx, record: OperationRecord): Promise<void> {
  assert(OPERATION_INSERT_STATUSES.includes(record.status), `an operation is not written as ${record.status}`);
  const placeholders = COLUMN_NAMES.map((_, index) => `$${index + 1}`).join(', ');
  await tx.query(`INSERT INTO operations (${COLUMN_LIST}) VALUES (${placeholders})`, values(record));
}

/** The unnest() source of many records, its parameters numbered from `first`. */
export function operationsUnnest(records: readonly OperationRecord[], first: number): { sql: string; params: unknown[] } {
  const arrays = COLUMN_NAMES.map((column, index) => `$${first + index}::${COLUMN_TYPES[column]}[]`);
  return {
    sql: `unnest(${arrays.join(', ')}) AS o (${COLUMN_LIST})`,
    params: COLUMN_NAMES.map((column) => records.map((record) => record[COLUMNS[column]])),
  };
}

export const OPERATION_COLUMN_LIST = COLUMN_LIST;

/** Records as a JSON array of rows keyed by column, for jsonb_populate_record (batch.repo.ts). */
export function operationRowsJson(records: readonly OperationRecord[]): Array<Record<string, unknown>> {
  return records.map((record) => {
    const row: Record<string, unknown> = {};
    for (const column of COLUMN_NAMES) {
      const value = record[COLUMNS[column]];
      // Amounts as strings: JSON numbers lose precision past 2^53, and bigint has no JSON form.
      row[column] = typeof value === 'bigint' ? value.toString() : value;
    }
    return row;
  });
}

/** The record, locked to the end of the transaction (confirming, resending a code). */
export async function lockOperation(tx: Tx, id: string): Promise<OperationRecord | null> {
  const { rows } = await tx.query<OperationRow>(`SELECT ${COLUMN_LIST} FROM operations WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function selectOperation(q: Queryable, id: string): Promise<OperationRecord | null> {
  const { rows } = await q.query<OperationRow>(`SELECT ${COLUMN_LIST} FROM operations WHERE id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export type Settlement =
  | { status: 'completed' | 'sent'; ledgerOperationId: string; at: Date }
  | { status: 'declined'; reason: DeclineReason; at: Date };

/**
 * Moves a record to a final state. The WHERE names the states it may come from, so a step the
 * life cycle does not have changes no row and fails here (and the trigger would refuse it too).
 */
export async function settleOperation(tx: Tx, record: OperationRecord, settlement: Settlement): Promise<void> {
  const from = (Object.keys(OPERATION_TRANSITIONS) as OperationStatus[]).filter((status) =>
    OPERATION_TRANSITIONS[status].includes(settlement.status),
  );
  const { rows } = await tx.query(
    `UPDATE operations SET status = $2, decline_reason = $3, ledger_operation_id = $4, completed_at = $5
     WHERE id = $1 AND status = ANY($6::text[]) RETURNING 1`,
    [
      record.id,
      settlement.status,
      settlement.status === 'declined' ? settlement.reason : null,
      settlement.status === 'declined' ? null : settlement.ledgerOperationId,
      settlement.at,
      from,
    ],
  );
  assert(rows.length === 1, `operation ${record.id} cannot go from ${record.status} to ${settlement.status}`);
  record.status = settlement.status;
  record.declineReason = settlement.status === 'declined' ? settlement.reason : null;
  record.ledgerOperationId = settlement.status === 'declined' ? null : settlement.ledgerOperationId;
  record.completedAt = settlement.at;
}

export async function extendConfirmation(tx: Tx, id: string, expiresAt: Date): Promise<void> {
  await tx.query("UPDATE operations SET expires_at = $2 WHERE id = $1 AND status = 'awaiting_confirmation'", [id, expiresAt]);
}

/** Operations left unconfirmed past their code's life are declined as expired. */
export async function expireStale(q: Queryable, customerId: string, now: Date): Promise<void> {
  await q.query(
    `UPDATE operations SET status = 'expired', decline_reason = 'expired', completed_at = expires_at
     WHERE customer_id = $1 AND status = 'awaiting_confirmation' AND expires_at < $2`,
    [customerId, now],
  );
}

export interface HistoryQuery {
  viewerId: string;
  from: Date | null;
  to: Date | null;
  accountId: string | null;
  kind: OperationKind | null;
  status: OperationStatus | null;
  search: string | null;
  before: { createdAt: Date; id: string } | null;
  limit: number;
}

/** The viewer's operations and the completed ones paid to the viewer, newest first. */
export async function selectHistory(q: Queryable, query: HistoryQuery): Promise<OperationRecord[]> {
  const { rows } = await q.query<OperationRow>(
    `SELECT ${COLUMN_LIST} FROM operations
     WHERE (customer_id = $1 OR (payee_customer_id = $1 AND payee_customer_id <> customer_id AND status = 'completed'))
       AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3)
       AND ($4::text IS NULL OR source_account_id = $4 OR payee_account_id = $4)
       AND ($5::text IS NULL OR kind = $5) AND ($6::text IS NULL OR status = $6)
       AND ($7::text IS NULL OR payee_label ILIKE '%' || $7 || '%' OR payee_reference LIKE '%' || $7 || '%')
       AND ($8::timestamptz IS NULL OR (created_at, id) < ($8, $9))
     ORDER BY created_at DESC, id DESC LIMIT $10`,
    [
      query.viewerId,
      query.from,
      query.to,
      query.accountId,
      query.kind,
      query.status,
      query.search,
      query.before?.createdAt ?? null,
      query.before?.id ?? null,
      query.limit,
    ],
  );
  return rows.map(toRecord);
}

/** "This wasn't me": one report per customer and operation; a second one adds its comment. */
export async function upsertDispute(
  tx: Tx,
  input: { id: string; customerId: string; operationId: string; comment: string | null; now: Date },
): Promise<{ id: string; createdAt: Date }> {
  const { rows } = await tx.query<{ id: string; created_at: Date }>(
    `INSERT INTO operation_disputes (id, customer_id, operation_id, comment, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (customer_id, operation_id) DO UPDATE SET comment = coalesce(EXCLUDED.comment, operation_disputes.comment)
     RETURNING id, created_at`,
    [input.id, input.customerId, input.operationId, input.comment, input.now],
  );
  const row = rows[0];
  assert(row, 'the dispute row exists after the upsert');
  return { id: row.id, createdAt: row.created_at };
}
