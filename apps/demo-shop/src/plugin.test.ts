import { createHmac } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from './kassa-client.js';
import { OrderStore } from './orders.js';
import { demoShop } from './plugin.js';

const SHOP = 'http://shop.test';
const KASSA = 'http://kassa.test';
const KEYS = { secretKey: 'sk_test_demo', webhookSecret: 'whsec_demo' };
const NOW = new Date('2026-05-12T10:00:00Z');

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Kassa played by a function: records what the shop sent and answers as the payment API does. */
function fakeKassa(answer: (sent: Sent) => Response) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request = { url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) };
    sent.push(request);
    return answer(request);
  };
  return { sent, fetch };
}

function created(_sent: Sent, checkoutOrigin = KASSA): Response {
  return Response.json(
    { id: 'pay_0123', status: 'requires_payment_method', checkoutUrl: `${checkoutOrigin}/checkout/pay_0123#tok` },
    { status: 201 },
  );
}

function signed(event: Record<string, unknown>, options: { secret?: string; at?: Date } = {}) {
  const body = JSON.stringify(event);
  const t = Math.floor((options.at ?? NOW).getTime() / 1000);
  const v1 = createHmac('sha256', options.secret ?? KEYS.webhookSecret)
    .update(`${t}.${body}`)
    .digest('hex');
  return { body, signature: `t=${t},v1=${v1}` };
}

function paymentEvent(type: string, orderId: string, extra: Record<string, unknown> = {}, id = `evt_${type}`) {
  return { id, type, created: 1, livemode: false, data: { id: 'pay_0123', object: 'payment', merchantOrderId: orderId, ...extra } };
}

let app: FastifyInstance;
let store: OrderStore;
let kassa: ReturnType<typeof fakeKassa>;

async function start(credentials: typeof KEYS | null = KEYS, answer = created) {
  store = new OrderStore();
  kassa = fakeKassa(answer);
  app = Fastify();
  await app.register(demoShop, {
    shopOrigin: SHOP,
    kassaOrigin: KASSA,
    credentials: async () => credentials,
    now: () => NOW,
    fetch: kassa.fetch,
    store,
  });
  await app.ready();
}

async function basketWith(...items: string[]): Promise<string> {
  let cookie = '';
  for (const item of items) {
    const response = await app.inject({ method: 'POST', url: '/demo-shop/basket/add', headers: form(cookie), payload: `item=${item}` });
    expect(response.statusCode).toBe(303);
    cookie = String(response.headers['set-cookie']).split(';')[0] ?? '';
  }
  return cookie;
}

function form(cookie: string) {
  return { 'content-type': 'application/x-www-form-urlencoded', cookie };
}

async function pay(cookie: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/demo-shop/orders', headers: { cookie, ...headers } });
}

async function webhook(event: Record<string, unknown>, options: { secret?: string; at?: Date; tamper?: (body: string) => string } = {}) {
  const { body, signature } = signed(event, options);
  return app.inject({
    method: 'POST',
    url: '/demo-shop/webhooks/kassa',
    headers: { 'content-type': 'application/json', 'kassa-signature': signature },
    payload: options.tamper ? options.tamper(body) : body,
  });
}

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

