import type { Queryable, Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import {
  countUnreadInApp,
  type InAppNotification,
  insertInAppNotification,
  listInAppNotifications,
  markInAppRead,
  type NotificationEvent,
  type NotificationSettings,
  readNotificationSettings,
  upsertNotificationSettings,
} from './notifications.repo.js';
import { insertOutboxMessages } from './outbox.repo.js';

export type { NotificationEvent, NotificationSettings } from './notifications.repo.js';

// On by default: the memo asks every customer to turn SMS-informing on; we start with it on.
// The daily digest (migration 0053) starts in the app, not by SMS: it goes every morning, a quiet
// day too, and each SMS costs the bank money; a customer who wants it by SMS chooses that.
const DEFAULTS: NotificationSettings = {
  sms: { accepted: true, declined: true, credits: true, debits: true },
  inApp: { accepted: true, declined: true, credits: true, debits: true },
  digest: { enabled: true, channel: 'inApp' },
};

export const DEFAULT_NOTIFICATION_SETTINGS: Readonly<NotificationSettings> = DEFAULTS;

export async function getNotificationSettings(q: Queryable, customerId: string): Promise<NotificationSettings> {
  return (await readNotificationSettings(q, customerId)) ?? structuredClone(DEFAULTS);
}

/** The digest's choice may be left out (a client older than the digest): the one saved stays. */
export async function saveNotificationSettings(
  q: Queryable,
  customerId: string,
  settings: Omit<NotificationSettings, 'digest'> & { digest?: NotificationSettings['digest'] },
): Promise<void> {
  const digest = settings.digest ?? (await getNotificationSettings(q, customerId)).digest;
  await upsertNotificationSettings(q, customerId, { ...settings, digest });
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
    /** The customer's choices when the caller read them before its transaction (getNotificationSettings); read here otherwise. */
    settings?: NotificationSettings;
  },
): Promise<void> {
  const settings = input.settings ?? (await getNotificationSettings(tx, input.customerId));
  // One statement for both channels: the caller's transaction may hold an account's lock.
  await insertOutboxMessages(tx, [
    ...(settings.sms[input.event] ? [{ channel: 'sms' as const, payload: { to: input.phone, text: input.sms, purpose: input.kind } }] : []),
    ...(settings.inApp[input.event]
      ? [{ channel: 'in_app' as const, payload: { customerId: input.customerId, kind: input.kind, title: input.title, body: input.body } }]
      : []),
  ]);
}

/**
 * A notice in the app whatever the customer chose for operation events: news of their own
 * request (a dispute or an incident they reported) is the answer to it, not an advertisement.
 * Through the outbox in the caller's transaction, like notifyCustomer.
 */
export async function notifyInApp(tx: Tx, input: { customerId: string; kind: string; title: string; body: string }): Promise<void> {
  await insertOutboxMessages(tx, [
    { channel: 'in_app', payload: { customerId: input.customerId, kind: input.kind, title: input.title, body: input.body } },
  ]);
}

/** The outbox handler of the in_app channel: idempotent by outbox id. */
export async function deliverInApp(db: Queryable, outboxId: string, payload: Record<string, unknown>): Promise<void> {
  await insertInAppNotification(db, {
    id: outboxId,
    customerId: String(payload.customerId),
    kind: String(payload.kind),
    title: String(payload.title),
    body: String(payload.body),
  });
}

/** The in-app inbox of a customer: the newest `limit` notifications and how many are unread. */
export async function inAppInbox(
  q: Queryable,
  customerId: string,
  limit: number,
): Promise<{ items: InAppNotification[]; unreadCount: number }> {
  const [items, unreadCount] = await Promise.all([listInAppNotifications(q, customerId, limit), countUnreadInApp(q, customerId)]);
  return { items, unreadCount };
}

export async function markNotificationsRead(
  q: Queryable,
  customerId: string,
  which: { all?: boolean; ids?: readonly string[] },
): Promise<void> {
  await markInAppRead(q, customerId, { all: which.all === true, ids: which.ids ?? [] });
}
