import type { Database, Queryable } from '../db/database.js';
import { purgeBatch } from '../db/purge.js';

/** All SQL of the rate limits (http/rate-limit.ts): the counter table of migration 0010. */

export interface CounterKey {
  routeClass: string;
  scope: 'ip' | 'customer';
  subject: string;
  windowStart: Date;
  expiresAt: Date;
}

/**
 * Counts one request and returns the count after it, or null once the count is already past
 * `max`. One statement: the upsert takes the row lock, so parallel requests are counted one after
 * the other and each sees the others' hits. A refused request stops counting at `max + 1`, so a
 * flood no longer grows the row and the counter cannot overflow.
 *
 * Committed without waiting for the WAL flush (synchronous_commit off, for this transaction
 * only): that wait was 2–4 ms of a 0.6 ms check on PostgreSQL (docs/adr/0004). What it risks is
 * the last fraction of a second of counts after a database crash, never the order of the counts
 * while it runs; money and every other write keep their synchronous commit.
 */
export async function countHit(db: Database, key: CounterKey, max: number): Promise<number | null> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL synchronous_commit = off');
    const { rows } = await tx.query<{ hits: number }>(
      `INSERT INTO rate_limit_counters AS c (route_class, scope, subject, window_start, expires_at, hits)
       VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (route_class, scope, subject, window_start) DO UPDATE SET hits = c.hits + 1 WHERE c.hits <= $6
       RETURNING hits`,
      [key.routeClass, key.scope, key.subject, key.windowStart, key.expiresAt, max],
    );
    return rows[0]?.hits ?? null;
  });
}

/**
 * One bounded batch of counters whose window is over (db/purge.ts), for the retention worker. A
 * counter needs no retention window of its own: past its window it decides nothing.
 */
export async function purgeExpiredCounters(db: Queryable, now: Date): Promise<Record<string, number>> {
  const deleted = await purgeBatch(
    db,
    { table: 'rate_limit_counters', key: '(route_class, scope, subject, window_start)', expired: 'expires_at <= $1' },
    now,
  );
  return { rate_limit_counters: deleted };
}