describe('disputes on the shop’s payments', () => {
  function disputeEvent(type: string, status: string, id: string, extra: Record<string, unknown> = {}) {
    return {
      id,
      type,
      created: 1,
      livemode: false,
      data: {
        id: 'cb_0123',
        object: 'dispute',
        paymentId: 'pay_0123',
        status,
        reason: 'fraudulent',
        amountMinor: 180_000,
        currency: 'KZT',
        respondBy: '2026-05-19T10:00:00.000Z',
        response: null,
        lostMinor: null,
        createdAt: NOW.toISOString(),
        closedAt: null,
        ...extra,
      },
    };
  }

  async function orderPaid(): Promise<string> {
    await pay(await basketWith('baursak'));
    const orderId = String(kassa.sent[0]?.body.merchantOrderId);
    await webhook(paymentEvent('payment.succeeded', orderId));
    expect(store.find(orderId)?.status).toBe('paid');
    return orderId;
  }

  it('marks the order disputed on a signed dispute.created, found by its payment, on the page and the poll', async () => {
    const orderId = await orderPaid();
    const response = await webhook(disputeEvent('dispute.created', 'needs_response', 'evt_d1'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true, duplicate: false });
    expect(store.find(orderId)?.status).toBe('disputed');
    const page = await app.inject({ url: `/demo-shop/orders/${orderId}` });
    expect(page.body).toContain('оспорен держателем карты');
    expect(page.body).toContain('data-status="disputed"');
    expect((await app.inject({ url: `/demo-shop/orders/${orderId}?lang=kk` })).body).toContain('карта ұстаушысы дау ашты');
    const status = await app.inject({ url: `/demo-shop/orders/${orderId}/status?lang=en` });
    expect(status.json()).toEqual({ status: 'disputed', text: 'disputed by the cardholder: the bank is looking into it' });
    // The merchant's answer keeps it disputed; a late payment event does not undo the dispute.
    await webhook(disputeEvent('dispute.updated', 'under_review', 'evt_d2', { response: { kind: 'evidence', text: 'x', at: NOW } }));
    await webhook(paymentEvent('payment.failed', orderId, { failureCode: 'card_declined' }, 'evt_late'));
    expect(store.find(orderId)?.status).toBe('disputed');
  });

  it('says the chargeback is lost on dispute.closed lost, and no late event of that dispute reopens it', async () => {
    const orderId = await orderPaid();
    await webhook(disputeEvent('dispute.created', 'needs_response', 'evt_d1'));
    await webhook(disputeEvent('dispute.closed', 'lost', 'evt_d2', { lostMinor: 180_000, closedAt: NOW.toISOString() }));
    expect(store.find(orderId)?.status).toBe('chargeback_lost');
    await webhook(disputeEvent('dispute.updated', 'under_review', 'evt_d3'));
    expect(store.find(orderId)?.status).toBe('chargeback_lost');
    const status = await app.inject({ url: `/demo-shop/orders/${orderId}/status?lang=en` });
    expect(status.json()).toEqual({ status: 'chargeback_lost', text: 'chargeback lost: the bank gave the money back to the cardholder' });
    expect((await app.inject({ url: `/demo-shop/orders/${orderId}` })).body).toContain('чарджбэк проигран');
  });

  it('puts the order back to paid when the dispute is won or withdrawn, and a late open event changes nothing', async () => {
    const orderId = await orderPaid();
    await webhook(disputeEvent('dispute.created', 'needs_response', 'evt_d1'));
    await webhook(disputeEvent('dispute.closed', 'won', 'evt_d2', { closedAt: NOW.toISOString() }));
    expect(store.find(orderId)?.status).toBe('paid');
    // Delivered out of order: the dispute's earlier "open" event comes after its close.
    await webhook(disputeEvent('dispute.updated', 'under_review', 'evt_d0'));
    expect(store.find(orderId)?.status).toBe('paid');
    // Another dispute on the same payment, withdrawn by the cardholder.
    await webhook({
      ...disputeEvent('dispute.created', 'needs_response', 'evt_e1'),
      data: { id: 'cb_0456', paymentId: 'pay_0123', status: 'needs_response' },
    });
    expect(store.find(orderId)?.status).toBe('disputed');
    await webhook({
      ...disputeEvent('dispute.closed', 'withdrawn', 'evt_e2'),
      data: { id: 'cb_0456', paymentId: 'pay_0123', status: 'withdrawn' },
    });
    expect(store.find(orderId)?.status).toBe('paid');
  });

  it('ignores a dispute on another payment, a live one, and one of a status it does not know, with 200', async () => {
    const orderId = await orderPaid();
    const other = await webhook({
      ...disputeEvent('dispute.created', 'needs_response', 'evt_d1'),
      data: { id: 'cb_9', paymentId: 'pay_other', status: 'needs_response' },
    });
    expect(other.statusCode).toBe(200);
    expect((await webhook({ ...disputeEvent('dispute.created', 'needs_response', 'evt_d2'), livemode: true })).statusCode).toBe(200);
    expect((await webhook(disputeEvent('dispute.updated', 'escalated', 'evt_d3'))).statusCode).toBe(200);
    expect(store.find(orderId)?.status).toBe('paid');
  });

  it('refuses a signed dispute event without the payment (400), and a redelivery of it later still counts', async () => {
    const orderId = await orderPaid();
    const event = disputeEvent('dispute.created', 'needs_response', 'evt_d1');
    const { paymentId: _dropped, ...withoutPayment } = event.data;
    expect((await webhook({ ...event, data: withoutPayment })).statusCode).toBe(400);
    expect(store.find(orderId)?.status).toBe('paid');
    expect((await webhook(event)).statusCode).toBe(200);
    expect(store.find(orderId)?.status).toBe('disputed');
  });

  it('acknowledges an event type it does not know with 200 and changes nothing', async () => {
    const orderId = await orderPaid();
    const unknown = await webhook({
      id: 'evt_u1',
      type: 'payout.paid',
      created: 1,
      livemode: false,
      data: { id: 'po_1', paymentId: 'pay_0123' },
    });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toEqual({ received: true, duplicate: false });
    expect(store.find(orderId)?.status).toBe('paid');
  });
});
