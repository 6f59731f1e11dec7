import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testConfig } from '../../../test/harness.js';
import { formatDateTime } from '../../shared/datetime.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import { type Account, getAccount, openAccount } from '../ledger/index.js';
import { depositFromSettlement } from './accounts.service.js';
import { buildStatement, STATEMENT_PERIOD_DAYS_MAX } from './statements.js';

let t: TestDatabase;
/** The zone the examples below are worked out in (UTC+5, no daylight saving). */
const ALMATY = 'Asia/Almaty';
let account: Account;

/**
 * Three deposits of 100, 20 and 3 ₸ around midnight: 1 March 23:30 and 2 March 00:30 in Almaty
 * (both on 1 March in UTC), then 3 March 01:00 in Almaty (2 March in UTC).
 */
const POSTED_AT = ['2026-03-01T18:30:00Z', '2026-03-01T19:30:00Z', '2026-03-02T20:00:00Z'];

beforeAll(async () => {
  t = await createTestDatabase();
  const opened = await openAccount(t.db, { ownerId: newId('cus'), kind: 'customer_current', currency: 'KZT', displayName: 'Statement' });
  for (const amountMinor of [10_000n, 2_000n, 300n]) {
    await t.db.transaction((tx) => depositFromSettlement(tx, opened, amountMinor, 'Deposit'));
  }
  // Postings carry the database's now(); history is immutable, so the test lifts the guard on its own database to date them.
  await t.db.transaction(async (tx) => {
    await tx.query('ALTER TABLE ledger_postings DISABLE TRIGGER ledger_postings_immutable');
    await tx.query(
      `UPDATE ledger_postings AS p SET created_at = d.at
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ledger_postings WHERE account_id = $1) AS ranked
       JOIN unnest($2::timestamptz[]) WITH ORDINALITY AS d (at, n) ON d.n = ranked.n
       WHERE p.id = ranked.id`,
      [opened.id, POSTED_AT],
    );
    await tx.query('ALTER TABLE ledger_postings ENABLE TRIGGER ledger_postings_immutable');
  });
  account = (await getAccount(t.db, opened.id)) as Account;
});
afterAll(async () => {
  await t.drop();
});

const bank = (bankTimeZone: string) => ({ db: t.db, config: { ...testConfig(), bankTimeZone } });

describe('account statements', () => {
  it("cuts the period on the bank's calendar days, from BANK_TIME_ZONE", async () => {
    const almaty = await buildStatement(bank(ALMATY), account, '2026-03-02', '2026-03-02');
    expect(almaty.postings.map((posting) => posting.amountMinor)).toEqual([2_000n]);
    expect({ opening: almaty.openingMinor, closing: almaty.closingMinor }).toEqual({ opening: 10_000n, closing: 12_000n });

    const utc = await buildStatement(bank('UTC'), account, '2026-03-02', '2026-03-02');
    expect(utc.postings.map((posting) => posting.amountMinor)).toEqual([300n]);
    expect({ opening: utc.openingMinor, closing: utc.closingMinor }).toEqual({ opening: 12_000n, closing: 12_300n });

    const both = await buildStatement(bank('UTC'), account, '2026-03-01', '2026-03-01');
    expect(both.postings.map((posting) => posting.amountMinor)).toEqual([10_000n, 2_000n]);
  });

  it('gives an empty period its opening balance as its closing one', async () => {
    const later = await buildStatement(bank(ALMATY), account, '2026-04-01', '2026-04-30');
    expect(later).toMatchObject({ postings: [], openingMinor: 12_300n, closingMinor: 12_300n, creditsMinor: 0n, debitsMinor: 0n });
  });

  it('refuses a period that ends before it starts or is longer than the limit', async () => {
    const refused = (from: string, to: string) =>
      buildStatement(bank(ALMATY), account, from, to).then(
        () => 'built',
        (error: unknown) => (error instanceof ProblemError ? error.code : 'other'),
      );
    expect(await refused('2026-03-02', '2026-03-01')).toBe('validation-failed');
    expect(await refused('2025-01-01', '2026-01-02')).toBe('validation-failed');
    expect(await refused('not-a-day', '2026-01-02')).toBe('validation-failed');
    expect(STATEMENT_PERIOD_DAYS_MAX).toBe(366);
    expect(await refused('2025-01-01', '2026-01-01')).toBe('built');
  });

  it('prints the rows as digits with a four-digit year in every language, in the bank time zone', () => {
    const at = new Date('2026-03-01T19:30:00Z');
    // 00:30 on 2 March in Almaty: the shared module (packages/format) prints what the web app prints;
    // Intl's own short Kazakh date would have cut the year to "26".
    expect(formatDateTime(at, 'ru', ALMATY, 'numeric')).toBe('02.03.2026, 00:30');
    expect(formatDateTime(at, 'kk', ALMATY, 'numeric')).toBe('02.03.2026, 00:30');
    expect(formatDateTime(at, 'en', ALMATY, 'numeric')).toBe('02/03/2026, 00:30');
    expect(formatDateTime(at, 'en', 'UTC', 'numeric')).toBe('01/03/2026, 19:30');
  });
});
