import { createHash } from 'node:crypto';
import type { Tx } from '../../db/database.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { ProblemError } from '../../shared/problem.js';
import { TransferProblem } from './transfers.errors.js';

export const IDEMPOTENCY_KEY_LENGTH_MAX = 255;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * Claims the key inside the business transaction. A parallel request with the same key waits on
 * the primary key until the first commits, then finds its answer: one operation, one answer.
 * Returns the stored answer for a retry, or null when this request is the first.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  input: { customerId: string; key: string; hash: string; now: Date },
): Promise<StoredResponse | null> {
  const { rows } = await tx.query(
    `INSERT INTO idempotency_keys (customer_id, key, request_hash, response_status, response_body, created_at)
     VALUES ($1, $2, $3, 0, 'null', $4) ON CONFLICT DO NOTHING RETURNING key`,
    [input.customerId, input.key, input.hash, input.now],
  );
  if (rows.length === 1) return null;
  const existing = await tx.query<{ request_hash: string; response_status: number; response_body: unknown }>(
    'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE customer_id = $1 AND key = $2',
    [input.customerId, input.key],
  );
  const row = existing.rows[0];
  if (!row || row.request_hash !== input.hash) throw new ProblemError(TransferProblem['idempotency-key-reused']);
  return { status: row.response_status, body: row.response_body };
}

export async function storeIdempotentResponse(tx: Tx, input: { customerId: string; key: string; response: StoredResponse }): Promise<void> {
  await tx.query('UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE customer_id = $1 AND key = $2', [
    input.customerId,
    input.key,
    input.response.status,
    JSON.stringify(input.response.body),
  ]);
}

/**
 * Gives a claimed key back, in the claiming transaction, when the request is refused before
 * anything happened (a 429 with Retry-After): a retry after the wait is then a new request, not a
 * replay of the refusal for the key's 24 hours.
 */
export async function releaseIdempotencyKey(tx: Tx, input: { customerId: string; key: string }): Promise<void> {
  await tx.query('DELETE FROM idempotency_keys WHERE customer_id = $1 AND key = $2', [input.customerId, input.key]);
}

// ---------------------------------------------------------------------------------------------
// For the own-transfer batcher (batcher.ts), which claims keys together with its transfer rows.

export function claimId(customerId: string, key: string): string {
  return `${customerId} ${key}`;
}

/** The stored answers of keys claimed before: what a retry gets back. Keyed as claimId. */
export async function storedResponses(
  tx: Tx,
  keys: ReadonlyArray<{ customerId: string; key: string }>,
): Promise<Map<string, { hash: string; response: StoredResponse }>> {
  const { rows } = await tx.query<{
    customer_id: string;
    key: string;
    request_hash: string;
    response_status: number;
    response_body: unknown;
  }>(
    `SELECT customer_id, key, request_hash, response_status, response_body FROM idempotency_keys
     WHERE (customer_id, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [keys.map((k) => k.customerId), keys.map((k) => k.key)],
  );
  return new Map(
    rows.map((row) => [
      claimId(row.customer_id, row.key),
      { hash: row.request_hash, response: { status: row.response_status, body: row.response_body } },
    ]),
  );
}
