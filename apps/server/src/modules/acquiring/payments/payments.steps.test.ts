import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { ManualClock } from '../../../shared/clock.js';
import { availableOf, balanceOf } from '../../card-network/card-network.fixtures.js';
import { checkLedgerInvariants } from '../../ledger/index.js';
import { refundCard } from '../money/index.js';
import { merchantBalanceOf } from '../money/money.fixtures.js';
import { beginAuthentication, paymentsSweep, sweepPayments } from './index.js';
import { merchantForMoney } from './payment-money.js';
import { liveAuthorised, merchantCall, merchantWithKeys, paymentBody, type TestMerchant } from './payments.fixtures.js';
import { IDEMPOTENCY_KEYS_KEPT_MS, SWEEP_GRACE_MS } from './sweep.js';

// Issue 15 item 2: idempotent money POSTs, refusals that replay, and the sweep's finishing of each kind of step.

let t: TestApp;
let shop: TestMerchant;
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 4, 12, 6)) });
  shop = await merchantWithKeys(t);
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

const url = (id: string, step = '') => `/api/merchant/v1/payments/${id}${step}`;

async function swept() {
  t.clock.advance(SWEEP_GRACE_MS + 1000);
  return sweepPayments(t.app.ctx, t.clock.now());
}

describe('Idempotency-Key on the money POSTs', () => {
  it('a capture retried with its key gets the first answer; the key with another body is 422', async () => {
    const { payment } = await liveAuthorised(t, shop, 100_000);
    const first = await merchantCall(t, shop.liveKey, 'POST', url(payment.id, '/capture'), { amountMinor: 60_000 }, 'cap-1');
    expect(first.statusCode).toBe(200);
    const again = await merchantCall(t, shop.liveKey, 'POST', url(payment.id, '/capture'), { amountMinor: 60_000 }, 'cap-1');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect((await merchantCall(t, shop.liveKey, 'POST', url(payment.id, '/capture'), { amountMinor: 1 }, 'cap-1')).statusCode).toBe(422);
    expect((await merchantCall(t, shop.liveKey, 'POST', url(payment.id, '/capture'), {}, null)).statusCode).toBe(400);
  });

  it('a refusal replays as the same problem, in the language of the retry', async () => {
    const created = await merchantCall(t, shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody());
    const id = created.json().id;
    const refused = await merchantCall(t, shop.testKey, 'POST', url(id, '/capture'), {}, 'cap-2');
    expect(refused.statusCode).toBe(409);
    const ru = await t.app.inject({
      method: 'POST',
      url: url(id, '/capture'),
      headers: { authorization: `Bearer ${shop.testKey}`, 'accept-language': 'ru', 'idempotency-key': 'cap-2' },
      payload: {},
    });
    expect(ru.statusCode).toBe(409);
    expect(ru.json().type).toBe(refused.json().type);
    expect(ru.json().title).toMatch(/нельзя списать/);
  });
});

