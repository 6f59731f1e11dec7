import type { RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { cutoffBefore, purgeBatch } from '../../db/purge.js';
import { closeOverdueCalls } from './calls.repo.js';
import { OVERDUE_CALLS_BATCH_MAX, overdueBefore } from './calls.types.js';

/**
 * The calls' pass of the retention worker (app.ts adds it beside the modules' purges, as it needs
 * CALL_DURATION_MAX_MINUTES):
 *
 * - Calls past the maximum duration are closed as timed out. Every access already treats them as
 *   closed (calls.types.ts isLive); this makes the record say so too, for calls nobody touched.
 * - SECURITY.md 35: a call that never identified anyone holds the number a caller gave, often of
 *   someone who is no customer. It goes once closed for the sessions' window (30 days by default),
 *   long enough to look into someone who called in a customer's name; the audit log keeps the
 *   events. A call with a customer identified is that customer's contact history and stays, as
 *   their operations do.
 */
export function callsPurge(durationMaxMinutes: number) {
  return async (db: Queryable, now: Date, windows: RetentionWindows): Promise<Record<string, number>> => ({
    calls_timed_out: await closeOverdueCalls(db, overdueBefore(now, durationMaxMinutes), now, OVERDUE_CALLS_BATCH_MAX),
    calls: await purgeBatch(
      db,
      { table: 'calls', key: 'id', expired: "status = 'closed' AND customer_id IS NULL AND closed_at < $1" },
      cutoffBefore(now, windows.sessionsHours),
    ),
  });
}
