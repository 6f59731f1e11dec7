import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { PgliteDatabase } from '../src/db/pglite.js';
import { PostgresDatabase } from '../src/db/postgres.js';
import { type Clock, ManualClock } from '../src/shared/clock.js';

export interface TestDatabase {
  db: Database;
  drop(): Promise<void>;
}

/**
 * A fresh database of its own for one test file: a PGlite clone or a PostgreSQL copy of the
 * migrated template, or with `empty` one without any table (tests of a migration on old data).
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const templateDatabase = inject('postgresTemplateDatabase');
  const databaseUrl = process.env.DATABASE_URL;
  if (templateDatabase && databaseUrl) {
    const name = `kassa_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${templateDatabase}`);
    } finally {
      await admin.end();
    }
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const db = new PostgresDatabase(url.toString(), 10);
    return {
      db,
      async drop() {
        await db.close();
        const cleanup = new pg.Client({ connectionString: databaseUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  if (options.empty) {
    const db = await PgliteDatabase.open({ dataDir: null });
    return { db, drop: () => db.close() };
  }
  const templatePath = inject('pgliteTemplatePath');
  if (!templatePath) throw new Error('global setup did not build a database template');
  const blob = new Blob([await readFile(templatePath)]);
  const db = await PgliteDatabase.open({ dataDir: null, loadDataDir: blob });
  return { db, drop: () => db.close() };
}

/** Per-IP rate limits (config.ts rateLimits) raised out of the way of tests that share 127.0.0.1. */
export const PER_IP_LIMITS_FOR_TESTS: Record<string, string> = Object.fromEntries(
  [
    'RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE_MAX',
    'RATE_LIMIT_REGISTRATION_PER_IP_PER_HOUR_MAX',
    'RATE_LIMIT_CODES_PER_IP_PER_MINUTE_MAX',
    'RATE_LIMIT_PASSWORD_PER_IP_PER_HOUR_MAX',
    'RATE_LIMIT_ACCOUNT_OPENING_PER_IP_PER_DAY_MAX',
    'RATE_LIMIT_STATEMENTS_PER_IP_PER_MINUTE_MAX',
    'RATE_LIMIT_LOOKUPS_PER_IP_PER_MINUTE_MAX',
    'RATE_LIMIT_CHECKOUT_PER_IP_PER_MINUTE_MAX',
    'RATE_LIMIT_MERCHANT_KEY_FAILURES_PER_IP_PER_MINUTE_MAX',
  ].map((variable) => [variable, '1000000']),
);

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEB_DIST_DIR: '/nonexistent',
    BACKOFFICE_DIST_DIR: '/nonexistent',
    CODES_PER_IP_PER_HOUR_MAX: '10000',
    // Every inject() comes from 127.0.0.1: one IP for the whole file. The per-customer limits keep
    // their defaults; test/rate-limit.test.ts puts the per-IP ones back where it tests them.
    ...PER_IP_LIMITS_FOR_TESTS,
    ...env,
  });
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  clock: ManualClock;
  close(): Promise<void>;
}

/** buildApp on a database of its own, with a clock the test can move. */
export async function createTestApp(
  options: { env?: Record<string, string>; clock?: Clock; extend?: (app: FastifyInstance) => void; database?: TestDatabase } = {},
): Promise<TestApp> {
  const { db, drop } = options.database ?? (await createTestDatabase());
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock();
  const app = await buildApp(testConfig(options.env), { db, clock });
  options.extend?.(app);
  await app.ready();
  return {
    app,
    db,
    clock,
    async close() {
      await app.close();
      await drop();
    },
  };
}
