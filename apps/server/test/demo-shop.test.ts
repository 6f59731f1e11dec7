import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { seedDemoData } from '../src/demo/seed.js';
import type { DemoSeeder } from '../src/demo/seeder.js';
import {
  acquiringDemoSeeder,
  authorisePayment,
  checkoutViewOf,
  DEMO_SHOP_MERCHANT_ID,
  demoShopCredentials,
  runWebhookDeliveries,
} from '../src/modules/acquiring/index.js';
import { staffDemoSeeder } from '../src/modules/staff/index.js';
import { systemClock } from '../src/shared/clock.js';
import { createTestApp, createTestDatabase, type TestApp, testConfig } from './harness.js';
import { PRODUCTION_CARD_KEYS } from './production-keys.js';

/**
 * The demo shop (apps/demo-shop, issue 15 item 8) against the real server over real HTTP: the
 * shop's pay button creates the payment through the merchant API with the key the seeded demo
 * merchant was given at start, Kassa's webhook worker delivers the signed event to the shop's
 * endpoint on this server, and the order is marked paid by it; a forged webhook is refused.
 */

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let t: TestApp;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // The real clock: the shop checks each signature's time against its own clock, as a real shop does.
  t = await createTestApp({ env: { PORT: String(port), PUBLIC_ORIGIN: origin }, clock: systemClock });
  await seedDemoData(t.app.ctx, [staffDemoSeeder as DemoSeeder, acquiringDemoSeeder as DemoSeeder]);
  await t.app.listen({ host: '127.0.0.1', port });
});

afterAll(() => t?.close());

/** A buyer's browser: the basket cookie kept between the shop's forms, redirects not followed. */
async function buy(...items: string[]): Promise<{ orderId: string; checkoutUrl: string }> {
  return buyIn('test', ...items);
}

