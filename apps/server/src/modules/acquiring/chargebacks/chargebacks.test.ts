import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { web } from '../../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { onUsPurchase } from '../../card-network/index.js';
import { balanceOf, reportOperation, sentByPhone } from '../../disputes/disputes.fixtures.js';
import { checkLedgerInvariants } from '../../ledger/index.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../../staff/staff.fixtures.js';
import { runPayouts } from '../money/index.js';
import { merchantBalanceOf } from '../money/money.fixtures.js';
import { liveAuthorised, merchantCall, merchantWithKeys, type TestMerchant } from '../payments/payments.fixtures.js';

// Issue 15 item 7: a cardholder's "this wasn't me" on a purchase Kassa acquired opens a chargeback
// against the merchant, who is told by webhook and may answer; the case's outcome decides it, and
// a lost one is charged back through the ledger (now, or before the merchant's next payout).

const DAY_MS = 86_400_000;

let t: TestApp;
let operator: TestStaff;
beforeAll(async () => {
  t = await createTestApp({ env: { DISPUTE_REFUND_APPROVAL_THRESHOLD_MINOR: '100000000' } });
});
// A fresh staff session each test: one test moves the clock past a session's life.
beforeEach(async () => {
  operator = await createTestStaff(t.app, 'operator');
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

function staffCall(method: 'GET' | 'POST', url: string, payload: Record<string, unknown> = {}) {
  return t.app.inject({ method, url, headers: staffHeaders(operator), ...(method === 'POST' ? { payload } : {}) });
}

/** A purchase of `amountMinor` at a fresh merchant, captured, that its cardholder then reports. */
async function disputedPurchase(amountMinor = 100_000) {
  const shop = await merchantWithKeys(t);
  const { card, payment, done } = await liveAuthorised(t, shop, amountMinor, 'automatic');
  expect(done.status).toBe('succeeded');
  const purchase = await onUsPurchase(t.db, done.rrn ?? '');
  if (!purchase) throw new Error('no on-us purchase');
  t.clock.advance(60_000);
  const disputeId = await reportOperation(t, card.owner.who, purchase.operationId, 'Я этого не покупал');
  const chargeback = (await merchantCall(t, shop.liveKey, 'GET', '/api/merchant/v1/disputes')).json().items[0];
  return { shop, card, paymentId: payment.id, operationId: purchase.operationId, disputeId, chargeback };
}

async function investigate(disputeId: string) {
  expect((await staffCall('POST', `/api/staff/v1/disputes/${disputeId}/investigate`)).statusCode).toBe(200);
}

async function eventTypes(shop: TestMerchant): Promise<string[]> {
  const events = (await merchantCall(t, shop.liveKey, 'GET', '/api/merchant/v1/events')).json().items;
  return events.map((event: { type: string }) => event.type);
}

describe('opening', () => {
  it('a report of a purchase opens a chargeback for what was captured; the merchant sees it and is told', async () => {
    const { shop, paymentId, disputeId, chargeback } = await disputedPurchase(100_000);
    expect(chargeback).toMatchObject({
      object: 'dispute',
      paymentId,
      status: 'needs_response',
      reason: 'fraudulent',
      amountMinor: 100_000,
      currency: 'KZT',
      response: null,
      lostMinor: null,
    });
    expect(new Date(chargeback.respondBy).getTime() - new Date(chargeback.createdAt).getTime()).toBe(7 * DAY_MS);
    const one = await merchantCall(t, shop.liveKey, 'GET', `/api/merchant/v1/disputes/${chargeback.id}`);
    expect(one.json()).toEqual(chargeback);
    expect(await eventTypes(shop)).toContain('dispute.created');
    // The case shows the merchant's side to the staff; the customer's view holds nothing of it.
    const staffCase = (await staffCall('GET', `/api/staff/v1/disputes/${disputeId}`)).json();
    expect(staffCase.chargeback).toMatchObject({ id: chargeback.id, status: 'needs_response', merchant: { id: shop.merchantId } });
    expect(staffCase.chargeback.merchant.legalName).toBe('ТОО «Демо Шоп»');
  });

  it('a test key sees no dispute, another merchant’s key gets the same 404 as an unknown id', async () => {
    const { shop, chargeback } = await disputedPurchase(50_000);
    expect((await merchantCall(t, shop.testKey, 'GET', '/api/merchant/v1/disputes')).json().items).toEqual([]);
    expect((await merchantCall(t, shop.testKey, 'GET', `/api/merchant/v1/disputes/${chargeback.id}`)).statusCode).toBe(404);
    const other = await merchantWithKeys(t);
    const foreign = await merchantCall(t, other.liveKey, 'GET', `/api/merchant/v1/disputes/${chargeback.id}`);
    const unknown = await merchantCall(t, other.liveKey, 'GET', `/api/merchant/v1/disputes/cb_${'0'.repeat(32)}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().type).toBe(unknown.json().type);
    const answer = await merchantCall(t, other.liveKey, 'POST', `/api/merchant/v1/disputes/${chargeback.id}/respond`, {
      kind: 'accept',
    });
    expect(answer.statusCode).toBe(404);
  });

  it('the merchant cannot refund a disputed payment beside its chargeback', async () => {
    const { shop, paymentId } = await disputedPurchase(40_000);
    const refund = await merchantCall(t, shop.liveKey, 'POST', `/api/merchant/v1/payments/${paymentId}/refunds`, { amountMinor: 1_000 });
    expect(refund.statusCode).toBe(409);
    expect(refund.json().type).toContain('payment-disputed');
  });

  it('a transfer’s case has no chargeback', async () => {
    const sent = await sentByPhone(t, 10_000);
    const disputeId = await reportOperation(t, sent.who, sent.operationId);
    expect((await staffCall('GET', `/api/staff/v1/disputes/${disputeId}`)).json().chargeback).toBeNull();
  });
});

describe('the merchant’s answer', () => {
  it('evidence needs words; an answer puts it under review, tells the merchant, and the staff read it', async () => {
    const { shop, disputeId, chargeback } = await disputedPurchase(30_000);
    const url = `/api/merchant/v1/disputes/${chargeback.id}/respond`;
    const empty = await merchantCall(t, shop.liveKey, 'POST', url, { kind: 'evidence', text: '   ' });
    expect(empty.statusCode).toBe(422);
    const answered = await merchantCall(t, shop.liveKey, 'POST', url, {
      kind: 'evidence',
      text: 'Доставлено курьером 12.05, подпись получателя.\nТрек KZ123',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'under_review', response: { kind: 'evidence' } });
    expect(await eventTypes(shop)).toContain('dispute.updated');
    const staffCase = (await staffCall('GET', `/api/staff/v1/disputes/${disputeId}`)).json();
    expect(staffCase.chargeback.response).toMatchObject({
      kind: 'evidence',
      text: 'Доставлено курьером 12.05, подпись получателя.\nТрек KZ123',
    });
    const audit = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'merchant.chargeback_responded' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit.rows[0]?.details).toMatchObject({ chargebackId: chargeback.id, kind: 'evidence' });
    expect(JSON.stringify(audit.rows[0]?.details)).not.toContain('курьером');
  });

  it('after its time, or once the case is decided, an answer is refused', async () => {
    const late = await disputedPurchase(20_000);
    t.clock.advance(8 * DAY_MS);
    const tooLate = await merchantCall(t, late.shop.liveKey, 'POST', `/api/merchant/v1/disputes/${late.chargeback.id}/respond`, {
      kind: 'accept',
    });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().type).toContain('chargeback-response-late');
    operator = await createTestStaff(t.app, 'operator');
    const decided = await disputedPurchase(20_000);
    await investigate(decided.disputeId);
    expect((await staffCall('POST', `/api/staff/v1/disputes/${decided.disputeId}/reject`, { reason: 'code-disclosed' })).statusCode).toBe(
      200,
    );
    const closed = await merchantCall(t, decided.shop.liveKey, 'POST', `/api/merchant/v1/disputes/${decided.chargeback.id}/respond`, {
      kind: 'accept',
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().type).toContain('chargeback-closed');
  });
});

describe('the outcome', () => {
  it('refunding the cardholder loses the chargeback: the merchant’s account pays what it holds, its next payout the rest', async () => {
    const { shop, card, disputeId, chargeback } = await disputedPurchase(100_000);
    // The capture left the merchant 100 000 less its 1.5 % MDR: the chargeback is for the whole purchase.
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(98_500n);
    const before = await balanceOf(t, card.owner.who, card.owner.currentAccountId);
    await investigate(disputeId);
    const tooMuch = await staffCall('POST', `/api/staff/v1/disputes/${disputeId}/refund`, { amountMinor: 100_001 });
    expect(tooMuch.statusCode).toBe(422);
    const refunded = await staffCall('POST', `/api/staff/v1/disputes/${disputeId}/refund`, { amountMinor: 100_000 });
    expect(refunded.statusCode).toBe(200);
    expect(refunded.json().chargeback).toMatchObject({ status: 'lost', lostMinor: 100_000, recoveredMinor: 98_500 });
    expect(await balanceOf(t, card.owner.who, card.owner.currentAccountId)).toBe(before + 100_000);
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(0n);
    const closed = (await merchantCall(t, shop.liveKey, 'GET', `/api/merchant/v1/disputes/${chargeback.id}`)).json();
    expect(closed).toMatchObject({ status: 'lost', lostMinor: 100_000 });
    expect(await eventTypes(shop)).toContain('dispute.closed');
    // The next day's sales: the 1 500 still owed comes out before the payout.
    await liveAuthorised(t, shop, 10_000, 'automatic');
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(9_850n);
    await runPayouts(t.app.ctx, t.clock.now());
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(0n);
    const balance = (await merchantCall(t, shop.liveKey, 'GET', '/api/merchant/v1/balance')).json();
    expect(balance.payouts[0]).toMatchObject({ amountMinor: 8_350 });
    const after = (await staffCall('GET', `/api/staff/v1/disputes/${disputeId}`)).json();
    expect(after.chargeback).toMatchObject({ lostMinor: 100_000, recoveredMinor: 100_000 });
  });

  it('two refunds of the case at once charge the merchant back once', async () => {
    const { shop, disputeId } = await disputedPurchase(60_000);
    await investigate(disputeId);
    const url = `/api/staff/v1/disputes/${disputeId}/refund`;
    const answers = await Promise.all([staffCall('POST', url, { amountMinor: 60_000 }), staffCall('POST', url, { amountMinor: 60_000 })]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(0n);
    expect(answers[0]?.json().chargeback).toMatchObject({ status: 'lost', lostMinor: 60_000, recoveredMinor: 59_100 });
  });

  it('rejecting the case wins the chargeback: nothing moves, and the merchant may refund again', async () => {
    const { shop, paymentId, disputeId, chargeback } = await disputedPurchase(50_000);
    await investigate(disputeId);
    const rejected = await staffCall('POST', `/api/staff/v1/disputes/${disputeId}/reject`, { reason: 'confirmed-by-customer' });
    expect(rejected.json().chargeback).toMatchObject({ status: 'won', lostMinor: null, recoveredMinor: 0 });
    expect(await merchantBalanceOf(t, shop.merchantId)).toBe(49_250n);
    expect((await merchantCall(t, shop.liveKey, 'GET', `/api/merchant/v1/disputes/${chargeback.id}`)).json().status).toBe('won');
    const refund = await merchantCall(t, shop.liveKey, 'POST', `/api/merchant/v1/payments/${paymentId}/refunds`, { amountMinor: 1_000 });
    expect(refund.statusCode).toBe(201);
  });

  it('the cardholder withdrawing the case withdraws the chargeback', async () => {
    const { shop, card, disputeId, chargeback } = await disputedPurchase(25_000);
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/disputes/${disputeId}/withdraw`,
      headers: web(card.owner.who),
      payload: {},
    });
    expect(withdrawn.statusCode).toBe(200);
    expect((await merchantCall(t, shop.liveKey, 'GET', `/api/merchant/v1/disputes/${chargeback.id}`)).json().status).toBe('withdrawn');
  });
});
