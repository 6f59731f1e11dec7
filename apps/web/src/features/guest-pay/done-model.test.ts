import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiFailure } from '../../api/problem';
import { en } from '../../i18n/en';
import { KitTexts } from '../../i18n/KitTexts';
import { LOCALE_BY_LANGUAGE } from '../../i18n/resources';
import { ru } from '../../i18n/ru';
import { showLanguage, translationState } from '../../i18n/store';
import { type DoneKnowledge, type DoneScreen, doneReducer, doneScreenOf, pollsAgain, STATUS_POLLS_MAX } from './done-model';
import { DoneOutcome } from './GuestDonePage';
import type { GuestPaymentView } from './guest-model';

// Server rendering has no store subscription: the screens read the language straight from the store.
vi.mock('../../i18n', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../i18n')>();
  return {
    ...actual,
    useTranslation: () => translationState(),
    useLocale: () => ({ language: translationState().language, locale: LOCALE_BY_LANGUAGE[translationState().language] }),
  };
});

function payment(overrides: Partial<GuestPaymentView> = {}): GuestPaymentView {
  return {
    id: `gpy_${'1a'.repeat(16)}`,
    status: 'awaiting_card',
    provider: { id: `prv_${'ab'.repeat(16)}`, name: { ru: 'Kcell', kk: 'Kcell', en: 'Kcell' } },
    accountLabel: '+7 701 555 12 34',
    amountMinor: 200_000,
    feeMinor: 0,
    totalMinor: 200_000,
    currency: 'KZT',
    receiptPhone: '+7 701 *** ** 01',
    cardLast4: null,
    failureReason: null,
    providerStatus: null,
    createdAt: '2026-12-01T10:00:00Z',
    endedAt: null,
    ...overrides,
  };
}

const known = (overrides: Partial<DoneKnowledge> = {}): DoneKnowledge => ({
  token: 'tok',
  payment: null,
  failure: null,
  polls: 0,
  ...overrides,
});
const failure = (status: number): ApiFailure => ({ status, body: { type: 'about:blank', title: 'x', status } });

function text(screen: DoneScreen): string {
  const markup = renderToStaticMarkup(h(MemoryRouter, null, h(KitTexts, null, h(DoneOutcome, { screen, onRefresh: () => undefined }))));
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

describe('what /pay/done shows', () => {
  it('says where to look, not an error, in a browser without the token or with one the bank does not know', () => {
    expect(doneScreenOf(known({ token: null })).kind).toBe('no-token');
    expect(doneScreenOf(known({ failure: failure(404) })).kind).toBe('no-token');
  });

  it('waits while the card has no answer, then says it is still waiting after about a minute of polls', () => {
    const waiting = known({ payment: payment(), polls: 3 });
    expect(doneScreenOf(waiting).kind).toBe('waiting');
    expect(pollsAgain(doneScreenOf(waiting), 3)).toBe(true);
    const long = known({ payment: payment(), polls: STATUS_POLLS_MAX });
    expect(doneScreenOf(long).kind).toBe('still-waiting');
    expect(pollsAgain(doneScreenOf(long), STATUS_POLLS_MAX)).toBe(false);
    // "Refresh" starts a new round of polls with the last answer kept on screen.
    const refreshed = doneReducer(long, { type: 'refreshed' });
    expect(doneScreenOf(refreshed).kind).toBe('waiting');
    expect(refreshed.payment).not.toBeNull();
  });

  it('keeps the last answer on screen when one poll fails, and shows an error only when nothing came yet', () => {
    const answered = doneReducer(known(), { type: 'answered', payment: payment() });
    const blip = doneReducer(answered, { type: 'failed', failure: failure(503) });
    expect(doneScreenOf(blip).kind).toBe('waiting');
    expect(doneScreenOf(doneReducer(known(), { type: 'failed', failure: failure(503) })).kind).toBe('error');
    expect(pollsAgain(doneScreenOf(doneReducer(known(), { type: 'failed', failure: failure(503) })), 1)).toBe(false);
  });

  it('stops asking once failed, and once paid when the provider has said its word', () => {
    expect(pollsAgain(doneScreenOf(known({ payment: payment({ status: 'failed' }) })), 1)).toBe(false);
    expect(pollsAgain(doneScreenOf(known({ payment: payment({ status: 'paid', providerStatus: 'pending' }) })), 1)).toBe(true);
    expect(pollsAgain(doneScreenOf(known({ payment: payment({ status: 'paid', providerStatus: 'confirmed' }) })), 1)).toBe(false);
  });
});

describe('the outcome as a guest reads it', () => {
  beforeAll(() => showLanguage('ru', ru));

  it('shows a paid payment as a receipt: provider, account, amount, fee, card, number, the SMS and the provider’s word', () => {
    const paid = payment({ status: 'paid', cardLast4: '0101', providerStatus: 'confirmed', endedAt: '2026-12-01T10:01:00Z' });
    const words = text({ kind: 'paid', payment: paid });
    expect(words).toContain('Оплачено');
    expect(words).toContain('2 000,00 ₸');
    expect(words).toContain('+7 701 555 12 34');
    expect(words).toContain('Без комиссии');
    expect(words).toContain('•0101');
    expect(words).toContain(paid.id);
    expect(words).toContain('Чек отправлен по SMS на номер +7 701 *** ** 01');
    expect(words).toContain('Принят поставщиком');
  });

  it('shows a failure with its reason, that no money was taken, and a way back to the form', () => {
    const failed = payment({ status: 'failed', failureReason: 'Недостаточно средств на карте', cardLast4: '0309' });
    const markup = renderToStaticMarkup(
      h(MemoryRouter, null, h(KitTexts, null, h(DoneOutcome, { screen: { kind: 'failed', payment: failed }, onRefresh: () => undefined }))),
    );
    expect(markup).toContain('Недостаточно средств на карте');
    expect(markup).toContain('Деньги не списаны.');
    expect(markup).toContain(`href="/pay/${failed.provider.id}"`);
  });

  it('offers "Refresh" when still waiting and says where to look without a token, in English too', () => {
    expect(text({ kind: 'still-waiting', payment: payment() })).toContain('Обновить');
    showLanguage('en', en);
    expect(text({ kind: 'no-token' })).toContain('Open this page on the device you paid on');
    expect(text({ kind: 'waiting', payment: payment() })).toContain('Waiting for the card’s answer');
  });
});
