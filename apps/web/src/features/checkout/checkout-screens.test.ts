import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../i18n/en';
import { KitTexts } from '../../i18n/KitTexts';
import { kk } from '../../i18n/kk';
import { LOCALE_BY_LANGUAGE } from '../../i18n/resources';
import { ru } from '../../i18n/ru';
import { showLanguage, translationState } from '../../i18n/store';
import { CardForm } from './CardForm';
import { type CheckoutView, parseCheckoutView } from './checkout-api';
import { FinalScreen } from './FinalScreen';
import { OwnCards } from './OwnCards';
import { TestModeBanner } from './PaymentSummary';

// Server rendering has no store subscription: the screens read the language from the store, as
// card-screens.test.ts does.
vi.mock('../../i18n', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../i18n')>();
  return {
    ...actual,
    useTranslation: () => translationState(),
    useLocale: () => ({ language: translationState().language, locale: LOCALE_BY_LANGUAGE[translationState().language] }),
  };
});

function render(element: ReactElement): string {
  return renderToStaticMarkup(h(MemoryRouter, null, h(KitTexts, null, element)));
}

function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

function viewOf(overrides: Record<string, unknown>): CheckoutView {
  const view = parseCheckoutView({
    id: 'pay_01',
    status: 'succeeded',
    merchant: { displayName: 'Demo Shop', legalName: 'ТОО «Демо»', origin: 'https://shop.example.kz' },
    amountMinor: '400000',
    currency: 'KZT',
    description: null,
    orderId: null,
    testMode: true,
    returnUrl: 'https://shop.example.kz/orders/17',
    action: null,
    failure: null,
    card: { brand: 'visa', last4: '0101' },
    expiresAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  });
  if (!view) throw new Error('fixture is no view');
  return view;
}

const noPay = async () => null;

describe('the card form', () => {
  beforeEach(() => showLanguage('ru', ru));

  it('lets the browser fill the card, masks the CVC2 and never names a field the URL could carry', () => {
    const markup = render(h(CardForm, { amountMinor: 400_000n, currency: 'KZT', onPay: noPay }));
    expect(markup).toMatch(/autocomplete="cc-number"/i);
    expect(markup).toMatch(/autocomplete="cc-exp"/i);
    expect(markup).toMatch(/type="password"[^>]*autocomplete="cc-csc"|autocomplete="cc-csc"[^>]*type="password"/i);
    expect(markup).toMatch(/autocomplete="cc-name"/i);
    expect(markup).toMatch(/<form[^>]*method="post"/);
    expect(markup).toMatch(/inputmode="numeric"/i);
  });

  it('says the amount on the pay button in each language', () => {
    expect(text(render(h(CardForm, { amountMinor: 400_000n, currency: 'KZT', onPay: noPay })))).toContain('Оплатить 4 000,00 ₸');
    showLanguage('en', en);
    expect(text(render(h(CardForm, { amountMinor: 400_000n, currency: 'KZT', onPay: noPay })))).toMatch(/Pay .*4,000\.00/);
    showLanguage('kk', kk);
    expect(text(render(h(CardForm, { amountMinor: 400_000n, currency: 'KZT', onPay: noPay })))).toMatch(/4 000,00 ₸ төлеу/);
  });
});

describe('the sandbox banner', () => {
  beforeEach(() => showLanguage('ru', ru));

  it('lists the five sandbox cards and the challenge code', () => {
    const shown = text(render(h(TestModeBanner)));
    for (const card of ['4000 0000 0000 0002', '4000 0000 0000 0101', '4000 0000 0000 0200', '4000 0000 0000 0309', '4000 0000 0000 0408'])
      expect(shown).toContain(card);
    expect(shown).toContain('111111');
    expect(shown).toContain('Тестовый платёж');
  });
});

describe('the final screens', () => {
  beforeEach(() => showLanguage('ru', ru));

  it('says "paid" with the amount, the shop and the card, and offers the way back', () => {
    const markup = render(h(FinalScreen, { view: viewOf({}), kind: 'paid', onRefresh: () => undefined }));
    const shown = text(markup);
    expect(shown).toContain('Оплачено');
    expect(shown).toContain('4 000,00 ₸');
    expect(shown).toContain('Demo Shop');
    expect(shown).toContain('•••• 0101');
    expect(shown).toContain('Вернуться в магазин');
    expect(shown).toContain('Вернём вас в магазин через 5 с');
    expect(markup).toContain('href="https://shop.example.kz/orders/17"');
  });

  it('says why a payment failed, and never auto-returns a failed buyer', () => {
    const view = viewOf({ status: 'failed', failure: { code: 'authentication_failed', message: 'Покупка не подтверждена кодом' } });
    const shown = text(render(h(FinalScreen, { view, kind: 'failed', onRefresh: () => undefined })));
    expect(shown).toContain('Оплата не прошла');
    expect(shown).toContain('Причина: Покупка не подтверждена кодом');
    expect(shown).toContain('Вернуться в магазин');
    expect(shown).not.toContain('Вернём вас');
  });

  it('shows no link for a return URL that is not http(s)', () => {
    const markup = render(h(FinalScreen, { view: viewOf({ returnUrl: 'javascript:alert(1)' }), kind: 'paid', onRefresh: () => undefined }));
    expect(markup).not.toContain('javascript:');
    expect(text(markup)).not.toContain('Вернуться в магазин');
  });

  it('speaks Kazakh and English', () => {
    showLanguage('kk', kk);
    expect(text(render(h(FinalScreen, { view: viewOf({ status: 'canceled' }), kind: 'canceled', onRefresh: () => undefined })))).toContain(
      'Төлем тоқтатылды',
    );
    showLanguage('en', en);
    expect(text(render(h(FinalScreen, { view: viewOf({}), kind: 'paid', onRefresh: () => undefined })))).toContain('Back to the shop');
  });
});

