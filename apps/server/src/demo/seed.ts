import type { AppContext } from '../context.js';
import { accountsDemoSeeder } from '../modules/accounts/index.js';
import { acquiringDemoSeeder, bankMerchantDemoSeeder } from '../modules/acquiring/index.js';
import { identityDemoSeeder } from '../modules/identity/index.js';
import { staffDemoSeeder } from '../modules/staff/index.js';
import { holdDemoSeedLock, recordSeeded, seededNames } from './demo-seeds.repo.js';
import type { DemoSeeder } from './seeder.js';

export type { DemoSeeder };

/**
 * Demo data for a fresh database, from every module that has some, in this order (a later one
 * may read what an earlier one wrote). This is the one place that knows the seeders: it depends
 * on the modules, and they only on demo/seeder.ts. A crash at any moment leaves all of the demo
 * data or none of it, and the next start finishes the job.
 */
export const DEMO_SEEDERS: DemoSeeder[] = [
  identityDemoSeeder as DemoSeeder,
  accountsDemoSeeder as DemoSeeder,
  staffDemoSeeder as DemoSeeder,
  // After staff: the demo shop's merchant names the demo admin as the staff member who created it.
  acquiringDemoSeeder as DemoSeeder,
  // The bank's merchant for guests paying providers by card (GUEST_PAYMENTS_MERCHANT_ID's default).
  bankMerchantDemoSeeder as DemoSeeder,
];

export async function seedDemoData(ctx: AppContext, seeders: readonly DemoSeeder[] = DEMO_SEEDERS): Promise<string[]> {
  const done = await seededNames(
    ctx.db,
    seeders.map((seeder) => seeder.name),
  );
  const pending = seeders.filter((seeder) => !done.has(seeder.name));
  if (pending.length === 0) return [];
  const prepared = new Map<string, unknown>();
  for (const seeder of pending) prepared.set(seeder.name, await seeder.prepare(ctx));
  return ctx.db.transaction(async (tx) => {
    await holdDemoSeedLock(tx);
    const applied: string[] = [];
    for (const seeder of pending) {
      // Under the lock: another server may have seeded while this one prepared.
      if (!(await recordSeeded(tx, seeder.name))) continue;
      await seeder.write(ctx, tx, prepared.get(seeder.name));
      applied.push(seeder.name);
    }
    return applied;
  });
}
