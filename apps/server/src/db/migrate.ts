import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BANK_TIME_ZONE } from '../shared/datetime.js';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

// Any fixed 64-bit number shared by every server of this application.
const MIGRATION_LOCK_ID = 7_482_913_006_551n;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(new URL(file, `file://${dir}`), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

/**
 * Applies pending migrations in one transaction under a transaction-scoped advisory lock, so
 * two servers starting together migrate once: the second waits, then finds nothing to do.
 * An applied migration whose file changed is refused: migrations are append-only.
 */
export interface MigrateOptions {
  /** Stop after this version (tests that fill a database at an earlier schema, then migrate it). */
  upTo?: number;
  /**
   * The bank's time zone, for migrations that move data by calendar day: they read it as
   * current_setting('kassa.bank_time_zone'), set here for the migrating transaction only.
   */
  bankTimeZone?: string;
}

export async function migrate(db: Database, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const migrations = (await loadMigrations()).filter((migration) => options.upTo === undefined || migration.version <= options.upTo);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.query("SELECT set_config('kassa.bank_time_zone', $1, true)", [options.bankTimeZone ?? DEFAULT_BANK_TIME_ZONE]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number; checksum: string; name: string }>(
      'SELECT version, checksum, name FROM schema_migrations',
    );
    const applied = new Map(rows.map((row) => [row.version, row]));
    const done: string[] = [];
    for (const migration of migrations) {
      const existing = applied.get(migration.version);
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      done.push(migration.name);
    }
    return { applied: done };
  });
}

/** True when every migration file has been applied (for /readyz). */
export async function migrationsCurrent(db: Database): Promise<boolean> {
  const migrations = await loadMigrations();
  const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.version));
  return migrations.every((migration) => applied.has(migration.version));
}
