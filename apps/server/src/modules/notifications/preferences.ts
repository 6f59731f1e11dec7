import type { Queryable, Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import { insertOutboxMessage } from './outbox.repo.js';

export type NotificationEvent = 'accepted' | 'declined' | 'credits' | 'debits';
export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = ['accepted', 'declined', 'credits', 'debits'];

export interface NotificationSettings {
  sms: Record<NotificationEvent, boolean>;
  inApp: Record<NotificationEvent, boolean>;
}

// On by default: the memo asks every customer to turn SMS-informing on; we start with it on.
const DEFAULTS: NotificationSettings = {
  sms: { accepted: true, declined: true, credits: true, debits: true },
  inApp: { accepted: true, declined: true, credits: true, debits: true },
};

type SettingsRow = Record<`${'sms' | 'in_app'}_${NotificationEvent}`, boolean>;

export async function getNotificationSettings(q: Queryable, customerId: string): Promise<NotificationSettings> {
  const { rows } = await q.query<SettingsRow>('SELECT * FROM notification_settings WHERE customer_id = $1', [customerId]);
  const row = rows[0];
  if (!row) return structuredClone(DEFAULTS);
  const pick = (prefix: 'sms' | 'in_app') =>
    Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, row[`${prefix}_${event}`]])) as Record<NotificationEvent, boolean>;
  return { sms: pick('sms'), inApp: pick('in_app') };
}

export async function saveNotificationSettings(q: Queryable, customerId: string, settings: NotificationSettings): Promise<void> {
  const columns = NOTIFICATION_EVENTS.flatMap((event) => [`sms_${event}`, `in_app_${event}`]);
  const values = NOTIFICATION_EVENTS.flatMap((event) => [settings.sms[event], settings.inApp[event]]);
  await q.query(
    `INSERT INTO notification_settings (customer_id, ${columns.join(', ')}, updated_at)
     VALUES ($1, ${columns.map((_, index) => `$${index + 2}`).join(', ')}, now())
     ON CONFLICT (customer_id) DO UPDATE SET ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, updated_at = now()`,
    [customerId, ...values],
  );
}

/**
 * Tells a customer about an operation event on the channels they chose, through the outbox in the
 * caller's transaction. The texts are final here, in the customer's language.
 */
export async function notifyCustomer(
  tx: Tx,
  input: {
    customerId: string;
    phone: string;
    language: Language;
    event: NotificationEvent;
    kind: string;
    title: string;
    sms: string;
    body: string;
  },
): Promise<void> {
  const settings = await getNotificationSettings(tx, input.customerId);
  if (settings.sms[input.event]) await insertOutboxMessage(tx, 'sms', { to: input.phone, text: input.sms, purpose: input.kind });
  if (settings.inApp[input.event]) {
    await insertOutboxMessage(tx, 'in_app', { customerId: input.customerId, kind: input.kind, title: input.title, body: input.body });
  }
}

/** The outbox handler of the in_app channel: idempotent by outbox id. */
export async function deliverInApp(db: Queryable, outboxId: string, payload: Record<string, unknown>): Promise<void> {
  await db.query('INSERT INTO notifications (id, customer_id, kind, title, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING', [
    outboxId,
    String(payload.customerId),
    String(payload.kind),
    String(payload.title),
    String(payload.body),
  ]);
}
