import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, type LoggedIn, lastCodeSms, registerCustomer, uniquePhone, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';

// Issue 12 item 4: whom the money goes to is said before anything is sent, a mistake in the form
// is a form error rather than a declined operation, and a transfer awaiting its code can be
// cancelled for real.

/** Another bank's IBAN (bank code 125, not this bank's 722) with good check digits, and with a wrong one. */
const OTHER_BANK_IBAN = 'KZ86125KZT5004100100';
const WRONG_CHECK_DIGIT_IBAN = 'KZ87125KZT5004100100';
const DAY_LIMIT_MINOR = 500_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { TRANSFER_MAX_PER_DAY_MINOR: String(DAY_LIMIT_MINOR), SCA_LOW_VALUE_MAX_MINOR: '0' } });
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

type Account = { id: string; kind: string; iban: string | null; balanceMinor: number; availableMinor: number };

async function accounts(who: LoggedIn): Promise<Account[]> {
  return (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
}

/** A customer with both agreements whose current account holds `amountMinor`. */
async function customer(amountMinor: bigint, fullName = 'Бекова Айгерим') {
  const who = await registerCustomer(t.app, { agreement: 'both', fullName });
  const list = await accounts(who);
  const current = list.find((account) => account.kind === 'customer_current');
  const wallet = list.find((account) => account.kind === 'ewallet');
  if (!current?.iban || !wallet) throw new Error('no accounts');
  const ledgerAccount = await getAccount(t.db, current.id);
  if (amountMinor > 0n && ledgerAccount) await t.db.transaction((tx) => depositFromSettlement(tx, ledgerAccount, amountMinor, 'test'));
  return { who, current: { ...current, iban: current.iban }, wallet };
}

function lookUp(who: LoggedIn, payload: Record<string, string>, language = 'en') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers/payee-lookup',
    headers: { ...web(who), 'accept-language': language },
    payload,
  });
}

/** A transfer request a second after the one before: the test clock stands still, and codes are told apart by time. */
function transfer(who: LoggedIn, payload: Record<string, unknown>, language = 'en') {
  t.clock.advance(1_000);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': randomUUID(), 'accept-language': language },
    payload: { currency: 'KZT', ...payload },
  });
}

function act(who: LoggedIn, id: string, action: 'cancel' | 'confirm' | 'resend', payload?: Record<string, string>) {
  return t.app.inject({ method: 'POST', url: `/api/v1/transfers/${id}/${action}`, headers: web(who), ...(payload ? { payload } : {}) });
}

async function operationCount(customerId: string): Promise<number> {
  const { rows } = await t.db.query<{ count: bigint }>('SELECT count(*) AS count FROM operations WHERE customer_id = $1', [customerId]);
  return Number(rows[0]?.count);
}

