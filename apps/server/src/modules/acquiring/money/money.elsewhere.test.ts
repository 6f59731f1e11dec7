import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { ManualClock } from '../../../shared/clock.js';
import type { SimulatedCardNetwork } from '../../card-network/index.js';
import { checkLedgerInvariants, getOperation } from '../../ledger/index.js';
import { createTestStaff, staffHeaders } from '../../staff/staff.fixtures.js';
import { createTestKey } from '../acquiring.fixtures.js';
import { authoriseCard, captureCard, issuerOf, refundCard, runPayouts } from './index.js';
import { frictionless, liveMerchant, merchantBalanceOf, newPaymentId, systemBalanceOf } from './money.fixtures.js';
import type { MerchantForMoney, PaymentMode, ThreeDsResult } from './money.types.js';

// Issue 15 item 5: other banks' cards through the network (its double answers by the sandbox
// table), test mode (the sandbox outcome, no money), and the daily payout to the merchant's IBAN.

let t: TestApp;
let merchant: MerchantForMoney;
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 4, 12, 6)) });
  merchant = await liveMerchant(t, 200);
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

function authorise(pan: string, mode: PaymentMode, threeDs: ThreeDsResult | null = frictionless(), amountMinor = 500_000n) {
  return authoriseCard(t.app.ctx, {
    paymentId: newPaymentId(),
    attempt: 1,
    mode,
    merchant,
    card: { pan, expiry: '3012', cvc2: '123', cardholderName: 'TEST BUYER' },
    amountMinor,
    currency: 'KZT',
    threeDs,
  });
}

describe('the issuer of a card', () => {
  it('test mode takes the sandbox cards only; live mode tells Kassa’s cards from others', () => {
    const ctx = t.app.ctx;
    expect(issuerOf(ctx, '4000000000000002', 'test')).toBe('sandbox');
    expect(issuerOf(ctx, '4400430000000000', 'test')).toBe('refused');
    expect(issuerOf(ctx, '4400430000000000', 'live')).toBe('kassa');
    expect(issuerOf(ctx, '4000000000000002', 'live')).toBe('other');
  });
});

describe('test mode', () => {
  it('answers by the sandbox table and moves no money', async () => {
    const fees = await systemBalanceOf(t, 'bank_fees');
    expect(await authorise('4000000000000002', 'test')).toMatchObject({ approved: true, issuer: 'sandbox' });
    expect(await authorise('4000000000000309', 'test')).toMatchObject({ approved: false, failureCode: 'insufficient_funds' });
    expect(await authorise('4000000000000408', 'test', { ...frictionless(), status: 'R' })).toMatchObject({
      approved: false,
      failureCode: 'authentication_rejected',
    });
    expect(await authorise('4000000000000200', 'test', { ...frictionless(), status: 'N' })).toMatchObject({
      approved: false,
      failureCode: 'authentication_failed',
    });
    expect(await authorise('4111111111111111', 'test')).toMatchObject({ approved: false, failureCode: 'card_declined' });
    expect(await authorise(`${t.app.ctx.config.cards.product.bin}0000000000`, 'test')).toMatchObject({
      approved: false,
      failureCode: 'test_mode_real_card',
    });
    const captured = await captureCard(t.app.ctx, {
      paymentId: newPaymentId(),
      captureId: `cap_${randomUUID()}`,
      rrn: '000000000001',
      authorisationCode: '123456',
      issuer: 'sandbox',
      mode: 'test',
      merchant,
      amountMinor: 500_000n,
      currency: 'KZT',
    });
    expect(captured).toEqual({ ok: true, feeMinor: 10_000n });
    expect(await merchantBalanceOf(t, merchant.id)).toBe(0n);
    expect(await systemBalanceOf(t, 'bank_fees')).toBe(fees);
  });
});

