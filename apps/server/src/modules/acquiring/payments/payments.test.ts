import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { dumpAllTables } from '../../../../test/table-dump.js';
import { ManualClock } from '../../../shared/clock.js';
import { availableOf } from '../../card-network/card-network.fixtures.js';
import { checkLedgerInvariants } from '../../ledger/index.js';
import { captureCard } from '../money/index.js';
import { frictionless, merchantBalanceOf, systemBalanceOf } from '../money/money.fixtures.js';
import { authorisePayment, beginAuthentication, checkoutViewOf, sweepPayments, verifyCheckoutToken } from './index.js';
import { merchantForMoney } from './payment-money.js';
import { liveAuthorised, merchantCall, merchantWithKeys, paymentBody, sandboxCard, type TestMerchant } from './payments.fixtures.js';
import { SWEEP_GRACE_MS } from './sweep.js';

// Issue 15 item 2: the payment API, its states, exactly-once money and the checkout's service side.

let t: TestApp;
let shop: TestMerchant;
let other: TestMerchant;
const seen: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 4, 12, 6)) });
  shop = await merchantWithKeys(t);
  other = await merchantWithKeys(t);
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

async function call(key: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, idem?: string | null) {
  const response = await merchantCall(t, key, method, url, payload, idem);
  seen.push(response.body);
  return response;
}

async function created(key: string, overrides: Record<string, unknown> = {}) {
  const response = await call(key, 'POST', '/api/merchant/v1/payments', paymentBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('creating and reading payments', () => {
  it('creates requires_payment_method with a checkout URL whose token verifies, reads it back, lists newest first by cursor', async () => {
    const first = await created(shop.testKey, { metadata: { orderId: '42' }, merchantOrderId: 'A-42' });
    expect(first).toMatchObject({
      object: 'payment',
      mode: 'test',
      status: 'requires_payment_method',
      amountMinor: 150_000,
      captureMethod: 'automatic',
      card: null,
    });
    const url = new URL(first.checkoutUrl);
    expect(url.pathname).toBe(`/checkout/${first.id}`);
    const token = url.hash.slice(1);
    expect(await verifyCheckoutToken(t.app.ctx, first.id, token)).toBe(true);
    expect(await verifyCheckoutToken(t.app.ctx, first.id, `${token.slice(0, -1)}A`)).toBe(token.endsWith('A'));
    const got = await call(shop.testKey, 'GET', `/api/merchant/v1/payments/${first.id}`);
    expect(got.json()).toMatchObject({ id: first.id, metadata: { orderId: '42' }, merchantOrderId: 'A-42' });
    expect(got.json().checkoutUrl).toBeUndefined();
    t.clock.advance(1000);
    const second = await created(shop.testKey);
    const page = (await call(shop.testKey, 'GET', '/api/merchant/v1/payments?limit=1')).json();
    expect(page.items.map((p: { id: string }) => p.id)).toEqual([second.id]);
    const next = (await call(shop.testKey, 'GET', `/api/merchant/v1/payments?limit=1&after=${page.nextCursor}`)).json();
    expect(next.items.map((p: { id: string }) => p.id)).toEqual([first.id]);
    expect(await checkoutViewOf(t.app.ctx, first.id)).toMatchObject({
      merchantDisplayName: 'TOO DEMO SHOP',
      amountMinor: 150_000n,
      status: 'requires_payment_method',
    });
  });

  it('needs an Idempotency-Key, replays the first answer for the same body and refuses another body with 422', async () => {
    const missing = await call(shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody(), null);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().type).toMatch(/payment-idempotency-key-required$/);
    const first = await call(shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody(), 'order-7');
    const again = await call(shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody(), 'order-7');
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    // The replay's checkout link is a new one: the first token was never stored to give back.
    expect(await verifyCheckoutToken(t.app.ctx, first.json().id, new URL(again.json().checkoutUrl).hash.slice(1))).toBe(true);
    const otherBody = await call(shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody({ amountMinor: 1 }), 'order-7');
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json().type).toMatch(/payment-idempotency-key-reused$/);
  });

  it('refuses a return URL off the merchant’s origins, a bad amount or currency, and a status set by the merchant', async () => {
    for (const returnUrl of [
      'https://evil.example.com/x',
      'https://shop.example.kz.evil.com/',
      'https://user@shop.example.kz/',
      'javascript:alert(1)',
    ]) {
      const refused = await call(shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody({ returnUrl }));
      expect(refused.statusCode, returnUrl).toBe(422);
      expect(refused.json().errors[0].pointer).toBe('/returnUrl');
    }
    for (const amountMinor of [0, -1, 1.5, '100', 2 ** 63, 100_000_000_001]) {
      expect((await call(shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody({ amountMinor }))).statusCode).toBe(400);
    }
    expect((await call(shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody({ currency: 'USD' }))).statusCode).toBe(400);
    expect((await call(shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody({ status: 'succeeded' }))).statusCode).toBe(400);
  });
});

