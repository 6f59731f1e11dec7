import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, type LoggedIn, lastCodeSms, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';

// Issue 12 item 6: recent payees, "repeat" on a completed transfer, and a history searched by payee.

const OTHER_BANK_IBAN = 'KZ86125KZT5004100100';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { SCA_LOW_VALUE_MAX_MINOR: '0' } });
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

type Account = { id: string; kind: string; iban: string | null };

async function customer(fullName: string, amountMinor = 0n) {
  const who = await registerCustomer(t.app, { agreement: 'both', fullName });
  const list: Account[] = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
  const current = list.find((account) => account.kind === 'customer_current');
  const wallet = list.find((account) => account.kind === 'ewallet');
  if (!current?.iban || !wallet) throw new Error('no accounts');
  const ledgerAccount = await getAccount(t.db, current.id);
  if (amountMinor > 0n && ledgerAccount) await t.db.transaction((tx) => depositFromSettlement(tx, ledgerAccount, amountMinor, 'test'));
  return { who, current: { id: current.id, iban: current.iban }, wallet };
}

/** A transfer made a second after the one before (the test clock stands still) and, when it asks for one, confirmed with its code. */
async function send(who: LoggedIn, payload: Record<string, unknown>): Promise<{ id: string; status: string }> {
  t.clock.advance(1_000);
  const created = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/transfers',
      headers: { ...web(who), 'idempotency-key': randomUUID(), 'accept-language': 'en' },
      payload: { currency: 'KZT', ...payload },
    })
  ).json();
  if (created.status !== 'awaiting_confirmation') return created;
  const code = codeIn(await lastCodeSms(t.app, who.phone));
  return (
    await t.app.inject({ method: 'POST', url: `/api/v1/transfers/${created.id}/confirm`, headers: web(who), payload: { code } })
  ).json();
}

function get(who: LoggedIn, url: string, language = 'en') {
  return t.app.inject({ url, headers: { ...web(who), 'accept-language': language } });
}

describe('recent payees', () => {
  it('lists each payee once, newest first, with what the customer typed, and leaves out own accounts and declines', async () => {
    const me = await customer('Бекова Айгерим', 10_000_000n);
    const erlan = await customer('Ахметов Ерлан');
    const dana = await customer('Сейткали Дана');
    await send(me.who, { kind: 'phone', sourceAccountId: me.current.id, payeePhone: erlan.who.phone, amountMinor: 10_000 });
    await send(me.who, {
      kind: 'iban',
      sourceAccountId: me.current.id,
      payeeIban: OTHER_BANK_IBAN,
      payeeName: 'ТОО Ромашка',
      payeeTaxId: '123456789012',
      purposeCode: '119',
      amountMinor: 20_000,
    });
    await send(me.who, { kind: 'iban', sourceAccountId: me.current.id, payeeIban: dana.current.iban, amountMinor: 30_000 });
    const last = await send(me.who, { kind: 'phone', sourceAccountId: me.current.id, payeePhone: erlan.who.phone, amountMinor: 40_000 });
    await send(me.who, { kind: 'own', sourceAccountId: me.current.id, destinationAccountId: me.wallet.id, amountMinor: 50_000 });
    // Declined for lack of money: no payee worth repeating.
    const stranger = await customer('Иванов Пётр');
    await send(me.who, { kind: 'phone', sourceAccountId: me.current.id, payeePhone: stranger.who.phone, amountMinor: 900_000_000 });

    const { items } = (await get(me.who, '/api/v1/transfers/recent-payees')).json();
    expect(items).toEqual([
      {
        kind: 'phone',
        phone: erlan.who.phone,
        iban: null,
        name: 'Ерлан А.',
        payeeTaxId: null,
        purposeCode: null,
        lastAmountMinor: 40_000,
        currency: 'KZT',
        lastAt: expect.any(String),
        operationId: last.id,
      },
      expect.objectContaining({ kind: 'iban', iban: dana.current.iban, name: 'Дана С.', payeeTaxId: null, lastAmountMinor: 30_000 }),
      expect.objectContaining({
        kind: 'iban',
        iban: OTHER_BANK_IBAN,
        name: 'ТОО Ромашка',
        payeeTaxId: '123456789012',
        purposeCode: '119',
        lastAmountMinor: 20_000,
      }),
    ]);
    // Nobody else's payees.
    expect((await get(erlan.who, '/api/v1/transfers/recent-payees')).json().items).toEqual([]);
  });
});

