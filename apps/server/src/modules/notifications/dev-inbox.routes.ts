import { Type } from 'typebox';
import type { Database } from '../../db/database.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { strict } from '../../shared/schemas.js';
import { listDevSms } from './dev-inbox.repo.js';

// A developer reads a few recent codes, not the whole history.
const DEV_INBOX_PAGE_MAX = 100;
const DEV_INBOX_PAGE_DEFAULT = 50;

const DevSmsMessage = Type.Object({
  id: Type.String(),
  phone: Type.String(),
  text: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

/**
 * The dev SMS inbox: what the `dev-inbox` adapter "sent", newest first. Registered only when that
 * adapter is active, which configuration refuses in production.
 */
export async function devInboxRoutes(app: TypedApp, options: { db: Database }): Promise<void> {
  app.get(
    '/api/v1/dev/sms',
    {
      schema: {
        tags: ['dev'],
        summary: 'Messages kept by the dev SMS inbox, newest first (development only)',
        querystring: Type.Object(
          {
            phone: Type.Optional(Type.String({ pattern: '^\\+[1-9]\\d{6,14}$', description: 'E.164 phone number' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DEV_INBOX_PAGE_MAX, default: DEV_INBOX_PAGE_DEFAULT })),
          },
          strict,
        ),
        response: { 200: Type.Object({ items: Type.Array(DevSmsMessage) }) },
      },
    },
    async (request) => {
      const { phone = null, limit = DEV_INBOX_PAGE_DEFAULT } = request.query;
      const messages = await listDevSms(options.db, { phone, limit });
      return { items: messages.map((message) => ({ ...message, createdAt: message.createdAt.toISOString() })) };
    },
  );
}
