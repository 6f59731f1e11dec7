import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../src/db/migrate.js';
import { PgliteDatabase } from '../src/db/pglite.js';
import { PostgresDatabase } from '../src/db/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string | null;
    postgresTemplateDatabase: string | null;
  }
}

/**
 * One migrated template per test run: PGlite's cold start and migrations cost seconds, a clone
 * costs a fraction of that. On PostgreSQL the template is a database each test file copies
 * with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = `kassa_tpl_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const db = new PostgresDatabase(url.toString(), 2);
    await migrate(db);
    await db.close();
    project.provide('postgresTemplateDatabase', name);
    project.provide('pgliteTemplatePath', null);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'kassa-test-'));
  const db = await PgliteDatabase.open({ dataDir: null });
  await migrate(db);
  const dump = await db.dump();
  await db.close();
  const path = join(dir, 'template.tar');
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplatePath', path);
  project.provide('postgresTemplateDatabase', null);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
