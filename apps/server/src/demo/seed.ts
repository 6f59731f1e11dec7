import type { AppContext } from '../context.js';
import { accountsDemoSeeder } from '../modules/accounts/demo.js';
import { identityDemoSeeder } from '../modules/identity/demo.js';

/**
 * Demo data for a fresh database. Each seeder runs once per database (recorded in demo_seeds)
 * inside its own transaction, so a crash half-way never leaves half a demo customer.
 * Later modules add their seeders to DEMO_SEEDERS.
 */
export interface DemoSeeder {
  name: string;
  run(ctx: AppContext): Promise<void>;
}

export const DEMO_SEEDERS: DemoSeeder[] = [identityDemoSeeder, accountsDemoSeeder];

export async function seedDemoData(ctx: AppContext): Promise<string[]> {
  const applied: string[] = [];
  for (const seeder of DEMO_SEEDERS) {
    const { rowCount } = await ctx.db.query('INSERT INTO demo_seeds (name) VALUES ($1) ON CONFLICT DO NOTHING', [seeder.name]);
    if (rowCount === 0) continue;
    try {
      await seeder.run(ctx);
      applied.push(seeder.name);
    } catch (error) {
      await ctx.db.query('DELETE FROM demo_seeds WHERE name = $1', [seeder.name]);
      throw error;
    }
  }
  return applied;
}
