import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Database } from './db/database.js';
import { DatabaseHealth } from './db/health.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { registerErrorHandling } from './http/errors.js';
import { healthRoutes } from './http/health.routes.js';
import { createLogger } from './http/logger.js';
import { Metrics, registerRequestMetrics } from './http/metrics.js';
import { registerOpenApi } from './http/openapi.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { validatorCompiler } from './http/validation.js';
import { registerWebApp } from './http/web.js';
import { accountsRoutes, registerAccountHooks } from './modules/accounts/index.js';
import { authRoutes, registrationSessionFactory } from './modules/auth/index.js';
import { identityRoutes } from './modules/identity/index.js';
import {
  DevInboxSmsSender,
  deliverInApp,
  devInboxRoutes,
  HttpSmsSender,
  notificationsRoutes,
  OutboxWorker,
  outboxBacklog,
  type SmsSender,
} from './modules/notifications/index.js';
import { transfersRoutes } from './modules/transfers/index.js';
import { type Clock, systemClock } from './shared/clock.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export interface AppOverrides {
  /** An open, migrated database (tests clone a template). Otherwise one is opened from config. */
  db?: Database;
  clock?: Clock;
  sms?: SmsSender;
}

// Client-supplied request ids are echoed only when harmless; otherwise we make our own.
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

function createSmsSender(config: Config, db: Database): SmsSender {
  if (config.smsAdapter === 'http') return new HttpSmsSender(config.smsHttpUrl as string, config.smsHttpToken);
  return new DevInboxSmsSender(db);
}

/** Builds the whole application without listening, so tests drive it with inject(). */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<FastifyInstance> {
  const log = createLogger(config);
  const ownsDatabase = !overrides.db;
  const db = overrides.db ?? (await openDatabase(config));
  if (ownsDatabase) {
    // A failed start (the database not up yet) must not leave its pool behind for the retry.
    await migrate(db).catch(async (error: unknown) => {
      await db.close().catch(() => undefined);
      throw error;
    });
  }

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs * 2,
    // On close, idle keep-alive connections end at once; in-flight requests are let finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    trustProxy: false,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = new Metrics();
  const sms = overrides.sms ?? createSmsSender(config, db);
  const health = new DatabaseHealth(db, log.child({ component: 'readiness' }), config.readiness);
  db.onConnectionError?.((error) => {
    log.warn({ err: error }, 'database connection lost');
    health.reportUnavailable();
  });
  // While the database is away the worker waits instead of failing every message's attempt.
  const worker = new OutboxWorker(db, log.child({ component: 'outbox' }), config.workerPollMs, () => health.ready);
  worker.handle('sms', async (payload) => sms.send({ to: String(payload.to), text: String(payload.text) }));
  worker.handle('in_app', (payload, message) => deliverInApp(db, message.id, payload));

  const ctx: AppContext = {
    config,
    db,
    health,
    clock: overrides.clock ?? systemClock,
    log,
    metrics,
    sms,
    worker,
    hooks: { agreementSigned: [] },
  };
  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  // Only JSON bodies are accepted; text/plain would otherwise slip past as a string body.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerSecurityHeaders(app);
  registerRequestMetrics(app, metrics);
  metrics.addGauges(async () => {
    const pool = db.poolStats();
    const backlog = await outboxBacklog(db).catch(() => ({ pending: -1, dead: -1 }));
    return [
      { name: 'db_pool_connections', help: 'Database pool connections by state.', value: pool.total, labels: { state: 'total' } },
      { name: 'db_pool_connections', help: 'Database pool connections by state.', value: pool.idle, labels: { state: 'idle' } },
      { name: 'db_pool_waiting', help: 'Queries waiting for a database connection.', value: pool.waiting },
      { name: 'outbox_backlog', help: 'Outbox messages by state.', value: backlog.pending, labels: { state: 'pending' } },
      { name: 'outbox_backlog', help: 'Outbox messages by state.', value: backlog.dead, labels: { state: 'dead' } },
    ];
  });

  await registerOpenApi(app);
  const spaFallback = await registerWebApp(app, config.webDistDir);
  registerErrorHandling(app, spaFallback, () => health.reportUnavailable());

  await app.register(cookie);
  app.decorateRequest('auth', null);
  await app.register(healthRoutes, { ctx });
  await app.register(identityRoutes, { ctx, onRegistered: registrationSessionFactory(ctx) });
  await app.register(authRoutes, { ctx });
  registerAccountHooks(ctx);
  await app.register(accountsRoutes, { ctx });
  await app.register(transfersRoutes, { ctx });
  await app.register(notificationsRoutes, { ctx });
  if (config.smsAdapter === 'dev-inbox') await app.register(devInboxRoutes, { db });

  // Shutdown order: the HTTP server has stopped and drained (Fastify closes it first), then the
  // worker finishes its batch, then the database closes.
  app.addHook('onReady', async () => {
    await health.start();
  });
  app.addHook('onClose', async () => {
    health.stop();
    await worker.stop();
    if (ownsDatabase) await db.close();
  });
  return app;
}