/** The basket paid the way the buyer chose on its form: a sandbox card (test) or their Kassa card or e-wallet (live). */
async function buyIn(mode: 'test' | 'live', ...items: string[]): Promise<{ orderId: string; checkoutUrl: string }> {
  let cookie = '';
  for (const item of items) {
    const added = await fetch(`${origin}/demo-shop/basket/add`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin },
      body: `item=${item}`,
      redirect: 'manual',
    });
    expect(added.status).toBe(303);
    cookie = (added.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }
  const paid = await fetch(`${origin}/demo-shop/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin },
    body: `mode=${mode}`,
    redirect: 'manual',
  });
  expect(paid.status).toBe(303);
  const checkoutUrl = paid.headers.get('location') ?? '';
  const view = await checkoutViewOf(t.app.ctx, paymentIdOf(checkoutUrl));
  const orderId = new URL(view?.returnUrl ?? 'http://x/').pathname.split('/').at(-1) ?? '';
  return { orderId, checkoutUrl };
}

/** What the hosted checkout hands on for a sandbox card that passed 3-D Secure without a challenge. */
async function payOnCheckout(paymentId: string, pan: string) {
  const card = { pan, expiry: '3012', cvc2: '123', cardholderName: null };
  return authorisePayment(t.app.ctx, paymentId, card, { status: 'Y', eci: '05', authenticationValue: null, dsTransID: randomUUID() });
}

function paymentIdOf(checkoutUrl: string): string {
  return new URL(checkoutUrl).pathname.split('/').at(-1) ?? '';
}

async function orderStatus(orderId: string): Promise<{ status: string; text: string }> {
  return (await fetch(`${origin}/demo-shop/orders/${orderId}/status?lang=ru`)).json() as Promise<{ status: string; text: string }>;
}

describe('the demo shop as a merchant of Kassa', () => {
  it('pays an order through the payment API and marks it paid when the signed webhook arrives', async () => {
    const { orderId, checkoutUrl } = await buy('tea', 'mug');
    expect(checkoutUrl).toMatch(new RegExp(`^${origin}/checkout/pay_[0-9a-f]{32}#`));
    const paymentId = paymentIdOf(checkoutUrl);
    const view = await checkoutViewOf(t.app.ctx, paymentId);
    expect(view).toMatchObject({
      mode: 'test',
      merchantDisplayName: 'DEMO SHOP',
      amountMinor: 670_000n,
      currency: 'KZT',
      status: 'requires_payment_method',
      returnUrl: `${origin}/demo-shop/orders/${orderId}`,
    });
    expect(orderId).toMatch(/^ord_[0-9a-f]{32}$/);
    expect(await orderStatus(orderId)).toEqual({ status: 'awaiting_payment', text: 'ожидает оплаты' });

    // The buyer pays on the checkout with a frictionless sandbox card (the checkout's own part).
    expect((await payOnCheckout(paymentId, '4000000000000002')).status).toBe('succeeded');
    // Still waiting: only the webhook tells the shop, never the buyer's return.
    expect((await orderStatus(orderId)).status).toBe('awaiting_payment');
    const { delivered } = await runWebhookDeliveries(t.app.ctx);
    expect(delivered).toBeGreaterThanOrEqual(1);
    expect(await orderStatus(orderId)).toEqual({ status: 'paid', text: 'оплачен (подтверждено вебхуком)' });
    const page = await fetch(`${origin}/demo-shop/orders/${orderId}`);
    expect(await page.text()).toContain('оплачен (подтверждено вебхуком)');
  });

  it('shows a declined payment as not paid, with the reason', async () => {
    const { orderId, checkoutUrl } = await buy('kurt');
    await payOnCheckout(paymentIdOf(checkoutUrl), '4000000000000309');
    await runWebhookDeliveries(t.app.ctx);
    expect(await orderStatus(orderId)).toEqual({ status: 'failed', text: 'не оплачен: недостаточно средств' });
  });

  it('refuses a webhook with a bad signature and leaves the order unpaid', async () => {
    const { orderId, checkoutUrl } = await buy('scarf');
    const body = JSON.stringify({
      id: 'evt_forged',
      type: 'payment.succeeded',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { id: paymentIdOf(checkoutUrl), object: 'payment', merchantOrderId: orderId, status: 'succeeded' },
    });
    const timestampSeconds = Math.floor(Date.now() / 1000);
    const forged = createHmac('sha256', 'whsec_guessed').update(`${timestampSeconds}.${body}`).digest('hex');
    for (const signature of [`t=${timestampSeconds},v1=${forged}`, `t=${timestampSeconds - 600},v1=${forged}`, '']) {
      const answer = await fetch(`${origin}/demo-shop/webhooks/kassa`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'kassa-signature': signature } : {}) },
        body,
      });
      expect(answer.status).toBe(400);
    }
    expect((await orderStatus(orderId)).status).toBe('awaiting_payment');
  });

  it('creates a live payment, on the same checkout, when the buyer chooses to pay with Kassa', async () => {
    const { orderId, checkoutUrl } = await buyIn('live', 'tea');
    const view = await checkoutViewOf(t.app.ctx, paymentIdOf(checkoutUrl));
    expect(view).toMatchObject({
      mode: 'live',
      merchantDisplayName: 'DEMO SHOP',
      amountMinor: 250_000n,
      status: 'requires_payment_method',
    });
    expect(await orderStatus(orderId)).toEqual({ status: 'awaiting_payment', text: 'ожидает оплаты' });
  });

  it('the seeded merchant is the demo shop, in both modes, returning to the server’s origin', async () => {
    const { rows } = await t.db.query<{ display_name: string; return_origins: string[]; live_mode_enabled: boolean }>(
      'SELECT display_name, return_origins, live_mode_enabled FROM merchants WHERE id = $1',
      [DEMO_SHOP_MERCHANT_ID],
    );
    expect(rows).toEqual([{ display_name: 'DEMO SHOP', return_origins: [origin], live_mode_enabled: true }]);
  });
});

