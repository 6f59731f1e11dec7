import { readFileSync } from 'node:fs';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  BASKET_COOKIE,
  basketLines,
  cookieValue,
  isLanguage,
  LANGUAGE_COOKIE,
  parseBasket,
  QUANTITY_MAX,
  serializeBasket,
  setCookie,
} from './basket.js';
import { itemById, type Language } from './catalogue.js';
import { NOT_IN_KASSA_API, SHOP_PATH } from './html.js';
import { createPayment, type FetchLike } from './kassa-client.js';
import { MESSAGES } from './messages.js';
import { OrderStore, type PaymentMode } from './orders.js';
import { messagePage, orderPage, shopPage, statusText } from './pages.js';
import { webhookRoute } from './webhook-route.js';

/**
 * The demo shop as a Fastify plugin (issue 15 item 8), mounted by the Kassa server under /demo-shop
 * outside production. It talks to Kassa only as an outside merchant would: `fetch` to the API
 * with its own secret key, a redirect to the checkout URL, and signed webhooks it checks itself.
 */

/** One mode's pair, as a real shop reads it from its environment (KASSA_SECRET_KEY, KASSA_WEBHOOK_SECRET). */
export interface ShopModeCredentials {
  secretKey: string;
  webhookSecret: string;
}

/** A pair per mode: the test key pays with sandbox cards, the live key with a Kassa customer's own card or e-wallet. */
export type ShopCredentials = Record<PaymentMode, ShopModeCredentials>;

export interface DemoShopOptions {
  /** Where buyers reach the shop: its return URLs and the Origin its forms must come from. */
  shopOrigin: string;
  /** Where Kassa's API is: the checkout URL must be on it too, or the shop does not redirect there. */
  kassaOrigin: string;
  /** Asked when first needed, again while it answers null (the demo data not seeded yet). */
  credentials: () => Promise<ShopCredentials | null>;
  now?: () => Date;
  fetch?: FetchLike;
  /** The orders (tests read them); a fresh in-memory store otherwise. */
  store?: OrderStore;
}

