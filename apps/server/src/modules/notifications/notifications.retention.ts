import type { RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { cutoffBefore, purgeBatch } from '../../db/purge.js';

const DIGEST_KEPT_HOURS_MIN = 48;

/**
 * SECURITY.md 35. Outbox rows keep a phone (perhaps of someone who never became a customer) after
 * their text is erased; delivered ones go after a day, dead ones after a week so a person can see
 * why they failed. Pending messages are never purged: they still have to be delivered.
 */
export async function purgeExpired(db: Queryable, now: Date, windows: RetentionWindows): Promise<Record<string, number>> {
  const batch = (table: string, expired: string, hours: number) => purgeBatch(db, { table, key: 'id', expired }, cutoffBefore(now, hours));
  return {
    'outbox_messages.delivered': await batch('outbox_messages', "status = 'delivered' AND delivered_at < $1", windows.outboxDeliveredHours),
    'outbox_messages.dead': await batch('outbox_messages', "status = 'dead' AND created_at < $1", windows.outboxDeadHours),
    notifications: await batch('notifications', 'created_at < $1', windows.notificationsHours),
    // A day's digest row only has to outlive the day after it (it makes the digest once): it is
    // kept as long as the in-app messages it was one of, and never less than two days.
    notification_digests: await purgeBatch(
      db,
      { table: 'notification_digests', key: '(customer_id, day)', expired: 'created_at < $1' },
      cutoffBefore(now, Math.max(windows.notificationsHours, DIGEST_KEPT_HOURS_MIN)),
    ),
    notification_digest_days: await purgeBatch(
      db,
      { table: 'notification_digest_days', key: 'day', expired: 'finished_at < $1' },
      cutoffBefore(now, Math.max(windows.notificationsHours, DIGEST_KEPT_HOURS_MIN)),
    ),
    // The dev inbox keeps codes in plaintext on purpose, for a developer to read; configuration
    // refuses it in production (config.ts), and on a laptop it still forgets them after a day.
    dev_sms_messages: await batch('dev_sms_messages', 'created_at < $1', windows.devInboxHours),
  };
}
