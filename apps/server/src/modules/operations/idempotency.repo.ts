import { createHash } from 'node:crypto';
import type { Queryable, Tx } from '../../db/database.js';
import { canonicalJson } from '../../shared/canonical-json.js';

/**
 * Idempotency-Key records (SECURITY.md 28), claimed inside the business transaction: a parallel
 * request with the same key waits on the primary key until the first commits, then finds its
 * answer. One operation, one answer.
 */

export const IDEMPOTENCY_KEY_LENGTH_MAX = 255;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** The key as one string, for sets and maps of (customer, key). */
export function claimId(customerId: string, key: string): string {
  return `${customerId} ${key}`;
}

export type Claim = { claimed: true } | { claimed: false; hash: string; response: StoredResponse };

export async function claimKey(tx: Tx, input: { customerId: string; key: string; hash: string; now: Date }): Promise<Claim> {
  const { rows } = await tx.query(
    `INSERT INTO operation_idempotency_keys (customer_id, key, request_hash, response_status, response_body, created_at)
     VALUES ($1, $2, $3, 0, 'null', $4) ON CONFLICT DO NOTHING RETURNING key`,
    [input.customerId, input.key, input.hash, input.now],
  );
  if (rows.length === 1) return { claimed: true };
  const existing = await tx.query<{ request_hash: string; response_status: number; response_body: unknown }>(
    'SELECT request_hash, response_status, response_body FROM operation_idempotency_keys WHERE customer_id = $1 AND key = $2',
    [input.customerId, input.key],
  );
  const row = existing.rows[0];
  // Deleted between the two statements (a released claim): a mismatch, never a replay.
  if (!row) return { claimed: false, hash: '', response: { status: 0, body: null } };
  return { claimed: false, hash: row.request_hash, response: { status: row.response_status, body: row.response_body } };
}

/** The answer stored under a key for this very request (same hash), if there is one. */
export async function findStoredResponse(
  q: Queryable,
  input: { customerId: string; key: string; hash: string },
): Promise<StoredResponse | null> {
  const { rows } = await q.query<{ response_status: number; response_body: unknown }>(
    `SELECT response_status, response_body FROM operation_idempotency_keys
     WHERE customer_id = $1 AND key = $2 AND request_hash = $3 AND response_status <> 0`,
    [input.customerId, input.key, input.hash],
  );
  const row = rows[0];
  return row ? { status: row.response_status, body: row.response_body } : null;
}

export async function storeResponse(tx: Tx, input: { customerId: string; key: string; response: StoredResponse }): Promise<void> {
  await tx.query('UPDATE operation_idempotency_keys SET response_status = $3, response_body = $4 WHERE customer_id = $1 AND key = $2', [
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
export async function releaseKey(tx: Tx, input: { customerId: string; key: string }): Promise<void> {
  await tx.query('DELETE FROM operation_idempotency_keys WHERE customer_id = $1 AND key = $2', [input.customerId, input.key]);
}