describe('repeating a transfer', () => {
  it('gives what the form needs on the customer’s own completed transfers only', async () => {
    const me = await customer('Бекова Айгерим', 10_000_000n);
    const erlan = await customer('Ахметов Ерлан');
    const byPhone = await send(me.who, {
      kind: 'phone',
      sourceAccountId: me.current.id,
      payeePhone: erlan.who.phone,
      amountMinor: 12_345,
      description: 'За обед',
    });
    expect((await get(me.who, `/api/v1/operations/${byPhone.id}`)).json().repeat).toEqual({
      kind: 'phone',
      sourceAccountId: me.current.id,
      destinationAccountId: null,
      payeePhone: erlan.who.phone,
      payeeIban: null,
      payeeName: null,
      purposeCode: null,
      description: 'За обед',
      amountMinor: 12_345,
      currency: 'KZT',
    });
    // The payee sees the credit, but it is not theirs to repeat.
    expect((await get(erlan.who, `/api/v1/operations/${byPhone.id}`)).json().repeat).toBeNull();
    const own = await send(me.who, { kind: 'own', sourceAccountId: me.current.id, destinationAccountId: me.wallet.id, amountMinor: 500 });
    expect((await get(me.who, `/api/v1/operations/${own.id}`)).json().repeat).toMatchObject({
      kind: 'own',
      destinationAccountId: me.wallet.id,
      amountMinor: 500,
    });
    const otherBank = await send(me.who, {
      kind: 'iban',
      sourceAccountId: me.current.id,
      payeeIban: OTHER_BANK_IBAN,
      payeeName: 'ТОО Ромашка',
      payeeTaxId: '123456789012',
      purposeCode: '119',
      amountMinor: 1_000,
    });
    expect(otherBank.status).toBe('sent');
    expect((await get(me.who, `/api/v1/operations/${otherBank.id}`)).json().repeat).toMatchObject({
      kind: 'iban',
      payeeIban: OTHER_BANK_IBAN,
      payeeName: 'ТОО Ромашка',
      purposeCode: '119',
    });
    const declined = await send(me.who, {
      kind: 'phone',
      sourceAccountId: me.current.id,
      payeePhone: erlan.who.phone,
      amountMinor: 900_000_000,
    });
    expect(declined.status).toBe('declined');
    expect((await get(me.who, `/api/v1/operations/${declined.id}`)).json().repeat).toBeNull();
  });
});

describe('the history', () => {
  it('names an own-account transfer by the account in the customer language, never by its id', async () => {
    const me = await customer('Бекова Айгерим', 100_000n);
    const toWallet = await send(me.who, {
      kind: 'own',
      sourceAccountId: me.current.id,
      destinationAccountId: me.wallet.id,
      amountMinor: 100,
    });
    const back = await send(me.who, { kind: 'own', sourceAccountId: me.wallet.id, destinationAccountId: me.current.id, amountMinor: 50 });
    const tail = me.current.iban.slice(-4);
    for (const [language, wallet, current] of [
      ['ru', 'Электронный кошелёк', 'Текущий счёт'],
      ['kk', 'Электрондық әмиян', 'Ағымдағы шот'],
      ['en', 'E-wallet', 'Current account'],
    ] as const) {
      const { items } = (await get(me.who, '/api/v1/operations', language)).json();
      const payees = Object.fromEntries(items.map((item: { id: string; payee: string }) => [item.id, item.payee]));
      expect(payees[toWallet.id]).toBe(wallet);
      expect(payees[back.id]).toMatch(new RegExp(`^${current} KZ\\d\\d •••• ${tail}$`));
      expect(JSON.stringify(items)).not.toMatch(/"payee":"acc_/);
    }
  });

  it('finds operations by a fragment of the payee name, phone or IBAN, and money received by the payer’s phone', async () => {
    const me = await customer('Бекова Айгерим', 10_000_000n);
    const erlan = await customer('Ахметов Ерлан', 1_000_000n);
    const dana = await customer('Сейткали Дана');
    const toErlan = await send(me.who, { kind: 'phone', sourceAccountId: me.current.id, payeePhone: erlan.who.phone, amountMinor: 1_000 });
    const toDana = await send(me.who, { kind: 'iban', sourceAccountId: me.current.id, payeeIban: dana.current.iban, amountMinor: 2_000 });
    const fromErlan = await send(erlan.who, {
      kind: 'phone',
      sourceAccountId: erlan.current.id,
      payeePhone: me.who.phone,
      amountMinor: 3_000,
    });
    const ids = async (q: string) =>
      ((await get(me.who, `/api/v1/operations?q=${encodeURIComponent(q)}`)).json().items as Array<{ id: string }>).map((item) => item.id);
    expect(await ids('ерлан')).toEqual([toErlan.id]);
    // A part of the phone as people write it: spaces and dashes in the middle.
    const national = erlan.who.phone.slice(2);
    expect(await ids(`${national.slice(0, 3)} ${national.slice(3, 6)}-${national.slice(6, 8)}`)).toEqual([toErlan.id]);
    // An IBAN fragment in lower case with a space.
    expect(
      await ids(
        dana.current.iban
          .slice(8, 16)
          .toLowerCase()
          .replace(/(.{4})/, '$1 '),
      ),
    ).toEqual([toDana.id]);
    // The whole phone of a payer finds what they sent, too.
    expect(await ids(erlan.who.phone)).toEqual([fromErlan.id, toErlan.id]);
    // One's own name is not a payee: money received is not found by it.
    expect(await ids('Айгерим')).toEqual([]);
    expect(await ids('%')).toHaveLength(3);
  });
});