describe('the sweep finishes what a crash left', () => {
  it('a lost authorisation answer: the attempt is voided, its hold released, the payment failed', async () => {
    const { card, payment } = await liveAuthorised(t, shop, 70_000);
    expect(await availableOf(t, card)).toBe(930_000n);
    // As if the engine held the money and the answer never came back to record.
    await t.db.query(
      `UPDATE payments SET status = 'requires_action', authorised_minor = 0, pending_step = 'authorise', pending_since = $2 WHERE id = $1`,
      [payment.id, t.clock.now()],
    );
    expect(await swept()).toBeGreaterThanOrEqual(1);
    const view = (await merchantCall(t, shop.liveKey, 'GET', url(payment.id))).json();
    expect(view).toMatchObject({ status: 'failed', failureCode: 'processing_error' });
    expect(await availableOf(t, card)).toBe(1_000_000n);
  });

  it('a cancellation whose release never ran: released and canceled', async () => {
    const { card, payment } = await liveAuthorised(t, shop, 80_000);
    await t.db.query(`UPDATE payments SET pending_step = 'release', pending_since = $2 WHERE id = $1`, [payment.id, t.clock.now()]);
    expect((await merchantCall(t, shop.liveKey, 'POST', url(payment.id, '/cancel'), {})).json().type).toMatch(/payment-busy$/);
    await swept();
    expect((await merchantCall(t, shop.liveKey, 'GET', url(payment.id))).json().status).toBe('canceled');
    expect(await availableOf(t, card)).toBe(1_000_000n);
  });

  it('a refund recorded and even paid, its result lost: finished once', async () => {
    const { card, payment, done } = await liveAuthorised(t, shop, 90_000, 'automatic');
    expect(done.status).toBe('succeeded');
    const refundId = `re_${'cd'.repeat(16)}`;
    await t.db.query(
      `INSERT INTO payment_refunds (id, payment_id, status, amount_minor, currency, created_at, updated_at) VALUES ($1, $2, 'pending', 40000, 'KZT', $3, $3)`,
      [refundId, payment.id, t.clock.now()],
    );
    const merchant = await merchantForMoney(t.app.ctx, shop.merchantId);
    const paid = await refundCard(t.app.ctx, {
      paymentId: payment.id,
      refundId,
      rrn: done.rrn ?? '',
      issuer: 'kassa',
      mode: 'live',
      merchant,
      amountMinor: 40_000n,
      currency: 'KZT',
    });
    expect(paid).toEqual({ ok: true });
    const merchantAfterRefund = await merchantBalanceOf(t, shop.merchantId);
    // The pending refund holds its amount back from another refund meanwhile.
    expect((await merchantCall(t, shop.liveKey, 'POST', url(payment.id, '/refunds'), { amountMinor: 50_001 })).statusCode).toBe(422);
    await swept();
    const refunds = (await merchantCall(t, shop.liveKey, 'GET', url(payment.id, '/refunds'))).json();
    expect(refunds.items).toMatchObject([{ id: refundId, status: 'succeeded', amountMinor: 40_000 }]);
    expect((await merchantCall(t, shop.liveKey, 'GET', url(payment.id))).json().refundedMinor).toBe(40_000);
    expect(await balanceOf(t, card)).toBe(950_000n);
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(merchantAfterRefund);
  });
});

describe('refusals', () => {
  it('a refund the merchant’s account cannot cover is a failed refund with its code; nothing moves', async () => {
    const poor = await merchantWithKeys(t);
    const { card, payment } = await liveAuthorised(t, poor, 100_000, 'automatic');
    // The merchant holds 98 500 of the 100 000: the MDR stays with the bank.
    const refund = await merchantCall(t, poor.liveKey, 'POST', url(payment.id, '/refunds'), {});
    expect(refund.statusCode).toBe(201);
    expect(refund.json()).toMatchObject({ status: 'failed', failureCode: 'merchant_balance_insufficient', amountMinor: 100_000 });
    expect(await balanceOf(t, card)).toBe(900_000n);
    expect((await merchantCall(t, poor.liveKey, 'GET', url(payment.id))).json().refundedMinor).toBe(0);
  });

  it('a canceled payment takes no authentication nor authorisation; a payment not captured no refund', async () => {
    const created = (await merchantCall(t, shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody())).json();
    expect((await merchantCall(t, shop.testKey, 'POST', url(created.id, '/refunds'), {})).json().type).toMatch(/payment-not-refundable$/);
    expect((await merchantCall(t, shop.testKey, 'POST', url(created.id, '/cancel'), {})).json().status).toBe('canceled');
    await expect(beginAuthentication(t.app.ctx, created.id, { threeDsServerTransId: 'x' })).rejects.toThrow('payment-not-payable');
  });
});

describe('retention', () => {
  it('keeps Idempotency-Keys past 24 hours and purges them after their window', async () => {
    await merchantCall(t, shop.testKey, 'POST', '/api/merchant/v1/payments', paymentBody(), 'kept-key');
    const sweep = paymentsSweep(() => t.app.ctx);
    t.clock.advance(25 * 60 * 60_000);
    expect((await sweep(t.db, t.clock.now())).payment_idempotency_keys).toBe(0);
    t.clock.advance(IDEMPOTENCY_KEYS_KEPT_MS);
    expect((await sweep(t.db, t.clock.now())).payment_idempotency_keys).toBeGreaterThan(0);
    const { rows } = await t.db.query(`SELECT 1 FROM payment_idempotency_keys WHERE key = 'kept-key'`);
    expect(rows).toEqual([]);
  });
});