describe('the demo shop’s credentials at the next start', () => {
  it('are a new key and endpoint per mode, the earlier ones revoked, and the merchant follows PUBLIC_ORIGIN', async () => {
    // As a database seeded before the shop had a live mode, on another port.
    await t.db.query('UPDATE merchants SET return_origins = $2, live_mode_enabled = false WHERE id = $1', [
      DEMO_SHOP_MERCHANT_ID,
      ['http://localhost:1'],
    ]);
    const next = await demoShopCredentials(t.app.ctx);
    expect(next?.test.secretKey).toMatch(/^sk_test_/);
    expect(next?.live.secretKey).toMatch(/^sk_live_/);
    expect(next?.test.webhookSecret).toMatch(/^whsec_/);
    expect(next?.live.webhookSecret).toMatch(/^whsec_/);
    expect(next?.live.webhookSecret).not.toBe(next?.test.webhookSecret);
    const counts = await t.db.query<{ mode: string; keys: number; endpoints: number }>(
      `SELECT mode, (SELECT count(*)::int FROM merchant_api_keys k WHERE k.merchant_id = $1 AND k.status = 'active' AND k.mode = m.mode) AS keys,
              (SELECT count(*)::int FROM merchant_webhook_endpoints e WHERE e.merchant_id = $1 AND e.status = 'enabled' AND e.mode = m.mode) AS endpoints
       FROM (VALUES ('live'), ('test')) AS m(mode) ORDER BY mode`,
      [DEMO_SHOP_MERCHANT_ID],
    );
    expect(counts.rows).toEqual([
      { mode: 'live', keys: 1, endpoints: 1 },
      { mode: 'test', keys: 1, endpoints: 1 },
    ]);
    const merchant = await t.db.query<{ return_origins: string[]; live_mode_enabled: boolean }>(
      'SELECT return_origins, live_mode_enabled FROM merchants WHERE id = $1',
      [DEMO_SHOP_MERCHANT_ID],
    );
    expect(merchant.rows).toEqual([{ return_origins: [origin], live_mode_enabled: true }]);
    const events = await t.db.query<{ enabled_events: string[] }>(
      "SELECT enabled_events FROM merchant_webhook_endpoints WHERE merchant_id = $1 AND status = 'enabled'",
      [DEMO_SHOP_MERCHANT_ID],
    );
    for (const row of events.rows)
      expect(row.enabled_events).toEqual(expect.arrayContaining(['payment.succeeded', 'dispute.created', 'dispute.closed']));
    for (const key of [next?.test.secretKey, next?.live.secretKey]) {
      const listed = await fetch(`${origin}/api/merchant/v1/payments?limit=1`, { headers: { authorization: `Bearer ${key}` } });
      expect(listed.status).toBe(200);
    }
    // The shop still holds the key of this process's start, now revoked: its pay button fails softly.
    const added = await fetch(`${origin}/demo-shop/basket/add`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'item=tea',
      redirect: 'manual',
    });
    const cookie = (added.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const refused = await fetch(`${origin}/demo-shop/orders`, { method: 'POST', headers: { cookie }, redirect: 'manual' });
    expect(refused.status).toBe(502);
  });
});

describe('the demo shop in production', () => {
  it('is not served', async () => {
    const { db, drop } = await createTestDatabase();
    const app = await buildApp(
      testConfig({
        NODE_ENV: 'production',
        SMS_ADAPTER: 'http',
        SMS_HTTP_URL: 'https://sms.example.kz/send',
        SECRET_KEY: 'ab'.repeat(32),
        ...PRODUCTION_CARD_KEYS,
        PUBLIC_ORIGIN: 'https://mykassa.kz',
      }),
      { db, sms: { name: 'none', send: async () => undefined } },
    );
    try {
      await app.ready();
      expect((await app.inject({ url: '/demo-shop' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: '/demo-shop/webhooks/kassa', payload: {} })).statusCode).toBe(404);
      // Nor does anyone get its keys there: a live one would take real money.
      expect(await demoShopCredentials(app.ctx)).toBeNull();
    } finally {
      await app.close();
      await drop();
    }
  });
});
