import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderStore } from './orders.js';
import { created, KASSA, KEYS, live, NOW, paymentEvent, SHOP, type Shop, startShop, type WebhookOptions } from './shop.fixtures.js';

let shop: Shop;
let app: FastifyInstance;
let store: OrderStore;
let kassa: Shop['kassa'];

async function start(credentials: typeof KEYS | null = KEYS, answer = created) {
  shop = await startShop(credentials, answer);
  ({ app, store, kassa } = shop);
}

const basketWith = (...items: string[]) => shop.basketWith(...items);
const form = (cookie: string) => shop.form(cookie);
const pay = (cookie: string, headers: Record<string, string> = {}) => shop.pay(cookie, headers);
const webhook = (event: Record<string, unknown>, options: WebhookOptions = {}) => shop.webhook(event, options);

beforeEach(() => start());
afterEach(() => app.close());

describe('the demo shop’s pages', () => {
  it('shows the catalogue in Russian by default, in tenge, with the test cards, and switches to kk and en', async () => {
    const page = await app.inject({ url: '/demo-shop' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="ru">');
    expect(page.body).toContain('Чай «Алатау», 100 г');
    expect(page.body).toMatch(/2\s500\s₸/);
    expect(page.body).toContain('Тестовые карты: 4000 0000 0000 0002');
    expect(page.body).toContain('код 111111');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect((await app.inject({ url: '/demo-shop?lang=kk' })).body).toContain('«Алатау» шайы');
    const english = await app.inject({ url: '/demo-shop?lang=en' });
    expect(english.body).toContain('Alatau tea');
    // The choice is remembered for the next page.
    const remembered = String(english.headers['set-cookie']).split(';')[0] ?? '';
    expect((await app.inject({ url: '/demo-shop', headers: { cookie: remembered } })).body).toContain('<html lang="en">');
  });

  it('has no inline script or style, and serves its script and stylesheet', async () => {
    const page = await app.inject({ url: '/demo-shop' });
    expect(page.body).not.toMatch(/<script>|<style|style="/);
    expect((await app.inject({ url: '/demo-shop/assets/order.js' })).headers['content-type']).toContain('javascript');
    expect((await app.inject({ url: '/demo-shop/assets/shop.css' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/demo-shop/assets/..%2fplugin.ts' })).statusCode).toBe(404);
  });
});

describe('paying a basket', () => {
  it('creates the payment at Kassa with the order id as Idempotency-Key and redirects the buyer to the checkout', async () => {
    const cookie = await basketWith('tea', 'tea', 'mug');
    const response = await pay(cookie);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${KASSA}/checkout/pay_0123#tok`);
    expect(kassa.sent).toHaveLength(1);
    const [sent] = kassa.sent;
    const orderId = String(sent?.body.merchantOrderId);
    expect(orderId).toMatch(/^ord_[0-9a-f]{32}$/);
    expect(sent?.url).toBe(`${KASSA}/api/merchant/v1/payments`);
    expect(sent?.headers).toMatchObject({ authorization: 'Bearer sk_test_demo', 'idempotency-key': orderId });
    expect(sent?.body).toMatchObject({
      amountMinor: 2 * 250_000 + 420_000,
      currency: 'KZT',
      captureMethod: 'automatic',
      returnUrl: `${SHOP}/demo-shop/orders/${orderId}`,
    });
    const order = await app.inject({ url: `/demo-shop/orders/${orderId}` });
    expect(order.body).toContain('ожидает оплаты');
    expect(order.body).toContain('src="/demo-shop/assets/order.js"');
  });

  it('refuses a pay form posted from another site, and asks Kassa nothing', async () => {
    const cookie = await basketWith('kurt');
    const response = await pay(cookie, { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    expect(kassa.sent).toHaveLength(0);
  });

  it('adds up to ten of an item, removes it, and ignores a form from another site', async () => {
    const cookie = await basketWith(...Array.from({ length: 12 }, () => 'kurt'));
    expect(cookie).toBe('demo_shop_basket=kurt-10');
    const foreign = await app.inject({
      method: 'POST',
      url: '/demo-shop/basket/add',
      headers: { ...form(cookie), origin: 'https://evil.example' },
      payload: 'item=scarf',
    });
    expect(String(foreign.headers['set-cookie'])).toContain('demo_shop_basket=kurt-10;');
    const removed = await app.inject({ method: 'POST', url: '/demo-shop/basket/remove', headers: form(cookie), payload: 'item=kurt' });
    expect(String(removed.headers['set-cookie'])).toMatch(/^demo_shop_basket=; .*Max-Age=0/);
    const page = await app.inject({ url: '/demo-shop', headers: { cookie } });
    expect(page.body).toContain('× 10');
  });

  it('does not pay an empty basket, nor one of unknown items', async () => {
    expect((await pay('demo_shop_basket=gold-10')).statusCode).toBe(303);
    expect(kassa.sent).toHaveLength(0);
  });

  it('does not redirect to a checkout URL on another origin than Kassa’s', async () => {
    await app.close();
    await start(KEYS, (sent) => created(sent, 'https://phish.example'));
    const response = await pay(await basketWith('scarf'));
    expect(response.statusCode).toBe(502);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('Kassa сейчас не принимает платёж');
  });

  it('says it is not set up when it has no key', async () => {
    await app.close();
    await start(null);
    const response = await pay(await basketWith('tea'));
    expect(response.statusCode).toBe(503);
    expect(kassa.sent).toHaveLength(0);
  });
});

describe('the webhook receiver', () => {
  async function orderAwaiting(): Promise<string> {
    await pay(await basketWith('baursak'));
    return String(kassa.sent[0]?.body.merchantOrderId);
  }

  it('marks the order paid on a signed payment.succeeded, and the status poll says so', async () => {
    const orderId = await orderAwaiting();
    const response = await webhook(paymentEvent('payment.succeeded', orderId));
    expect(response.statusCode).toBe(200);
    expect(store.find(orderId)?.status).toBe('paid');
    const status = await app.inject({ url: `/demo-shop/orders/${orderId}/status?lang=en` });
    expect(status.json()).toEqual({ status: 'paid', text: 'paid (confirmed by webhook)' });
  });

  it('refuses with 400 a bad secret, an altered body and an old signature, and the order stays unpaid', async () => {
    const orderId = await orderAwaiting();
    const event = paymentEvent('payment.succeeded', orderId);
    expect((await webhook(event, { secret: 'whsec_guess' })).statusCode).toBe(400);
    expect((await webhook(event, { tamper: (body) => body.replace('"livemode":false', '"livemode":false ') })).statusCode).toBe(400);
    expect((await webhook(event, { at: new Date(NOW.getTime() - 6 * 60_000) })).statusCode).toBe(400);
    const unsigned = await app.inject({
      method: 'POST',
      url: '/demo-shop/webhooks/kassa',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(event),
    });
    expect(unsigned.statusCode).toBe(400);
    expect(store.find(orderId)?.status).toBe('awaiting_payment');
    // A refused attempt does not use up the event id: Kassa's properly signed retry still counts.
    expect((await webhook(event)).statusCode).toBe(200);
    expect(store.find(orderId)?.status).toBe('paid');
  });

  it('ignores a duplicate delivery of the same event id', async () => {
    const orderId = await orderAwaiting();
    expect((await webhook(paymentEvent('payment.failed', orderId, { failureCode: 'insufficient_funds' }, 'evt_1'))).statusCode).toBe(200);
    expect(store.find(orderId)).toMatchObject({ status: 'failed', failureCode: 'insufficient_funds' });
    const again = await webhook(paymentEvent('payment.succeeded', orderId, {}, 'evt_1'));
    expect(again.json()).toEqual({ received: true, duplicate: true });
    expect(store.find(orderId)?.status).toBe('failed');
    const status = await app.inject({ url: `/demo-shop/orders/${orderId}/status` });
    expect(status.json()).toEqual({ status: 'failed', text: 'не оплачен: недостаточно средств' });
  });

  it('marks a canceled payment not paid, and ignores an event of another payment that names the order', async () => {
    const orderId = await orderAwaiting();
    await webhook({ ...paymentEvent('payment.succeeded', orderId, {}, 'evt_other'), data: { id: 'pay_other', merchantOrderId: orderId } });
    expect(store.find(orderId)?.status).toBe('awaiting_payment');
    await webhook(paymentEvent('payment.canceled', orderId));
    expect(store.find(orderId)).toMatchObject({ status: 'failed', failureCode: 'canceled' });
  });

  it('keeps a paid order paid whatever comes after', async () => {
    const orderId = await orderAwaiting();
    await webhook(paymentEvent('payment.succeeded', orderId));
    await webhook(paymentEvent('payment.failed', orderId, { failureCode: 'card_declined' }));
    expect(store.find(orderId)?.status).toBe('paid');
  });

  it('refuses a signed body that is not an event (400), and answers 200 to an event about no order of its', async () => {
    expect((await webhook({ hello: 'world' })).statusCode).toBe(400);
    expect((await webhook(paymentEvent('payment.succeeded', 'ord_unknown'))).statusCode).toBe(200);
  });
});

describe('paying as a Kassa customer (live mode)', () => {
  async function liveOrder(): Promise<string> {
    const response = await shop.pay(await basketWith('baursak'), {}, 'live');
    expect(response.statusCode).toBe(303);
    return String(kassa.sent[0]?.body.merchantOrderId);
  }

  it('offers both ways to pay in ru, kk and en, the sandbox card chosen unless the buyer picks Kassa', async () => {
    const cookie = await basketWith('tea');
    const russian = (await app.inject({ url: '/demo-shop', headers: { cookie } })).body;
    expect(russian).toContain('<legend>Как оплатить</legend>');
    expect(russian).toContain('<input type="radio" name="mode" value="test" checked> Тестовой картой (песочница)');
    expect(russian).toContain('<input type="radio" name="mode" value="live"> Картой или кошельком Kassa');
    expect((await app.inject({ url: '/demo-shop?lang=kk', headers: { cookie } })).body).toContain('Kassa картасымен немесе әмиянымен');
    expect((await app.inject({ url: '/demo-shop?lang=en', headers: { cookie } })).body).toContain('With a Kassa card or e-wallet');
    // A form posted without the choice pays with the test key, as the shop did before it had one.
    await pay(cookie);
    expect(kassa.sent[0]?.headers.authorization).toBe('Bearer sk_test_demo');
  });

  it('creates the payment with the live key, and a signed live payment.succeeded marks the order paid', async () => {
    const orderId = await liveOrder();
    expect(kassa.sent[0]?.headers.authorization).toBe('Bearer sk_live_demo');
    expect(store.find(orderId)).toMatchObject({ mode: 'live', status: 'awaiting_payment' });
    expect((await app.inject({ url: `/demo-shop/orders/${orderId}?lang=en` })).body).toContain('Paid with: With a Kassa card or e-wallet');
    const response = await webhook(live(paymentEvent('payment.succeeded', orderId)));
    expect(response.json()).toEqual({ received: true, duplicate: false });
    expect(store.find(orderId)?.status).toBe('paid');
    const status = await app.inject({ url: `/demo-shop/orders/${orderId}/status?lang=en` });
    expect(status.json()).toEqual({ status: 'paid', text: 'paid (confirmed by webhook)' });
  });

  it('refuses with 400 a live event signed with the test secret, and the order stays unpaid', async () => {
    const orderId = await liveOrder();
    const event = live(paymentEvent('payment.succeeded', orderId));
    expect((await webhook(event, { secret: KEYS.test.webhookSecret })).statusCode).toBe(400);
    // Nor may the test secret's holder turn a live event into a test one by editing the flag.
    expect((await webhook(event, { tamper: (body) => body.replace('"livemode":true', '"livemode":false') })).statusCode).toBe(400);
    expect(store.find(orderId)?.status).toBe('awaiting_payment');
  });

  it('applies an event to an order of its own mode only', async () => {
    const liveOrderId = await liveOrder();
    // A properly signed test event naming the live order is not about it.
    expect((await webhook(paymentEvent('payment.succeeded', liveOrderId, {}, 'evt_t1'))).statusCode).toBe(200);
    expect(store.find(liveOrderId)?.status).toBe('awaiting_payment');
    await pay(await basketWith('kurt'));
    const testOrderId = String(kassa.sent[1]?.body.merchantOrderId);
    expect((await webhook(live(paymentEvent('payment.succeeded', testOrderId, {}, 'evt_l1')))).statusCode).toBe(200);
    expect(store.find(testOrderId)).toMatchObject({ mode: 'test', status: 'awaiting_payment' });
  });
});
