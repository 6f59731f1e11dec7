import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { purgeExpired } from './risk.retention.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const DAY_MS = 86_400_000;
const day = (at: Date) => at.toISOString().slice(0, 10);

describe('risk day counters', () => {
  it('are purged once no limit of the current or the last month can read them, and kept until then', async () => {
    const now = t.clock.now();
    const old = day(new Date(now.getTime() - 70 * DAY_MS));
    const lastMonth = day(new Date(now.getTime() - 40 * DAY_MS));
    for (const [customer, at] of [
      ['cus_old', old],
      ['cus_recent', lastMonth],
    ]) {
      await t.db.query('INSERT INTO risk_customer_days (customer_id, day, spent_minor) VALUES ($1, $2::date, 100)', [customer, at]);
      await t.db.query('INSERT INTO risk_account_days (account_id, day, debited_minor) VALUES ($1, $2::date, 100)', [
        `acc_${customer}`,
        at,
      ]);
    }
    const purged = await purgeExpired(t.db, now, t.app.ctx.config.retention);
    expect(purged).toEqual({ risk_customer_days: 1, risk_account_days: 1 });
    const { rows } = await t.db.query<{ customer_id: string }>('SELECT customer_id FROM risk_customer_days ORDER BY customer_id');
    expect(rows.map((row) => row.customer_id)).toEqual(['cus_recent']);
    const accounts = await t.db.query<{ account_id: string }>('SELECT account_id FROM risk_account_days ORDER BY account_id');
    expect(accounts.rows.map((row) => row.account_id)).toEqual(['acc_cus_recent']);
  });
});
