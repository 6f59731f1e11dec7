import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { Problem } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { getNotificationSettings, NOTIFICATION_EVENTS, type NotificationSettings, saveNotificationSettings } from './preferences.js';

const NOTIFICATIONS_PAGE_MAX = 100;
const READ_IDS_MAX = 200;
const Flags = Type.Object(Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, Type.Boolean()])), { additionalProperties: false });
const Settings = Type.Object({ sms: Flags, inApp: Flags }, { additionalProperties: false });

export async function notificationsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const authenticated = requireCustomer(ctx);

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
        body: Settings,
        response: { 200: Settings, 400: Problem },
      },
    },
    async (request) => {
      const customerId = authOf(request).customerId;
      await saveNotificationSettings(ctx.db, customerId, request.body as NotificationSettings);
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
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: NOTIFICATIONS_PAGE_MAX, default: 30 })) },
          { additionalProperties: false },
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
      const customerId = authOf(request).customerId;
      const { limit } = request.query as { limit: number };
      const [items, unread] = await Promise.all([
        ctx.db.query<{ id: string; kind: string; title: string; body: string; created_at: Date; read_at: Date | null }>(
          'SELECT id, kind, title, body, created_at, read_at FROM notifications WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
          [customerId, limit],
        ),
        ctx.db.query<{ count: bigint }>('SELECT count(*) AS count FROM notifications WHERE customer_id = $1 AND read_at IS NULL', [
          customerId,
        ]),
      ]);
      return {
        items: items.rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          title: row.title,
          body: row.body,
          createdAt: row.created_at.toISOString(),
          readAt: row.read_at?.toISOString() ?? null,
        })),
        unreadCount: Number(unread.rows[0]?.count ?? 0),
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
          { additionalProperties: false },
        ),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const customerId = authOf(request).customerId;
      const body = request.body as { ids?: string[]; all?: boolean };
      // The customer id in the WHERE clause keeps another customer's ids untouched.
      await ctx.db.query(
        'UPDATE notifications SET read_at = now() WHERE customer_id = $1 AND read_at IS NULL AND ($2::boolean OR id = ANY($3::text[]))',
        [customerId, body.all === true, body.ids ?? []],
      );
      return reply.code(204).send();
    },
  );
}
