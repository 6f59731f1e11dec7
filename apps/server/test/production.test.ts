import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ConfigError } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { PgliteDatabase } from '../src/db/pglite.js';
import { seedDemoData } from '../src/demo/seed.js';
import { DEMO_CUSTOMERS } from '../src/modules/identity/index.js';
import type { SmsSender } from '../src/modules/notifications/index.js';
import { createTestApp, createTestDatabase, type TestApp, testConfig } from './harness.js';
import { PRODUCTION_CARD_KEYS } from './production-keys.js';

/** SECURITY.md 39: what production closes (metrics, API docs) and what it refuses (a demo database). */
const PRODUCTION = {
  NODE_ENV: 'production',
  SMS_ADAPTER: 'http',
  SMS_HTTP_URL: 'https://sms.example.kz/send',
  SECRET_KEY: 'ab'.repeat(32),
  ...PRODUCTION_CARD_KEYS,
  PUBLIC_ORIGIN: 'https://mykassa.kz',
};
const METRICS_TOKEN = 'prometheus-scrape-token-0123456789abcdef';
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// tsx, PGlite's start and the migrations check take a few seconds; a refusal comes right after.
const STARTUP_REFUSAL_WAIT_MS = 30_000;

// No gateway in tests: nothing is delivered (the outbox worker is not started), this only names one.
const noSms: SmsSender = { name: 'none', send: async () => undefined };

async function productionApp(env: Record<string, string> = {}): Promise<TestApp> {
  const { db, drop } = await createTestDatabase();
  const app = await buildApp(testConfig({ ...PRODUCTION, ...env }), { db, sms: noSms });
  await app.ready();
  return {
    app,
    db,
    clock: undefined as never,
    async close() {
      await app.close();
      await drop();
    },
  };
}

describe('production, with no metrics settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await productionApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('has no /metrics on the public listener', async () => {
    const response = await t.app.inject('/metrics');
    expect(response.statusCode).toBe(404);
    expect(response.json().type).toBe('https://mykassa.kz/problems/not-found');
    expect(t.app.metricsListener).toBeNull();
  });

  it('serves neither Swagger UI nor the OpenAPI document', async () => {
    for (const url of ['/api/docs', '/api/docs/', '/api/docs/json', '/api/openapi.json']) {
      expect((await t.app.inject(url)).statusCode, url).toBe(404);
    }
  });

  it('still answers the probes', async () => {
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  });
});

describe('production with METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await productionApp({ METRICS_TOKEN });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /metrics 401 without the bearer token or with another, 200 with it', async () => {
    const missing = await t.app.inject('/metrics');
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: METRICS_TOKEN } })).statusCode).toBe(401);
    const scraped = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('# TYPE http_requests_total counter');
  });
});

describe('production with METRICS_PORT', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await productionApp({ METRICS_PORT: '9464' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves /metrics on its own listener only', async () => {
    expect((await t.app.inject('/metrics')).statusCode).toBe(404);
    const listener = t.app.metricsListener;
    expect(listener).not.toBeNull();
    const scraped = await listener?.inject('/metrics');
    expect(scraped?.statusCode).toBe(200);
    expect(scraped?.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(scraped?.body).toMatch(/db_pool_connections\{state="total"\} \d+/);
    // Nothing else is served there.
    expect((await listener?.inject('/api/v1/meta'))?.statusCode).toBe(404);
  });
});

describe('production with API_DOCS=true', () => {
  it('serves the docs page and the OpenAPI document', async () => {
    const t = await productionApp({ API_DOCS: 'true' });
    try {
      expect((await t.app.inject('/api/docs')).statusCode).toBe(200);
      expect((await t.app.inject('/api/openapi.json')).json().openapi).toBe('3.1.0');
    } finally {
      await t.close();
    }
  });
});

describe('a database with the demo customers', () => {
  it('is refused by production at start-up, naming the customers masked, whatever DEMO_DATA says', async () => {
    const t = await createTestApp();
    try {
      await seedDemoData(t.app.ctx);
      const started = buildApp(testConfig(PRODUCTION), { db: t.db, sms: noSms });
      await expect(started).rejects.toThrowError(ConfigError);
      const error = (await started.catch((reason: unknown) => reason)) as Error;
      expect(error.message).toMatch(/demo customers .*production refuses it/);
      expect(error.message).toContain('+7 701 *** ** 01');
      // The log line it becomes holds no full phone number.
      for (const demo of DEMO_CUSTOMERS) expect(error.message).not.toContain(demo.phone);
    } finally {
      await t.close();
    }
  });

  it('makes the production server exit 78 (EX_CONFIG, not restarted by systemd) with the reason on stderr', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kassa-demo-db-'));
    try {
      // A development start left demo data in the embedded database.
      const db = await PgliteDatabase.open({ dataDir });
      await migrate(db);
      const development = await buildApp(testConfig(), { db });
      await seedDemoData(development.ctx);
      await development.close();
      await db.close();

      const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
        env: { ...process.env, ...PRODUCTION, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += String(chunk);
      });
      // A server that starts after all is a failure, and must not outlive the test.
      const killer = setTimeout(() => child.kill('SIGKILL'), STARTUP_REFUSAL_WAIT_MS);
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      clearTimeout(killer);
      expect(code, stderr).toBe(78);
      expect(stderr).toMatch(/Configuration error in DATA_DIR: the database holds the demo customers/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is no obstacle in development', async () => {
    const t = await createTestApp();
    try {
      await seedDemoData(t.app.ctx);
      const again = await buildApp(testConfig(), { db: t.db });
      await again.close();
    } finally {
      await t.close();
    }
  });
});
