import type { RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { cutoffBefore, purgeBatch } from '../../db/purge.js';

/**
 * SECURITY.md 35: a change in progress holds a phone number that may never become the customer's
 * (or that is someone else's). It is a step of minutes, like a password reset, and keeps the
 * challenges' window; a completed change lives on in phone_changes and the audit log.
 */
export async function purgeExpired(db: Queryable, now: Date, windows: RetentionWindows): Promise<Record<string, number>> {
  const cutoff = cutoffBefore(now, windows.challengesHours);
  return {
    phone_change_requests: await purgeBatch(db, { table: 'phone_change_requests', key: 'id', expired: 'expires_at < $1' }, cutoff),
  };
}
