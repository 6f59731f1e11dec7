import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, codeIn, lastCodeSms, registerCustomer, web } from '../../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { depositFromSettlement } from '../../accounts/index.js';
import { typedCard } from '../../card-network/card-network.fixtures.js';
import { getAccount } from '../../ledger/index.js';
import { createTestStaff, staffHeaders } from '../../staff/staff.fixtures.js';
import { merchantCall, merchantWithKeys, paymentBody, type TestMerchant } from '../payments/payments.fixtures.js';
import { runWebhookDeliveries } from '../webhooks/index.js';

// Issue 15 item 3: the hosted checkout's API, end to end through 3-D Secure (modules/acs) and the
// payment (acquiring/payments), as the page calls it.

let t: TestApp;
let shop: TestMerchant;
beforeAll(async () => {
  t = await createTestApp();
  shop = await merchantWithKeys(t);
});
afterAll(async () => {
  await t.close();
});

async function newPayment(key: string, overrides: Record<string, unknown> = {}) {
  const created = await merchantCall(t, key, 'POST', '/api/merchant/v1/payments', paymentBody(overrides));
  expect(created.statusCode).toBe(201);
  const body = created.json() as { id: string; checkoutUrl: string };
  const token = new URL(body.checkoutUrl).hash.slice(1);
  return { id: body.id, token, checkoutUrl: body.checkoutUrl };
}

function checkout(
  payment: { id: string; token: string },
  method: 'GET' | 'POST',
  path = '',
  payload?: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url: `/api/checkout/v1/payments/${payment.id}${path}`,
    headers: { 'x-checkout-token': payment.token, 'accept-language': 'en', 'idempotency-key': randomUUID(), ...headers },
    ...(payload ? { payload } : {}),
  });
}

function card(pan: string, overrides: Record<string, unknown> = {}) {
  return { pan, expiryMonth: 12, expiryYear: 2030, cvc2: '123', cardholderName: 'ALIYA NURLANOVA', ...overrides };
}

