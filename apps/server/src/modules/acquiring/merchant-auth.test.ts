import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { PROBLEM_BASE } from '../../shared/problem.js';
import { verifyAuditChain } from '../audit/index.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { createTestKey, createTestMerchant } from './acquiring.fixtures.js';
import { merchantOf, requireMerchantKey } from './index.js';

// Two routes standing in for the payment API (issue 15 item 2): one for either mode, one that
// moves real money and takes live keys only.
const ANY_MODE_URL = '/api/test/v1/merchant-echo';
const LIVE_ONLY_URL = '/api/test/v1/merchant-live-echo';

let t: TestApp;
let admin: TestStaff;

function testRoutes(app: FastifyInstance): void {
  const echo = async (request: Parameters<typeof merchantOf>[0]) => merchantOf(request);
  app.get(ANY_MODE_URL, { preHandler: requireMerchantKey(app.ctx) }, echo);
  app.get(LIVE_ONLY_URL, { preHandler: requireMerchantKey(app.ctx, { modes: ['live'] }) }, echo);
}

beforeAll(async () => {
  t = await createTestApp({ extend: testRoutes });
  admin = await createTestStaff(t.app, 'admin');
});
afterAll(async () => {
  expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t.close();
});

function call(authorization: string | undefined, url = ANY_MODE_URL) {
  return t.app.inject({ url, headers: authorization === undefined ? {} : { authorization } });
}

async function rejections(): Promise<Array<{ failure: string; keyId?: string; keyPrefix?: string }>> {
  const { rows } = await t.db.query<{ details: { failure: string; keyId?: string; keyPrefix?: string } }>(
    `SELECT details FROM audit_events WHERE event = 'merchant.api_key_rejected' ORDER BY seq`,
  );
  return rows.map((row) => row.details);
}

function expectUnauthenticated(response: Awaited<ReturnType<typeof call>>): void {
  expect(response.statusCode).toBe(401);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
  expect(response.json().type).toBe(`${PROBLEM_BASE}merchant-unauthenticated`);
}

describe('the payment API’s bearer keys', () => {
  it('accept an active key and tell the route its merchant and mode; the key’s last use is kept', async () => {
    const merchantId = await createTestMerchant(t.app, admin);
    const { keyId, secret } = await createTestKey(t.app, admin, merchantId, 'test');
    const answer = await call(`Bearer ${secret}`);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toEqual({ merchantId, keyId, mode: 'test' });
    const file = await t.app.inject({ url: `/api/staff/v1/merchants/${merchantId}`, headers: staffHeaders(admin) });
    expect(file.json().keys[0].lastUsedAt).toBe(t.clock.now().toISOString());
  });

  it('accept several active keys of one merchant at once (rotation)', async () => {
    const merchantId = await createTestMerchant(t.app, admin);
    const old = await createTestKey(t.app, admin, merchantId, 'live');
    const fresh = await createTestKey(t.app, admin, merchantId, 'live');
    expect((await call(`Bearer ${old.secret}`, LIVE_ONLY_URL)).json().keyId).toBe(old.keyId);
    expect((await call(`Bearer ${fresh.secret}`, LIVE_ONLY_URL)).json().keyId).toBe(fresh.keyId);
  });

  it('refuse a revoked key at its next request, with one 401 problem, audited as revoked', async () => {
    const merchantId = await createTestMerchant(t.app, admin);
    const { keyId, secret } = await createTestKey(t.app, admin, merchantId);
    expect((await call(`Bearer ${secret}`)).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/staff/v1/merchants/${merchantId}/api-keys/${keyId}/revoke`,
      headers: staffHeaders(admin),
    });
    expect(revoked.statusCode).toBe(200);
    expectUnauthenticated(await call(`Bearer ${secret}`));
    expect((await rejections()).at(-1)).toMatchObject({ failure: 'revoked', keyId, keyPrefix: secret.slice(0, 12) });
  });

  it('refuse a test key on a route that takes live keys only, and a live key while the merchant’s live mode is off', async () => {
    const merchantId = await createTestMerchant(t.app, admin);
    const { secret } = await createTestKey(t.app, admin, merchantId, 'test');
    expectUnauthenticated(await call(`Bearer ${secret}`, LIVE_ONLY_URL));
    expect((await rejections()).at(-1)?.failure).toBe('mode-refused');
    const live = await createTestKey(t.app, admin, merchantId, 'live');
    expect((await call(`Bearer ${live.secret}`, LIVE_ONLY_URL)).statusCode).toBe(200);
    // No route turns a mode off yet (the payment API's onboarding will): the row says so directly.
    await t.db.query('UPDATE merchants SET live_mode_enabled = false WHERE id = $1', [merchantId]);
    expectUnauthenticated(await call(`Bearer ${live.secret}`, LIVE_ONLY_URL));
    expect((await rejections()).at(-1)?.failure).toBe('mode-disabled');
    expect((await call(`Bearer ${secret}`)).statusCode).toBe(200);
  });

  it('refuse the keys of a suspended merchant', async () => {
    const merchantId = await createTestMerchant(t.app, admin);
    const { secret } = await createTestKey(t.app, admin, merchantId, 'live');
    const suspended = await t.app.inject({
      method: 'POST',
      url: `/api/staff/v1/merchants/${merchantId}/suspend`,
      headers: staffHeaders(admin),
      payload: { reason: 'Подозрение на отмывание' },
    });
    expect(suspended.statusCode).toBe(200);
    expectUnauthenticated(await call(`Bearer ${secret}`, LIVE_ONLY_URL));
    expect((await rejections()).at(-1)?.failure).toBe('merchant-suspended');
  });

  it('refuse a missing header, garbage, another scheme, a staff cookie and a well-formed key nobody was given, each audited', async () => {
    const before = (await rejections()).length;
    const unknownKey = `sk_live_${Buffer.alloc(32, 7).toString('base64url')}`;
    const attempts: Array<[string | undefined, string]> = [
      [undefined, 'missing'],
      ['Bearer', 'malformed'],
      ['Bearer garbage', 'malformed'],
      ['Basic c2tfdGVzdF94eHg6', 'malformed'],
      [`Bearer ${unknownKey} extra`, 'malformed'],
      [`bearer ${unknownKey}`, 'malformed'],
      [`Bearer pk_test_${'a'.repeat(43)}`, 'malformed'],
      [`Bearer ${unknownKey}`, 'unknown'],
    ];
    for (const [header] of attempts) expectUnauthenticated(await call(header));
    const staffCookie = await t.app.inject({ url: ANY_MODE_URL, headers: staffHeaders(admin) });
    expect(staffCookie.statusCode).toBe(401);
    const audited = (await rejections()).slice(before);
    expect(audited.map((row) => row.failure)).toEqual([...attempts.map(([, failure]) => failure), 'missing']);
    // The audit row never holds the key sent, only its display prefix.
    const { rows } = await t.db.query<{ details: string }>(
      `SELECT details::text FROM audit_events WHERE event = 'merchant.api_key_rejected'`,
    );
    expect(rows.some((row) => row.details.includes(unknownKey))).toBe(false);
  });

  it('answer in the caller’s language', async () => {
    const answer = await t.app.inject({ url: ANY_MODE_URL, headers: { authorization: 'Bearer x', 'accept-language': 'kk' } });
    expect(answer.json().title).toBe('Жарамды құпия API кілті қажет: Authorization: Bearer sk_…');
  });
});
