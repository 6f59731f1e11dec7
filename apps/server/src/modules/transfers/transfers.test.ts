import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allSms, codeIn, type LoggedIn, lastCodeSms, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';

let t: TestApp;
beforeAll(async () => {
  // These tests are about the code path: small transfers to others here ask for a code, so the
  // low-value exemption is off (it has its own tests in low-value.test.ts).
  t = await createTestApp({ env: { TRANSFER_MAX_PER_DAY_MINOR: '500000', SCA_LOW_VALUE_MAX_MINOR: '0' } });
});
afterEach(async () => {
  const report = await checkLedgerInvariants(t.db);
  expect(report.violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

async function accounts(who: LoggedIn) {
  return (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Array<{
    id: string;
    kind: string;
    currency: string;
    balanceMinor: number;
    iban: string | null;
  }>;
}

async function fund(accountId: string, amountMinor: bigint) {
  const account = await getAccount(t.db, accountId);
  if (!account) throw new Error('no account');
  await t.db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'test'));
}

function transfer(who: LoggedIn, payload: Record<string, unknown>, key: string = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': key, 'accept-language': 'en' },
    payload,
  });
}

async function customerWithMoney(amountMinor: bigint, agreement: 'emoney' | 'banking' | 'both' = 'both') {
  const who = await registerCustomer(t.app, { agreement });
  const list = await accounts(who);
  for (const account of list) await fund(account.id, amountMinor);
  return { who, wallet: list.find((a) => a.kind === 'ewallet'), current: list.find((a) => a.kind === 'customer_current') };
}

