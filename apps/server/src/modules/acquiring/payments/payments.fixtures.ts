import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../../../test/harness.js';
import { authenticationInput, passedAuthentication } from '../../acs/acs.fixtures.js';
import { createTestStaff } from '../../staff/staff.fixtures.js';
import { createTestKey, createTestMerchant } from '../acquiring.fixtures.js';
import type { PresentedCard } from '../money/index.js';
import { buyerCard, presented } from '../money/money.fixtures.js';
import { authorisePayment } from './checkout.js';
import { merchantForMoney } from './payment-money.js';

/** Test helpers of the payment API: a merchant with a test and a live key, calls with a key, sandbox cards. */

export interface TestMerchant {
  merchantId: string;
  testKey: string;
  liveKey: string;
}

export async function merchantWithKeys(t: TestApp): Promise<TestMerchant> {
  const admin = await createTestStaff(t.app, 'admin');
  const merchantId = await createTestMerchant(t.app, admin, { legalName: 'ТОО «Демо Шоп»' });
  const testKey = (await createTestKey(t.app, admin, merchantId, 'test')).secret;
  const liveKey = (await createTestKey(t.app, admin, merchantId, 'live')).secret;
  return { merchantId, testKey, liveKey };
}

export function merchantCall(
  t: TestApp,
  key: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: Record<string, unknown>,
  idempotencyKey: string | null = randomUUID(),
) {
  return t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${key}`,
      'accept-language': 'en',
      ...(idempotencyKey && method === 'POST' ? { 'idempotency-key': idempotencyKey } : {}),
    },
    ...(payload ? { payload } : {}),
  });
}

export function paymentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amountMinor: 150_000,
    currency: 'KZT',
    returnUrl: 'https://shop.example.kz/orders/42?paid=1',
    description: 'Order 42',
    ...overrides,
  };
}

export function sandboxCard(pan: string): PresentedCard {
  return { pan, expiry: '3012', cvc2: '123', cardholderName: null };
}

/** A live payment created by `merchant` and authorised with a fresh Kassa card through the real 3-D Secure flow. */
export async function liveAuthorised(
  t: TestApp,
  merchant: TestMerchant,
  amountMinor: number,
  captureMethod: 'manual' | 'automatic' = 'manual',
) {
  const card = await buyerCard(t, 1_000_000n);
  const response = await merchantCall(
    t,
    merchant.liveKey,
    'POST',
    '/api/merchant/v1/payments',
    paymentBody({ amountMinor, captureMethod }),
  );
  if (response.statusCode !== 201) throw new Error(`payment: ${response.statusCode} ${response.body}`);
  const payment = response.json() as { id: string };
  // Kassa's ACS makes the value the on-us engine verifies, for this card, amount and merchant.
  const forMoney = await merchantForMoney(t.app.ctx, merchant.merchantId);
  const threeDs = await passedAuthentication(
    t,
    card,
    authenticationInput(card, BigInt(amountMinor), { paymentId: payment.id, merchant: forMoney }),
  );
  const done = await authorisePayment(t.app.ctx, payment.id, presented(card), threeDs);
  return { card, payment, done };
}
