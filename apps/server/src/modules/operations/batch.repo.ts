import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { StoredResponse } from './idempotency.repo.js';
import { OPERATION_COLUMN_LIST, operationsUnnest } from './operations.repo.js';
import type { OperationRecord } from './operations.types.js';

/**
 * The batcher's write after the ledger: the records of a batch in their final states, and the
 * stored answers of those the ledger declined corrected, in one statement.
 */
export async function insertSettledBatch(
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
  assert(Number(rows[0]?.inserted) === records.length, 'one operation record per claimed key');
  assert(Number(rows[0]?.corrected) === corrected.length, 'every declined answer was corrected');
}
