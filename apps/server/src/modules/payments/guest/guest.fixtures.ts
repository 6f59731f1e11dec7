import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../../../test/harness.js';
import { insertBankMerchant } from '../../acquiring/index.js';
import { createTestStaff } from '../../staff/staff.fixtures.js';

/** Guests' payments by card for the tests: the bank's merchant under the configured id, and a guest's way through the checkout. */

export async function seedBankMerchant(t: TestApp): Promise<string> {
  const merchantId = t.app.ctx.config.guestPayments.merchantId;
  if (!merchantId) throw new Error('the test app has no GUEST_PAYMENTS_MERCHANT_ID');
  const admin = await createTestStaff(t.app, 'admin');
  await t.db.transaction((tx) => insertBankMerchant(t.app.ctx, tx, { id: merchantId, staffId: admin.staffId }));
  return merchantId;
}

export interface Created {
  status: number;
  body: {
    payment: { id: string; status: string; feeMinor: number; totalMinor: number };
    checkoutUrl: string | null;
    statusToken: string;
  };
}

export async function guestPays(t: TestApp, payload: Record<string, unknown>, key = randomUUID(), language = 'en'): Promise<Created> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/guest/payments',
    headers: { 'idempotency-key': key, 'accept-language': language },
    payload,
  });
  return { status: response.statusCode, body: response.json() };
}

export function guestStatus(t: TestApp, id: string, token: string, language = 'en') {
  return t.app.inject({ url: `/api/v1/guest/payments/${id}`, headers: { 'x-guest-payment-token': token, 'accept-language': language } });
}

/** The hosted checkout as the page drives it, with a sandbox card of another bank: frictionless, or the challenge answered 111111. */
export async function payAtCheckout(t: TestApp, checkoutUrl: string, pan: string): Promise<{ status: string }> {
  const url = new URL(checkoutUrl);
  const paymentId = url.pathname.split('/').at(-1) ?? '';
  const call = (path: string, payload?: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/checkout/v1/payments/${paymentId}${path}`,
      headers: { 'x-checkout-token': url.hash.slice(1), 'idempotency-key': randomUUID(), 'accept-language': 'en' },
      ...(payload ? { payload } : {}),
    });
  const card = { pan, expiryMonth: 12, expiryYear: 2030, cvc2: '123', cardholderName: 'ALIYA NURLANOVA' };
  const started = (await call('/card', card)).json() as { status: string; action: { acsTransID: string } | null };
  if (started.status !== 'requires_action' || !started.action) return started;
  await t.app.inject({ method: 'POST', url: `/api/acs/v1/challenges/${started.action.acsTransID}/answer`, payload: { code: '111111' } });
  return (await call('/authentication-complete')).json() as { status: string };
}
