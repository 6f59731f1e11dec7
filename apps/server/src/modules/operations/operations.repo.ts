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
  const insert = operationInsert(record);
  await tx.query(insert.sql, insert.params);
}

/**
 * The INSERT of one record, its parameters from $1, for a statement that writes the record's
 * detail row with it (`WITH operation AS (<sql> RETURNING id) INSERT INTO …`): one round trip.
 */
export function operationInsert(record: OperationRecord): { sql: string; params: unknown[] } {
  assert(OPERATION_INSERT_STATUSES.includes(record.status), `an operation is not written as ${record.status}`);
  const placeholders = COLUMN_NAMES.map((_, index) => `$${index + 1}`).join(', ');
  return { sql: `INSERT INTO operations (${COLUMN_LIST}) VALUES (${placeholders})`, params: values(record) };
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

/** What executing an operation ends in: the money moved, or the bank declined it. */
export type MoneySettlement =
  | { status: 'completed' | 'sent'; ledgerOperationId: string; at: Date }
  | { status: 'declined'; reason: DeclineReason; at: Date };

/** Every final step of a waiting operation: the money's outcome, or the customer's cancel. */
export type Settlement = MoneySettlement | { status: 'cancelled'; at: Date };

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
      ledgerOperationOf(settlement),
      settlement.at,
      from,
    ],
  );
  assert(rows.length === 1, `operation ${record.id} cannot go from ${record.status} to ${settlement.status}`);
  record.status = settlement.status;
  record.declineReason = settlement.status === 'declined' ? settlement.reason : null;
  record.ledgerOperationId = ledgerOperationOf(settlement);
  record.completedAt = settlement.at;
}

/** Only money that moved has a ledger operation. */
function ledgerOperationOf(settlement: Settlement): string | null {
  return settlement.status === 'completed' || settlement.status === 'sent' ? settlement.ledgerOperationId : null;
}

export async function extendConfirmation(tx: Tx, id: string, expiresAt: Date): Promise<void> {
  await tx.query("UPDATE operations SET expires_at = $2 WHERE id = $1 AND status = 'awaiting_confirmation'", [id, expiresAt]);
}

/** What an operation ended as, for the hooks told of it (ended.ts). */
export interface EndedOperation {
  id: string;
  kind: OperationKind;
  status: OperationStatus;
}

/** The customer's operations left unconfirmed past their code's life are declined as expired; which ones. */
export async function expireStaleOf(tx: Tx, customerId: string, now: Date): Promise<EndedOperation[]> {
  const { rows } = await tx.query<EndedOperation>(
    `UPDATE operations SET status = 'expired', decline_reason = 'expired', completed_at = expires_at
     WHERE customer_id = $1 AND status = 'awaiting_confirmation' AND expires_at < $2 RETURNING id, kind, status`,
    [customerId, now],
  );
  return rows;
}

/**
 * Up to `limit` operations of anyone left unconfirmed past their code's life, expired (the sweep of
 * ended.ts). Through the partial index operations_awaiting, which holds only the waiting ones; a
 * row another transaction holds (a confirmation in flight) is skipped, that one decides it.
 */
export async function expireStaleBatch(tx: Tx, now: Date, limit: number): Promise<EndedOperation[]> {
  const { rows } = await tx.query<EndedOperation>(
    `UPDATE operations SET status = 'expired', decline_reason = 'expired', completed_at = expires_at
     WHERE id IN (SELECT id FROM operations WHERE status = 'awaiting_confirmation' AND expires_at < $1
                  ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
       AND status = 'awaiting_confirmation'
     RETURNING id, kind, status`,
    [now, limit],
  );
  return rows;
}

/** The history's search (history.ts searchOf): a name fragment, a phone/IBAN fragment, a payer found by phone. */
export interface HistorySearch {
  text: string;
  reference: string | null;
  payerId: string | null;
}

export interface HistoryQuery {
  viewerId: string;
  from: Date | null;
  to: Date | null;
  accountId: string | null;
  kind: OperationKind | null;
  status: OperationStatus | null;
  search: HistorySearch | null;
  /** The purchases made with this card only (the caller checked it is the viewer's). */
  cardId: string | null;
  before: { createdAt: Date; id: string } | null;
  limit: number;
}

