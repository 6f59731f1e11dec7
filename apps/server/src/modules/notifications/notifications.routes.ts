import { type TBoolean, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { authOf, type CustomerRoutesOptions } from '../../shared/request-auth.js';
import { Problem, strict } from '../../shared/schemas.js';
import {
  getNotificationSettings,
  inAppInbox,
  markNotificationsRead,
  type NotificationEvent,
  saveNotificationSettings,
} from './preferences.js';

const NOTIFICATIONS_PAGE_MAX = 100;
const NOTIFICATIONS_PAGE_DEFAULT = 30;
const READ_IDS_MAX = 200;
// One flag per event; `satisfies` keeps the schema's properties and NOTIFICATION_EVENTS the same set.
const Flags = Type.Object(
  {
    accepted: Type.Boolean(),
    declined: Type.Boolean(),
    credits: Type.Boolean(),
    debits: Type.Boolean(),
  } satisfies Record<NotificationEvent, TBoolean>,
  strict,
);
// The daily digest (notifications/digest/): on or off, and the one channel it goes to.
const Digest = Type.Object({ enabled: Type.Boolean(), channel: Type.Union([Type.Literal('sms'), Type.Literal('inApp')]) }, strict);
const Settings = Type.Object({ sms: Flags, inApp: Flags, digest: Digest }, strict);
// A client older than the digest sends no digest: its choice stays as saved.
const SettingsChange = Type.Object({ sms: Flags, inApp: Flags, digest: Type.Optional(Digest) }, strict);

/** auth depends on notifications, so this plugin is given auth's preHandler (buildApp) rather than importing auth. */
export async function notificationsRoutes(
  app: TypedApp,
  { ctx, requireCustomer }: { ctx: AppContext } & CustomerRoutesOptions,
): Promise<void> {
  const authenticated = requireCustomer;

  app.get(
    '/api/v1/notification-settings',
    {
      preHandler: authenticated,
      schema: {
        tags: ['notifications'],
        summary: 'SMS-informing and in-app notification choices',
        response: { 200: Settings, 401: Problem },
      },
    },
    async (request) => getNotificationSettings(ctx.db, authOf(request).customerId),
  );

  app.put(
    '/api/v1/notification-settings',
    {
      preHandler: authenticated,
      schema: {
        tags: ['notifications'],
        summary: 'Change notification choices',
        body: SettingsChange,
        response: { 200: Settings, 400: Problem },
      },
    },
    async (request) => {
      const customerId = authOf(request).customerId;
      await saveNotificationSettings(ctx.db, customerId, request.body);
      return getNotificationSettings(ctx.db, customerId);
    },
  );

  app.get(
    '/api/v1/notifications',
    {
      preHandler: authenticated,
      schema: {
        tags: ['notifications'],
        summary: 'In-app notifications, newest first, with the unread count (send X-Kassa-Passive: 1 when polling)',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: NOTIFICATIONS_PAGE_MAX, default: NOTIFICATIONS_PAGE_DEFAULT })) },
          strict,
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                kind: Type.String(),
                title: Type.String(),
                body: Type.String(),
                createdAt: Type.String(),
                readAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
            unreadCount: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      const { limit = NOTIFICATIONS_PAGE_DEFAULT } = request.query;
      const inbox = await inAppInbox(ctx.db, authOf(request).customerId, limit);
      return {
        items: inbox.items.map((notification) => ({
          ...notification,
          createdAt: notification.createdAt.toISOString(),
          readAt: notification.readAt?.toISOString() ?? null,
        })),
        unreadCount: inbox.unreadCount,
      };
    },
  );

  app.post(
    '/api/v1/notifications/read',
    {
      preHandler: authenticated,
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read: some by id, or all',
        body: Type.Object(
          {
            ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: READ_IDS_MAX })),
            all: Type.Optional(Type.Boolean()),
          },
          strict,
        ),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await markNotificationsRead(ctx.db, authOf(request).customerId, request.body);
      return reply.code(204).send(null);
    },
  );
}