describe('the payee look-up names the payee before anything is sent', () => {
  it('names a customer by phone and by IBAN, says when it is your own, and makes no operation', async () => {
    const { who, current } = await customer(0n);
    const payee = await customer(0n, 'Ахметов Ерлан Маратович');
    expect((await lookUp(who, { phone: payee.who.phone })).json()).toEqual({
      found: true,
      maskedName: 'Ерлан А.',
      isSelf: false,
      thisBank: true,
      bankCode: null,
    });
    // An IBAN as people copy it: lower case, in groups of four.
    const grouped = payee.current.iban.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect((await lookUp(who, { iban: grouped })).json()).toEqual({
      found: true,
      maskedName: 'Ерлан А.',
      isSelf: false,
      thisBank: true,
      bankCode: '722',
    });
    expect((await lookUp(who, { phone: who.phone })).json()).toMatchObject({ found: true, isSelf: true });
    expect((await lookUp(who, { iban: current.iban })).json()).toMatchObject({ found: true, isSelf: true, maskedName: 'Айгерим Б.' });
    expect(await operationCount(who.customerId)).toBe(0);
  });

  it('tells an unknown phone and another bank apart, and makes no operation for either', async () => {
    const { who } = await customer(0n);
    expect((await lookUp(who, { phone: uniquePhone() })).json()).toEqual({
      found: false,
      maskedName: null,
      isSelf: false,
      thisBank: false,
      bankCode: null,
    });
    expect((await lookUp(who, { iban: OTHER_BANK_IBAN })).json()).toEqual({
      found: false,
      maskedName: null,
      isSelf: false,
      thisBank: false,
      bankCode: '125',
    });
    expect(await operationCount(who.customerId)).toBe(0);
    // An unknown number counts against the day's cap; another bank's IBAN tells nothing, so it is free.
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM cap_events WHERE scope = 'payee-unknown' AND key = $1",
      [who.customerId],
    );
    expect(Number(rows[0]?.count)).toBe(1);
  });

  it('refuses an IBAN with a wrong check digit with a field error in the customer language, here and on the transfer', async () => {
    const { who, current } = await customer(100_000n);
    const looked = await lookUp(who, { iban: WRONG_CHECK_DIGIT_IBAN }, 'kk');
    expect(looked.statusCode).toBe(400);
    expect(looked.json()).toMatchObject({
      type: expect.stringMatching(/iban-invalid$/),
      errors: [{ pointer: '/iban', detail: 'IBAN-ды тексеріңіз: онда қате бар, бақылау сандары сәйкес келмейді' }],
    });
    const sent = await transfer(
      who,
      { kind: 'iban', sourceAccountId: current.id, payeeIban: WRONG_CHECK_DIGIT_IBAN, amountMinor: 1_000 },
      'ru',
    );
    expect(sent.statusCode).toBe(400);
    expect(sent.json().errors).toEqual([{ pointer: '/payeeIban', detail: 'Проверьте IBAN: в нём ошибка, контрольные цифры не сходятся' }]);
    const short = await transfer(who, { kind: 'iban', sourceAccountId: current.id, payeeIban: 'KZ86125KZT50041001', amountMinor: 1_000 });
    expect(short.json().errors[0].detail).toMatch(/20 characters/);
    expect(await operationCount(who.customerId)).toBe(0);
  });
});

describe('money to oneself is caught in the form', () => {
  it('refuses a phone transfer to your own phone and an IBAN transfer to your own account, with no operation', async () => {
    const { who, current, wallet } = await customer(100_000n);
    const byPhone = await transfer(who, { kind: 'phone', sourceAccountId: current.id, payeePhone: who.phone, amountMinor: 1_000 }, 'ru');
    expect(byPhone.statusCode).toBe(422);
    expect(byPhone.json()).toMatchObject({ type: expect.stringMatching(/transfer-to-own-phone$/), title: 'Это ваш номер телефона' });
    expect(byPhone.json().errors).toEqual([{ pointer: '/payeePhone', detail: expect.stringContaining('Между своими счетами') }]);
    const byIban = await transfer(who, { kind: 'iban', sourceAccountId: wallet.id, payeeIban: current.iban, amountMinor: 1 });
    expect(byIban.statusCode).toBe(422);
    expect(byIban.json().errors).toEqual([{ pointer: '/payeeIban', detail: expect.stringContaining('Between own accounts') }]);
    expect(await operationCount(who.customerId)).toBe(0);
  });
});

