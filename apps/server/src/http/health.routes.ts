import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { migrationsCurrent } from '../db/migrate.js';

const Meta = Type.Object({
  publicOrigin: Type.String(),
  contactCenterPhone: Type.String(),
  securityEmail: Type.String(),
  devSmsInbox: Type.Boolean(),
});

export async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The database answers and every migration is applied',
        response: {
          200: Type.Object({ status: Type.Literal('ready') }),
          503: Type.Object({ status: Type.Literal('not-ready'), reason: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await ctx.db.query('SELECT 1');
        if (!(await migrationsCurrent(ctx.db))) return reply.code(503).send({ status: 'not-ready', reason: 'migrations pending' });
        return { status: 'ready' as const };
      } catch {
        return reply.code(503).send({ status: 'not-ready', reason: 'database unreachable' });
      }
    },
  );

  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics', hide: true } }, async (_request, reply) => {
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return ctx.metrics.render();
  });

  app.get(
    '/api/v1/meta',
    { schema: { tags: ['meta'], summary: 'Public facts the apps show: the official domain and contacts', response: { 200: Meta } } },
    async () => ({
      publicOrigin: ctx.config.publicOrigin,
      contactCenterPhone: ctx.config.contactCenterPhone,
      securityEmail: ctx.config.securityEmail,
      devSmsInbox: ctx.config.smsAdapter === 'dev-inbox',
    }),
  );
}
