import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { seedDemoData } from './demo/seed.js';

const startedAtMs = performance.now();

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}

const app = await buildApp(config);
if (config.demoData) {
  const seeded = await seedDemoData(app.ctx);
  if (seeded.length) app.log.info({ seeded }, 'demo data loaded');
}
await app.listen({ host: config.host, port: config.port });
if (config.workerEnabled) app.ctx.worker.start();
app.log.info(
  { url: config.publicOrigin, database: app.ctx.db.kind, sms: app.ctx.sms.name, startMs: Math.round(performance.now() - startedAtMs) },
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
