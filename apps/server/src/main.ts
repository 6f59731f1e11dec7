import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import { seedDemoData } from './demo/seed.js';
import { startDemoProviders } from './modules/payments/index.js';

// A database that is still starting (or failing over) when the server starts is waited for this
// long, a second apart, before the server gives up and leaves the restart to its supervisor.
const STARTUP_DATABASE_WAIT_MS = 60_000;
const STARTUP_RETRY_MS = 1000;

/** A configuration the server refuses (a bad variable, a demo database in production) exits 78. */
function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG: a supervisor does not restart it (deploy/systemd/kassa.service)
  }
  throw error;
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  exitOnConfigError(error);
}

async function whenDatabaseAnswers<T>(step: () => Promise<T>): Promise<T> {
  const deadlineMs = Date.now() + STARTUP_DATABASE_WAIT_MS;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > deadlineMs) throw error;
      process.stderr.write(`database unavailable at start (${(error as Error).message}); retrying\n`);
      await new Promise((resolve) => setTimeout(resolve, STARTUP_RETRY_MS));
    }
  }
}

const app = await whenDatabaseAnswers(() => buildApp(config)).catch(exitOnConfigError);
// Every promise is awaited by design; one that is not is a bug to log, not a reason to drop
// every request in flight with the process.
process.on('unhandledRejection', (reason) => {
  app.log.error({ err: reason }, 'unhandled promise rejection');
});
if (config.demoData) {
  const seeded = await whenDatabaseAnswers(() => seedDemoData(app.ctx));
  if (seeded.length) app.log.info({ seeded }, 'demo data loaded');
  // The billers of the demo catalogue, on the loopback, and the catalogue pointed at them (modules/payments/demo.ts).
  if (config.nodeEnv !== 'production') {
    const { simulator } = await whenDatabaseAnswers(() => startDemoProviders(app.ctx));
    app.log.info({ url: simulator.url }, 'service provider simulator started');
  }
}
await app.listen({ host: config.host, port: config.port });
// METRICS_PORT: /metrics on a listener of its own (loopback by default), closed with the app.
if (app.metricsListener) await app.metricsListener.listen({ host: config.metrics.host, port: config.metrics.port ?? 0 });
if (config.workerEnabled) {
  app.ctx.worker.start();
  app.ctx.retention.start();
  app.ctx.webhooks.start();
  app.ctx.providerNotifier.start();
}
app.log.info(
  {
    url: config.publicOrigin,
    database: app.ctx.db.kind,
    sms: app.ctx.sms.name,
    startMs: Math.round(performance.now()) /* since the process started, imports included */,
  },
  'Kassa is ready',
);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down: draining requests');
  // If draining hangs, leave anyway: the orchestrator would kill us harder.
  const timer = setTimeout(() => {
    app.log.error('shutdown grace period exceeded');
    process.exit(1);
  }, config.shutdownGraceMs);
  timer.unref();
  try {
    await app.close();
    app.log.info('stopped cleanly');
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
