import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../i18n/en';
import { KitTexts } from '../../i18n/KitTexts';
import { kk } from '../../i18n/kk';
import { LOCALE_BY_LANGUAGE } from '../../i18n/resources';
import { ru } from '../../i18n/ru';
import { showLanguage, translationState } from '../../i18n/store';
import { type Chargeback, ChargebackPanel } from './ChargebackPanel';

// Server rendering has no store subscription: the panel reads the language from the store, as the
// web app's screen tests do (apps/web/src/features/checkout/checkout-screens.test.ts).
vi.mock('../../i18n', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../i18n')>();
  return {
    ...actual,
    useTranslation: () => translationState(),
    useLocale: () => ({ language: translationState().language, locale: LOCALE_BY_LANGUAGE[translationState().language] }),
  };
});

const NOW = new Date('2026-05-20T09:00:00Z');

function chargebackOf(overrides: Partial<Chargeback>): Chargeback {
  return {
    id: 'cb_0123',
    paymentId: 'pay_4f1c0b7e',
    merchant: { id: 'mch_42', displayName: 'DEMO SHOP', legalName: 'ТОО «Демо Шоп»' },
    status: 'needs_response',
    amountMinor: 1_250_000,
    currency: 'KZT',
    respondBy: '2026-05-19T09:00:00.000Z',
    response: null,
    lostMinor: null,
    recoveredMinor: 0,
    createdAt: '2026-05-12T09:00:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

function render(chargeback: Chargeback, caseOpen = true): string {
  return renderToStaticMarkup(h(MemoryRouter, null, h(KitTexts, null, h(ChargebackPanel, { chargeback, caseOpen, now: NOW }))));
}

/** The markup's visible text, spaces (and Intl's narrow no-break ones) folded. */
function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

describe('the chargeback panel of a dispute case', () => {
  beforeEach(() => showLanguage('ru', ru));

  it('shows a chargeback awaiting the merchant: merchant, payment id, amount, status, overdue deadline, what the steps do', () => {
    const markup = render(chargebackOf({}));
    const shown = text(markup);
    expect(shown).toContain('Чарджбэк мерчанту');
    expect(markup).toContain('href="/merchants/mch_42"');
    expect(shown).toContain('DEMO SHOP');
    expect(shown).toContain('ТОО «Демо Шоп»');
    expect(markup).toContain('<span class="mono">pay_4f1c0b7e</span>');
    expect(markup).toContain('aria-label="Скопировать номер платежа"');
    expect(shown).toContain('12 500,00 ₸');
    expect(markup).toMatch(/class="badge badge--warning">Ждёт ответа мерчанта</);
    expect(shown).toContain('Возврат клиенту спишет деньги с мерчанта; отказ оставит их мерчанту.');
    // The deadline has passed and the merchant has not answered: the date and a badge say so.
    expect(markup).toContain('class="chargeback__due--overdue"');
    expect(markup).toMatch(/badge--danger">Срок ответа прошёл</);
    expect(shown).toContain('Мерчант ещё не ответил.');
    expect(shown).not.toContain('Списано с мерчанта');
  });

  it('has no overdue look before the deadline, nor once the merchant has answered', () => {
    expect(render(chargebackOf({ respondBy: '2026-05-26T09:00:00.000Z' }))).not.toContain('overdue');
    const answered = render(chargebackOf({ status: 'under_review', response: { kind: 'accept', text: null, at: NOW.toISOString() } }));
    expect(answered).not.toContain('overdue');
    expect(text(answered)).toContain('Согласен с чарджбэком');
  });

  it('shows a lost chargeback: the answer as text with its line breaks, charged back, recovered and still owed', () => {
    const lost = chargebackOf({
      status: 'lost',
      response: { kind: 'evidence', text: 'Курьер доставил заказ.\n<b>Подпись</b> клиента есть.', at: '2026-05-13T09:00:00.000Z' },
      lostMinor: 1_250_000,
      recoveredMinor: 400_000,
      closedAt: '2026-05-20T08:00:00.000Z',
    });
    const markup = render(lost, false);
    const shown = text(markup);
    expect(markup).toMatch(/class="badge badge--error">Мерчант проиграл</);
    expect(shown).toContain('Прислал доказательства');
    // The merchant's words are text, never markup; the line break stays for the CSS to keep.
    expect(markup).toContain('<p class="chargeback__response-text">Курьер доставил заказ.\n&lt;b&gt;Подпись&lt;/b&gt; клиента есть.</p>');
    expect(shown).toMatch(/Списано с мерчанта 12 500,00 ₸/);
    expect(shown).toMatch(/Уже оплачено со счёта мерчанта 4 000,00 ₸/);
    expect(shown).toMatch(/Осталось удержать из следующей выплаты 8 500,00 ₸/);
    // The case is closed: the steps are done, so no line about what they would do.
    expect(shown).not.toContain('Возврат клиенту спишет');
    expect(markup).not.toContain('overdue');
  });

  it('says it in Kazakh and English', () => {
    showLanguage('kk', kk);
    expect(text(render(chargebackOf({})))).toContain('Мерчанттың жауабын күтуде');
    showLanguage('en', en);
    const shown = text(render(chargebackOf({ status: 'lost', lostMinor: 1_250_000, recoveredMinor: 1_250_000 })));
    expect(shown).toContain('Lost by the merchant');
    expect(shown).toContain('Refunding the customer charges the merchant back; rejecting keeps the money with the merchant.');
    expect(shown).toMatch(/Still owed, taken from the next payout .*0\.00/);
  });
});
