import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness.js';
import { PRODUCTION_CARD_KEYS } from '../../../test/production-keys.js';
import { buildApp } from '../../app.js';
import { ConfigError } from '../../config.js';
import { seedDemoData } from '../../demo/seed.js';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, staffDemoSeeder } from './demo.js';
import { loginStaff, staffHeaders } from './staff.fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.app.ctx, [staffDemoSeeder]);
});
afterAll(async () => {
  await t.close();
});

describe('demo staff', () => {
  it('log in with the README password and their published TOTP secrets, one per role', async () => {
    for (const demo of DEMO_STAFF) {
      const session = await loginStaff(t.app, { username: demo.username, password: DEMO_STAFF_PASSWORD, secret: demo.totpSecret });
      const body = (await t.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(session) })).json();
      expect(body.staff).toMatchObject({ displayName: demo.displayName, role: demo.role, language: demo.language });
    }
  });

  it('are refused by production at start-up, whatever DEMO_DATA says', async () => {
    const production = {
      NODE_ENV: 'production',
      SMS_ADAPTER: 'http',
      SMS_HTTP_URL: 'https://sms.example.kz/send',
      SECRET_KEY: 'ab'.repeat(32),
      ...PRODUCTION_CARD_KEYS,
      PUBLIC_ORIGIN: 'https://mykassa.kz',
    };
    const started = buildApp(testConfig(production), { db: t.db, sms: { name: 'none', send: async () => undefined } });
    await expect(started).rejects.toThrowError(ConfigError);
    const error = (await started.catch((reason: unknown) => reason)) as Error;
    expect(error.message).toMatch(
      /demo staff admin, operator, security, whose password and TOTP secrets are published; production refuses it/,
    );
  });
});
