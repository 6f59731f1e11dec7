import { afterAll, beforeAll, expect, it } from 'vitest';
import { login, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

it('registers, logs in and reads the session', async () => {
  const customer = await registerCustomer(t.app);
  expect(customer.cookie).toBeTruthy();
  const session = await t.app.inject({ url: '/api/v1/auth/session', headers: web(customer) });
  expect(session.statusCode).toBe(200);
  const again = await login(t.app, customer);
  expect(again.status).toBe(200);
});
