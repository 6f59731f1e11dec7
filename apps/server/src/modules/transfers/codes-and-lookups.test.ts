import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allSms, type LoggedIn, login, registerCustomer, uniquePhone, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';

const PAYMENT_CODES_PER_HOUR_MAX = 10;
const UNKNOWN_PAYEES_PER_DAY_MAX = 20;
/** A transfer code SMS in Russian, the language registerCustomer picks. */
const TRANSFER_CODE_SMS = /Код \d{6} для перевода/;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: {
      // Every transfer to another person here asks for a code (low value has its own tests).
      SCA_LOW_VALUE_MAX_MINOR: '0',
      // The general per-customer limit on look-up requests (http/rate-limit.ts) is not what these tests are about.
      RATE_LIMIT_LOOKUPS_PER_CUSTOMER_PER_MINUTE_MAX: '100000',
    },
  });
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

/** A banking customer whose KZT current account holds `amountMinor`. */
async function payer(amountMinor: bigint): Promise<{ who: LoggedIn; accountId: string }> {
  const who = await registerCustomer(t.app, { agreement: 'banking' });
  const [item] = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Array<{ id: string }>;
  const account = item ? await getAccount(t.db, item.id) : null;
  if (!account) throw new Error('no account');
  if (amountMinor > 0n) await t.db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'test'));
  return { who, accountId: account.id };
}

function transfer(who: LoggedIn, payload: Record<string, unknown>, key: string = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': key, 'accept-language': 'en' },
    payload,
  });
}

function byPhone(from: { who: LoggedIn; accountId: string }, payeePhone: string, amountMinor: number, key?: string) {
  return transfer(from.who, { kind: 'phone', sourceAccountId: from.accountId, payeePhone, amountMinor, currency: 'KZT' }, key);
}

function lookUp(who: LoggedIn, phone: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/transfers/payee-lookup', headers: web(who), payload: { phone } });
}

async function transferCodeSmsCount(phone: string): Promise<number> {
  return (await allSms(t.app, phone)).filter((text) => TRANSFER_CODE_SMS.test(text)).length;
}

async function transfersTo(customerId: string, payeePhone: string): Promise<number> {
  const { rows } = await t.db.query<{ count: bigint }>(
    'SELECT count(*) AS count FROM operations WHERE customer_id = $1 AND payee_reference = $2',
    [customerId, payeePhone],
  );
  return Number(rows[0]?.count ?? 0);
}

describe('payment codes (SECURITY.md 33)', () => {
  it('sends a customer at most 10 transfer and payee codes an hour, 12 asked at once included, and frees the refused keys', async () => {
    const from = await payer(100_000_000n);
    const payee = await registerCustomer(t.app, { agreement: 'emoney' });
    const keys = Array.from({ length: 12 }, () => randomUUID());
    const answers = await Promise.all(keys.map((key) => byPhone(from, payee.phone, 2_000_000, key)));
    const created = answers.filter((answer) => answer.statusCode === 201);
    const refused = answers.filter((answer) => answer.statusCode === 429);
    expect(created).toHaveLength(PAYMENT_CODES_PER_HOUR_MAX);
    expect(created.every((answer) => answer.json().status === 'awaiting_confirmation')).toBe(true);
    expect(refused).toHaveLength(2);
    expect(refused[0]?.json().type).toMatch(/code-limit-reached$/);
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThan(0);
    expect(await transferCodeSmsCount(from.who.phone)).toBe(PAYMENT_CODES_PER_HOUR_MAX);
    // A trusted payee's code is a payment code too: the same cap.
    const payeeCode = await t.app.inject({
      method: 'POST',
      url: '/api/v1/trusted-payees',
      headers: web(from.who),
      payload: { kind: 'iban', iban: 'KZ86125KZT5004100100', label: 'ТОО' },
    });
    expect(payeeCode.statusCode).toBe(429);
    // The login codes are not used up by payments: they have the per-phone cap.
    const loginStarted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: from.who.phone, password: from.who.password },
    });
    expect(loginStarted.statusCode).toBe(200);
    // Delivered now, so that the login below reads its own code as the newest.
    await t.app.ctx.worker.drain();
    // An hour on (and logged in again), a refused request sent again with its key is a new
    // request, not a replay of the 429.
    t.clock.advance(3_600_001);
    const session = await login(t.app, from.who);
    const refusedKey = keys[answers.findIndex((answer) => answer.statusCode === 429)];
    const again = await byPhone({ who: { ...from.who, ...session }, accountId: from.accountId }, payee.phone, 2_000_000, refusedKey);
    expect(again.statusCode).toBe(201);
    expect(again.json().status).toBe('awaiting_confirmation');
  });

  it('declines at once, and sends no code for, a transfer the bank would refuse at confirmation', async () => {
    const from = await payer(100_000n);
    const payee = await registerCustomer(t.app, { agreement: 'emoney' });
    const overBalance = await byPhone(from, payee.phone, 5_000_000);
    expect(overBalance.statusCode).toBe(201);
    expect(overBalance.json()).toMatchObject({ status: 'declined', declineReason: 'insufficient-funds', confirmation: null });
    const rich = await payer(300_000_000n);
    const overLimit = await byPhone(rich, payee.phone, 150_000_000);
    expect(overLimit.json()).toMatchObject({ status: 'declined', declineReason: 'limit-per-operation', confirmation: null });
    for (const who of [from.who, rich.who]) {
      expect(await transferCodeSmsCount(who.phone)).toBe(0);
      const { rows } = await t.db.query<{ count: bigint }>(
        "SELECT count(*) AS count FROM sca_challenges WHERE customer_id = $1 AND purpose = 'transfer'",
        [who.customerId],
      );
      expect(Number(rows[0]?.count)).toBe(0);
    }
    // One the bank can make still gets its code.
    expect((await byPhone(from, payee.phone, 50_000)).json().status).toBe('awaiting_confirmation');
    expect(await transferCodeSmsCount(from.who.phone)).toBe(1);
  });
});

