import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';

/**
 * A module's demo data (its `demo.ts`). A seeder may prepare outside the transaction (a password
 * hash is slow), and writes inside the one transaction every pending seeder shares with its marker
 * row in demo_seeds (demo/seed.ts). Its name is that marker: it never changes once released.
 * Declared apart from the list of seeders, which imports the modules: a module's seeder imports
 * only this.
 */
export interface DemoSeeder<Prepared = unknown> {
  name: string;
  prepare(ctx: AppContext): Promise<Prepared>;
  write(ctx: AppContext, tx: Tx, prepared: Prepared): Promise<void>;
}
