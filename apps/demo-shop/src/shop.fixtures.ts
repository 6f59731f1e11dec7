import { createHmac } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { FetchLike } from './kassa-client.js';
import { OrderStore, type PaymentMode } from './orders.js';
import { demoShop, type ShopCredentials } from './plugin.js';

/**
 * The shop on a Fastify of its own with Kassa played by a function, for the shop's tests
 * (plugin.test.ts, disputes.test.ts): a buyer's forms, and webhooks signed as Kassa signs them.
 */

export const SHOP = 'http://shop.test';
export const KASSA = 'http://kassa.test';
export const KEYS: ShopCredentials = {
  test: { secretKey: 'sk_test_demo', webhookSecret: 'whsec_demo' },
  live: { secretKey: 'sk_live_demo', webhookSecret: 'whsec_live_demo' },
};
export const NOW = new Date('2026-05-12T10:00:00Z');

export interface Sent {
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

export function created(_sent: Sent, checkoutOrigin = KASSA): Response {
  return Response.json(
    { id: 'pay_0123', status: 'requires_payment_method', checkoutUrl: `${checkoutOrigin}/checkout/pay_0123#tok` },
    { status: 201 },
  );
}

/** Signed with the secret of the event's own mode unless the test names another. */
function signed(event: Record<string, unknown>, options: { secret?: string; at?: Date } = {}) {
  const body = JSON.stringify(event);
  const t = Math.floor((options.at ?? NOW).getTime() / 1000);
  const secret = options.secret ?? (event.livemode === true ? KEYS.live.webhookSecret : KEYS.test.webhookSecret);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return { body, signature: `t=${t},v1=${v1}` };
}

export function paymentEvent(type: string, orderId: string, extra: Record<string, unknown> = {}, id = `evt_${type}`) {
  return { id, type, created: 1, livemode: false, data: { id: 'pay_0123', object: 'payment', merchantOrderId: orderId, ...extra } };
}

/** The same event as Kassa sends it for a live payment. */
export function live<T extends Record<string, unknown>>(event: T): T & { livemode: true } {
  return { ...event, livemode: true };
}

export interface WebhookOptions {
  secret?: string;
  at?: Date;
  tamper?: (body: string) => string;
}

export async function startShop(credentials: ShopCredentials | null = KEYS, answer = created) {
  const store = new OrderStore();
  const kassa = fakeKassa(answer);
  const app: FastifyInstance = Fastify();
  await app.register(demoShop, {
    shopOrigin: SHOP,
    kassaOrigin: KASSA,
    credentials: async () => credentials,
    now: () => NOW,
    fetch: kassa.fetch,
    store,
  });
  await app.ready();

  const form = (cookie: string) => ({ 'content-type': 'application/x-www-form-urlencoded', cookie });
  return {
    app,
    store,
    kassa,
    form,
    async basketWith(...items: string[]): Promise<string> {
      let cookie = '';
      for (const item of items) {
        const response = await app.inject({ method: 'POST', url: '/demo-shop/basket/add', headers: form(cookie), payload: `item=${item}` });
        expect(response.statusCode).toBe(303);
        cookie = String(response.headers['set-cookie']).split(';')[0] ?? '';
      }
      return cookie;
    },
    /** The pay button; without a mode the form is posted empty, as before the choice existed. */
    pay(cookie: string, headers: Record<string, string> = {}, mode?: PaymentMode) {
      if (!mode) return app.inject({ method: 'POST', url: '/demo-shop/orders', headers: { cookie, ...headers } });
      return app.inject({ method: 'POST', url: '/demo-shop/orders', headers: { ...form(cookie), ...headers }, payload: `mode=${mode}` });
    },
    webhook(event: Record<string, unknown>, options: WebhookOptions = {}) {
      const { body, signature } = signed(event, options);
      return app.inject({
        method: 'POST',
        url: '/demo-shop/webhooks/kassa',
        headers: { 'content-type': 'application/json', 'kassa-signature': signature },
        payload: options.tamper ? options.tamper(body) : body,
      });
    },
  };
}

export type Shop = Awaited<ReturnType<typeof startShop>>;
