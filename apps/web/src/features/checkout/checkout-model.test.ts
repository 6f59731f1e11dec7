import { describe, expect, it } from 'vitest';
import { cardFieldErrors, parseCheckoutView, parseOwnMethods } from './checkout-api';
import { minutesAndSeconds, safeReturnUrl, secondsUntil, tokenFromHash } from './checkout-model';
import { finalKindOf } from './FinalScreen';
import { unusableReason, walletUnusableReason } from './OwnCards';

const VIEW_BODY = {
  id: 'pay_01',
  status: 'requires_payment_method',
  merchant: { displayName: 'Demo Shop', legalName: 'ТОО «Демо»', origin: 'https://shop.example.kz' },
  amountMinor: '400000',
  currency: 'KZT',
  description: 'Кофе в зёрнах',
  orderId: 'A-17',
  testMode: true,
  returnUrl: 'https://shop.example.kz/orders/17',
  action: null,
  failure: null,
  card: null,
  expiresAt: '2026-12-03T12:00:00.000Z',
};

describe('the checkout view as the page reads it', () => {
  it('reads the contract’s string amount into minor units and keeps the rest', () => {
    const view = parseCheckoutView(VIEW_BODY);
    expect(view?.amountMinor).toBe(400_000n);
    expect(view?.merchant.displayName).toBe('Demo Shop');
    expect(view?.testMode).toBe(true);
    expect(parseCheckoutView({ ...VIEW_BODY, amountMinor: 400_000 })?.amountMinor).toBe(400_000n);
  });

  it('refuses a body that is no view rather than showing a half-known payment', () => {
    expect(parseCheckoutView(null)).toBeNull();
    expect(parseCheckoutView({ ...VIEW_BODY, status: 'paid' })).toBeNull();
    expect(parseCheckoutView({ ...VIEW_BODY, amountMinor: '4 000' })).toBeNull();
    expect(parseCheckoutView({ ...VIEW_BODY, amountMinor: 1.5 })).toBeNull();
    expect(parseCheckoutView({ ...VIEW_BODY, merchant: 'Demo' })).toBeNull();
  });

  it('takes the challenge, the failure and the card, and names an unknown brand "other"', () => {
    const view = parseCheckoutView({
      ...VIEW_BODY,
      status: 'requires_action',
      action: { type: 'challenge', acsTransID: 'c5a1' },
      card: { brand: 'amex', last4: '0101' },
      failure: { code: 'authentication_failed', message: 'Код не подтверждён' },
    });
    expect(view?.action).toEqual({ type: 'challenge', acsTransID: 'c5a1' });
    expect(view?.card).toEqual({ brand: 'other', last4: '0101' });
    expect(view?.failure?.message).toBe('Код не подтверждён');
  });

  it('gives each status its screen, and a payment past its time the expired one', () => {
    const at = Date.parse('2026-12-03T11:00:00.000Z');
    const view = parseCheckoutView(VIEW_BODY);
    if (!view) throw new Error('no view');
    expect(finalKindOf(view, at)).toBeNull();
    expect(finalKindOf(view, Date.parse('2026-12-03T12:00:01.000Z'))).toBe('expired');
    expect(finalKindOf({ ...view, status: 'succeeded' }, at)).toBe('paid');
    expect(finalKindOf({ ...view, status: 'requires_capture' }, at)).toBe('paid');
    expect(finalKindOf({ ...view, status: 'failed' }, at)).toBe('failed');
    expect(finalKindOf({ ...view, status: 'canceled' }, at)).toBe('canceled');
    expect(finalKindOf({ ...view, status: 'processing' }, at)).toBe('processing');
    expect(finalKindOf({ ...view, status: 'requires_action' }, at)).toBeNull();
  });
});

