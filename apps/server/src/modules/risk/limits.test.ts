import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { type LoggedIn, login, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { depositFromSettlement } from '../accounts/index.js';
import { getAccount } from '../ledger/index.js';

// 23:30 in Almaty (UTC+5) on 1 December: an hour later it is the 2nd there, still the 1st in UTC.
const LATE_EVENING_ALMATY = Date.parse('2026-12-01T18:30:00Z');
const HOUR_MS = 3_600_000;
// A day limit of 150 ₸ to others; 100 ₸ transfers go without a code (low value).
const ENV = { TRANSFER_MAX_PER_DAY_MINOR: '15000' };

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function sendsTwoEveningsApart(bankTimeZone: string): Promise<[string, string]> {
  const clock = new ManualClock(LATE_EVENING_ALMATY);
  const t = await createTestApp({ clock, env: { ...ENV, BANK_TIME_ZONE: bankTimeZone } });
  apps.push(t);
  const payer = await registerCustomer(t.app, { agreement: 'emoney' });
  const payee = await registerCustomer(t.app, { agreement: 'emoney' });
  const wallet = (await t.app.inject({ url: '/api/v1/accounts', headers: web(payer) })).json().items[0] as { id: string };
  const account = await getAccount(t.db, wallet.id);
  if (!account) throw new Error('no wallet');
  await t.db.transaction((tx) => depositFromSettlement(tx, account, 1_000_000n, 'test'));
  const send = async (who: LoggedIn) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/transfers',
      headers: { ...web(who), 'idempotency-key': randomUUID() },
      payload: { kind: 'phone', sourceAccountId: wallet.id, payeePhone: payee.phone, amountMinor: 10_000, currency: 'KZT' },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { status: string; declineReason: string | null };
  };
  expect((await send(payer)).status).toBe('completed');
  clock.advance(HOUR_MS);
  const second = await send(await login(t.app, payer));
  return ['completed', second.declineReason ?? second.status];
}

describe('limits per day', () => {
  it('count by the calendar day of the bank: the next Almaty day has its limit again, while in UTC it is the same day', async () => {
    expect(await sendsTwoEveningsApart('Asia/Almaty')).toEqual(['completed', 'completed']);
    expect(await sendsTwoEveningsApart('UTC')).toEqual(['completed', 'limit-per-day']);
  });
});
