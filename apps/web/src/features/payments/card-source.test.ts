import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { en } from '../../i18n/en';
import { KitTexts } from '../../i18n/KitTexts';
import { kk } from '../../i18n/kk';
import { LOCALE_BY_LANGUAGE } from '../../i18n/resources';
import { ru } from '../../i18n/ru';
import { showLanguage, translationState } from '../../i18n/store';
import { cardFixture } from '../cards/card.fixtures';
import { prefilledGuestPayState } from '../guest-pay/guest-state';
import { CARD_SOURCE, cardFlowPath, cardFlowPrefill, hasPayingCard } from './card-source';
import { ProviderForm } from './ProviderForm';
import { initialPayState } from './pay-state';
import { accountFixture, providerFixture } from './payment.fixtures';
import { savedPrefillOf } from './saved-model';

// Server rendering has no store subscription: the form reads the language straight from the store (as payment-form.test.ts).
vi.mock('../../i18n', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../i18n')>();
  return {
    ...actual,
    useTranslation: () => translationState(),
    useLocale: () => ({ language: translationState().language, locale: LOCALE_BY_LANGUAGE[translationState().language] }),
  };
});

const noop = () => undefined;
const handlers = { onField: noop, onSource: noop, onAmount: noop, onLineToggle: noop, onLineEdit: noop, onSubmit: noop, onRetry: noop };

/** The Kcell form's words, with the source chosen and "By card" offered or not. */
function formText(sourceAccountId: string, byCard: boolean, language: 'ru' | 'kk' | 'en' = 'ru'): string {
  const element = h(ProviderForm, {
    provider: providerFixture(),
    state: initialPayState({}, sourceAccountId),
    accounts: [accountFixture()],
    byCard,
    language,
    locale: LOCALE_BY_LANGUAGE[language],
    handlers,
  });
  return renderToStaticMarkup(h(MemoryRouter, null, h(KitTexts, null, element)))
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

describe('"By card" on a provider form', () => {
  beforeAll(() => showLanguage('ru', ru));

  it('is offered only with an active card: a frozen or closed one cannot pay', () => {
    expect(hasPayingCard([])).toBe(false);
    expect(hasPayingCard([cardFixture({ status: 'frozen' }), cardFixture({ status: 'closed' })])).toBe(false);
    expect(hasPayingCard([cardFixture({ status: 'closed' }), cardFixture({ status: 'active' })])).toBe(true);
  });

  it('sits beside the accounts in the source picker and turns the button into "Продолжить картой" once chosen', () => {
    expect(formText('acc_1', false)).not.toContain('Картой');
    const offered = formText('acc_1', true);
    expect(offered).toContain('Картой');
    expect(offered).toContain('Проверить');
    expect(offered).not.toContain('Продолжить картой');
    const chosen = formText(CARD_SOURCE, true);
    expect(chosen).toContain('Продолжить картой');
    expect(chosen).toContain('Картой Kassa или другого банка');
    expect(chosen).not.toContain('Проверить');
    // "Списать со счёта" would not fit a card: the picker is named for both.
    expect(chosen).toContain('Чем оплатить');
    expect(formText('acc_1', false)).toContain('Списать со счёта');
  });

  it('speaks Kazakh and English too', () => {
    showLanguage('kk', kk);
    expect(formText(CARD_SOURCE, true, 'kk')).toContain('Картамен жалғастыру');
    showLanguage('en', en);
    expect(formText(CARD_SOURCE, true, 'en')).toContain('Continue by card');
    showLanguage('ru', ru);
  });
});

describe('what "By card" carries to the card flow', () => {
  const kcell = providerFixture();

  it('takes the fields as the API writes them and the amount typed, in minor units', () => {
    const prefill = cardFlowPrefill(kcell, { values: { phone: '+7 701 555 12 34' }, amountText: '2 000,50' });
    expect(prefill).toEqual({ fields: { phone: '+77015551234' }, amountMinor: 200_050 });
  });

  it('leaves behind an amount it cannot read, or none, so the card form asks for it', () => {
    expect(cardFlowPrefill(kcell, { values: { phone: '+7 701 555 12 34' }, amountText: 'две тысячи' })).toEqual({
      fields: { phone: '+77015551234' },
    });
    expect(cardFlowPrefill(kcell, { values: {}, amountText: '0' })).toEqual({ fields: { phone: '' } });
  });

  it('arrives as the guest form’s first state through the router: the number in its mask, the amount as typed, no phone for the receipt', () => {
    const carried = savedPrefillOf(cardFlowPrefill(kcell, { values: { phone: '+7 701 555 12 34' }, amountText: '2000' }));
    const state = prefilledGuestPayState(kcell, carried);
    expect(state.values).toEqual({ phone: '+7 701 555 12 34' });
    expect(state.amountText).toBe('2000');
    expect(state.step).toBe('details');
    expect(state.sourceAccountId).toBe('');
    expect(state.receiptPhone).toBe('');
  });

  it('leads to the provider’s card page, its id kept inside the path', () => {
    expect(cardFlowPath(kcell.id)).toBe(`/pay/${kcell.id}`);
    expect(cardFlowPath('a/b')).toBe('/pay/a%2Fb');
  });
});