describe('phone look-ups are no free oracle (SECURITY.md 36)', () => {
  it('answers 20 look-ups a day of numbers that name nobody, 30 asked at once included, then 429; a customer is always found', async () => {
    const { who } = await payer(0n);
    const payee = await registerCustomer(t.app, { agreement: 'emoney', fullName: 'Бекова Айгерим' });
    const strangers = Array.from({ length: 30 }, () => uniquePhone());
    const answers = await Promise.all(strangers.map((phone) => lookUp(who, phone)));
    const answered = answers.filter((answer) => answer.statusCode === 200);
    const refused = answers.filter((answer) => answer.statusCode === 429);
    expect(answered).toHaveLength(UNKNOWN_PAYEES_PER_DAY_MAX);
    expect(answered.every((answer) => answer.json().found === false && answer.json().maskedName === null)).toBe(true);
    expect(refused).toHaveLength(10);
    expect(refused[0]?.json().type).toMatch(/payee-lookups-exhausted$/);
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    // A number already answered today costs nothing to ask again; a customer's number is found.
    const seen = strangers[answers.findIndex((answer) => answer.statusCode === 200)] as string;
    expect((await lookUp(who, seen)).statusCode).toBe(200);
    expect((await lookUp(who, uniquePhone())).statusCode).toBe(429);
    const found = await lookUp(who, payee.phone);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({ found: true, maskedName: 'Айгерим Б.', isSelf: false, thisBank: true, bankCode: null });
    // Every look-up is audited, the refused ones too, and no number is kept in the clear.
    const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'payee.looked_up' AND customer_id = $1",
      [who.customerId],
    );
    expect(rows).toHaveLength(33);
    expect(JSON.stringify(rows)).not.toContain(strangers[0]?.slice(1));
    // A day later (and logged in again) the customer may look up strangers again.
    t.clock.advance(24 * 3_600_000 + 1);
    expect((await lookUp({ ...who, ...(await login(t.app, who)) }, uniquePhone())).statusCode).toBe(200);
  });

  it('counts a phone transfer to a number with no account against the same cap, and stores no operation past it', async () => {
    const from = await payer(10_000_000n);
    const payee = await registerCustomer(t.app, { agreement: 'emoney' });
    for (let index = 0; index < 15; index += 1) expect((await lookUp(from.who, uniquePhone())).statusCode).toBe(200);
    const declinedKey = randomUUID();
    const firstUnknown = uniquePhone();
    const first = await byPhone(from, firstUnknown, 50_000, declinedKey);
    expect(first.json()).toMatchObject({ status: 'declined', declineReason: 'recipient-not-found' });
    for (let index = 0; index < 4; index += 1) {
      expect((await byPhone(from, uniquePhone(), 50_000)).json().declineReason).toBe('recipient-not-found');
    }
    // 15 look-ups and 5 transfers: the 21st unknown number is refused either way.
    expect((await lookUp(from.who, uniquePhone())).statusCode).toBe(429);
    const probe = uniquePhone();
    const refused = await byPhone(from, probe, 50_000);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().type).toMatch(/payee-lookups-exhausted$/);
    expect(await transfersTo(from.who.customerId, probe)).toBe(0);
    // A retry of an answered transfer replays its answer; a customer is still paid.
    const replay = await byPhone(from, firstUnknown, 50_000, declinedKey);
    expect(replay.json().id).toBe(first.json().id);
    expect((await byPhone(from, payee.phone, 50_000)).json().status).toBe('awaiting_confirmation');
  });
});
