import type { Queryable } from '../../db/database.js';

// ---- notification_settings: one row per customer who changed a choice (migration 0005) ----

export type NotificationEvent = 'accepted' | 'declined' | 'credits' | 'debits';
export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = ['accepted', 'declined', 'credits', 'debits'];

/** The daily digest's channel (migration 0053): one message a morning, on one channel. */
export type DigestChannel = 'sms' | 'inApp';

export interface NotificationSettings {
  sms: Record<NotificationEvent, boolean>;
  inApp: Record<NotificationEvent, boolean>;
  digest: { enabled: boolean; channel: DigestChannel };
}

type SettingsColumn = `${'sms' | 'in_app'}_${NotificationEvent}`;
type SettingsRow = Record<SettingsColumn, boolean> & { digest_enabled: boolean; digest_channel: 'sms' | 'in_app' };

// The one column list of the table, in the order of NOTIFICATION_EVENTS.
const SETTINGS_COLUMNS: readonly SettingsColumn[] = NOTIFICATION_EVENTS.flatMap((event) => [`sms_${event}`, `in_app_${event}`] as const);

/** The customer's choices, or null when they never changed one (the defaults apply). */
export async function readNotificationSettings(q: Queryable, customerId: string): Promise<NotificationSettings | null> {
  const { rows } = await q.query<SettingsRow>(
    `SELECT ${SETTINGS_COLUMNS.join(', ')}, digest_enabled, digest_channel FROM notification_settings WHERE customer_id = $1`,
    [customerId],
  );
  const row = rows[0];
  if (!row) return null;
  const pick = (prefix: 'sms' | 'in_app') =>
    Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, row[`${prefix}_${event}`]])) as Record<NotificationEvent, boolean>;
  return {
    sms: pick('sms'),
    inApp: pick('in_app'),
    digest: { enabled: row.digest_enabled, channel: row.digest_channel === 'sms' ? 'sms' : 'inApp' },
  };
}

export async function upsertNotificationSettings(q: Queryable, customerId: string, settings: NotificationSettings): Promise<void> {
  const values = NOTIFICATION_EVENTS.flatMap((event) => [settings.sms[event], settings.inApp[event]]);
  const columns = [...SETTINGS_COLUMNS, 'digest_enabled', 'digest_channel'];
  await q.query(
    `INSERT INTO notification_settings (customer_id, ${columns.join(', ')}, updated_at)
     VALUES ($1, ${columns.map((_, index) => `$${index + 2}`).join(', ')}, now())
     ON CONFLICT (customer_id) DO UPDATE SET ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, updated_at = now()`,
    [customerId, ...values, settings.digest.enabled, settings.digest.channel === 'sms' ? 'sms' : 'in_app'],
  );
}

// ---- notifications: the in-app inbox ----

export interface InAppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

/** Idempotent by id: the outbox message's id, so a redelivery adds nothing. */
export async function insertInAppNotification(
  q: Queryable,
  notification: { id: string; customerId: string; kind: string; title: string; body: string },
): Promise<void> {
  await q.query('INSERT INTO notifications (id, customer_id, kind, title, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING', [
    notification.id,
    notification.customerId,
    notification.kind,
    notification.title,
    notification.body,
  ]);
}

/** Newest first. */
export async function listInAppNotifications(q: Queryable, customerId: string, limit: number): Promise<InAppNotification[]> {
  const { rows } = await q.query<{ id: string; kind: string; title: string; body: string; created_at: Date; read_at: Date | null }>(
    'SELECT id, kind, title, body, created_at, read_at FROM notifications WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
    [customerId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    readAt: row.read_at,
  }));
}

export async function countUnreadInApp(q: Queryable, customerId: string): Promise<number> {
  const { rows } = await q.query<{ count: bigint }>(
    'SELECT count(*) AS count FROM notifications WHERE customer_id = $1 AND read_at IS NULL',
    [customerId],
  );
  return Number(rows[0]?.count ?? 0);
}

/** Some by id, or all. The customer id in the WHERE clause keeps another customer's ids untouched. */
export async function markInAppRead(q: Queryable, customerId: string, which: { all: boolean; ids: readonly string[] }): Promise<void> {
  await q.query(
    'UPDATE notifications SET read_at = now() WHERE customer_id = $1 AND read_at IS NULL AND ($2::boolean OR id = ANY($3::text[]))',
    [customerId, which.all, which.ids],
  );
}