describe('cancelling a transfer awaiting its code', () => {
  async function waiting(amountMinor: number) {
    const from = await customer(1_000_000n);
    const payee = await customer(0n);
    const created = await transfer(from.who, { kind: 'phone', sourceAccountId: from.current.id, payeePhone: payee.who.phone, amountMinor });
    expect(created.json().status).toBe('awaiting_confirmation');
    return { from, payee, id: created.json().id as string, code: codeIn(await lastCodeSms(t.app, from.who.phone)) };
  }

  it('moves it to cancelled, kills its code, moves no money, and answers the same when asked again', async () => {
    const { from, payee, id, code } = await waiting(150_000);
    const cancelled = await act(from.who, id, 'cancel');
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ id, status: 'cancelled', declineReason: null });
    const again = await act(from.who, id, 'cancel');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(cancelled.json());
    // The code no longer works, nor can a new one be had.
    expect((await act(from.who, id, 'confirm', { code })).statusCode).toBe(409);
    expect((await act(from.who, id, 'resend')).statusCode).toBe(409);
    const { rows } = await t.db.query<{ status: string; void_reason: string }>(
      'SELECT c.status, c.void_reason FROM sca_challenges c JOIN operations o ON o.challenge_id = c.id WHERE o.id = $1',
      [id],
    );
    expect(rows[0]).toEqual({ status: 'void', void_reason: 'cancelled' });
    // Nothing moved or stays reserved, and the history says who cancelled it.
    expect((await accounts(from.who)).find((account) => account.id === from.current.id)).toMatchObject({
      balanceMinor: 1_000_000,
      availableMinor: 1_000_000,
    });
    expect((await accounts(payee.who)).find((account) => account.kind === 'customer_current')?.balanceMinor).toBe(0);
    const history = await t.app.inject({ url: '/api/v1/operations?status=cancelled', headers: web(from.who) });
    expect(history.json().items.map((item: { id: string }) => item.id)).toEqual([id]);
    const audit = await t.db.query("SELECT 1 FROM audit_events WHERE event = 'operation.cancelled' AND customer_id = $1", [
      from.who.customerId,
    ]);
    expect(audit.rows).toHaveLength(1);
    // No "declined" notice: the customer did it.
    const notices = await t.app.inject({ url: '/api/v1/notifications', headers: web(from.who) });
    expect(JSON.stringify(notices.json())).not.toMatch(/отклонена|declined/i);
  });

  it('refuses to cancel a completed transfer (409), and hides anyone else’s (404)', async () => {
    const { from, id, code } = await waiting(1_000);
    expect((await act(from.who, id, 'confirm', { code })).json().status).toBe('completed');
    const late = await act(from.who, id, 'cancel');
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toMatch(/operation-not-cancellable$/);
    const other = await waiting(1_000);
    const stranger = await customer(0n);
    expect((await act(stranger.who, other.id, 'cancel')).statusCode).toBe(404);
    expect((await act(other.from.who, other.id, 'confirm', { code: other.code })).json().status).toBe('completed');
  });

  it('answers a transfer whose code ran out as expired, not cancelled', async () => {
    const { from, id } = await waiting(1_000);
    // Five minutes pass, the session kept alive by a look at the accounts in between.
    t.clock.advance(3 * 60_000);
    await accounts(from.who);
    t.clock.advance(2 * 60_000 + 1);
    expect((await act(from.who, id, 'cancel')).statusCode).toBe(409);
    const view = await t.app.inject({ url: `/api/v1/operations/${id}`, headers: web(from.who) });
    expect(view.json().status).toBe('expired');
  });

  it('does not count a cancelled transfer against the daily limit', async () => {
    const from = await customer(2_000_000n);
    const payee = await customer(0n);
    const send = (amountMinor: number) =>
      transfer(from.who, { kind: 'phone', sourceAccountId: from.current.id, payeePhone: payee.who.phone, amountMinor });
    // Two cancelled transfers that together are over the day's limit…
    for (const amountMinor of [300_000, 300_000]) {
      const created = (await send(amountMinor)).json();
      // Delivered now, so the code read below is the last transfer's (SMS delivered together share a time).
      await lastCodeSms(t.app, from.who.phone);
      expect((await act(from.who, created.id, 'cancel')).json().status).toBe('cancelled');
    }
    // …leave the whole limit for a transfer that uses nearly all of it.
    const big = (await send(DAY_LIMIT_MINOR - 1_000)).json();
    expect(big.status).toBe('awaiting_confirmation');
    const confirmed = await act(from.who, big.id, 'confirm', { code: codeIn(await lastCodeSms(t.app, from.who.phone)) });
    expect(confirmed.json().status).toBe('completed');
  });
});

describe('after the last wrong code', () => {
  it('says what to do next in the customer language, and how many tries were left before', async () => {
    const from = await customer(100_000n);
    const payee = await customer(0n);
    const created = (
      await transfer(from.who, { kind: 'phone', sourceAccountId: from.current.id, payeePhone: payee.who.phone, amountMinor: 100 })
    ).json();
    const real = codeIn(await lastCodeSms(t.app, from.who.phone));
    const wrong = real === '111111' ? '222222' : '111111';
    const tryCode = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/transfers/${created.id}/confirm`,
        headers: { ...web(from.who), 'accept-language': 'kk' },
        payload: { code: wrong },
      });
    expect((await tryCode()).json()).toMatchObject({ attemptsLeft: 2 });
    expect((await tryCode()).json()).toMatchObject({ attemptsLeft: 1 });
    const last = (await tryCode()).json();
    expect(last).toMatchObject({ type: expect.stringMatching(/code-attempts-exceeded$/), nextStep: 'start-again' });
    expect(last.detail).toMatch(/аударымды қайта бастаңыз/);
    expect(last.detail).toMatch(/595|\+7/);
  });
});
