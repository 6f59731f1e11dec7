import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createTestStaff } from '../staff/staff.fixtures.js';
import { createTestKey, createTestMerchant } from './acquiring.fixtures.js';

// The payment API's refused keys are counted per IP (rate-limit class merchant-key): past the
// limit a 429 with Retry-After, one audit row for the crossing and none for the flood after it;
// a valid key is never counted and keeps working.

let t: TestApp;
let validKey: string;
beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_MERCHANT_KEY_FAILURES_PER_IP_PER_MINUTE_MAX: '3' } });
  const admin = await createTestStaff(t.app, 'admin');
  validKey = (await createTestKey(t.app, admin, await createTestMerchant(t.app, admin), 'test')).secret;
});
afterAll(async () => {
  await t.close();
});

function balance(authorization: string) {
  return t.app.inject({ url: '/api/merchant/v1/balance', headers: { authorization, 'accept-language': 'en' } });
}

async function count(event: string): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE event = $1', [event]);
  return rows[0]?.n ?? 0;
}

describe('refused merchant keys', () => {
  it('are limited per IP: 401 up to the limit, then 429 with Retry-After, audited once; a valid key still works', async () => {
    const unknown = `Bearer sk_test_${Buffer.alloc(32, 9).toString('base64url')}`;
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await balance(unknown)).statusCode).toBe(401);
    const limited = await balance(unknown);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().type).toMatch(/too-many-requests$/);
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await balance('Bearer garbage')).statusCode).toBe(429);
    expect(await count('merchant.api_key_rejected')).toBe(3);
    expect(await count('rate_limit.exceeded')).toBe(1);
    expect((await balance(`Bearer ${validKey}`)).statusCode).toBe(200);
    // The next window counts afresh.
    t.clock.advance(61_000);
    expect((await balance(unknown)).statusCode).toBe(401);
  });
});