describe('transfers', () => {
  it('opens a KZT e-wallet and a KZT current account with a valid KZ IBAN', async () => {
    const who = await registerCustomer(t.app, { agreement: 'both' });
    const list = await accounts(who);
    expect(list.map((a) => a.kind).sort()).toEqual(['customer_current', 'ewallet']);
    expect(list.find((a) => a.kind === 'customer_current')?.iban).toMatch(/^KZ\d{2}722[0-9A-Z]{13}$/);
  });

  it('moves money between own accounts at once, without a code', async () => {
    const { who, wallet, current } = await customerWithMoney(10_000n);
    const response = await transfer(who, {
      kind: 'own',
      sourceAccountId: current?.id,
      destinationAccountId: wallet?.id,
      amountMinor: 2_500,
      currency: 'KZT',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ status: 'completed', amountMinor: 2500, feeMinor: 0 });
    const after = await accounts(who);
    expect(after.find((a) => a.id === current?.id)?.balanceMinor).toBe(7_500);
    expect(after.find((a) => a.id === wallet?.id)?.balanceMinor).toBe(12_500);
  });

  it('sends to a phone number after a code that names the amount and the masked payee; both see it', async () => {
    const { who: sender, current } = await customerWithMoney(1_000_000n);
    const recipient = await registerCustomer(t.app, { agreement: 'emoney', fullName: 'Бекова Айгерим' });
    const created = await transfer(sender, {
      kind: 'phone',
      sourceAccountId: current?.id,
      payeePhone: recipient.phone,
      amountMinor: 150_000,
      currency: 'KZT',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'awaiting_confirmation', payee: 'Айгерим Б.' });
    const sms = (await lastCodeSms(t.app, sender.phone)) ?? '';
    expect(sms).toMatch(/1\s500,00\s₸/);
    expect(sms).toContain('Айгерим Б.');
    expect(sms).toMatch(/никогда не спрашивают/);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${created.json().id}/confirm`,
      headers: web(sender),
      payload: { code: codeIn(sms) },
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('completed');
    const theirs = (await t.app.inject({ url: '/api/v1/operations', headers: web(recipient) })).json().items;
    expect(theirs[0]).toMatchObject({ id: created.json().id, direction: 'incoming', amountMinor: 150_000 });
    expect((await accounts(recipient))[0]?.balanceMinor).toBe(150_000);
    expect((await allSms(t.app, recipient.phone)).join('\n')).toMatch(/Зачисление 1\s500,00\s₸/);
  });

  it('refuses a code issued for another amount or payee (dynamic linking)', async () => {
    const { who, current } = await customerWithMoney(1_000_000n);
    const payeeA = await registerCustomer(t.app, { agreement: 'emoney' });
    const payeeB = await registerCustomer(t.app, { agreement: 'emoney' });
    const first = (
      await transfer(who, { kind: 'phone', sourceAccountId: current?.id, payeePhone: payeeA.phone, amountMinor: 1_000, currency: 'KZT' })
    ).json();
    const codeForFirst = codeIn(await lastCodeSms(t.app, who.phone));
    const second = (
      await transfer(who, { kind: 'phone', sourceAccountId: current?.id, payeePhone: payeeB.phone, amountMinor: 90_000, currency: 'KZT' })
    ).json();
    const codeForSecond = codeIn(await lastCodeSms(t.app, who.phone));
    if (codeForFirst !== codeForSecond) {
      const wrong = await t.app.inject({
        method: 'POST',
        url: `/api/v1/transfers/${second.id}/confirm`,
        headers: web(who),
        payload: { code: codeForFirst },
      });
      expect(wrong.statusCode).toBe(422);
    }
    // The first transfer's code still confirms only the first transfer.
    const right = await t.app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${first.id}/confirm`,
      headers: web(who),
      payload: { code: codeForFirst },
    });
    expect(right.json()).toMatchObject({ status: 'completed', amountMinor: 1_000 });
  });

  it('declines after 3 wrong codes, with the reason in history', async () => {
    const { who, current } = await customerWithMoney(1_000_000n);
    const payee = await registerCustomer(t.app, { agreement: 'emoney' });
    const created = (
      await transfer(who, { kind: 'phone', sourceAccountId: current?.id, payeePhone: payee.phone, amountMinor: 1_000, currency: 'KZT' })
    ).json();
    const real = codeIn(await lastCodeSms(t.app, who.phone));
    const wrong = real === '111111' ? '222222' : '111111';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await t.app.inject({ method: 'POST', url: `/api/v1/transfers/${created.id}/confirm`, headers: web(who), payload: { code: wrong } });
    }
    const details = (
      await t.app.inject({ url: `/api/v1/operations/${created.id}`, headers: { ...web(who), 'accept-language': 'en' } })
    ).json();
    expect(details).toMatchObject({
      status: 'declined',
      declineReason: 'wrong-code',
      declineReasonText: 'The SMS code was entered wrongly 3 times',
    });
  });

  it('records a transfer the bank refuses for lack of money as declined, with its reason', async () => {
    const { who, wallet, current } = await customerWithMoney(1_000n);
    const response = await transfer(who, {
      kind: 'own',
      sourceAccountId: current?.id,
      destinationAccountId: wallet?.id,
      amountMinor: 5_000,
      currency: 'KZT',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'declined',
      declineReason: 'insufficient-funds',
      declineReasonText: 'Insufficient funds',
    });
  });

  it('lets exactly 10 of 50 parallel transfers through from an account that can afford 10', async () => {
    const { who, wallet, current } = await customerWithMoney(10_000n);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        transfer(who, { kind: 'own', sourceAccountId: current?.id, destinationAccountId: wallet?.id, amountMinor: 1_000, currency: 'KZT' }),
      ),
    );
    const statuses = answers.map((answer) => answer.json().status);
    expect(statuses.filter((status) => status === 'completed')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'declined')).toHaveLength(40);
    expect((await accounts(who)).find((a) => a.id === current?.id)?.balanceMinor).toBe(0);
  });

  it('makes one operation of the same Idempotency-Key sent 20 times in parallel, and refuses it for another body', async () => {
    const { who, wallet, current } = await customerWithMoney(100_000n);
    const key = randomUUID();
    const payload = { kind: 'own', sourceAccountId: current?.id, destinationAccountId: wallet?.id, amountMinor: 700, currency: 'KZT' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => transfer(who, payload, key)));
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
    expect(answers.every((answer) => answer.statusCode === 201)).toBe(true);
    expect((await accounts(who)).find((a) => a.id === current?.id)?.balanceMinor).toBe(99_300);
    const other = await transfer(who, { ...payload, amountMinor: 701 }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().type).toContain('idempotency-key-reused');
    expect((await transfer(who, payload, '')).statusCode).toBe(400);
    expect((await transfer(who, payload, 'k'.repeat(256))).statusCode).toBe(400);
  });

  it('never lets parallel confirmations pass the daily limit', async () => {
    const { who, current } = await customerWithMoney(10_000_000n);
    const payee = await registerCustomer(t.app, { agreement: 'emoney' });
    // The daily limit in this file is 5 000,00 ₸; ten transfers of 1 000,00 ₸ each.
    const created = [];
    for (let index = 0; index < 10; index += 1) {
      const body = (
        await transfer(who, { kind: 'phone', sourceAccountId: current?.id, payeePhone: payee.phone, amountMinor: 100_000, currency: 'KZT' })
      ).json();
      created.push({ id: body.id as string, code: codeIn(await lastCodeSms(t.app, who.phone)) });
    }
    const results = await Promise.all(
      created.map((item) =>
        t.app.inject({ method: 'POST', url: `/api/v1/transfers/${item.id}/confirm`, headers: web(who), payload: { code: item.code } }),
      ),
    );
    const statuses = results.map((result) => result.json().status);
    expect(
      statuses.filter((status) => status === 'completed'),
      JSON.stringify(results.map((result) => result.json())),
    ).toHaveLength(5);
    expect(results.map((result) => result.json().declineReason).filter((reason) => reason === 'limit-per-day')).toHaveLength(5);
  });

  it('refuses bad amounts, wrong currency and mass assignment before anything happens', async () => {
    const { who, wallet, current } = await customerWithMoney(100_000n);
    const base = { kind: 'own', sourceAccountId: current?.id, destinationAccountId: wallet?.id, currency: 'KZT' };
    // Raw JSON, so values that JavaScript cannot even hold (2^63, 1e309) reach the server as sent.
    for (const amountJson of ['-100', '0', '-0', '10.5', '"100"', '"NaN"', 'null', '9223372036854775808', '1e309', 'true', '[100]']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/transfers',
        headers: { ...web(who), 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
        payload: `${JSON.stringify(base).slice(0, -1)},"amountMinor":${amountJson}}`,
      });
      expect(response.statusCode, amountJson).toBe(400);
    }
    expect((await transfer(who, { ...base, amountMinor: 100, currency: 'USD' })).statusCode).toBe(400);
    expect((await transfer(who, { ...base, amountMinor: 100, status: 'completed' })).statusCode).toBe(400);
    expect((await transfer(who, { ...base, amountMinor: 100, feeMinor: 0 })).statusCode).toBe(400);
    expect((await transfer(who, { ...base, amountMinor: 100, destinationAccountId: current?.id })).statusCode).toBe(422);
    expect((await accounts(who)).find((a) => a.id === current?.id)?.balanceMinor).toBe(100_000);
  });

  it("answers 404 for another customer's account, transfer and history entry, and audits it", async () => {
    const owner = await customerWithMoney(100_000n);
    const intruder = await customerWithMoney(100_000n);
    const stolen = await transfer(intruder.who, {
      kind: 'own',
      sourceAccountId: owner.current?.id,
      destinationAccountId: intruder.wallet?.id,
      amountMinor: 100,
      currency: 'KZT',
    });
    expect(stolen.statusCode).toBe(404);
    const into = await transfer(intruder.who, {
      kind: 'own',
      sourceAccountId: intruder.current?.id,
      destinationAccountId: owner.wallet?.id,
      amountMinor: 100,
      currency: 'KZT',
    });
    expect(into.statusCode).toBe(404);
    const own = (
      await transfer(owner.who, {
        kind: 'own',
        sourceAccountId: owner.current?.id,
        destinationAccountId: owner.wallet?.id,
        amountMinor: 100,
        currency: 'KZT',
      })
    ).json();
    expect((await t.app.inject({ url: `/api/v1/operations/${own.id}`, headers: web(intruder.who) })).statusCode).toBe(404);
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM audit_events WHERE event = 'access.denied' AND customer_id = $1",
      [intruder.who.customerId],
    );
    expect(Number(rows[0]?.count)).toBe(3);
  });

  it('declines a phone transfer to nobody with a reason, and refuses one to oneself as a form error', async () => {
    const { who, current } = await customerWithMoney(100_000n);
    const nobody = await transfer(who, {
      kind: 'phone',
      sourceAccountId: current?.id,
      payeePhone: '+77779998877',
      amountMinor: 100,
      currency: 'KZT',
    });
    expect(nobody.json()).toMatchObject({ status: 'declined', declineReason: 'recipient-not-found' });
    const self = await transfer(who, {
      kind: 'phone',
      sourceAccountId: current?.id,
      payeePhone: who.phone,
      amountMinor: 100,
      currency: 'KZT',
    });
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ type: expect.stringMatching(/transfer-to-own-phone$/), errors: [{ pointer: '/payeePhone' }] });
  });

  it('sends to another bank by IBAN through the clearing account, with a fee', async () => {
    const { who, current } = await customerWithMoney(100_000n);
    const created = (
      await transfer(who, {
        kind: 'iban',
        sourceAccountId: current?.id,
        payeeIban: 'KZ86125KZT5004100100',
        payeeName: 'ТОО Ромашка',
        payeeTaxId: '123456789012',
        purposeCode: '119',
        amountMinor: 10_000,
        currency: 'KZT',
      })
    ).json();
    expect(created.feeMinor).toBe(15_000);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${created.id}/confirm`,
      headers: web(who),
      payload: { code: codeIn(await lastCodeSms(t.app, who.phone)) },
    });
    expect(confirmed.json().status).toBe('sent');
    expect((await accounts(who)).find((a) => a.id === current?.id)?.balanceMinor).toBe(75_000);
  });

  it('publishes the fee schedule the service charges, in the currency of the transfer', async () => {
    const { who } = await customerWithMoney(1n);
    const fees = (await t.app.inject({ url: '/api/v1/transfers/fees', headers: web(who) })).json();
    expect(fees).toMatchObject({ bankCode: '722', ownAccounts: 0, byPhone: 0, ibanThisBank: 0 });
    expect(fees.ibanOtherBank).toEqual(
      expect.arrayContaining([
        { currency: 'KZT', feeMinor: 15_000 },
        { currency: 'USD', feeMinor: 1_500 },
      ]),
    );
    const usd = (await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: web(who), payload: { currency: 'USD' } })).json();
    const created = (
      await transfer(who, {
        kind: 'iban',
        sourceAccountId: usd.id,
        payeeIban: 'KZ86125KZT5004100100',
        payeeName: 'ТОО Ромашка',
        payeeTaxId: '123456789012',
        purposeCode: '119',
        amountMinor: 1_000,
        currency: 'USD',
      })
    ).json();
    // $15, not 15 000 cents: the fee follows the currency.
    expect(created.feeMinor).toBe(1_500);
    expect((await t.app.inject({ url: '/api/v1/transfers/fees' })).statusCode).toBe(401);
  });

  it('stores a "this wasn\'t me" report once and confirms it', async () => {
    const { who, wallet, current } = await customerWithMoney(100_000n);
    const own = (
      await transfer(who, {
        kind: 'own',
        sourceAccountId: current?.id,
        destinationAccountId: wallet?.id,
        amountMinor: 100,
        currency: 'KZT',
      })
    ).json();
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/v1/operations/${own.id}/dispute`,
      headers: web(who),
      payload: { comment: 'не я' },
    });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/operations/${own.id}/dispute`, headers: web(who), payload: {} });
    expect(first.statusCode).toBe(201);
    expect(again.json().disputeId).toBe(first.json().disputeId);
  });
});
