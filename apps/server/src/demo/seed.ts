import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { accountsDemoSeeder } from '../modules/accounts/demo.js';
import { identityDemoSeeder } from '../modules/identity/demo.js';

/**
 * Demo data for a fresh database. A seeder may prepare outside the transaction (a password hash
 * is slow), and writes inside the one transaction every pending seeder shares with its marker
 * row in demo_seeds: a crash at any moment leaves all of the demo data or none of it, and the
 * next start finishes the job. Later modules add their seeders to DEMO_SEEDERS.
 */
export interface DemoSeeder<Prepared = unknown> {
  name: string;
  prepare(ctx: AppContext): Promise<Prepared>;
  write(ctx: AppContext, tx: Tx, prepared: Prepared): Promise<void>;
}

export const DEMO_SEEDERS: DemoSeeder[] = [identityDemoSeeder as DemoSeeder, accountsDemoSeeder as DemoSeeder];

// Any fixed 64-bit number: two servers starting together on one database seed once.
const DEMO_SEED_LOCK_ID = 7_482_913_006_552n;

export async function seedDemoData(ctx: AppContext, seeders: readonly DemoSeeder[] = DEMO_SEEDERS): Promise<string[]> {
  const pending = await pendingSeeders(ctx, seeders);
  if (pending.length === 0) return [];
  const prepared = new Map<string, unknown>();
  for (const seeder of pending) prepared.set(seeder.name, await seeder.prepare(ctx));
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DEMO_SEED_LOCK_ID]);
    const applied: string[] = [];
    for (const seeder of pending) {
      // Under the lock: another server may have seeded while this one prepared.
      const { rowCount } = await tx.query('INSERT INTO demo_seeds (name) VALUES ($1) ON CONFLICT DO NOTHING', [seeder.name]);
      if (rowCount === 0) continue;
      await seeder.write(ctx, tx, prepared.get(seeder.name));
      applied.push(seeder.name);
    }
    return applied;
  });
}

async function pendingSeeders(ctx: AppContext, seeders: readonly DemoSeeder[]): Promise<DemoSeeder[]> {
  const { rows } = await ctx.db.query<{ name: string }>('SELECT name FROM demo_seeds WHERE name = ANY($1)', [
    seeders.map((seeder) => seeder.name),
  ]);
  const done = new Set(rows.map((row) => row.name));
  return seeders.filter((seeder) => !done.has(seeder.name));
}