/**
 * The viewer's operations and the completed ones paid to the viewer, newest first. A search
 * looks at the payee of what the viewer sent (the label and the phone or IBAN sent to: on money
 * received they name the viewer), and at the payer of what the viewer received when it named one
 * by phone. It adds a filter, not an index: the rows read are the viewer's, through the same two
 * indexes (operations_customer, operations_payee_customer of migration 0016) as without it. A card
 * keeps the purchases made with it (card_purchase_details, migration 0037, by its card index).
 */
export async function selectHistory(q: Queryable, query: HistoryQuery): Promise<OperationRecord[]> {
  const { rows } = await q.query<OperationRow>(
    `SELECT ${COLUMN_LIST} FROM operations
     WHERE (customer_id = $1 OR (payee_customer_id = $1 AND payee_customer_id <> customer_id AND status = 'completed'))
       AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3)
       AND ($4::text IS NULL OR source_account_id = $4 OR payee_account_id = $4)
       AND ($5::text IS NULL OR kind = $5) AND ($6::text IS NULL OR status = $6)
       AND ($7::text IS NULL
         OR (customer_id = $1 AND (payee_label ILIKE '%' || $7 || '%' OR payee_reference ILIKE '%' || $11::text || '%'))
         OR (customer_id = $12::text AND payee_customer_id = $1))
       AND ($8::timestamptz IS NULL OR (created_at, id) < ($8, $9))
       AND ($13::text IS NULL OR id IN (SELECT operation_id FROM card_purchase_details WHERE card_id = $13::text))
     ORDER BY created_at DESC, id DESC LIMIT $10`,
    [
      query.viewerId,
      query.from,
      query.to,
      query.accountId,
      query.kind,
      query.status,
      query.search?.text ?? null,
      query.before?.createdAt ?? null,
      query.before?.id ?? null,
      query.limit,
      query.search?.reference ?? null,
      query.search?.payerId ?? null,
      query.cardId,
    ],
  );
  return rows.map(toRecord);
}

/**
 * The newest operation to each payee the customer sent money to by phone or IBAN, newest first.
 * Bounded twice: only the customer's last `scanMax` operations are read (the operations_customer
 * index, in order), and at most `limit` payees come back. Money that did not move names no payee
 * worth repeating, and a move between one's own accounts is no payee at all.
 */
export async function selectRecentPayees(q: Queryable, customerId: string, scanMax: number, limit: number): Promise<OperationRecord[]> {
  const { rows } = await q.query<OperationRow>(
    `SELECT ${COLUMN_LIST} FROM (
       SELECT DISTINCT ON (kind, payee_reference) ${COLUMN_LIST} FROM (
         SELECT ${COLUMN_LIST} FROM operations WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2
       ) recent
       WHERE kind IN ('transfer.phone', 'transfer.iban') AND status IN ('completed', 'sent') AND payee_reference IS NOT NULL
         AND payee_customer_id IS DISTINCT FROM customer_id
       ORDER BY kind, payee_reference, created_at DESC, id DESC
     ) payees ORDER BY created_at DESC, id DESC LIMIT $3`,
    [customerId, scanMax, limit],
  );
  return rows.map(toRecord);
}

/**
 * The operations of a statement's postings (ledger ids), among those the customer made or was paid
 * by. Found through the customer's two history indexes: a statement is one customer's, and
 * ledger_operation_id has no index of its own (it would cost every transfer an index entry).
 */
export async function selectByLedgerOperations(
  q: Queryable,
  customerId: string,
  ledgerOperationIds: readonly string[],
): Promise<OperationRecord[]> {
  if (ledgerOperationIds.length === 0) return [];
  const { rows } = await q.query<OperationRow>(
    `SELECT ${COLUMN_LIST} FROM operations
     WHERE (customer_id = $1 OR (payee_customer_id = $1 AND payee_customer_id <> customer_id))
       AND ledger_operation_id = ANY($2::text[])`,
    [customerId, ledgerOperationIds],
  );
  return rows.map(toRecord);
}

/** The customer's operations awaiting their code, locked, by id (one lock order for every caller). */
export async function lockAwaitingOf(tx: Tx, customerId: string): Promise<OperationRecord[]> {
  const { rows } = await tx.query<OperationRow>(
    `SELECT ${COLUMN_LIST} FROM operations WHERE customer_id = $1 AND status = 'awaiting_confirmation' ORDER BY id FOR UPDATE`,
    [customerId],
  );
  return rows.map(toRecord);
}