describe('another bank’s card, live', () => {
  it('is authorised through the network, and its capture credits the merchant from bank_settlement once', async () => {
    const sent = (t.app.ctx.cardNetwork as SimulatedCardNetwork).sent;
    const result = await authorise('4000000000000002', 'live');
    if (!result.approved) throw new Error(`declined ${result.failureCode}`);
    expect(result.issuer).toBe('other');
    expect(sent.at(-1)).toMatchObject({ purpose: 'purchase', rrn: result.rrn, merchantName: 'DEMO SHOP' });
    const settlement = await systemBalanceOf(t, 'bank_settlement');
    const input = {
      paymentId: newPaymentId(),
      captureId: `cap_${randomUUID()}`,
      rrn: result.rrn,
      authorisationCode: result.authorisationCode,
      issuer: 'other' as const,
      mode: 'live' as const,
      merchant,
      amountMinor: 500_000n,
      currency: 'KZT' as const,
    };
    expect(await captureCard(t.app.ctx, input)).toEqual({ ok: true, feeMinor: 10_000n });
    expect(await captureCard(t.app.ctx, input)).toEqual({ ok: true, feeMinor: 10_000n });
    expect(await merchantBalanceOf(t, merchant.id)).toBe(490_000n);
    expect(await systemBalanceOf(t, 'bank_settlement')).toBe(settlement - 500_000n);
    const refund = { ...input, refundId: `re_${randomUUID()}`, amountMinor: 90_000n };
    expect(await refundCard(t.app.ctx, refund)).toEqual({ ok: true });
    expect(await refundCard(t.app.ctx, refund)).toEqual({ ok: true });
    expect(await merchantBalanceOf(t, merchant.id)).toBe(400_000n);
    expect(await systemBalanceOf(t, 'bank_settlement')).toBe(settlement - 410_000n);
  });

  it('is declined by the sandbox table, and needs an authentication', async () => {
    expect(await authorise('4000000000000309', 'live')).toMatchObject({
      approved: false,
      failureCode: 'insufficient_funds',
      responseCode: '51',
    });
    expect(await authorise('4111111111111111', 'live')).toMatchObject({ approved: false, failureCode: 'card_declined' });
    expect(await authorise('4000000000000002', 'live', null)).toMatchObject({ approved: false, failureCode: 'authentication_required' });
  });
});

describe('payouts', () => {
  it('pay each merchant’s balance to bank_settlement once a day, with its row and its IBAN', async () => {
    const balance = await merchantBalanceOf(t, merchant.id);
    expect(balance).toBeGreaterThan(0n);
    const settlement = await systemBalanceOf(t, 'bank_settlement');
    const first = await runPayouts(t.app.ctx, t.clock.now());
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await runPayouts(t.app.ctx, t.clock.now())).toBe(0);
    expect(await merchantBalanceOf(t, merchant.id)).toBe(0n);
    const { rows } = await t.db.query<{ amount_minor: string; ledger_operation_id: string }>(
      'SELECT amount_minor::text, ledger_operation_id FROM merchant_payouts WHERE merchant_id = $1',
      [merchant.id],
    );
    expect(rows).toHaveLength(1);
    expect(BigInt(rows[0]?.amount_minor ?? 0)).toBe(balance);
    expect(await getOperation(t.db, rows[0]?.ledger_operation_id ?? '')).toMatchObject({ kind: 'acquiring.payout' });
    expect(await systemBalanceOf(t, 'bank_settlement')).toBeGreaterThanOrEqual(settlement + balance);
    // The next business day pays again (nothing to pay: no row).
    t.clock.advance(86_400_000);
    expect(await runPayouts(t.app.ctx, t.clock.now())).toBe(0);
  });

  it('are shown to the merchant (live key) and to staff, who may run them now', async () => {
    const admin = await createTestStaff(t.app, 'admin');
    const live = await createTestKey(t.app, admin, merchant.id, 'live');
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/merchant/v1/balance',
      headers: { authorization: `Bearer ${live.secret}` },
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ object: 'balance', mode: 'live', currency: 'KZT', availableMinor: 0 });
    expect(mine.json().payouts).toHaveLength(1);
    const staff = await t.app.inject({
      method: 'GET',
      url: `/api/staff/v1/merchants/${merchant.id}/balance`,
      headers: staffHeaders(admin),
    });
    expect(staff.statusCode).toBe(200);
    const run = await t.app.inject({ method: 'POST', url: '/api/staff/v1/merchant-payouts/run', headers: staffHeaders(admin) });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toEqual({ paid: 0 });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/merchant/v1/balance' });
    expect(anonymous.statusCode).toBe(401);
  });
});
