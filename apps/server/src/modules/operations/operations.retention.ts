import type { RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { cutoffBefore, purgeBatch } from '../../db/purge.js';

/**
 * SECURITY.md 28 and 35: an Idempotency-Key record replays the first answer for at least 24 h
 * (config.ts refuses a shorter window); after its window a retry with that key is a new request.
 * The operations themselves are records the bank keeps by law and are never purged.
 */
export async function purgeExpired(db: Queryable, now: Date, windows: RetentionWindows): Promise<Record<string, number>> {
  const cutoff = cutoffBefore(now, windows.idempotencyHours);
  return {
    operation_idempotency_keys: await purgeBatch(
      db,
      { table: 'operation_idempotency_keys', key: '(customer_id, key)', expired: 'created_at < $1' },
      cutoff,
    ),
  };
}
