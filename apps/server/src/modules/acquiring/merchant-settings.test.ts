import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { createTestMerchant } from './acquiring.fixtures.js';
import { displayNameOf } from './merchant-display-name.js';

let t: TestApp;
let admin: TestStaff;
let operator: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createTestStaff(t.app, 'admin');
  operator = await createTestStaff(t.app, 'operator');
});
afterAll(async () => {
  await t.close();
});

function patch(who: TestStaff, merchantId: string, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'PATCH',
    url: `/api/staff/v1/merchants/${merchantId}`,
    headers: { ...staffHeaders(who), 'accept-language': 'en' },
    payload,
  });
}

describe('a merchant’s DE43 name and MDR', () => {
  it('come from the legal name (transliterated, ASCII, ≤ 25) and 150 bps by default', async () => {
    expect(displayNameOf('ТОО «Қазақ Өнімдері және Шаруашылық»')).toBe('TOO QAZAQ ONIMDERI ZHANE');
    expect(displayNameOf('«»')).toBe('MERCHANT');
    const id = await createTestMerchant(t.app, admin, { legalName: 'ТОО «Алма Маркет»' });
    const file = await t.app.inject({ method: 'GET', url: `/api/staff/v1/merchants/${id}`, headers: staffHeaders(admin) });
    expect(file.json().merchant).toMatchObject({ displayName: 'TOO ALMA MARKET', mdrBps: 150 });
  });

  it('are changed by an admin with PATCH, audited; bad values are refused and an operator may not', async () => {
    const id = await createTestMerchant(t.app, admin);
    const changed = await patch(admin, id, { displayName: ' ALMA SHOP ', mdrBps: 200, returnOrigins: ['https://alma.kz'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ displayName: 'ALMA SHOP', mdrBps: 200, returnOrigins: ['https://alma.kz'] });
    const { rows } = await t.db.query<{ details: { after: { mdrBps: number } } }>(
      `SELECT details FROM audit_events WHERE event = 'merchant.updated'`,
    );
    expect(rows.at(-1)?.details.after.mdrBps).toBe(200);
    expect((await patch(admin, id, { displayName: 'Алма' })).statusCode).toBe(422);
    expect((await patch(admin, id, { displayName: 'A'.repeat(26) })).statusCode).toBe(422);
    expect((await patch(admin, id, { mdrBps: 1001 })).statusCode).toBe(400);
    expect((await patch(admin, id, { testModeEnabled: false, liveModeEnabled: false })).statusCode).toBe(422);
    expect((await patch(admin, id, { status: 'suspended' })).statusCode).toBe(400);
    expect((await patch(operator, id, { mdrBps: 0 })).statusCode).toBe(403);
    expect((await patch(admin, `mch_${'0'.repeat(32)}`, { mdrBps: 0 })).statusCode).toBe(404);
  });
});