describe('the hosted checkout', () => {
  it('opens only with the token of the checkout URL, in its fragment, and shows the merchant and the amount', async () => {
    const payment = await newPayment(shop.testKey);
    expect(new URL(payment.checkoutUrl).pathname).toBe(`/checkout/${payment.id}`);
    const view = await checkout(payment, 'GET');
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      id: payment.id,
      status: 'requires_payment_method',
      amountMinor: '150000',
      testMode: true,
      merchant: { legalName: 'ТОО «Демо Шоп»', origin: 'https://shop.example.kz' },
      action: null,
    });
    for (const token of ['', 'x'.repeat(43), (await newPayment(shop.testKey)).token]) {
      const refused = await checkout({ id: payment.id, token }, 'GET');
      expect(refused.statusCode).toBe(404);
    }
  });

  it('pays frictionless with a sandbox card; the answers and the merchant see the last 4 digits only', async () => {
    const payment = await newPayment(shop.testKey);
    const paid = await checkout(payment, 'POST', '/card', card('4000 0000 0000 0002'));
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'succeeded', card: { brand: 'visa', last4: '0002' }, failure: null });
    const merchantView = await merchantCall(t, shop.testKey, 'GET', `/api/merchant/v1/payments/${payment.id}`);
    expect(merchantView.json()).toMatchObject({ status: 'succeeded' });
    for (const body of [paid.body, merchantView.body]) expect(body).not.toContain('4000000000000002');
  });

  it('names each wrong field of the card in the buyer’s language, and sends nothing on', async () => {
    const payment = await newPayment(shop.testKey);
    const refused = await checkout(payment, 'POST', '/card', card('4000000000000003', { expiryYear: 2020, cvc2: '12' }), {
      'accept-language': 'ru',
    });
    expect(refused.statusCode).toBe(422);
    const pointers = (refused.json() as { errors: Array<{ pointer: string; detail: string }> }).errors.map((error) => error.pointer);
    expect(pointers).toEqual(['/pan', '/expiryMonth', '/cvc2']);
    expect(refused.body).toContain('Номер карты');
    expect((await checkout(payment, 'GET')).json()).toMatchObject({ status: 'requires_payment_method', card: null });
  });

  it('runs the challenge on the bank’s page and authorises with the result the ACS holds, not one from the browser', async () => {
    const payment = await newPayment(shop.testKey);
    const started = await checkout(payment, 'POST', '/card', card('4000000000000101'));
    expect(started.json()).toMatchObject({ status: 'requires_action', action: { type: 'challenge' } });
    const { acsTransID } = (started.json() as { action: { acsTransID: string } }).action;
    expect((await checkout(payment, 'GET')).json()).toMatchObject({ action: { acsTransID } });
    // Before the challenge is answered, completing is refused and the payment waits.
    expect((await checkout(payment, 'POST', '/authentication-complete')).statusCode).toBe(409);
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/acs/v1/challenges/${acsTransID}/answer`,
      payload: { code: '111111' },
    });
    expect(answered.json()).toMatchObject({ transStatus: 'Y', done: true });
    const done = await checkout(payment, 'POST', '/authentication-complete');
    expect(done.json()).toMatchObject({ status: 'succeeded', action: null, card: { last4: '0101' } });
    // The held card is gone with the authorisation: a second completion answers the payment as it is.
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM card_vault_held_cards');
    expect(rows[0]?.n).toBe(0);
    expect((await checkout(payment, 'POST', '/authentication-complete')).json()).toMatchObject({ status: 'succeeded' });
  });

  it('fails the payment with the reason when the challenge fails', async () => {
    const payment = await newPayment(shop.testKey);
    const started = (await checkout(payment, 'POST', '/card', card('4000000000000200'))).json() as { action: { acsTransID: string } };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await t.app.inject({
        method: 'POST',
        url: `/api/acs/v1/challenges/${started.action.acsTransID}/answer`,
        payload: { code: '111111' },
      });
    }
    const done = await checkout(payment, 'POST', '/authentication-complete', undefined, { 'accept-language': 'kk' });
    expect(done.json()).toMatchObject({ status: 'failed', failure: { code: 'authentication_failed' } });
  });

  it('answers a repeated submission (same Idempotency-Key) with the payment as it stands, authorising once', async () => {
    const payment = await newPayment(shop.testKey);
    const key = randomUUID();
    const first = await checkout(payment, 'POST', '/card', card('4000000000000002'), { 'idempotency-key': key });
    const again = await checkout(payment, 'POST', '/card', card('4000000000000002'), { 'idempotency-key': key });
    expect(again.json()).toEqual(first.json());
    const another = await checkout(payment, 'POST', '/card', card('4000000000000002'));
    expect(another.statusCode).toBe(409);
  });

  it('lets a signed-in customer pay with their own Kassa card, the code naming the amount and the shop', async () => {
    const buyer = await typedCard(t, 1_000_000n);
    const payment = await newPayment(shop.liveKey, { amountMinor: 700_000 });
    const who = web(buyer.owner.who);
    const cards = await checkout(payment, 'GET', '/own-cards', undefined, who);
    expect(cards.statusCode).toBe(200);
    expect(cards.json()).toMatchObject({ cards: [{ id: buyer.cardId, internetEnabled: true }] });
    expect(cards.body).not.toContain(buyer.pan);
    const started = await checkout(payment, 'POST', '/own-card', { cardId: buyer.cardId }, who);
    expect(started.json()).toMatchObject({ status: 'requires_action' });
    const sms = await lastCodeSms(t.app, buyer.owner.who.phone);
    expect(sms).toMatch(/7[\s\u00a0]000/);
    const { acsTransID } = (started.json() as { action: { acsTransID: string } }).action;
    await t.app.inject({ method: 'POST', url: `/api/acs/v1/challenges/${acsTransID}/answer`, payload: { code: codeIn(sms) } });
    const done = await checkout(payment, 'POST', '/authentication-complete');
    expect(done.json()).toMatchObject({ status: 'succeeded', card: { last4: buyer.last4 } });
    const history = await t.app.inject({ method: 'GET', url: '/api/v1/operations', headers: web(buyer.owner.who) });
    expect(history.body).toContain('DEMO SHOP');
  });

  it('lets a signed-in customer pay from their e-wallet: a single-use card on it, the code, the money from the e-wallet', async () => {
    const who = await registerCustomer(t.app, { agreement: 'both' });
    const accounts: Array<{ id: string; kind: string }> = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
    const wallet = accounts.find((account) => account.kind === 'ewallet');
    const ledgerWallet = wallet ? await getAccount(t.db, wallet.id) : null;
    if (!wallet || !ledgerWallet) throw new Error('no e-wallet');
    await t.db.transaction((tx) => depositFromSettlement(tx, ledgerWallet, 200_000n, 'test'));
    const payment = await newPayment(shop.liveKey, { amountMinor: 120_000 });
    const offered = await checkout(payment, 'GET', '/own-cards', undefined, web(who));
    expect(offered.json().wallets).toEqual([
      { accountId: wallet.id, displayName: expect.any(String), currency: 'KZT', availableMinor: '200000' },
    ]);
    // Another customer's e-wallet is the same 404 as none.
    const stranger = await registerCustomer(t.app, { agreement: 'both' });
    const foreign = await checkout(payment, 'POST', '/own-wallet', { accountId: wallet.id }, web(stranger));
    expect(foreign.statusCode).toBe(404);
    const started = await checkout(payment, 'POST', '/own-wallet', { accountId: wallet.id }, web(who));
    expect(started.json()).toMatchObject({ status: 'requires_action' });
    const { acsTransID } = (started.json() as { action: { acsTransID: string } }).action;
    const sms = await lastCodeSms(t.app, who.phone);
    await t.app.inject({ method: 'POST', url: `/api/acs/v1/challenges/${acsTransID}/answer`, payload: { code: codeIn(sms) } });
    const done = await checkout(payment, 'POST', '/authentication-complete');
    expect(done.json()).toMatchObject({ status: 'succeeded' });
    const after = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
    expect(after.find((account: { id: string }) => account.id === wallet.id).balanceMinor).toBe(80_000);
    // The card was for this purchase only: approved once, it closed itself.
    const cards = (await t.app.inject({ url: '/api/v1/cards', headers: web(who) })).json().items;
    expect(cards).toEqual([expect.objectContaining({ kind: 'single_use', status: 'closed' })]);
  });

  it('refuses a card with internet payments off before any code is sent, and says why', async () => {
    const buyer = await typedCard(t, 1_000_000n);
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cards/${buyer.cardId}/controls`,
      headers: web(buyer.owner.who),
      payload: { internetEnabled: false },
    });
    expect(off.statusCode).toBe(200);
    const smsBefore = (await allSms(t.app, buyer.owner.who.phone)).length;
    const payment = await newPayment(shop.liveKey);
    const refused = await checkout(payment, 'POST', '/card', card(buyer.pan, { cvc2: buyer.cvc2, ...expiryOf(buyer.expiry) }));
    expect(refused.json()).toMatchObject({ status: 'failed', failure: { code: 'internet_payments_off' } });
    // No code was sent: the only message is the decline notice, with the card's own reason.
    const sent = (await allSms(t.app, buyer.owner.who.phone)).slice(smsBefore);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/\b\d{6}\b/);
    const history = await t.app.inject({ method: 'GET', url: '/api/v1/operations', headers: web(buyer.owner.who) });
    expect(history.body).toMatch(/[Ии]нтернет/);
  });

  it('takes no card for a merchant suspended after the buyer opened the checkout', async () => {
    const suspended = await merchantWithKeys(t);
    const payment = await newPayment(suspended.testKey);
    expect((await checkout(payment, 'GET')).statusCode).toBe(200);
    const admin = await createTestStaff(t.app, 'admin');
    const stopped = await t.app.inject({
      method: 'POST',
      url: `/api/staff/v1/merchants/${suspended.merchantId}/suspend`,
      headers: staffHeaders(admin),
      payload: { reason: 'Жалобы покупателей' },
    });
    expect(stopped.statusCode).toBe(200);
    const paid = await checkout(payment, 'POST', '/card', card('4000000000000002'));
    expect(paid.statusCode).toBe(409);
    expect(paid.json().type).toContain('payment-merchant-suspended');
    expect((await checkout(payment, 'GET')).json()).toMatchObject({ status: 'requires_payment_method' });
  });

  it('tells the merchant by webhook, through the outbox, when the payment succeeds', async () => {
    const payment = await newPayment(shop.testKey);
    await checkout(payment, 'POST', '/card', card('4000000000000002'));
    const { rows } = await t.db.query<{ type: string }>("SELECT type FROM merchant_events WHERE data->>'id' = $1 ORDER BY created_at", [
      payment.id,
    ]);
    expect(rows.map((row) => row.type)).toEqual(['payment.succeeded']);
    await runWebhookDeliveries(t.app.ctx);
  });
});

function expiryOf(yymm: string): { expiryMonth: number; expiryYear: number } {
  return { expiryYear: 2000 + Number(yymm.slice(0, 2)), expiryMonth: Number(yymm.slice(2)) };
}
