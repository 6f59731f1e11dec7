import type { Queryable, Tx } from '../db/database.js';

// ---- demo_seeds (migration 0001): one row per seeder that ran on this database ----

// Any fixed 64-bit number: two servers starting together on one database seed once.
const DEMO_SEED_LOCK_ID = 7_482_913_006_552n;

/** Serialises the seeding of every server for this transaction. */
export async function holdDemoSeedLock(tx: Tx): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [DEMO_SEED_LOCK_ID]);
}

/** The seeders among `names` that ran already. */
export async function seededNames(db: Queryable, names: readonly string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM demo_seeds WHERE name = ANY($1)', [names]);
  return new Set(rows.map((row) => row.name));
}

/** False when another server recorded it first (its seeder ran there). */
export async function recordSeeded(tx: Tx, name: string): Promise<boolean> {
  const { rowCount } = await tx.query('INSERT INTO demo_seeds (name) VALUES ($1) ON CONFLICT DO NOTHING', [name]);
  return rowCount !== 0;
}