describe('test mode (sandbox cards)', () => {
  it('4000000000000002 with Y: automatic succeeds, manual waits for capture; 4000000000000309 fails insufficient_funds', async () => {
    const automatic = await created(shop.testKey);
    await beginAuthentication(t.app.ctx, automatic.id, { threeDsServerTransId: 'tds-1' });
    expect((await authorisePayment(t.app.ctx, automatic.id, sandboxCard('4000000000000002'), frictionless())).status).toBe('succeeded');
    const manual = await created(shop.testKey, { captureMethod: 'manual' });
    const authorised = await authorisePayment(t.app.ctx, manual.id, sandboxCard('4000000000000002'), frictionless());
    expect(authorised).toMatchObject({ status: 'requires_capture', authorisedMinor: 150_000n, cardLast4: '0002', cardBrand: 'visa' });
    const poor = await created(shop.testKey);
    expect(await authorisePayment(t.app.ctx, poor.id, sandboxCard('4000000000000309'), frictionless())).toMatchObject({
      status: 'failed',
      failureCode: 'insufficient_funds',
    });
    const view = (await call(shop.testKey, 'GET', `/api/merchant/v1/payments/${poor.id}`)).json();
    expect(view).toMatchObject({ status: 'failed', failureCode: 'insufficient_funds', card: { brand: 'visa', last4: '0309' } });
  });

  it('another merchant’s payment and the other mode’s payment are 404, like an unknown id', async () => {
    const mine = await created(shop.testKey);
    const live = await created(shop.liveKey);
    for (const [key, id] of [
      [other.testKey, mine.id],
      [shop.liveKey, mine.id],
      [shop.testKey, live.id],
    ]) {
      const response = await call(key, 'GET', `/api/merchant/v1/payments/${id}`);
      expect(response.statusCode).toBe(404);
      expect((await call(key, 'POST', `/api/merchant/v1/payments/${id}/cancel`, {})).statusCode).toBe(404);
    }
    const list = (await call(shop.testKey, 'GET', '/api/merchant/v1/payments?limit=100')).json();
    expect(list.items.some((p: { id: string }) => p.id === live.id)).toBe(false);
    const ru = await t.app.inject({
      method: 'GET',
      url: `/api/merchant/v1/payments/${live.id}`,
      headers: { authorization: `Bearer ${shop.testKey}`, 'accept-language': 'ru' },
    });
    expect(ru.json().title).toBe('Платёж не найден');
  });
});