describe('what the page trusts', () => {
  it('goes back to the shop only over http(s)', () => {
    expect(safeReturnUrl('https://shop.example.kz/orders/17')).toBe('https://shop.example.kz/orders/17');
    expect(safeReturnUrl('javascript:alert(1)')).toBeNull();
    expect(safeReturnUrl('data:text/html,<script>')).toBeNull();
    expect(safeReturnUrl('/relative')).toBeNull();
  });

  it('takes a token from the fragment only when it looks like one', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';
    expect(tokenFromHash(`#${token}`)).toBe(token);
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('#<img src=x>')).toBeNull();
  });

  it('maps a 422’s field errors from the contract’s shape and the pointer shape', () => {
    const failure = {
      status: 422,
      body: {
        type: 'https://mykassa.kz/problems/validation',
        title: 'x',
        status: 422,
        errors: [
          { field: 'pan', message: 'Номер с ошибкой' },
          { pointer: '/expiryYear', detail: 'Срок истёк' },
          { field: 'unknown', message: 'ignored' },
        ],
      },
    };
    expect(cardFieldErrors(failure)).toEqual({ pan: 'Номер с ошибкой', expiry: 'Срок истёк' });
    expect(cardFieldErrors({ status: null, body: null })).toEqual({});
  });
});

describe('the buyer’s own cards and the clocks', () => {
  it('says why a frozen, an internet-off or a closed card cannot pay', () => {
    const card = { id: 'crd_1', masked: '440043••••••1234', brand: 'visa' as const, status: 'active', internetPaymentsEnabled: true };
    expect(unusableReason(card)).toBeNull();
    expect(unusableReason({ ...card, status: 'frozen' })).toBe('ownFrozen');
    expect(unusableReason({ ...card, internetPaymentsEnabled: false })).toBe('ownInternetOff');
    expect(unusableReason({ ...card, status: 'closed' })).toBe('ownUnavailable');
  });

  it('counts down in whole seconds and prints minutes:seconds', () => {
    const now = Date.parse('2026-12-03T11:00:00.000Z');
    expect(secondsUntil('2026-12-03T11:04:05.000Z', now)).toBe(245);
    expect(secondsUntil('2026-12-03T10:59:00.000Z', now)).toBe(0);
    expect(secondsUntil(null, now)).toBe(0);
    expect(minutesAndSeconds(245)).toBe('4:05');
    expect(minutesAndSeconds(0)).toBe('0:00');
  });
});

describe('the own-cards answer', () => {
  it('reads the server’s network and internetEnabled as the brand and the internet switch', () => {
    const own = parseOwnMethods({
      cards: [{ id: 'crd_1', masked: '440043******1234', network: 'visa', status: 'active', internetEnabled: false, currency: 'KZT' }],
    });
    expect(own?.cards).toEqual([
      { id: 'crd_1', masked: '440043******1234', brand: 'visa', status: 'active', internetPaymentsEnabled: false },
    ]);
    // A server from before the e-wallet: cards alone, no wallet invented.
    expect(own?.wallets).toEqual([]);
    expect(parseOwnMethods({ items: [] })).toBeNull();
  });

  it('lists the e-wallets with their available balance in minor units, and drops one it cannot read', () => {
    const own = parseOwnMethods({
      wallets: [
        { accountId: 'acc_w1', displayName: 'E-wallet', currency: 'KZT', availableMinor: '200000' },
        { accountId: 'acc_w2', displayName: 'E-wallet', currency: 'KZT', availableMinor: '2 000' },
        { displayName: 'no id', currency: 'KZT', availableMinor: '100' },
      ],
      cards: [],
    });
    expect(own?.wallets).toEqual([{ accountId: 'acc_w1', displayName: 'E-wallet', currency: 'KZT', availableMinor: 200_000n }]);
  });
});

describe('the buyer’s e-wallet', () => {
  const wallet = { accountId: 'acc_w1', displayName: 'E-wallet', currency: 'KZT', availableMinor: 400_000n };

  it('pays an amount up to its available balance, not a tiyn more', () => {
    expect(walletUnusableReason(wallet, 400_000n, false)).toBeNull();
    expect(walletUnusableReason(wallet, 400_001n, false)).toBe('walletShort');
    expect(walletUnusableReason({ ...wallet, availableMinor: 0n }, 1n, false)).toBe('walletShort');
  });

  it('never pays a test payment, which takes sandbox cards only', () => {
    expect(walletUnusableReason(wallet, 100n, true)).toBe('walletTestMode');
  });
});
