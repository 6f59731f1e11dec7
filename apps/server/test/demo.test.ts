import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_SEEDERS, type DemoSeeder, seedDemoData } from '../src/demo/seed.js';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, findCustomerByPhone } from '../src/modules/identity/index.js';
import { listAccountsByOwner } from '../src/modules/ledger/index.js';
import { login } from './customers.js';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

it('loads the demo customers once, and each can log in with the documented password', async () => {
  expect((await seedDemoData(t.app.ctx)).length).toBeGreaterThan(0);
  expect(await seedDemoData(t.app.ctx)).toEqual([]);
  for (const demo of DEMO_CUSTOMERS) {
    const session = await login(t.app, { phone: demo.phone, password: DEMO_PASSWORD });
    expect(session.status, demo.phone).toBe(200);
  }
});

it('leaves no demo data when seeding fails half-way, and the next start seeds all of it', async () => {
  const fresh = await createTestApp();
  try {
    const [identity] = DEMO_SEEDERS;
    const failing: DemoSeeder = {
      name: 'test.fails-after-customers',
      prepare: async () => null,
      write: async () => {
        throw new Error('killed half-way');
      },
    };
    await expect(seedDemoData(fresh.app.ctx, [identity as DemoSeeder, failing])).rejects.toThrow('killed half-way');
    for (const demo of DEMO_CUSTOMERS) expect(await findCustomerByPhone(fresh.db, demo.phone)).toBeNull();
    expect((await fresh.db.query('SELECT name FROM demo_seeds')).rows).toEqual([]);

    expect(await seedDemoData(fresh.app.ctx)).toEqual(DEMO_SEEDERS.map((seeder) => seeder.name));
    for (const demo of DEMO_CUSTOMERS) {
      const customer = await findCustomerByPhone(fresh.db, demo.phone);
      expect(customer, demo.phone).not.toBeNull();
      const owned = await listAccountsByOwner(fresh.db, customer?.id ?? '');
      expect(owned.length).toBeGreaterThan(0);
      for (const account of owned) expect(account.balanceMinor, account.id).toBe(25_000_000n);
    }
  } finally {
    await fresh.close();
  }
});
