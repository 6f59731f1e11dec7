import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Database } from './db/database.js';
import { DatabaseHealth } from './db/health.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { refuseDemoCustomers } from './demo/refuse-in-production.js';
import { registerBackofficeApp } from './http/backoffice.js';
import { registerDemoShop } from './http/demo-shop.js';
import { registerErrorHandling } from './http/errors.js';
import { healthRoutes } from './http/health.routes.js';
import { lazyChildLogger } from './http/lazy-child-logger.js';
import { createLogger } from './http/logger.js';
import { buildMetricsListener, Metrics, metricsPlacement, registerMetricsRoute, registerRequestMetrics } from './http/metrics.js';
import { registerOpenApi } from './http/openapi.js';
import { purgeExpiredRateLimitCounters, registerRateLimits } from './http/rate-limit.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { validatorCompiler } from './http/validation.js';
import { registerWebApp } from './http/web.js';
import { accountsRoutes, registerAccountHooks } from './modules/accounts/index.js';
import {
  chargebacksRoutes,
  checkoutRoutes,
  merchantPayouts,
  merchantSettingsRoutes,
  merchantsStaffRoutes,
  merchantWebhookDeliveries,
  moneyRoutes,
  paymentsRoutes,
  paymentsSweep,
  WebhookSender,
  webhooksRoutes,
} from './modules/acquiring/index.js';
import { acsAppRoutes, acsChallengesExpiry, acsRoutes } from './modules/acs/index.js';
import { approvalsRoutes, createApprovalExecutors, roleChangeExecutor } from './modules/approvals/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { authRoutes, customerPasswords, registrationSessionFactory, requireCustomer } from './modules/auth/index.js';
import { blocksRoutes, blocksStaffRoutes, customerBlockPort, registerUnblockExecutor } from './modules/blocks/index.js';
import { callsPurge, callsRoutes, liveCallMatch, staffCustomerAccess } from './modules/calls/index.js';
import { cardHoldsExpiry, cardNetworkRoutes, createCardNetworkPort, devCheckoutRoutes } from './modules/card-network/index.js';
import { cardsRoutes, requireOwnCard } from './modules/cards/index.js';
import { customersRoutes } from './modules/customers/index.js';
import { disputesRoutes, disputesStaffRoutes, registerDisputeApprovals } from './modules/disputes/index.js';
import { identityRoutes, listActiveCustomersAfter, prepareIinsAtRest, profileRoutes } from './modules/identity/index.js';
import { incidentsRoutes, incidentsStaffRoutes } from './modules/incidents/index.js';
import {
  AllowedCountriesSmsSender,
  createSmppSmsSender,
  DevInboxSmsSender,
  dailyDigests,
  deliverInApp,
  devInboxRoutes,
  HttpSmsSender,
  notificationsRoutes,
  OutboxWorker,
  outboxBacklog,
  SmppSmsSender,
  type SmsSender,
  smsDeliveryHandler,
} from './modules/notifications/index.js';
import { customerDaySummary, operationsRoutes, receiptCheckRoutes, staleOperationsExpiry } from './modules/operations/index.js';
import {
  catalogueStaffRoutes,
  createProviderPort,
  guestPaymentsRoutes,
  ProviderNotifier,
  registerProviderSettlementExecutor,
  registerServicePaymentHooks,
  registryStaffRoutes,
  savedPaymentsRoutes,
  servicePaymentsRoutes,
  serviceRegistries,
  serviceSchedules,
} from './modules/payments/index.js';
import { phoneChangeRoutes } from './modules/phone-change/index.js';
import { PURGES, RetentionWorker } from './modules/retention/index.js';
import { limitRaiseStaffRoutes, limitsRoutes, registerLimitRaiseExecutor } from './modules/risk/index.js';
import { changeStaffRole, requireStaff, staffOf, staffRoutes } from './modules/staff/index.js';
import { registerCardTransferHooks, transfersRoutes, trustedPayeesRoutes } from './modules/transfers/index.js';
import { type Clock, systemClock } from './shared/clock.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /** The METRICS_PORT listener (http/metrics.ts), started by main.ts; null when /metrics has none. */
    metricsListener: FastifyInstance | null;
  }
}

export interface AppOverrides {
  /** An open, migrated database (tests clone a template). Otherwise one is opened from config. */
  db?: Database;
  clock?: Clock;
  sms?: SmsSender;
  /** Where the log lines go (tests capture them); stdout otherwise. */
  logDestination?: DestinationStream;
}

// Client-supplied request ids are echoed only when harmless; otherwise we make our own.
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

