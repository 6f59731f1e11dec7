import { CATALOGUE, itemById, LANGUAGES, type Language } from './catalogue.js';
import type { OrderLine } from './orders.js';

/**
 * The basket and the language live in the buyer's cookies, not on the server: nothing to expire,
 * and a stranger's request carries nobody's basket. SameSite=Lax keeps another site's form from
 * paying a basket; the Origin check in the routes covers browsers that send none.
 */

export const BASKET_COOKIE = 'demo_shop_basket';
export const LANGUAGE_COOKIE = 'demo_shop_lang';
/** Of one item: a demo basket, not a wholesale order. */
export const QUANTITY_MAX = 10;
/** A cookie longer than this is none of ours: it is ignored, not parsed. */
const COOKIE_LENGTH_MAX = 200;
const COOKIE_MAX_AGE_SECONDS = 7 * 24 * 3600;

export type Basket = Map<string, number>;

/** The named cookie's value from a Cookie header; undefined when absent. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}

/** `tea-2.mug-1`: known items only, quantities 1..QUANTITY_MAX; anything else is dropped. */
export function parseBasket(value: string | undefined): Basket {
  const basket: Basket = new Map();
  if (!value || value.length > COOKIE_LENGTH_MAX) return basket;
  for (const entry of value.split('.')) {
    const [id, count] = entry.split('-');
    const quantity = Number(count);
    if (id && itemById(id) && Number.isInteger(quantity) && quantity >= 1 && quantity <= QUANTITY_MAX) basket.set(id, quantity);
  }
  return basket;
}

export function serializeBasket(basket: Basket): string {
  return [...basket].map(([id, quantity]) => `${id}-${quantity}`).join('.');
}

export function basketLines(basket: Basket): OrderLine[] {
  // In catalogue order, whatever order the buyer added them in.
  return CATALOGUE.filter((item) => basket.has(item.id)).map((item) => ({ item, quantity: basket.get(item.id) ?? 0 }));
}

export function setCookie(name: string, value: string, options: { path: string; secure: boolean; clear?: boolean }): string {
  const attributes = [`${name}=${value}`, `Path=${options.path}`, 'HttpOnly', 'SameSite=Lax'];
  attributes.push(`Max-Age=${options.clear ? 0 : COOKIE_MAX_AGE_SECONDS}`);
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
