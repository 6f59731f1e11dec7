import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { LedgerBatch } from '../ledger/index.js';
import type { StoredResponse } from './idempotency.repo.js';
import { OPERATION_COLUMN_LIST, operationRowsJson, operationsUnnest } from './operations.repo.js';
import type { OperationRecord } from './operations.types.js';

/** SQLSTATE raised by operations_immediate_batch when the ledger declined one of the batch and declines must raise. */
export const BATCH_DECLINED_SQLSTATE = 'KO001';

export function isBatchDeclined(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === BATCH_DECLINED_SQLSTATE;
}

export interface ImmediateEntry {
  customerId: string;
  key: string;
  hash: string;
  /** The record in state completed, with its ledger operation id. */
  record: OperationRecord;
  /** The answer if it completes. */
  response: StoredResponse;
}

export interface ImmediateResult {
  claimed: boolean;
  /** For a key claimed before: the first request's hash and answer (null when the claim was released). */
  stored: { hash: string; response: StoredResponse } | null;
  decline: string | null;
  declineAccount: string | null;
}

/**
 * A batch of immediate operations in one statement (operations_immediate_batch, migration 0015):
 * the key claims, the ledger's postings and the completed records. On a Database it runs outside
 * any transaction, so PostgreSQL commits it when the statement ends: one round trip in all, and
 * no lock held while this process works. A decline then raises (isBatchDeclined) and nothing is
 * written; inside a transaction (`tx`) declines come back instead, for the caller to record.
 */
export async function runImmediateBatch(
  q: Queryable | Tx,
  entries: readonly ImmediateEntry[],
  ledger: LedgerBatch,
): Promise<ImmediateResult[]> {
  const declinesRaise = !('inTransaction' in q && q.inTransaction);
  // One ledger operation per entry, in entry order, and nothing the function does not pass on.
  assert(ledger.opIds.length === entries.length, 'one ledger operation per batch entry');
  assert(ledger.ceilingOps.length === 0 && ledger.releaseOps.length === 0, 'an immediate operation has no ceilings or holds');
  const { rows } = await q.query<{
    claimed: boolean[];
    stored_hashes: Array<string | null> | null;
    stored_statuses: Array<number | null> | null;
    stored_bodies: unknown[] | null;
    declines: Array<string | null>;
    decline_accounts: Array<string | null>;
  }>(
    `SELECT claimed, stored_hashes, stored_statuses, stored_bodies, declines, decline_accounts
     FROM operations_immediate_batch($1::jsonb, $2::jsonb, $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::bigint[], $10::boolean)`,
    [
      JSON.stringify(
        entries.map((entry) => ({
          customer_id: entry.customerId,
          key: entry.key,
          request_hash: entry.hash,
          response_status: entry.response.status,
          response_body: entry.response.body,
          created_at: entry.record.createdAt,
        })),
      ),
      JSON.stringify(operationRowsJson(entries.map((entry) => entry.record))),
      ledger.opIds,
      ledger.opKinds,
      ledger.opDescriptions,
      ledger.postingOps,
      ledger.postingAccounts,
      ledger.postingCurrencies,
      ledger.postingAmounts,
      declinesRaise,
    ],
  );
  const row = rows[0];
  assert(row && row.claimed.length === entries.length, 'one claim per batch entry');
  return entries.map((_, index) => {
    const hash = row.stored_hashes?.[index] ?? null;
    return {
      claimed: row.claimed[index] === true,
      stored: hash === null ? null : { hash, response: { status: row.stored_statuses?.[index] ?? 0, body: row.stored_bodies?.[index] } },
      decline: row.declines[index] ?? null,
      declineAccount: row.decline_accounts[index] ?? null,
    };
  });
}

/**
 * After runImmediateBatch in a transaction: the records the ledger declined, and their stored
 * answers corrected, in one statement.
 */
export async function insertDeclinedRecords(
  tx: Tx,
  records: readonly OperationRecord[],
  corrected: ReadonlyArray<{ customerId: string; key: string; response: StoredResponse }>,
): Promise<void> {
  const source = operationsUnnest(records, 4);
  const { rows } = await tx.query<{ inserted: unknown; corrected: unknown }>(
    `WITH inserted AS (
       INSERT INTO operations (${OPERATION_COLUMN_LIST}) SELECT ${OPERATION_COLUMN_LIST} FROM ${source.sql} RETURNING 1
     ), corrected AS (
       UPDATE operation_idempotency_keys AS k SET response_body = a.body
       FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS a (customer_id, key, body)
       WHERE k.customer_id = a.customer_id AND k.key = a.key
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT count(*) FROM corrected) AS corrected`,
    [
      corrected.map((c) => c.customerId),
      corrected.map((c) => c.key),
      corrected.map((c) => JSON.stringify(c.response.body)),
      ...source.params,
    ],
  );
  assert(Number(rows[0]?.inserted) === records.length, 'one record per declined operation');
  assert(Number(rows[0]?.corrected) === corrected.length, 'every declined answer was corrected');
}
