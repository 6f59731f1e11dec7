import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { literalUnion } from '../shared/schemas.js';
import { RETRY_AFTER_SECONDS } from './errors.js';
import type { TypedApp } from './typed-routes.js';

const Meta = Type.Object({
  publicOrigin: Type.String(),
  contactCenterPhone: Type.String(),
  securityEmail: Type.String(),
  devSmsInbox: Type.Boolean(),
  // The bank's details a customer gives another bank to top up an account here by IBAN.
  bank: Type.Object({
    name: Type.Object({ ru: Type.String(), kk: Type.String(), en: Type.String() }),
    bic: Type.String(),
    bin: Type.String(),
  }),
});

export async function healthRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  // Answers from the state the background check keeps (db/health.ts), never by waiting for the
  // database: a probe must stay instant when the database is busy, and say 503 when it is away.
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The database answers and every migration is applied (from the last background check)',
        response: {
          200: Type.Object({ status: Type.Literal('ready'), since: Type.String() }),
          503: Type.Object({
            status: Type.Literal('not-ready'),
            reason: literalUnion(['starting', 'database-unreachable', 'database-slow', 'migrations-pending']),
            since: Type.String(),
          }),
        },
      },
    },
    async (_request, reply) => {
      const state = ctx.health.snapshot();
      if (state.ready) return { status: 'ready' as const, since: state.since };
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ status: 'not-ready' as const, reason: state.reason ?? 'starting', since: state.since });
    },
  );

  // /metrics is registered by app.ts where its placement says (http/metrics.ts, SECURITY.md 39).

  app.get(
    '/api/v1/meta',
    { schema: { tags: ['meta'], summary: 'Public facts the apps show: the official domain and contacts', response: { 200: Meta } } },
    async () => ({
      publicOrigin: ctx.config.publicOrigin,
      contactCenterPhone: ctx.config.contactCenterPhone,
      securityEmail: ctx.config.securityEmail,
      devSmsInbox: ctx.config.smsAdapter === 'dev-inbox',
      bank: { name: ctx.config.bank.name, bic: ctx.config.bank.bic, bin: ctx.config.bank.bin },
    }),
  );
}