describe('live mode with a Kassa card', () => {
  const authorisedLive = (amountMinor: number, captureMethod: 'manual' | 'automatic' = 'manual') =>
    liveAuthorised(t, shop, amountMinor, captureMethod);

  it('authorises, captures part, refunds twice, refuses a refund over the captured; balance and MDR in the ledger', async () => {
    const { card, payment, done } = await authorisedLive(400_000);
    expect(done.status, `${done.failureCode}`).toBe('requires_capture');
    expect(await availableOf(t, card)).toBe(600_000n);
    const over = await call(shop.liveKey, 'POST', `/api/merchant/v1/payments/${payment.id}/capture`, { amountMinor: 400_001 });
    expect(over.statusCode).toBe(422);
    const merchantBefore = await merchantBalanceOf(t, shop.merchantId);
    const feesBefore = await systemBalanceOf(t, 'bank_fees');
    const captured = await call(shop.liveKey, 'POST', `/api/merchant/v1/payments/${payment.id}/capture`, { amountMinor: 300_000 });
    expect(captured.json()).toMatchObject({ status: 'succeeded', capturedMinor: 300_000, authorisedMinor: 400_000 });
    expect(await availableOf(t, card)).toBe(700_000n);
    // 150 bps of 3 000 ₸ is 45 ₸.
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(merchantBefore + 295_500n);
    expect(await systemBalanceOf(t, 'bank_fees')).toBe(feesBefore + 4_500n);
    const again = await call(shop.liveKey, 'POST', `/api/merchant/v1/payments/${payment.id}/capture`, {});
    expect(again.statusCode).toBe(409);
    const cancel = await call(shop.liveKey, 'POST', `/api/merchant/v1/payments/${payment.id}/cancel`, {});
    expect(cancel.statusCode).toBe(409);
    const refund = (amountMinor?: number) =>
      call(shop.liveKey, 'POST', `/api/merchant/v1/payments/${payment.id}/refunds`, amountMinor ? { amountMinor } : {});
    expect((await refund(100_000)).json()).toMatchObject({ object: 'refund', status: 'succeeded', amountMinor: 100_000 });
    expect((await refund(150_000)).json()).toMatchObject({ status: 'succeeded' });
    const tooMuch = await refund(50_001);
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().type).toMatch(/payment-refund-exceeds-captured$/);
    expect(await availableOf(t, card)).toBe(950_000n);
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(merchantBefore + 45_500n);
    const refunds = (await call(shop.liveKey, 'GET', `/api/merchant/v1/payments/${payment.id}/refunds`)).json();
    expect(refunds.items).toHaveLength(2);
    expect((await call(shop.liveKey, 'GET', `/api/merchant/v1/payments/${payment.id}`)).json().refundedMinor).toBe(250_000);
  });

  it('cancel releases the hold; a canceled payment cannot be captured', async () => {
    const { card, payment } = await authorisedLive(200_000);
    expect(await availableOf(t, card)).toBe(800_000n);
    const canceled = await call(shop.liveKey, 'POST', `/api/merchant/v1/payments/${payment.id}/cancel`, {
      cancellationReason: 'requested_by_customer',
    });
    expect(canceled.json()).toMatchObject({ status: 'canceled', cancellationReason: 'requested_by_customer' });
    expect(await availableOf(t, card)).toBe(1_000_000n);
    const capture = await call(shop.liveKey, 'POST', `/api/merchant/v1/payments/${payment.id}/capture`, {});
    expect(capture.statusCode).toBe(409);
    expect(capture.json().type).toMatch(/payment-not-capturable$/);
  });

  it('20 parallel captures of one authorisation capture once', async () => {
    const { card, payment } = await authorisedLive(100_000);
    const merchantBefore = await merchantBalanceOf(t, shop.merchantId);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call(shop.liveKey, 'POST', `/api/merchant/v1/payments/${payment.id}/capture`, {})),
    );
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(19);
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(merchantBefore + 98_500n);
    expect(await availableOf(t, card)).toBe(900_000n);
  });

  it('an automatic payment captures at once', async () => {
    const { card, done } = await authorisedLive(50_000, 'automatic');
    expect(done).toMatchObject({ status: 'succeeded', capturedMinor: 50_000n, pendingStep: null });
    expect(await availableOf(t, card)).toBe(950_000n);
  });

  it('a crash between the capture’s intent and its result is finished by the sweep, the money moved once', async () => {
    const { payment, done } = await authorisedLive(100_000);
    const merchantBefore = await merchantBalanceOf(t, shop.merchantId);
    // The state a crash leaves: the intent committed; here the money call even ran, its result unrecorded.
    const captureId = `cap_${'ab'.repeat(16)}`;
    await t.db.query(
      `UPDATE payments SET pending_step = 'capture', pending_capture_id = $2, pending_amount_minor = 100000, pending_since = $3 WHERE id = $1`,
      [payment.id, captureId, t.clock.now()],
    );
    const merchant = await merchantForMoney(t.app.ctx, shop.merchantId);
    const input = {
      paymentId: payment.id,
      captureId,
      rrn: done.rrn ?? '',
      authorisationCode: done.authorisationCode ?? '',
      issuer: 'kassa' as const,
    };
    expect(await captureCard(t.app.ctx, { ...input, mode: 'live', merchant, amountMinor: 100_000n, currency: 'KZT' })).toMatchObject({
      ok: true,
    });
    expect((await call(shop.liveKey, 'POST', `/api/merchant/v1/payments/${payment.id}/capture`, {})).statusCode).toBe(409);
    expect(await sweepPayments(t.app.ctx, t.clock.now())).toBe(0);
    t.clock.advance(SWEEP_GRACE_MS + 1000);
    expect(await sweepPayments(t.app.ctx, t.clock.now())).toBeGreaterThanOrEqual(1);
    expect((await call(shop.liveKey, 'GET', `/api/merchant/v1/payments/${payment.id}`)).json()).toMatchObject({
      status: 'succeeded',
      capturedMinor: 100_000,
    });
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(merchantBefore + 98_500n);
  });

  it('the PAN is in no table and no answer', async () => {
    const { card } = await authorisedLive(10_000, 'automatic');
    const lines = (await dumpAllTables(t.db)).filter((line) => line.startsWith('payment'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.includes(card.pan))).toEqual([]);
    expect(seen.filter((body) => body.includes(card.pan) || body.includes('4000000000000002'))).toEqual([]);
  });
});
