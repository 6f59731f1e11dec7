import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ru } from '../../i18n/ru';
import { showLanguage } from '../../i18n/store';
import { payWithOwn } from './checkout-api';

/**
 * The own-cards form's submit as the server meets it: the kind chosen picks the endpoint, and
 * both carry the checkout token, the CSRF token of the session and a key per submit. fetch is
 * the browser's, replaced here by a recorder that answers a view needing the challenge.
 */

const VIEW = {
  id: 'pay_01',
  status: 'requires_action',
  merchant: { displayName: 'Demo Shop', legalName: 'ТОО «Демо»', origin: 'https://shop.example.kz' },
  amountMinor: '400000',
  currency: 'KZT',
  description: null,
  orderId: null,
  testMode: false,
  returnUrl: 'https://shop.example.kz/orders/17',
  action: { type: 'challenge', acsTransID: '6f1c2f8e-2c1a-4c55-9a55-1f1b8e0c3d10' },
  failure: null,
  card: { brand: 'visa', last4: '0101' },
  expiresAt: '2030-01-01T00:00:00.000Z',
};

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function recordFetch(status = 200, answer: unknown = VIEW): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers)),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
    });
    return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

beforeEach(() => showLanguage('ru', ru));
afterEach(() => vi.unstubAllGlobals());

describe('paying with what the signed-in buyer chose', () => {
  it('posts an e-wallet to own-wallet with its account id and the headers own-card sends', async () => {
    const sent = recordFetch();
    const result = await payWithOwn('pay_01', 'tok_checkout_0123456789', { kind: 'wallet', id: 'acc_w1' }, 'csrf-1', 'key-1');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('/api/checkout/v1/payments/pay_01/own-wallet');
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.body).toEqual({ accountId: 'acc_w1' });
    expect(sent[0]?.headers).toMatchObject({
      'x-checkout-token': 'tok_checkout_0123456789',
      'idempotency-key': 'key-1',
      'x-csrf-token': 'csrf-1',
      'content-type': 'application/json',
      'accept-language': 'ru',
    });
    // The answer is the same view as own-card's: the page goes on to the challenge.
    expect(result.ok && result.data.status).toBe('requires_action');
    expect(result.ok && result.data.action?.acsTransID).toBe(VIEW.action.acsTransID);
  });

  it('posts a card to own-card with its card id, never to own-wallet', async () => {
    const sent = recordFetch();
    await payWithOwn('pay_01', 'tok_checkout_0123456789', { kind: 'card', id: 'crd_1' }, 'csrf-1', 'key-2');
    expect(sent.map((call) => call.url)).toEqual(['/api/checkout/v1/payments/pay_01/own-card']);
    expect(sent[0]?.body).toEqual({ cardId: 'crd_1' });
  });

  it('hands the page the 404 of a wallet that is not the buyer’s', async () => {
    const problem = { type: 'https://mykassa.kz/problems/checkout-wallet-not-found', title: 'E-wallet not found', status: 404 };
    recordFetch(404, problem);
    const result = await payWithOwn('pay_01', 'tok_checkout_0123456789', { kind: 'wallet', id: 'acc_other' }, null, 'key-3');
    expect(result).toEqual({ ok: false, aborted: false, failure: { status: 404, body: problem } });
  });
});