function createSmsSender(config: Config, db: Database, log: Logger): SmsSender {
  if (config.smsAdapter === 'http') return new HttpSmsSender(config.smsHttpUrl as string, config.smsHttpToken);
  // config-smpp.ts requires the SMPP block under SMS_ADAPTER=smpp.
  if (config.smsAdapter === 'smpp' && config.smpp) return createSmppSmsSender(config.smpp, db, log.child({ component: 'smpp' }));
  return new DevInboxSmsSender(db);
}

/** Builds the whole application without listening, so tests drive it with inject(). */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<FastifyInstance> {
  const log = createLogger(config, overrides.logDestination);
  const ownsDatabase = !overrides.db;
  const db = overrides.db ?? (await openDatabase(config));
  if (ownsDatabase) {
    // A failed start (the database not up yet) must not leave its pool behind for the retry.
    await migrate(db, { bankTimeZone: config.bankTimeZone }).catch(async (error: unknown) => {
      await db.close().catch(() => undefined);
      throw error;
    });
  }
  await refuseDemoCustomers(config, db).catch(async (error: unknown) => {
    if (ownsDatabase) await db.close().catch(() => undefined);
    throw error;
  });
  // SECURITY.md 39, before any request looks an IIN up by its hash: a SECRET_KEY that cannot open
  // the sealed IINs is refused, and IINs still in plaintext are sealed (migration 0012's second step).
  const iins = await prepareIinsAtRest(db, config.keyring, (overrides.clock ?? systemClock).now()).catch(async (error: unknown) => {
    if (ownsDatabase) await db.close().catch(() => undefined);
    throw error;
  });
  if (iins.sealed > 0) log.info({ sealedIins: iins.sealed }, 'sealed the IINs still in plaintext (migration 0012)');

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    childLoggerFactory: lazyChildLogger,
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs * 2,
    // On close, idle keep-alive connections end at once; in-flight requests are let finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // SECURITY.md 34: X-Forwarded-For is believed only from the listed proxies (TRUST_PROXY).
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    // Each route plugin is a TypedApp: its schemas type the request and the answer (http/typed-routes.ts).
  }).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = new Metrics();
  // SECURITY.md 33: whatever the sender, nothing goes to a number outside the allowed calling codes.
  const smsAdapter = overrides.sms ?? createSmsSender(config, db, log);
  const sms = new AllowedCountriesSmsSender(smsAdapter, config.smsAllowedCountryCodes);
  const health = new DatabaseHealth(db, log.child({ component: 'readiness' }), config.readiness);
  db.onConnectionError?.((error) => {
    log.warn({ err: error }, 'database connection lost');
    health.reportUnavailable();
  });
  // While the database is away the worker waits instead of failing every message's attempt.
  const worker = new OutboxWorker(db, log.child({ component: 'outbox' }), config.workerPollMs, () => health.ready);
  const blocks = customerBlockPort(config);
  // A sealed code text is opened only here, at send time (SECURITY.md 35); nothing goes to a blocked customer's number.
  worker.handle(
    'sms',
    smsDeliveryHandler(sms, config.keyring, (phone) => blocks.smsSuppression(db, phone)),
  );
  worker.handle('in_app', (payload, message) => deliverInApp(db, message.id, payload));
  const clock = overrides.clock ?? systemClock;
  // Started by main.ts with the outbox worker (WORKER_ENABLED); tests call runOnce().
  // The rate-limit counters (http/, not a module) are purged with the modules' tables.
  const retention = new RetentionWorker(db, log.child({ component: 'retention' }), clock, config.retention, () => health.ready, [
    ...PURGES,
    purgeExpiredRateLimitCounters,
    // The calls' pass needs CALL_DURATION_MAX_MINUTES beside the windows: it closes forgotten calls too.
    callsPurge(config.callDurationMaxMinutes),
    // Card holds no clearing came for are voided on the same schedule (it deletes nothing).
    cardHoldsExpiry(() => ctx),
    // And 3-D Secure challenges nobody came back to end N, timed out (modules/acs).
    acsChallengesExpiry(() => ctx),
    // Merchants' balances go to their IBANs once a business day, on the same schedule (acquiring/money).
    merchantPayouts(() => ctx),
    // Scheduled payments for services run on their day, and their reminders go out (payments/schedule-runner.ts).
    serviceSchedules(() => ctx),
    // Each provider's registry of the day that ended, once per provider and day (payments/registry).
    serviceRegistries(() => ctx),
    // Payment money steps a crash left half done are finished on the same schedule (acquiring/payments).
    paymentsSweep(() => ctx),
    // Merchant webhooks due for an attempt are sent on the same schedule, and events past their window purged (acquiring/webhooks).
    merchantWebhookDeliveries(() => ctx),
    // Yesterday's daily digests, once DIGEST_HOUR has come (notifications/digest/); identity and operations read for it.
    dailyDigests(() => ctx, { customersAfter: listActiveCustomersAfter, daySummary: customerDaySummary }),
    // So are operations left unconfirmed: they end as expired, and what their kind kept for them goes.
    staleOperationsExpiry(() => ctx),
  ]);

  const ctx: AppContext = {
    config,
    db,
    health,
    clock,
    log,
    metrics,
    sms,
    worker,
    retention,
    webhooks: new WebhookSender(
      () => ctx,
      () => health.ready,
    ),
    passwords: customerPasswords,
    blocks,
    hooks: { agreementSigned: [], cardPaymentsEnded: [], operationsEnded: [], receiptDetails: [] },
    // This app's own: the modules that own a kind register its executor below (modules/approvals).
    approvalExecutors: createApprovalExecutors(),
    // The card network, outbound: the simulator outside production (CARD_NETWORK_OUTBOUND).
    cardNetwork: createCardNetworkPort(config),
    // Service providers, outbound (PAYMENT_PROVIDER_TIMEOUT_MS), and the worker that tells them of payments (modules/payments).
    paymentProviders: createProviderPort(config, log),
    providerNotifier: new ProviderNotifier(
      () => ctx,
      () => health.ready,
    ),
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

  await registerOpenApi(app, { exposeDocs: config.apiDocs });
  const webFallback = await registerWebApp(app, config.webDistDir);
  // The staff's app under /backoffice, with its own fallback and a stricter policy (http/backoffice.ts).
  const backofficeFallback = await registerBackofficeApp(app, config.backofficeDistDir);
  registerErrorHandling(
    app,
    (request, reply) => backofficeFallback(request, reply) || (webFallback?.(request, reply) ?? false),
    () => health.reportUnavailable(),
  );

  // Before the routes: its onRoute hook puts the checks on every route that names a class.
  registerRateLimits(app, ctx);
  const placement = metricsPlacement(config);
  if (placement === 'public-with-token') registerMetricsRoute(app, metrics, config.metrics.token);
  const metricsListener =
    placement === 'own-listener' ? await buildMetricsListener(metrics, config.metrics.token, log.child({ component: 'metrics' })) : null;
  app.decorate('metricsListener', metricsListener);

  await app.register(cookie);
  app.decorateRequest('auth', null);
  app.decorateRequest('staff', null);
  await app.register(healthRoutes, { ctx });
  await app.register(identityRoutes, { ctx, onRegistered: registrationSessionFactory(ctx) });
  await app.register(authRoutes, { ctx });
  registerAccountHooks(ctx);
  registerCardTransferHooks(ctx);
  registerServicePaymentHooks(ctx);
  await app.register(accountsRoutes, { ctx });
  await app.register(transfersRoutes, { ctx });
  // Paying for services: the catalogue, checks with the provider, payments (modules/payments).
  await app.register(servicePaymentsRoutes, { ctx });
  await app.register(guestPaymentsRoutes, { ctx });
  await app.register(savedPaymentsRoutes, { ctx });
  // Staff's catalogue of providers; their settlement details change when a second staff member approves.
  await app.register(catalogueStaffRoutes, { ctx });
  // Staff's registries and reconciliations of each provider's days (payments/registry).
  await app.register(registryStaffRoutes, { ctx });
  registerProviderSettlementExecutor(ctx);
  await app.register(trustedPayeesRoutes, { ctx });
  // Cards: issuing, freeze, controls and limits, the details after a code (modules/cards).
  await app.register(cardsRoutes, { ctx });
  // The history by card (?cardId=) asks cards whether the card is the caller's: cards depends on operations.
  await app.register(operationsRoutes, { ctx, cardAccess: requireOwnCard });
  await app.register(receiptCheckRoutes, { ctx });
  // The emergency block (lost phone): the customer's form without the phone, and the signed-in button.
  await app.register(blocksRoutes, { ctx });
  // Cases: "this wasn't me" (the customer's and the staff's routes).
  await app.register(disputesRoutes, { ctx });
  await app.register(disputesStaffRoutes, { ctx });
  // A refund from the approval threshold up is carried out when another staff member approves it.
  registerDisputeApprovals(ctx);
  // A role change approved by a second admin is carried out by staff, which owns staff_users.
  ctx.approvalExecutors.register('role_change', roleChangeExecutor(changeStaffRole));
  // An unblock approved by a second security officer lifts the block (modules/blocks); calls' gates are handed in.
  registerUnblockExecutor(ctx);
  // A limit raise approved by another security officer is written by risk; calls' gate is handed in.
  registerLimitRaiseExecutor(ctx);
  await app.register(limitsRoutes, { ctx });
  await app.register(limitRaiseStaffRoutes, { ctx, customerAccess: staffCustomerAccess });
  await app.register(blocksStaffRoutes, { ctx, gates: { customerAccess: staffCustomerAccess, callMatch: liveCallMatch } });
  // Security incidents: the customer's reports and the security officers' queue.
  await app.register(incidentsRoutes, { ctx });
  await app.register(incidentsStaffRoutes, { ctx });
  // auth depends on notifications, so notifications' customer routes are given auth's preHandler.
  await app.register(notificationsRoutes, { ctx, requireCustomer: requireCustomer(ctx) });
  // Likewise identity's profile: auth depends on identity.
  await app.register(profileRoutes, { ctx, requireCustomer: requireCustomer(ctx) });
  // Changing the phone number: it needs auth (the password, the sessions) and identity (the number).
  await app.register(phoneChangeRoutes, { ctx });
  // The back office's staff: their own cookie and sessions, never a customer's (modules/staff).
  await app.register(staffRoutes, { ctx });
  // The contact center's calls (staff routes) and the customer's "Is Kassa calling me?".
  await app.register(callsRoutes, { ctx });
  // The staff's customers: the officers' search and the file with the parts other modules own.
  await app.register(customersRoutes, { ctx });
  // The audit viewer: staff writes to the audit log, so audit is handed staff's guard (audit.routes.ts).
  await app.register(auditRoutes, {
    ctx,
    requireAuditViewer: requireStaff(ctx, 'audit.view'),
    staffIdOf: (request) => staffOf(request).staffId,
  });
  // Maker-checker: the queue, the decisions, and the role change's request (modules/approvals).
  await app.register(approvalsRoutes, { ctx });
  // Merchants of the payment API and their keys, created by staff in the back office (modules/acquiring).
  await app.register(merchantsStaffRoutes, { ctx });
  await app.register(moneyRoutes, { ctx });
  // 3-D Secure: the challenge API of Kassa's ACS (public: the acsTransID is the handle, the SMS code the secret).
  await app.register(acsRoutes, { ctx });
  // …and its app side: approving a purchase on the customer's bound PIN device instead of the code.
  await app.register(acsAppRoutes, { ctx });
  // The payment API (acquiring/payments) and staff's PATCH of a merchant's settings.
  await app.register(paymentsRoutes, { ctx });
  await app.register(merchantSettingsRoutes, { ctx });
  // The hosted checkout's API: the buyer the merchant redirected, with the token of the checkout URL.
  await app.register(checkoutRoutes, { ctx });
  await app.register(webhooksRoutes, { ctx });
  // The merchant's disputes: the chargebacks of its live payments, and its answer (acquiring/chargebacks).
  await app.register(chargebacksRoutes, { ctx });
  if (config.smsAdapter === 'dev-inbox') await app.register(devInboxRoutes, { db });
  // The card networks' door (signed messages, not sessions), and outside production the demo's checkout.
  await app.register(cardNetworkRoutes, { ctx });
  if (config.nodeEnv !== 'production' && config.cardNetwork.outbound === 'simulated') await app.register(devCheckoutRoutes, { ctx });
  // The demo shop at /demo-shop, a merchant of this server's payment API, outside production (http/demo-shop.ts).
  await registerDemoShop(app, ctx);

  // Shutdown order: the HTTP server has stopped and drained (Fastify closes it first), then the
  // worker finishes its batch, then the database closes.
  app.addHook('onReady', async () => {
    await health.start();
    // Bound from the start, so receipts for messages sent before a restart arrive; not awaited:
    // an SMSC that is away must not keep the server from starting (the session keeps retrying).
    if (smsAdapter instanceof SmppSmsSender) {
      smsAdapter.connect().catch((error: unknown) => log.error({ err: error }, 'SMPP bind failed'));
    }
  });
  app.addHook('onClose', async () => {
    health.stop();
    await worker.stop();
    // An SMPP session unbinds after the last submit (the worker has stopped).
    if (smsAdapter instanceof SmppSmsSender) await smsAdapter.close();
    await retention.stop();
    await ctx.webhooks.stop();
    await ctx.providerNotifier.stop();
    await metricsListener?.close();
    if (ownsDatabase) await db.close();
  });
  return app;
}
