import type { RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { cutoffBefore, purgeBatch } from '../../db/purge.js';

/**
 * SECURITY.md 35: a registration holds the phone of someone who may never have become a customer.
 * Finished or abandoned, it is of no use after it expired (a completed one lives on as the
 * customer); the row goes once the window has passed, and the non-customer's number with it.
 */
export async function purgeExpired(db: Queryable, now: Date, windows: RetentionWindows): Promise<Record<string, number>> {
  const cutoff = cutoffBefore(now, windows.registrationsHours);
  return { registrations: await purgeBatch(db, { table: 'registrations', key: 'id', expired: 'expires_at < $1' }, cutoff) };
}
