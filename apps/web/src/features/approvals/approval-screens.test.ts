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
import { ApprovalBannerView } from './ApprovalBanner';
import { ApprovalResult } from './ApprovalResult';
import { ApprovalScreen } from './ApprovalScreen';
import type { PendingApproval } from './approvals-api';
import type { ApprovalOutcome } from './approvals-model';

// Server rendering has no store subscription: the screens read the language from the store, as
// checkout-screens.test.ts does.
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

const PHONE = '+7 727 000 00 00';
const inFiveMinutes = () => new Date(Date.now() + 300_000).toISOString();

function approvalOf(overrides: Partial<PendingApproval> = {}): PendingApproval {
  return {
    acsTransID: '6f1c9a52-8f0e-4a55-9d7e-2b1f3c4d5e6f',
    merchantName: 'DEMO SHOP',
    amountMinor: 700_000,
    currency: 'KZT',
    maskedPan: '440563••••••1234',
    expiresAt: inFiveMinutes(),
    ...overrides,
  };
}

const never = async (): Promise<ApprovalOutcome> => ({ kind: 'aborted' });

function screen(props: { canApprove?: boolean; initialStep?: 'review' | 'pin' | 'decline'; approval?: PendingApproval } = {}) {
  return render(
    h(ApprovalScreen, {
      approval: props.approval ?? approvalOf(),
      canApprove: props.canApprove ?? true,
      phone: PHONE,
      onApprove: never,
      onDecline: never,
      ...(props.initialStep ? { initialStep: props.initialStep } : {}),
    }),
  );
}

describe('the home banner', () => {
  beforeEach(() => showLanguage('ru', ru));

  it('names the amount and the shop of the purchase that runs out first and links to its screen', () => {
    const markup = render(
      h(ApprovalBannerView, { items: [approvalOf(), approvalOf({ acsTransID: 'other', merchantName: 'Arman Coffee' })] }),
    );
    const shown = text(markup);
    expect(shown).toContain('Подтвердите покупку: 7 000,00 ₸ в DEMO SHOP');
    expect(shown).toContain('Ещё покупок ждут подтверждения: 1');
    expect(shown).not.toContain('Arman Coffee');
    expect(markup).toContain('href="/approvals/6f1c9a52-8f0e-4a55-9d7e-2b1f3c4d5e6f"');
  });

  it('shows nothing when no purchase waits', () => {
    expect(render(h(ApprovalBannerView, { items: [] }))).toBe('');
  });

  it('speaks Kazakh and English', () => {
    showLanguage('kk', kk);
    expect(text(render(h(ApprovalBannerView, { items: [approvalOf()] })))).toContain('Сатып алуды растаңыз: DEMO SHOP, 7 000,00 ₸');
    showLanguage('en', en);
    expect(text(render(h(ApprovalBannerView, { items: [approvalOf()] })))).toMatch(/Approve a purchase: .*7,000\.00 at DEMO SHOP/);
  });
});

describe('the approval screen', () => {
  beforeEach(() => showLanguage('ru', ru));

  it('shows the shop, the amount, the card, the time left and the warning with the bank’s number', () => {
    const markup = screen();
    const shown = text(markup);
    expect(shown).toContain('DEMO SHOP');
    expect(shown).toContain('7 000,00 ₸');
    expect(shown).toContain('440563••••••1234');
    expect(shown).toMatch(/Осталось времени [45]:\d\d/);
    expect(shown).toContain('Если вы не совершали эту покупку — отклоните её и позвоните в банк.');
    expect(markup).toContain(`href="tel:${PHONE}"`);
    expect(shown).toContain('Подтвердить');
    expect(shown).toContain('Отклонить');
  });

  it('explains the SMS code instead when this session or browser cannot approve, and still lets decline', () => {
    const shown = text(screen({ canApprove: false }));
    expect(shown).toContain('На этом устройстве подтвердить нельзя');
    expect(shown).toContain('только на телефоне, привязанном по PIN-коду, после входа по PIN-коду');
    expect(shown).toContain('Введите код из SMS');
    expect(shown).not.toMatch(/>Подтвердить</);
    expect(shown).toContain('Отклонить');
  });

  it('asks for the PIN in the PIN login’s field', () => {
    const markup = screen({ initialStep: 'pin' });
    expect(text(markup)).toContain('PIN-код');
    expect(markup).toMatch(/type="password"/);
    expect(markup).toMatch(/inputmode="numeric"/i);
    expect(markup).toMatch(/maxlength="6"/i);
    expect(text(markup)).toContain('Подтвердить покупку');
  });

  it('asks before declining', () => {
    const shown = text(screen({ initialStep: 'decline' }));
    expect(shown).toContain('Отклонить покупку?');
    expect(shown).toContain('Да, отклонить');
  });

  it('says the time ran out and disables both buttons once the purchase expired', () => {
    const markup = screen({ approval: approvalOf({ expiresAt: '2020-01-01T00:00:00.000Z' }) });
    expect(text(markup)).toContain('Время на подтверждение истекло.');
    expect(markup.match(/disabled=""/g)).toHaveLength(2);
  });
});

describe('the approval results', () => {
  beforeEach(() => showLanguage('ru', ru));

  it('tells each ending in words, the bank’s number where the customer may need it', () => {
    expect(text(render(h(ApprovalResult, { outcome: { kind: 'approved' }, phone: PHONE })))).toContain('Покупка подтверждена');
    const declined = render(h(ApprovalResult, { outcome: { kind: 'declined' }, phone: PHONE }));
    expect(text(declined)).toContain('Покупка отклонена');
    expect(declined).toContain(`href="tel:${PHONE}"`);
    const revoked = text(render(h(ApprovalResult, { outcome: { kind: 'revoked' }, phone: PHONE })));
    expect(revoked).toContain('Устройство отключено');
    expect(revoked).toContain('кодом из SMS');
    expect(text(render(h(ApprovalResult, { outcome: { kind: 'gone' }, phone: PHONE })))).toContain('Покупка больше не ждёт подтверждения');
    expect(text(render(h(ApprovalResult, { outcome: { kind: 'unavailable' }, phone: PHONE })))).toContain(
      'На этом устройстве подтвердить нельзя',
    );
  });

  it('speaks Kazakh and English', () => {
    showLanguage('kk', kk);
    expect(text(render(h(ApprovalResult, { outcome: { kind: 'approved' }, phone: null })))).toContain('Сатып алу расталды');
    showLanguage('en', en);
    expect(text(render(h(ApprovalResult, { outcome: { kind: 'declined' }, phone: null })))).toContain('Purchase declined');
  });
});
