import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { dumpAllTables } from '../../../test/table-dump.js';
import { PROBLEM_BASE } from '../../shared/problem.js';
import { verifyAuditChain } from '../audit/index.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { createTestKey, createTestMerchant, merchantBody, TEST_SETTLEMENT_IBAN } from './acquiring.fixtures.js';

let t: TestApp;
let admin: TestStaff;
let operator: TestStaff;
let officer: TestStaff;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createTestStaff(t.app, 'admin');
  operator = await createTestStaff(t.app, 'operator');
  officer = await createTestStaff(t.app, 'security_officer');
});
afterAll(async () => {
  expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t.close();
});

function send(who: TestStaff | null, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method, url, headers: { ...(who ? staffHeaders(who) : {}), 'accept-language': 'en' }, payload });
}

async function auditEvents(event: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
    'SELECT details FROM audit_events WHERE event = $1 ORDER BY seq',
    [event],
  );
  return rows.map((row) => row.details);
}

describe('merchants in the back office', () => {
  it('are created by an admin, canonical, active, and audited', async () => {
    const body = merchantBody({
      legalName: '  ТОО   «Алма Маркет» ',
      settlementIban: 'kz86 125k zt50 0410 0100',
      returnOrigins: ['https://Alma.example.kz/', 'http://localhost:5173'],
      liveModeEnabled: false,
    });
    const created = await send(admin, 'POST', '/api/staff/v1/merchants', body);
    expect(created.statusCode, created.body).toBe(201);
    const merchant = created.json();
    expect(merchant).toMatchObject({
      legalName: 'ТОО «Алма Маркет»',
      bin: body.bin,
      mcc: '5411',
      settlementIban: TEST_SETTLEMENT_IBAN,
      returnOrigins: ['https://alma.example.kz', 'http://localhost:5173'],
      status: 'active',
      testModeEnabled: true,
      liveModeEnabled: false,
    });
    expect(merchant.id).toMatch(/^mch_[0-9a-f]{32}$/);
    expect((await auditEvents('merchant.created')).some((d) => d.merchantId === merchant.id && d.staffId === admin.staffId)).toBe(true);

    const file = await send(operator, 'GET', `/api/staff/v1/merchants/${merchant.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.json().merchant).toEqual(merchant);
    expect((await auditEvents('merchant.viewed')).some((d) => d.merchantId === merchant.id && d.staffId === operator.staffId)).toBe(true);

    const list = await send(officer, 'GET', '/api/staff/v1/merchants?limit=100');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(merchant.id);
    expect((await auditEvents('merchants.listed')).some((d) => d.staffId === officer.staffId)).toBe(true);
  });

  it('refuses a bad IBAN, a bad origin and a bad MCC as one 422 naming each field, in the staff’s language', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/staff/v1/merchants',
      headers: { ...staffHeaders(admin), 'accept-language': 'kk' },
      payload: merchantBody({
        settlementIban: 'KZ87125KZT5004100100',
        returnOrigins: ['https://shop.kz/return?to=evil'],
        mcc: '54a1',
      }),
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const problem = refused.json();
    expect(problem.type).toBe(`${PROBLEM_BASE}merchant-invalid`);
    expect(problem.title).toBe('Мерчант деректерін тексеріңіз');
    expect(problem.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual([
      '/mcc',
      '/returnOrigins/0',
      '/settlementIban',
    ]);
    expect(problem.errors.find((error: { pointer: string }) => error.pointer === '/mcc').detail).toContain('төрт цифр');
  });

  it('refuses a BIN with a wrong check digit (422) and a BIN already on file (409)', async () => {
    const bad = await send(admin, 'POST', '/api/staff/v1/merchants', merchantBody({ bin: '260340001725' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ pointer: '/bin' })]);
    const body = merchantBody();
    expect((await send(admin, 'POST', '/api/staff/v1/merchants', body)).statusCode).toBe(201);
    const again = await send(admin, 'POST', '/api/staff/v1/merchants', { ...body, legalName: 'ТОО «Другое»' });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe(`${PROBLEM_BASE}merchant-bin-taken`);
  });

  it('refuses a merchant with neither mode on, and a status field sent in the body', async () => {
    const noMode = await send(admin, 'POST', '/api/staff/v1/merchants', merchantBody({ testModeEnabled: false, liveModeEnabled: false }));
    expect(noMode.statusCode).toBe(422);
    const massAssigned = await send(admin, 'POST', '/api/staff/v1/merchants', merchantBody({ status: 'active' }));
    expect(massAssigned.statusCode).toBe(400);
  });

  it('lets operators and security officers read but not write, and nobody without a session', async () => {
    const merchantId = await createTestMerchant(t.app, admin);
    for (const who of [operator, officer]) {
      const created = await send(who, 'POST', '/api/staff/v1/merchants', merchantBody());
      expect(created.statusCode).toBe(403);
      expect(created.json().type).toBe(`${PROBLEM_BASE}staff-forbidden`);
      expect(
        (await send(who, 'POST', `/api/staff/v1/merchants/${merchantId}/suspend`, { reason: 'Подозрение на мошенничество' })).statusCode,
      ).toBe(403);
      expect((await send(who, 'POST', `/api/staff/v1/merchants/${merchantId}/api-keys`, { mode: 'test' })).statusCode).toBe(403);
    }
    expect((await auditEvents('staff.forbidden')).filter((d) => d.action === 'merchants.manage').length).toBeGreaterThanOrEqual(6);
    expect((await send(null, 'GET', '/api/staff/v1/merchants')).statusCode).toBe(401);
    expect((await send(operator, 'GET', `/api/staff/v1/merchants/mch_${'0'.repeat(32)}`)).statusCode).toBe(404);
  });

  it('are suspended and reactivated by an admin with a reason, once each, audited', async () => {
    const merchantId = await createTestMerchant(t.app, admin);
    const suspended = await send(admin, 'POST', `/api/staff/v1/merchants/${merchantId}/suspend`, { reason: 'Жалобы покупателей' });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', statusReason: 'Жалобы покупателей' });
    const twice = await send(admin, 'POST', `/api/staff/v1/merchants/${merchantId}/suspend`, { reason: 'Жалобы покупателей' });
    expect(twice.statusCode).toBe(409);
    const keyRefused = await send(admin, 'POST', `/api/staff/v1/merchants/${merchantId}/api-keys`, { mode: 'test' });
    expect(keyRefused.json().type).toBe(`${PROBLEM_BASE}merchant-suspended`);
    const back = await send(admin, 'POST', `/api/staff/v1/merchants/${merchantId}/reactivate`, { reason: 'Проверка закончена' });
    expect(back.json().status).toBe('active');
    expect((await auditEvents('merchant.suspended')).some((d) => d.merchantId === merchantId && d.reason === 'Жалобы покупателей')).toBe(
      true,
    );
    expect((await auditEvents('merchant.reactivated')).some((d) => d.merchantId === merchantId)).toBe(true);
  });
});

describe('a merchant’s API key', () => {
  it('is shown once at creation and never again: not in the file, the list, the audit log nor any table', async () => {
    const merchantId = await createTestMerchant(t.app, admin);
    const created = await send(admin, 'POST', `/api/staff/v1/merchants/${merchantId}/api-keys`, { mode: 'live', label: 'Сайт' });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { apiKey, secret } = created.json();
    expect(secret).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice('sk_live_'.length), 'base64url')).toHaveLength(32);
    expect(apiKey).toMatchObject({ mode: 'live', keyPrefix: secret.slice(0, 12), status: 'active', label: 'Сайт', lastUsedAt: null });

    const answers = [
      (await send(admin, 'GET', `/api/staff/v1/merchants/${merchantId}`)).body,
      (await send(admin, 'GET', '/api/staff/v1/merchants?limit=100')).body,
      (await send(admin, 'GET', '/api/staff/v1/audit?limit=100')).body,
    ];
    for (const body of answers) expect(body).not.toContain(secret.slice(12));
    expect(JSON.parse(answers[0] ?? '{}').keys).toEqual([apiKey]);

    const dump = (await dumpAllTables(t.db)).join('\n');
    expect(dump).toContain(apiKey.id);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(secret.slice(12));
    const { rows } = await t.db.query<{ key_hash: string }>('SELECT key_hash FROM merchant_api_keys WHERE id = $1', [apiKey.id]);
    expect(rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await auditEvents('merchant.api_key_created')).some((d) => d.keyId === apiKey.id && d.keyPrefix === apiKey.keyPrefix)).toBe(
      true,
    );
  });

  it('rotates: several are active at once, up to the cap per mode, and each is revoked on its own', async () => {
    const merchantId = await createTestMerchant(t.app, admin);
    const keys = [];
    for (let index = 0; index < 5; index += 1) keys.push(await createTestKey(t.app, admin, merchantId, 'test'));
    expect(new Set(keys.map((key) => key.secret)).size).toBe(5);
    const sixth = await send(admin, 'POST', `/api/staff/v1/merchants/${merchantId}/api-keys`, { mode: 'test' });
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().type).toBe(`${PROBLEM_BASE}merchant-api-keys-too-many`);
    // The other mode has a cap of its own.
    await createTestKey(t.app, admin, merchantId, 'live');

    const first = keys[0]?.keyId;
    const revoked = await send(admin, 'POST', `/api/staff/v1/merchants/${merchantId}/api-keys/${first}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: first, status: 'revoked' });
    expect((await send(admin, 'POST', `/api/staff/v1/merchants/${merchantId}/api-keys/${first}/revoke`)).json().status).toBe('revoked');
    await createTestKey(t.app, admin, merchantId, 'test');
    expect((await auditEvents('merchant.api_key_revoked')).filter((d) => d.keyId === first)).toHaveLength(1);

    // Another merchant's key id is not found under this merchant.
    const otherId = await createTestMerchant(t.app, admin);
    expect((await send(admin, 'POST', `/api/staff/v1/merchants/${otherId}/api-keys/${keys[1]?.keyId}/revoke`)).statusCode).toBe(404);
  });

  it('in live mode is refused while the merchant’s live mode is off', async () => {
    const merchantId = await createTestMerchant(t.app, admin, { liveModeEnabled: false });
    const refused = await send(admin, 'POST', `/api/staff/v1/merchants/${merchantId}/api-keys`, { mode: 'live' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe(`${PROBLEM_BASE}merchant-mode-disabled`);
  });
});