// The policy of the shop's pages: its own files only, and forms may go to Kassa's checkout (the
// pay button's answer redirects there, and form-action covers redirects).
function contentSecurityPolicy(kassaOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    `form-action 'self' ${kassaOrigin}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const FORM_BYTES_MAX = 1024;
// Read once at start: two small files, served from memory.
const ASSETS = new Map([
  ['shop.css', { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./assets/shop.css', import.meta.url), 'utf8') }],
  ['favicon.svg', { type: 'image/svg+xml', body: readFileSync(new URL('./assets/favicon.svg', import.meta.url), 'utf8') }],
  ['order.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('./assets/order.js', import.meta.url), 'utf8') }],
]);
const ItemForm = Type.Object({ item: Type.String({ maxLength: 40 }) }, { additionalProperties: false });
const LanguageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 5 })) });
const HtmlPage = Type.String({ description: 'An HTML page' });
const OrderParams = Type.Object({ orderId: Type.String({ pattern: '^ord_[0-9a-f]{32}$' }) });
const OrderStatusAnswer = Type.Object({ status: Type.String(), text: Type.String() });

/**
 * The way to pay the buyer chose on the basket's form: live only when asked for by name, test
 * (sandbox cards) otherwise, as before the choice existed. Read from the parsed form without a
 * schema: a POST without a body (no choice made) is a test order, not a 400.
 */
function chosenMode(body: unknown): PaymentMode {
  return typeof body === 'object' && body !== null && 'mode' in body && body.mode === 'live' ? 'live' : 'test';
}

function languageOf(request: FastifyRequest, queried: string | undefined): Language {
  if (isLanguage(queried)) return queried;
  const remembered = cookieValue(request.headers.cookie, LANGUAGE_COOKIE);
  return isLanguage(remembered) ? remembered : 'ru';
}

/** A form must come from the shop's own page: another site's form never pays or fills a basket. */
function fromShopPage(request: FastifyRequest, shopOrigin: string): boolean {
  const origin = request.headers.origin;
  return origin === undefined || origin === shopOrigin;
}

export async function demoShop(parent: FastifyInstance, options: DemoShopOptions): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const store = options.store ?? new OrderStore();
  const now = options.now ?? (() => new Date());
  const secure = options.shopOrigin.startsWith('https:');
  const policy = contentSecurityPolicy(options.kassaOrigin);
  let credentials: Promise<ShopCredentials | null> | null = null;
  const credentialsNow = async (): Promise<ShopCredentials | null> => {
    credentials ??= options.credentials();
    const found = await credentials.catch(() => null);
    if (!found) credentials = null;
    return found;
  };

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BYTES_MAX },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', policy);
    // Kassa's own pages send no referrer at all; under that policy a browser posts the shop's forms
    // with `Origin: null`, and the Origin check would refuse every basket. Same-origin only: the
    // checkout, on Kassa's origin, still learns nothing of the shop's URLs.
    reply.header('referrer-policy', 'same-origin');
    // An order page is one buyer's: no shared cache keeps it.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  const html = (reply: FastifyReply, language: Language, body: string, status = 200) => {
    reply.header('set-cookie', setCookie(LANGUAGE_COOKIE, language, { path: SHOP_PATH, secure }));
    return reply.code(status).type('text/html; charset=utf-8').send(body);
  };
  const backToShop = (reply: FastifyReply, basket: Map<string, number>) =>
    reply
      .header('set-cookie', setCookie(BASKET_COOKIE, serializeBasket(basket), { path: SHOP_PATH, secure, clear: basket.size === 0 }))
      .redirect(`${SHOP_PATH}#basket`, 303);

  app.get(
    SHOP_PATH,
    { schema: { ...NOT_IN_KASSA_API, querystring: LanguageQuery, response: { 200: HtmlPage } } },
    async (request, reply) => {
      const language = languageOf(request, request.query.lang);
      return html(reply, language, shopPage(language, basketLines(parseBasket(cookieValue(request.headers.cookie, BASKET_COOKIE)))));
    },
  );

  app.get(
    `${SHOP_PATH}/assets/:name`,
    { schema: { ...NOT_IN_KASSA_API, params: Type.Object({ name: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      const asset = ASSETS.get(request.params.name);
      if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
      return reply.header('cache-control', 'no-cache').type(asset.type).send(asset.body);
    },
  );

  for (const [action, change] of [
    ['add', (count: number) => Math.min(count + 1, QUANTITY_MAX)],
    ['remove', () => 0],
  ] as const) {
    app.post(`${SHOP_PATH}/basket/${action}`, { schema: { ...NOT_IN_KASSA_API, body: ItemForm } }, async (request, reply) => {
      const basket = parseBasket(cookieValue(request.headers.cookie, BASKET_COOKIE));
      if (!fromShopPage(request, options.shopOrigin) || !itemById(request.body.item)) return backToShop(reply, basket);
      const quantity = change(basket.get(request.body.item) ?? 0);
      if (quantity === 0) basket.delete(request.body.item);
      else basket.set(request.body.item, quantity);
      return backToShop(reply, basket);
    });
  }

  app.post(`${SHOP_PATH}/orders`, { schema: { ...NOT_IN_KASSA_API, response: { 200: HtmlPage } } }, async (request, reply) => {
    const language = languageOf(request, undefined);
    const messages = MESSAGES[language];
    const lines = basketLines(parseBasket(cookieValue(request.headers.cookie, BASKET_COOKIE)));
    if (!fromShopPage(request, options.shopOrigin)) return html(reply, language, shopPage(language, [], messages.basketRefused), 403);
    if (lines.length === 0) return backToShop(reply, new Map());
    const keys = await credentialsNow();
    if (!keys) return html(reply, language, shopPage(language, lines, messages.notConfigured), 503);
    const order = store.create(lines, chosenMode(request.body), now());
    const created = await createPayment(
      { kassaOrigin: options.kassaOrigin, secretKey: keys[order.mode].secretKey, ...(options.fetch ? { fetch: options.fetch } : {}) },
      {
        orderId: order.id,
        amountMinor: order.totalMinor,
        description: `${MESSAGES.ru.order} ${order.id.slice(-8)}`,
        returnUrl: `${options.shopOrigin}${SHOP_PATH}/orders/${order.id}`,
      },
    );
    // A checkout URL on another origin would make the shop an open redirect for whoever answers as Kassa.
    if (!created.ok || new URL(created.checkoutUrl).origin !== options.kassaOrigin) {
      request.log.warn(
        { orderId: order.id, mode: order.mode, status: created.ok ? 'foreign checkout origin' : created.status },
        'demo shop: payment not created',
      );
      return html(reply, language, shopPage(language, lines, messages.kassaUnavailable), 502);
    }
    store.attachPayment(order.id, created.paymentId);
    reply.header('set-cookie', setCookie(BASKET_COOKIE, '', { path: SHOP_PATH, secure, clear: true }));
    return reply.redirect(created.checkoutUrl, 303);
  });

  app.get(
    `${SHOP_PATH}/orders/:orderId`,
    { schema: { ...NOT_IN_KASSA_API, params: OrderParams, querystring: LanguageQuery, response: { 200: HtmlPage, 404: HtmlPage } } },
    async (request, reply) => {
      const language = languageOf(request, request.query.lang);
      const order = store.find(request.params.orderId);
      if (!order) return html(reply, language, messagePage(language, MESSAGES[language].orderNotFound), 404);
      return html(reply, language, orderPage(order, language));
    },
  );

  app.get(
    `${SHOP_PATH}/orders/:orderId/status`,
    {
      schema: {
        ...NOT_IN_KASSA_API,
        params: OrderParams,
        querystring: LanguageQuery,
        response: { 200: OrderStatusAnswer, 404: OrderStatusAnswer },
      },
    },
    async (request, reply) => {
      const language = languageOf(request, request.query.lang);
      const order = store.find(request.params.orderId);
      if (!order) return reply.code(404).send({ status: 'not_found', text: MESSAGES[language].orderNotFound });
      return { status: order.status, text: statusText(order, language) };
    },
  );

  await app.register(webhookRoute, {
    store,
    now,
    secrets: async () => {
      const keys = await credentialsNow();
      return keys ? { test: keys.test.webhookSecret, live: keys.live.webhookSecret } : null;
    },
  });

  app.get(
    `${SHOP_PATH}/*`,
    { schema: { ...NOT_IN_KASSA_API, querystring: LanguageQuery, response: { 404: HtmlPage } } },
    async (request, reply) => {
      const language = languageOf(request, request.query.lang);
      return html(reply, language, messagePage(language, MESSAGES[language].pageNotFound), 404);
    },
  );
}
