import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Database } from '../../db/database.js';

// A developer reads a few recent codes, not the whole history.
const DEV_INBOX_PAGE_MAX = 100;

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
export async function devInboxRoutes(app: FastifyInstance, options: { db: Database }): Promise<void> {
  app.get(
    '/api/v1/dev/sms',
    {
      schema: {
        tags: ['dev'],
        summary: 'Messages kept by the dev SMS inbox, newest first (development only)',
        querystring: Type.Object(
          {
            phone: Type.Optional(Type.String({ pattern: '^\\+[1-9]\\d{6,14}$', description: 'E.164 phone number' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DEV_INBOX_PAGE_MAX, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(DevSmsMessage) }) },
      },
    },
    async (request) => {
      const { phone, limit } = request.query as { phone?: string; limit: number };
      const { rows } = await options.db.query<{ id: string; phone: string; text: string; created_at: Date }>(
        `SELECT id, phone, text, created_at FROM dev_sms_messages
         WHERE ($1::text IS NULL OR phone = $1) ORDER BY created_at DESC, id DESC LIMIT $2`,
        [phone ?? null, limit],
      );
      return {
        items: rows.map((row) => ({ id: row.id, phone: row.phone, text: row.text, createdAt: row.created_at.toISOString() })),
      };
    },
  );
}
