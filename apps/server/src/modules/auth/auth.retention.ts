import type { RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { cutoffBefore, purgeBatch } from '../../db/purge.js';

/**
 * SECURITY.md 35: the steps of a login, a password reset and a device-key ceremony live minutes;
 * they keep the challenges' window. Sessions hold an IP and a browser: an ended or expired one
 * goes after its own window. What a security officer needs later (who logged in, from where, when
 * a session ended) is in the audit log, which is never purged.
 */
export async function purgeExpired(db: Queryable, now: Date, windows: RetentionWindows): Promise<Record<string, number>> {
  const stepsCutoff = cutoffBefore(now, windows.challengesHours);
  const sessionsCutoff = cutoffBefore(now, windows.sessionsHours);
  return {
    login_attempts: await purgeBatch(db, { table: 'login_attempts', key: 'id', expired: 'expires_at < $1' }, stepsCutoff),
    password_resets: await purgeBatch(db, { table: 'password_resets', key: 'id', expired: 'expires_at < $1' }, stepsCutoff),
    auth_challenges: await purgeBatch(db, { table: 'auth_challenges', key: 'id', expired: 'expires_at < $1' }, stepsCutoff),
    // A device binding in progress (SECURITY.md 32) is a step too; once bound, the device row is the record.
    device_bindings: await purgeBatch(db, { table: 'device_bindings', key: 'id', expired: 'expires_at < $1' }, stepsCutoff),
    // An ended session counts from its end; one nobody ended (idle, abandoned) from its absolute expiry.
    sessions: await purgeBatch(db, { table: 'sessions', key: 'id', expired: 'coalesce(ended_at, expires_at) < $1' }, sessionsCutoff),
  };
}
