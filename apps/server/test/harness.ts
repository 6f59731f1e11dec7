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

/** A fresh, migrated database of its own for one test file: a PGlite clone or a PostgreSQL copy. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const templateDatabase = inject('postgresTemplateDatabase');
  const databaseUrl = process.env.DATABASE_URL;
  if (templateDatabase && databaseUrl) {
    const name = `kassa_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase}`);
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
  const templatePath = inject('pgliteTemplatePath');
  if (!templatePath) throw new Error('global setup did not build a database template');
  const blob = new Blob([await readFile(templatePath)]);
  const db = await PgliteDatabase.open({ dataDir: null, loadDataDir: blob });
  return { db, drop: () => db.close() };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEB_DIST_DIR: '/nonexistent',
    CODES_PER_IP_PER_HOUR_MAX: '10000',
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
  options: { env?: Record<string, string>; clock?: Clock; extend?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const { db, drop } = await createTestDatabase();
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