describe('a Kassa customer’s cards', () => {
  beforeEach(() => showLanguage('ru', ru));

  it('disables a frozen and an internet-off card and says why', () => {
    const cards = [
      { id: 'crd_1', masked: '440043••••••1234', brand: 'visa' as const, status: 'active', internetPaymentsEnabled: true },
      { id: 'crd_2', masked: '440043••••••5678', brand: 'visa' as const, status: 'frozen', internetPaymentsEnabled: true },
      { id: 'crd_3', masked: '440043••••••9012', brand: 'visa' as const, status: 'active', internetPaymentsEnabled: false },
    ];
    const markup = render(h(OwnCards, { cards, wallets: [], amountMinor: 400_000n, currency: 'KZT', testMode: false, onPay: noPay }));
    const shown = text(markup);
    expect(shown).toContain('Оплатить картой Kassa');
    expect(shown).toContain('Visa 4400 43•• •••• 1234');
    expect(shown).toContain('Карта заморожена');
    expect(shown).toContain('Оплата в интернете выключена');
    expect(markup.match(/disabled=""/g)).toHaveLength(2);
    expect(markup).toMatch(/value="crd_1"[^>]*checked=""|checked=""[^>]*value="crd_1"/);
  });
});

describe('a Kassa customer’s e-wallet', () => {
  beforeEach(() => showLanguage('ru', ru));
  const card = { id: 'crd_1', masked: '440043••••••1234', brand: 'visa' as const, status: 'active', internetPaymentsEnabled: true };
  const wallet = { accountId: 'acc_w1', displayName: 'E-wallet', currency: 'KZT', availableMinor: 20_000_000n };
  const props = { cards: [] as (typeof card)[], wallets: [wallet], amountMinor: 400_000n, currency: 'KZT', testMode: false, onPay: noPay };

  it('lists the e-wallet with its balance beside the cards, the card still chosen first', () => {
    const markup = render(h(OwnCards, { ...props, cards: [card] }));
    const shown = text(markup);
    expect(shown).toContain('Оплатить через Kassa');
    expect(shown).toContain('Электронный кошелёк');
    expect(shown).toContain('Доступно 200 000,00 ₸');
    expect(shown).toContain('Оплата из кошелька подтверждается кодом из SMS, как оплата картой.');
    expect(shown).toContain('Оплатить 4 000,00 ₸ картой Kassa');
    expect(markup).toMatch(/value="crd_1"[^>]*checked=""|checked=""[^>]*value="crd_1"/);
    expect(markup).not.toContain('disabled=""');
  });

  it('chooses the e-wallet when it is the only way, and says so on the button', () => {
    const markup = render(h(OwnCards, props));
    expect(markup).toMatch(/value="acc_w1"[^>]*checked=""|checked=""[^>]*value="acc_w1"/);
    expect(text(markup)).toContain('Оплатить 4 000,00 ₸ из кошелька');
  });

  it('disables an e-wallet short of the amount, says why, and leaves nothing to press', () => {
    const markup = render(h(OwnCards, { ...props, wallets: [{ ...wallet, availableMinor: 100_000n }] }));
    expect(text(markup)).toContain('Недостаточно средств: доступно 1 000,00 ₸');
    expect(markup).toMatch(/value="acc_w1"[^>]*disabled=""|disabled=""[^>]*value="acc_w1"/);
    expect(markup).not.toMatch(/checked=""/);
    expect(markup).toMatch(/<button[^>]*disabled=""/);
    // No card listed: the disabled button names the e-wallet, and no code note for a wallet that cannot pay.
    expect(text(markup)).toContain('Оплатить 4 000,00 ₸ из кошелька');
    expect(text(markup)).not.toContain('подтверждается кодом из SMS');
  });

  it('disables the e-wallet in a test payment, which takes sandbox cards only', () => {
    const shown = text(render(h(OwnCards, { ...props, testMode: true })));
    expect(shown).toContain('В тестовом платеже кошельком не заплатить: нужна тестовая карта');
    expect(shown).not.toContain('Доступно');
  });

  it('speaks Kazakh and English', () => {
    showLanguage('kk', kk);
    const kazakh = text(render(h(OwnCards, props)));
    expect(kazakh).toContain('Электрондық әмиян');
    expect(kazakh).toContain('4 000,00 ₸ әмияннан төлеу');
    showLanguage('en', en);
    const english = text(render(h(OwnCards, { ...props, wallets: [{ ...wallet, availableMinor: 100_000n }] })));
    expect(english).toContain('E-wallet');
    expect(english).toMatch(/Not enough money: .*1,000\.00 available/);
  });
});
