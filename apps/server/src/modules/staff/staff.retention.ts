import type { RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { cutoffBefore, purgeBatch } from '../../db/purge.js';

/**
 * SECURITY.md 35, as auth does for customers: a login step and a WebAuthn challenge live minutes
 * and keep the challenges' window; a staff session (its IP and browser) and a removed security key
 * go after the sessions' window; a failure counter untouched for the challenges' window and not
 * holding a lock goes too (the count starts again).
 * Who logged in, failed or was locked stays in the audit log, which is never purged.
 */
export async function purgeExpired(db: Queryable, now: Date, windows: RetentionWindows): Promise<Record<string, number>> {
  const stepsCutoff = cutoffBefore(now, windows.challengesHours);
  const sessionsCutoff = cutoffBefore(now, windows.sessionsHours);
  return {
    // Before the logins and sessions they belong to (which would take them along anyway: ON DELETE CASCADE).
    staff_webauthn_challenges: await purgeBatch(
      db,
      { table: 'staff_webauthn_challenges', key: 'id', expired: 'expires_at < $1' },
      stepsCutoff,
    ),
    staff_login_attempts: await purgeBatch(db, { table: 'staff_login_attempts', key: 'id', expired: 'expires_at < $1' }, stepsCutoff),
    staff_sessions: await purgeBatch(
      db,
      { table: 'staff_sessions', key: 'id', expired: 'coalesce(ended_at, expires_at) < $1' },
      sessionsCutoff,
    ),
    staff_lockouts: await purgeBatch(
      db,
      { table: 'staff_lockouts', key: 'username', expired: 'updated_at < $1 AND coalesce(locked_until, updated_at) < $1' },
      stepsCutoff,
    ),
    // A removed key can sign nothing here any more; who added and removed it stays in the audit log.
    staff_security_keys: await purgeBatch(
      db,
      { table: 'staff_security_keys', key: 'id', expired: "status = 'revoked' AND revoked_at < $1" },
      sessionsCutoff,
    ),
  };
}
