import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, web } from '../../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { PROBLEM_BASE } from '../../../shared/problem.js';
import { paymentsSweep } from '../../acquiring/index.js';
import { accountBalance, checkLedgerInvariants, merchantAccountId, providerAccountId, systemAccountId } from '../../ledger/index.js';
import { kcellPhone, onayCard, type PaymentsWorld, payerWithMoney, startPaymentsWorld } from '../notify/notify.fixtures.js';
import { runProviderNotifications } from '../notify/notify.js';
import { selectNotifyState } from '../notify/notify.repo.js';
import { dayPayments } from '../registry/registry.js';
import { guestPays, guestStatus, payAtCheckout, seedBankMerchant } from './guest.fixtures.js';

// Issue 16 item 5: a guest without an agreement pays a provider by card through the hosted checkout
// and 3-D Secure, and gets the receipt by SMS; the provider hears of it like any other payment.

let t: TestApp;
let world: PaymentsWorld;
let merchantId: string;
let kcellId: string;
let onayId: string;

const balance = async (accountId: string) => (await accountBalance(t.db, accountId))?.balanceMinor ?? 0n;

async function checked(providerId: string, fields: Record<string, string>): Promise<{ checkId: string; holderName: string | null }> {
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/guest/payments/providers/${providerId}/check`, payload: { fields } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function topUp(phone: string, amountMinor: number, receiptPhone: string, language = 'en') {
  const { checkId } = await checked(kcellId, { phone });
  return guestPays(t, { providerId: kcellId, fields: { phone }, checkId, amountMinor, receiptPhone }, randomUUID(), language);
}

beforeAll(async () => {
  t = await createTestApp({ env: { PAYMENT_PROVIDER_TIMEOUT_MS: '2000' } });
  world = await startPaymentsWorld(t.app);
  merchantId = await seedBankMerchant(t);
  kcellId = await world.providerId('kcell');
  onayId = await world.providerId('onay');
});
afterAll(async () => {
  await world.simulator.close();
  await t.close();
});

describe('a guest paying a provider by card', () => {
  it('tops up a mobile number by card with 3-D Secure: the provider is paid, told once, and the receipt comes by SMS', async () => {
    const phone = kcellPhone();
    const providerBefore = await balance(providerAccountId(kcellId, 'KZT'));
    const acceptedBefore = world.simulator.stats.paymentsAccepted('kcell');
    const created = await topUp(phone, 200_000, '+7 701 555 01 01', 'ru');
    expect(created.status).toBe(201);
    expect(created.body.payment).toMatchObject({ status: 'awaiting_card', feeMinor: 0, totalMinor: 200_000 });
    expect(created.body.checkoutUrl).toMatch(/\/checkout\/pay_[0-9a-f]{32}#/);
    const { id } = created.body.payment;
    const { statusToken } = created.body;
    expect((await guestStatus(t, id, statusToken)).json()).toMatchObject({ status: 'awaiting_card', receiptPhone: '+7 701 *** ** 01' });

    expect(await payAtCheckout(t, created.body.checkoutUrl ?? '', '4000000000000101')).toMatchObject({ status: 'succeeded' });
    const paid = (await guestStatus(t, id, statusToken)).json();
    expect(paid).toMatchObject({ status: 'paid', cardLast4: '0101', providerStatus: 'pending', failureReason: null });
    expect(await balance(providerAccountId(kcellId, 'KZT'))).toBe(providerBefore + 200_000n);
    // The bank's merchant passes everything on: nothing stays to be paid out.
    expect(await balance(merchantAccountId(merchantId, 'KZT'))).toBe(0n);

    const sms = await allSms(t.app, '+77015550101');
    expect(sms).toHaveLength(1);
    expect(sms[0]).toContain('Kcell');
    expect(sms[0]).toContain(id);
    expect(sms[0]).toContain('*0101');
    expect(sms[0]).toContain('Банк никогда не спрашивает');
    // The phone is kept only until the receipt is queued.
    const { rows } = await t.db.query<{ sealed: string | null }>(
      'SELECT receipt_phone_sealed AS sealed FROM service_guest_payments WHERE id = $1',
      [id],
    );
    expect(rows[0]?.sealed).toBeNull();

    expect((await runProviderNotifications(t.app.ctx)).confirmed).toBeGreaterThanOrEqual(1);
    expect(await selectNotifyState(t.db, id)).toMatchObject({ providerStatus: 'confirmed' });
    expect(world.simulator.stats.paymentsAccepted('kcell')).toBe(acceptedBefore + 1);
    await runProviderNotifications(t.app.ctx);
    expect(world.simulator.stats.paymentsAccepted('kcell')).toBe(acceptedBefore + 1);

    // The day's registry lists it like a customer's payment.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: t.app.ctx.config.bankTimeZone }).format(t.clock.now());
    const { lines } = await dayPayments(t.app.ctx, kcellId, day);
    expect(lines.find((line) => line.paymentId === id)).toMatchObject({ amountMinor: 200_000n, accountLabel: expect.any(String) });
    expect((await checkLedgerInvariants(t.db)).ok).toBe(true);
  });

  it('takes the provider’s fee on top (Onay: 1 %): the card pays amount + fee, the fee goes to the bank', async () => {
    const feesBefore = await balance(systemAccountId('bank_fees', 'KZT'));
    const card = onayCard(777);
    const { checkId, holderName } = await checked(onayId, { card });
    // Anyone could try account numbers: a guest is told no holder's name.
    expect(holderName).toBeNull();
    const created = await guestPays(t, {
      providerId: onayId,
      fields: { card },
      checkId,
      amountMinor: 100_000,
      receiptPhone: '+77015550102',
    });
    expect(created.status).toBe(201);
    expect(created.body.payment).toMatchObject({ feeMinor: 1_000, totalMinor: 101_000 });
    expect(await payAtCheckout(t, created.body.checkoutUrl ?? '', '4000000000000002')).toMatchObject({ status: 'succeeded' });
    expect(await balance(systemAccountId('bank_fees', 'KZT'))).toBe(feesBefore + 1_000n);
    expect(await balance(merchantAccountId(merchantId, 'KZT'))).toBe(0n);
  });

  it('fails with the card’s reason when the card is declined: nothing moves, no receipt', async () => {
    const providerBefore = await balance(providerAccountId(kcellId, 'KZT'));
    const created = await topUp(kcellPhone(), 50_000, '+77015550103');
    expect(await payAtCheckout(t, created.body.checkoutUrl ?? '', '4000000000000309')).toMatchObject({ status: 'failed' });
    const failed = (await guestStatus(t, created.body.payment.id, created.body.statusToken, 'kk')).json();
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'Картада қаражат жеткіліксіз', providerStatus: null });
    expect(await balance(providerAccountId(kcellId, 'KZT'))).toBe(providerBefore);
    expect(await allSms(t.app, '+77015550103')).toEqual([]);
    const { rows } = await t.db.query('SELECT 1 FROM service_payments WHERE payment_id = $1', [created.body.payment.id]);
    expect(rows).toHaveLength(0);
  });

  it('moves the money once when the server dies as the card payment ends: the capture sweep finishes it', async () => {
    const providerBefore = await balance(providerAccountId(kcellId, 'KZT'));
    const created = await topUp(kcellPhone(), 30_000, '+77015550108');
    // As if the process died inside the transaction that ends the card payment: it rolls back whole.
    let crashes = 1;
    const crash = async () => {
      if (crashes-- > 0) throw new Error('simulated crash');
    };
    t.app.ctx.hooks.cardPaymentsEnded.push(crash);
    try {
      await payAtCheckout(t, created.body.checkoutUrl ?? '', '4000000000000002');
    } finally {
      t.app.ctx.hooks.cardPaymentsEnded.splice(t.app.ctx.hooks.cardPaymentsEnded.indexOf(crash), 1);
    }
    const { id } = created.body.payment;
    expect((await guestStatus(t, id, created.body.statusToken)).json()).toMatchObject({ status: 'awaiting_card' });
    expect(await balance(providerAccountId(kcellId, 'KZT'))).toBe(providerBefore);
    // The capture itself had committed: the bank's merchant holds the money until the sweep ends the payment.
    expect(await balance(merchantAccountId(merchantId, 'KZT'))).toBe(30_000n);
    const sweep = paymentsSweep(() => t.app.ctx);
    t.clock.advance(10 * 60_000);
    await sweep(t.db, t.clock.now());
    await sweep(t.db, t.clock.now());
    expect((await guestStatus(t, id, created.body.statusToken)).json()).toMatchObject({ status: 'paid' });
    expect(await balance(providerAccountId(kcellId, 'KZT'))).toBe(providerBefore + 30_000n);
    expect(await balance(merchantAccountId(merchantId, 'KZT'))).toBe(0n);
    expect(await allSms(t.app, '+77015550108')).toHaveLength(1);
    expect((await checkLedgerInvariants(t.db)).ok).toBe(true);
  });

  it('answers a retry with the same payment and new tokens; another body under the key is refused', async () => {
    const phone = kcellPhone();
    const { checkId } = await checked(kcellId, { phone });
    const body = { providerId: kcellId, fields: { phone }, checkId, amountMinor: 70_000, receiptPhone: '+77015550104' };
    const key = randomUUID();
    const first = await guestPays(t, body, key);
    const again = await guestPays(t, body, key);
    expect(again.status).toBe(201);
    expect(again.body.payment.id).toBe(first.body.payment.id);
    expect(again.body.statusToken).not.toBe(first.body.statusToken);
    expect((await guestStatus(t, first.body.payment.id, first.body.statusToken)).statusCode).toBe(404);
    expect((await guestStatus(t, first.body.payment.id, again.body.statusToken)).statusCode).toBe(200);
    // The first checkout link died with the retry; the new one pays.
    expect(await payAtCheckout(t, again.body.checkoutUrl ?? '', '4000000000000002')).toMatchObject({ status: 'succeeded' });
    const afterPaid = await guestPays(t, body, key);
    expect(afterPaid.body).toMatchObject({ payment: { status: 'paid' }, checkoutUrl: null });
    const other = await guestPays(t, { ...body, amountMinor: 80_000 }, key);
    expect(other.status).toBe(422);
    expect((other.body as unknown as { type: string }).type).toBe(`${PROBLEM_BASE}guest-payment-key-reused`);
  });

  it('refuses a wrong receipt phone, a missing check and a missing key, each with its reason', async () => {
    const phone = kcellPhone();
    const { checkId } = await checked(kcellId, { phone });
    const badPhone = await guestPays(
      t,
      { providerId: kcellId, fields: { phone }, checkId, amountMinor: 10_000, receiptPhone: '12345' },
      randomUUID(),
      'ru',
    );
    expect(badPhone.status).toBe(422);
    expect(JSON.stringify(badPhone.body)).toContain('/receiptPhone');
    const noCheck = await guestPays(t, { providerId: kcellId, fields: { phone }, amountMinor: 10_000, receiptPhone: '+77015550105' });
    expect((noCheck.body as unknown as { type: string }).type).toBe(`${PROBLEM_BASE}check-required`);
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guest/payments',
      payload: { providerId: kcellId, fields: { phone }, checkId, amountMinor: 10_000, receiptPhone: '+77015550105' },
    });
    expect(noKey.statusCode).toBe(400);
  });

  it('shows a payment only to the browser holding its token', async () => {
    const created = await topUp(kcellPhone(), 10_000, '+77015550106');
    const { id } = created.body.payment;
    for (const token of ['', 'x'.repeat(43), (await topUp(kcellPhone(), 10_000, '+77015550106')).body.statusToken]) {
      const refused = await guestStatus(t, id, token);
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain('Kcell');
    }
  });

  it('lets a signed-in customer pay by card the same way, the receipt to their own phone; a guest cannot call it', async () => {
    const payer = await payerWithMoney(t.app, 100n);
    const phone = kcellPhone();
    const { checkId } = await checked(kcellId, { phone });
    const body = { providerId: kcellId, fields: { phone }, checkId, amountMinor: 40_000 };
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/by-card',
      headers: { 'idempotency-key': randomUUID() },
      payload: body,
    });
    expect(anonymous.statusCode).toBe(401);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/by-card',
      headers: { ...web(payer.who), 'idempotency-key': randomUUID(), 'accept-language': 'en' },
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    const answer = created.json();
    expect(answer.payment.receiptPhone).toMatch(/^\+7 \d{3} \*\*\* \*\* \d{2}$/);
    expect(await payAtCheckout(t, answer.checkoutUrl, '4000000000000002')).toMatchObject({ status: 'succeeded' });
    const sms = await allSms(t.app, payer.who.phone);
    expect(sms.filter((text) => text.includes(answer.payment.id))).toHaveLength(1);
  });

  it('does not let a customer’s payment use a guest’s check', async () => {
    const payer = await payerWithMoney(t.app, 1_000_000n);
    const phone = kcellPhone();
    const { checkId } = await checked(kcellId, { phone });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: { ...web(payer.who), 'idempotency-key': randomUUID() },
      payload: {
        providerId: kcellId,
        sourceAccountId: payer.sourceAccountId,
        amountMinor: 10_000,
        currency: 'KZT',
        fields: { phone },
        checkId,
      },
    });
    expect(response.json().type).toBe(`${PROBLEM_BASE}check-required`);
  });
});

describe('guests’ payments without the bank’s merchant', () => {
  it('answer 503 and take nothing when no merchant is configured', async () => {
    const off = await createTestApp({ env: { GUEST_PAYMENTS_MERCHANT_ID: 'off' } });
    try {
      const offWorld = await startPaymentsWorld(off.app);
      const providerId = await offWorld.providerId('kindergarten');
      const response = await off.app.inject({
        method: 'POST',
        url: '/api/v1/guest/payments',
        headers: { 'idempotency-key': randomUUID(), 'accept-language': 'en' },
        payload: { providerId, fields: { iin: '900101300123' }, amountMinor: 10_000, receiptPhone: '+77015550107' },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json().type).toBe(`${PROBLEM_BASE}guest-payments-unavailable`);
      const { rows } = await off.db.query('SELECT 1 FROM payments');
      expect(rows).toHaveLength(0);
      await offWorld.simulator.close();
    } finally {
      await off.close();
    }
  });
});
