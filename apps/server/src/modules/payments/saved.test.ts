import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, codeIn, type LoggedIn, lastCodeSms, login, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, createTestDatabase, type TestApp, type TestDatabase } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';
import { selectProviderBySlug } from './catalogue.repo.js';
import { startDemoProviders } from './demo.js';
import { serviceSchedules } from './schedule-runner.js';

/**
 * Favourites and scheduled payments (issue 16 item 4): saved from a payment and renamed; a
 * monthly payment set up with one code naming it, then run on its day without a code (RTS art. 14),
 * once per month even when the pass runs twice and after a restart on the same database; the
 * reminder the day before; a bill that changes every month is not scheduled.
 */

const DAY_MS = 86_400_000;
let database: TestDatabase;
let t: TestApp;
let closeProviders: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await createTestApp({ database });
  ({ close: closeProviders } = await startDemoProviders(t.app.ctx));
});
afterAll(async () => {
  await closeProviders();
  await t.close();
});

async function payer(app: TestApp, amountMinor: bigint): Promise<{ who: LoggedIn; accountId: string }> {
  const who = await registerCustomer(app.app, { agreement: 'banking' });
  const [account] = (await app.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Array<{ id: string }>;
  if (!account) throw new Error('no account');
  const opened = await getAccount(app.db, account.id);
  if (!opened) throw new Error('no account');
  await app.db.transaction((tx) => depositFromSettlement(tx, opened, amountMinor, 'test'));
  return { who, accountId: account.id };
}

async function providerId(slug: string): Promise<string> {
  const found = await selectProviderBySlug(t.db, slug);
  if (!found) throw new Error(`no demo provider ${slug}`);
  return found.id;
}

async function runs(app: TestApp): Promise<Record<string, number>> {
  return serviceSchedules(() => app.app.ctx)(app.db, app.clock.now());
}

/** The customer's history, through a fresh login: the clock moved days, and sessions end after minutes. */
async function history(
  app: TestApp,
  who: LoggedIn,
): Promise<Array<{ id: string; kind: string; status: string; scaExemption: string | null }>> {
  const fresh = await login(app.app, who);
  return (await app.app.inject({ url: '/api/v1/operations', headers: web(fresh) })).json().items;
}

describe('favourites', () => {
  it('saves a payment the customer made under a name, renames it when saved again, and refuses another customer’s payment', async () => {
    const kindergarten = await providerId('kindergarten');
    const { who, accountId } = await payer(t, 1_000_000n);
    const paid = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: { ...web(who), 'idempotency-key': randomUUID() },
      payload: {
        providerId: kindergarten,
        sourceAccountId: accountId,
        amountMinor: 50_000,
        currency: 'KZT',
        fields: { account: '7700123' },
      },
    });
    const paymentId = paid.json().id;
    const save = (name: string, by: LoggedIn = who) =>
      t.app.inject({ method: 'POST', url: '/api/v1/payments/favourites', headers: web(by), payload: { name, paymentId } });
    expect((await save('Садик Алии')).statusCode).toBe(201);
    expect((await save('Садик')).json()).toMatchObject({ name: 'Садик', accountLabel: '7700123', providerId: kindergarten });
    const list = (await t.app.inject({ url: '/api/v1/payments/favourites', headers: web(who) })).json().items;
    expect(list).toHaveLength(1);

    const stranger = await registerCustomer(t.app, { agreement: 'banking' });
    expect((await save('чужой', stranger)).statusCode).toBe(404);
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/payments/favourites/${list[0].id}`, headers: web(stranger) });
    expect(removed.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/payments/favourites/${list[0].id}`, headers: web(who) })).statusCode).toBe(
      204,
    );
  });
});

describe('scheduled payments', () => {
  it('sets up a monthly top-up with one code, runs it on its day without a code, once, and again next month', async () => {
    const kcell = await providerId('kcell');
    const { who, accountId } = await payer(t, 10_000_000n);
    const today = new Date(t.clock.now().getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
    const day = Number(today.slice(8, 10)) < 27 ? Number(today.slice(8, 10)) + 1 : 1;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/schedules',
      headers: { ...web(who), 'accept-language': 'ru' },
      payload: {
        providerId: kcell,
        name: 'Мама',
        fields: { phone: '+77015550011' },
        amountMinor: 2_000_000,
        currency: 'KZT',
        sourceAccountId: accountId,
        frequency: 'monthly',
        dayOfMonth: day,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { schedule } = created.json();
    expect(schedule).toMatchObject({ status: 'awaiting_confirmation', frequency: 'monthly', dayOfMonth: day });
    const sms = await lastCodeSms(t.app, who.phone);
    expect(sms).toMatch(/регулярного платежа 20\s000,00\s₸: Kcell, \+7 701 555 00 11, ежемесячно/);

    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/schedules/${schedule.id}/confirm`,
      headers: web(who),
      payload: { code: codeIn(sms) },
    });
    expect(confirmed.json().status).toBe('active');

    // The day before the run: one reminder.
    const runOn = confirmed.json().nextRunOn as string;
    const runAt = new Date(`${runOn}T06:00:00Z`).getTime();
    t.clock.advance(runAt - DAY_MS - t.clock.now().getTime());
    const before = (await allSms(t.app, who.phone)).length;
    await runs(t);
    await runs(t);
    const reminders = (await allSms(t.app, who.phone)).slice(before);
    expect(reminders.filter((text) => /Завтра оплатим 20\s000,00\s₸/.test(text))).toHaveLength(1);
    expect((await history(t, who)).filter((item) => item.kind === 'service')).toHaveLength(0);

    // The day: one payment, sent at once as a run of the series, even when the pass runs twice.
    t.clock.advance(DAY_MS);
    await runs(t);
    await runs(t);
    const first = (await history(t, who)).filter((item) => item.kind === 'service');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ status: 'sent', scaExemption: 'recurring' });

    // A month later, on a server started again on the same database: the next run, once.
    await t.app.close();
    t = await createTestApp({ database, clock: t.clock });
    t.clock.advance(DAY_MS * 31);
    await runs(t);
    await runs(t);
    expect((await history(t, who)).filter((item) => item.kind === 'service')).toHaveLength(2);
    expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
  });

  it('refuses to schedule a bill that changes every month, and a date in the past', async () => {
    const erc = await providerId('erc');
    const kindergarten = await providerId('kindergarten');
    const { who, accountId } = await payer(t, 1_000_000n);
    const base = { name: 'x', amountMinor: 100_000, currency: 'KZT', sourceAccountId: accountId };
    const bill = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/schedules',
      headers: web(who),
      payload: { ...base, providerId: erc, fields: { account: '4402123456' }, frequency: 'monthly', dayOfMonth: 20 },
    });
    expect(bill.statusCode).toBe(422);
    expect(bill.json().errors[0].pointer).toBe('/providerId');
    const past = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/schedules',
      headers: web(who),
      payload: { ...base, providerId: kindergarten, fields: { account: '7700123' }, frequency: 'once', runOn: '2020-01-01' },
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].pointer).toBe('/runOn');
  });
});
