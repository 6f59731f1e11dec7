import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoData } from '../src/demo/seed.js';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../src/modules/identity/demo.js';
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
