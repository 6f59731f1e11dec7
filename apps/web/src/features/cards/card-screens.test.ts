import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { en } from '../../i18n/en';
import { KitTexts } from '../../i18n/KitTexts';
import { kk } from '../../i18n/kk';
import { LOCALE_BY_LANGUAGE } from '../../i18n/resources';
import { ru } from '../../i18n/ru';
import { showLanguage, translationState } from '../../i18n/store';
import { OperationRow } from '../../money/components';
import { operationFixture } from '../../money/operation.fixtures';
import { CardFilterChip } from '../history/CardFilterChip';
import { CardPicture } from './CardPicture';
import { cardFixture, detailsFixture } from './card.fixtures';

// Server rendering has no store subscription (useSyncExternalStore wants a server snapshot): the
// screens read the language straight from the store here, which is what the hooks return anyway.
vi.mock('../../i18n', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../i18n')>();
  return {
    ...actual,
    useTranslation: () => translationState(),
    useLocale: () => ({ language: translationState().language, locale: LOCALE_BY_LANGUAGE[translationState().language] }),
  };
});

/** The markup a screen renders, with the app's texts and a router, as a browser would get it. */
function render(element: ReactElement): string {
  return renderToStaticMarkup(h(MemoryRouter, null, h(KitTexts, null, element)));
}

/** The words a reader sees: the markup without its tags. */
function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the card picture', () => {
  beforeAll(() => showLanguage('ru', ru));

  it('shows the last four digits only, the kind, the expiry and the Latin name', () => {
    const shown = text(render(h(CardPicture, { card: cardFixture() })));
    expect(shown).toContain('•••• 1234');
    expect(shown).toContain('Виртуальная');
    expect(shown).toContain('08/29');
    expect(shown).toContain('AIGERIM SERIKOVA');
    expect(shown).not.toMatch(/\d{5,}/);
    expect(shown).not.toContain('CVC2');
  });

  it('shows the full number grouped and the CVC2 only while the details are given to it', () => {
    const shown = text(render(h(CardPicture, { card: cardFixture(), details: detailsFixture() })));
    expect(shown).toContain('4400 4300 0000 1234');
    expect(shown).toContain('CVC2 123');
  });

  it('says on the card that it is frozen, closed or expired', () => {
    expect(text(render(h(CardPicture, { card: cardFixture({ status: 'frozen' }) })))).toContain('Заморожена');
    expect(render(h(CardPicture, { card: cardFixture({ status: 'frozen' }) }))).toContain('card-picture--frozen');
    expect(text(render(h(CardPicture, { card: cardFixture({ status: 'closed' }) })))).toContain('Карта закрыта');
    expect(text(render(h(CardPicture, { card: cardFixture({ status: 'expired', kind: 'single_use' }) })))).toContain('Одноразовая');
  });

  it('speaks Kazakh and English as well', () => {
    showLanguage('kk', kk);
    expect(text(render(h(CardPicture, { card: cardFixture({ status: 'frozen', kind: 'single_use' }) })))).toContain('Бір реттік');
    showLanguage('en', en);
    expect(text(render(h(CardPicture, { card: cardFixture({ status: 'frozen' }) })))).toContain('Frozen');
    showLanguage('ru', ru);
  });
});

describe('a card purchase in the history', () => {
  beforeAll(() => showLanguage('ru', ru));
  const purchase = { kind: 'card' as const, payee: 'Magnum Cash&Carry', sourceAccountId: 'acc_1', destinationAccountId: null };

  it('is named by its merchant, with the card icon, and a declined one is struck through with its reason', () => {
    const declined = operationFixture({
      ...purchase,
      status: 'declined',
      declineReason: 'card-internet-off',
      declineReasonText: 'Оплата в интернете по карте отключена',
    });
    const markup = render(h('ul', null, h(OperationRow, { operation: declined })));
    expect(text(markup)).toContain('Magnum Cash&amp;Carry');
    expect(text(markup)).toContain('Покупка по карте');
    expect(text(markup)).toContain('Отклонено');
    expect(text(markup)).toContain('Оплата в интернете по карте отключена');
    expect(markup).toContain('operation__amount--struck');
    expect(markup).not.toContain('Перевод Magnum');
  });

  it('looks like money spent while on hold, and says the amount is held', () => {
    const held = operationFixture({ ...purchase, status: 'authorised' });
    const markup = render(h('ul', null, h(OperationRow, { operation: held })));
    expect(markup).not.toContain('operation__amount--struck');
    expect(markup).toContain('operation--out');
    expect(text(markup)).toContain('Одобрено, сумма заблокирована');
  });

  it('shows an approved and cleared purchase as an ordinary debit', () => {
    const markup = render(h('ul', null, h(OperationRow, { operation: operationFixture({ ...purchase, status: 'completed' }) })));
    expect(markup).toContain('operation--out');
    expect(text(markup)).not.toContain('Отклонено');
  });
});

describe('the card of a purchase in the history', () => {
  beforeAll(() => showLanguage('ru', ru));
  const card = { id: `crd_${'cd'.repeat(16)}`, last4: '4821' };
  const purchase = operationFixture({ kind: 'card', payee: 'SULPAK ONLINE', destinationAccountId: null, status: 'authorised', card });

  it('names the card "•••• 4821" beside the row, its own link to the card’s page, not a link inside the row’s link', () => {
    const markup = render(h('ul', null, h(OperationRow, { operation: purchase })));
    expect(text(markup)).toContain('Карта •••• 4821');
    expect(markup).toContain(`href="/cards/${card.id}"`);
    expect(markup).toContain('href="/operations/op_1"');
    expect(markup).toContain('operation--with-card');
    // The card's link closes the row's first: no <a> inside another.
    expect(markup).not.toMatch(/<a [^>]*>(?:(?!<\/a>).)*<a /s);
  });

  it('leaves the card out on the card’s own page, and for anything but a purchase', () => {
    const own = render(h('ul', null, h(OperationRow, { operation: purchase, showCard: false })));
    expect(own).not.toContain('/cards/');
    expect(own).not.toContain('operation--with-card');
    const transfer = render(h('ul', null, h(OperationRow, { operation: operationFixture() })));
    expect(transfer).not.toContain('/cards/');
  });

  it('says "Card" in English and Kazakh too', () => {
    showLanguage('en', en);
    expect(text(render(h('ul', null, h(OperationRow, { operation: purchase }))))).toContain('Card •••• 4821');
    showLanguage('kk', kk);
    expect(text(render(h('ul', null, h(OperationRow, { operation: purchase }))))).toContain('Карта •••• 4821');
    showLanguage('ru', ru);
  });
});

describe('the card filter chip of the history', () => {
  it('says the history is the card’s, and its button says it clears the filter, in each language', () => {
    const chip = (cardId: string) => render(h(CardFilterChip, { cardId, onClear: () => undefined }));
    const cardId = `crd_${'cd'.repeat(16)}`;
    showLanguage('ru', ru);
    expect(text(chip(cardId))).toContain('Операции по карте');
    expect(chip(cardId)).toContain('aria-label="Убрать фильтр по карте: Операции по карте"');
    showLanguage('kk', kk);
    expect(chip(cardId)).toContain('aria-label="Карта бойынша сүзгіні алып тастау: Карта бойынша операциялар"');
    showLanguage('en', en);
    expect(chip(cardId)).toContain('aria-label="Clear the card filter: Operations of the card"');
    showLanguage('ru', ru);
  });
});
