import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../api/enums';
import type { ApiFailure } from '../../api/problem';
import { en } from '../../i18n/en';
import { KitTexts } from '../../i18n/KitTexts';
import { kk } from '../../i18n/kk';
import { LOCALE_BY_LANGUAGE } from '../../i18n/resources';
import { ru } from '../../i18n/ru';
import { showLanguage, translationState } from '../../i18n/store';
import { FavouritesStrip } from './FavouritesStrip';
import { ProviderForm, type ProviderFormHandlers } from './ProviderForm';
import { accountFixture, ercFixture, providerFixture } from './payment.fixtures';
import type { ProviderSummary, ProviderView } from './payment-model';
import { ScheduleForm, type ScheduleFormHandlers } from './ScheduleForm';
import { ScheduleRow } from './SchedulesPage';
import {
  type Favourite,
  favouritePrefill,
  prefilledPayState,
  runOnAllowed,
  type Schedule,
  type ScheduleDraft,
  savedPrefillOf,
  scheduleDraftErrors,
  scheduleErrorsOf,
  splitSchedules,
} from './saved-model';

// Server rendering has no store subscription: the screens read the language straight from the store (payment-form.test.ts).
vi.mock('../../i18n', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../i18n')>();
  return {
    ...actual,
    useTranslation: () => translationState(),
    useLocale: () => ({ language: translationState().language, locale: LOCALE_BY_LANGUAGE[translationState().language] }),
  };
});

const noop = () => undefined;
const TODAY = '2026-12-04';
const kcell = providerFixture();

function render(element: ReactElement): string {
  return renderToStaticMarkup(h(MemoryRouter, null, h(KitTexts, null, element)));
}

/** The words a reader sees: the markup without its tags, every kind of space as one. */
function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

function inputNamed(markup: string, name: string): string {
  return markup.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? '';
}

/** The error paragraph a field points at with aria-describedby. */
function errorOf(markup: string, name: string): string | null {
  const input = markup.match(new RegExp(`<(?:input|select)[^>]*name="${name}"[^>]*>`))?.[0] ?? '';
  const id = input.match(/aria-describedby="[^"]*?(\S+-error)"/)?.[1];
  if (!id) return null;
  return markup.match(new RegExp(`<p class="field__error" id="${id}">([^<]*)</p>`))?.[1] ?? null;
}

function favouriteFixture(overrides: Partial<Favourite> = {}): Favourite {
  return {
    id: 'fav_1',
    providerId: kcell.id,
    name: 'Мамин телефон',
    fields: { phone: '+77015551234' },
    accountLabel: '+7 701 555 12 34',
    amountMinor: 2_000_000,
    sourceAccountId: 'acc_2',
    remind: false,
    createdAt: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

function scheduleFixture(overrides: Partial<Schedule> = {}): Schedule {
  return {
    id: 'sch_1',
    providerId: kcell.id,
    name: 'Kcell мамы',
    fields: { phone: '+77015551234' },
    accountLabel: '+7 701 555 12 34',
    sourceAccountId: 'acc_1',
    amountMinor: 2_000_000,
    currency: 'KZT',
    frequency: 'monthly',
    dayOfMonth: 25,
    status: 'active',
    nextRunOn: '2026-12-25',
    lastRunOn: null,
    lastOperationId: null,
    createdAt: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

const summary: ProviderSummary = {
  id: kcell.id,
  slug: kcell.slug,
  categoryId: kcell.categoryId,
  name: kcell.name,
  logo: kcell.logo,
  mode: kcell.mode,
};

describe('the favourites strip', () => {
  beforeAll(() => showLanguage('ru', ru));

  it('shows each favourite with its name, provider and account, linking to the provider’s form', () => {
    const markup = render(h(FavouritesStrip, { favourites: [favouriteFixture()], providers: [summary], language: 'ru', onDeleted: noop }));
    expect(text(markup)).toContain('Избранное');
    expect(text(markup)).toContain('Мамин телефон');
    expect(text(markup)).toContain('+7 701 555 12 34');
    expect(markup).toContain(`href="/payments/${kcell.id}"`);
    expect(markup).toContain('aria-label="Действия с «Мамин телефон»"');
  });

  it('is not there at all without favourites', () => {
    expect(render(h(FavouritesStrip, { favourites: [], providers: [summary], language: 'ru', onDeleted: noop }))).toBe('');
  });

  it('fills the provider form from a tile: the number in the +7 mask, the amount, the account, then "Проверить"', () => {
    // The tile's route state, as the provider page reads it back from history.
    const prefill = savedPrefillOf(JSON.parse(JSON.stringify(favouritePrefill(favouriteFixture()))));
    expect(prefill).toEqual({ fields: { phone: '+77015551234' }, sourceAccountId: 'acc_2', amountMinor: 2_000_000 });
    const state = prefilledPayState(kcell, prefill, prefill?.sourceAccountId ?? '');
    const handlers: ProviderFormHandlers = {
      onField: noop,
      onSource: noop,
      onAmount: noop,
      onLineToggle: noop,
      onLineEdit: noop,
      onSubmit: noop,
      onRetry: noop,
    };
    const accounts = [accountFixture(), accountFixture({ id: 'acc_2', displayName: 'Current account', kind: 'customer_current' })];
    const markup = render(h(ProviderForm, { provider: kcell, state, accounts, language: 'ru', locale: 'ru-KZ', handlers }));
    expect(inputNamed(markup, 'phone')).toContain('value="+7 701 555 12 34"');
    expect(inputNamed(markup, 'amount')).toContain('value="20000"');
    expect(markup).toMatch(/<option value="acc_2" selected="">/);
    expect(text(markup)).toContain('Проверить');
  });

  it('takes only a whole positive amount from route state', () => {
    expect(savedPrefillOf({ fields: { phone: '+77015551234' }, amountMinor: -5 })).toEqual({ fields: { phone: '+77015551234' } });
    expect(savedPrefillOf({ fields: { phone: '+77015551234' }, amountMinor: '100' })).toEqual({ fields: { phone: '+77015551234' } });
    expect(savedPrefillOf({ amountMinor: 100 })).toBeNull();
  });
});

const scheduleHandlers: ScheduleFormHandlers = {
  onName: noop,
  onField: noop,
  onAmount: noop,
  onSource: noop,
  onFrequency: noop,
  onRunOn: noop,
  onDayOfMonth: noop,
  onSubmit: noop,
};

function draftFixture(overrides: Partial<ScheduleDraft> = {}): ScheduleDraft {
  return {
    name: 'Kcell мамы',
    values: { phone: '+7 701 555 12 34' },
    amountText: '2000',
    sourceAccountId: 'acc_1',
    frequency: 'monthly',
    runOn: '2026-12-05',
    dayOfMonth: '25',
    ...overrides,
  };
}

function renderScheduleForm(provider: ProviderView, draft: ScheduleDraft, errors: Record<string, string> = {}, language: Language = 'ru') {
  return render(
    h(ScheduleForm, {
      provider,
      draft,
      errors,
      accounts: [accountFixture()],
      failure: null,
      busy: false,
      today: TODAY,
      language,
      locale: LOCALE_BY_LANGUAGE[language],
      handlers: scheduleHandlers,
    }),
  );
}

const texts = { name: 'name', runOn: 'runOn', dayOfMonth: 'dayOfMonth' };

describe('the schedule form', () => {
  beforeAll(() => showLanguage('ru', ru));

  it('offers a one-off date from tomorrow to a year ahead, and nothing else', () => {
    expect(runOnAllowed('2026-12-04', TODAY)).toBe(false);
    expect(runOnAllowed('2026-12-05', TODAY)).toBe(true);
    expect(runOnAllowed('2027-12-05', TODAY)).toBe(true);
    expect(runOnAllowed('2027-12-06', TODAY)).toBe(false);
    expect(runOnAllowed('05.12.2026', TODAY)).toBe(false);
    const markup = renderScheduleForm(kcell, draftFixture({ frequency: 'once' }));
    expect(inputNamed(markup, 'runOn')).toContain('min="2026-12-05"');
    expect(inputNamed(markup, 'runOn')).toContain('type="date"');
    expect(inputNamed(markup, 'dayOfMonth')).toBe('');
  });

  it('takes a monthly day from 1 to 28 only, and a name', () => {
    expect(scheduleDraftErrors(draftFixture(), TODAY, texts)).toEqual({});
    expect(scheduleDraftErrors(draftFixture({ dayOfMonth: '29' }), TODAY, texts)).toEqual({ dayOfMonth: 'dayOfMonth' });
    expect(scheduleDraftErrors(draftFixture({ dayOfMonth: '0' }), TODAY, texts)).toEqual({ dayOfMonth: 'dayOfMonth' });
    expect(scheduleDraftErrors(draftFixture({ dayOfMonth: '2.5' }), TODAY, texts)).toEqual({ dayOfMonth: 'dayOfMonth' });
    expect(scheduleDraftErrors(draftFixture({ name: '  ' }), TODAY, texts)).toEqual({ name: 'name' });
    // The day of a one-off is not asked, so a bad monthly day does not block it.
    expect(scheduleDraftErrors(draftFixture({ frequency: 'once', dayOfMonth: '31', runOn: TODAY }), TODAY, texts)).toEqual({
      runOn: 'runOn',
    });
  });

  it('shows the prefilled terms: the name, the number, the amount, the day', () => {
    const markup = renderScheduleForm(kcell, draftFixture());
    expect(inputNamed(markup, 'scheduleName')).toContain('value="Kcell мамы"');
    expect(inputNamed(markup, 'phone')).toContain('value="+7 701 555 12 34"');
    expect(inputNamed(markup, 'amount')).toContain('value="2000"');
    expect(inputNamed(markup, 'dayOfMonth')).toContain('value="25"');
    expect(text(markup)).toContain('Получить код');
  });

  it('puts the server’s 422 pointers under their fields', () => {
    const failure: ApiFailure = {
      status: 422,
      body: {
        type: 'https://mykassa.kz/problems/schedule-invalid',
        title: 'Проверьте регулярный платёж',
        status: 422,
        errors: [
          { pointer: '/amountMinor', detail: 'Эта сумма не подходит поставщику' },
          { pointer: '/dayOfMonth', detail: 'Выберите число месяца от 1 до 28' },
          { pointer: '/runOn', detail: 'Выберите дату с завтрашнего дня' },
          { pointer: '/fields/phone', detail: 'Номер телефона: 10 цифр' },
          { pointer: '/fields/unknown', detail: 'ignored' },
        ],
      },
    };
    const errors = scheduleErrorsOf(failure, kcell.fields);
    expect(errors).toEqual({
      amount: 'Эта сумма не подходит поставщику',
      dayOfMonth: 'Выберите число месяца от 1 до 28',
      runOn: 'Выберите дату с завтрашнего дня',
      phone: 'Номер телефона: 10 цифр',
    });
    const monthly = renderScheduleForm(kcell, draftFixture(), errors);
    expect(errorOf(monthly, 'amount')).toBe('Эта сумма не подходит поставщику');
    expect(errorOf(monthly, 'dayOfMonth')).toBe('Выберите число месяца от 1 до 28');
    expect(errorOf(monthly, 'phone')).toBe('Номер телефона: 10 цифр');
    expect(inputNamed(monthly, 'amount')).toContain('aria-invalid="true"');
    const once = renderScheduleForm(kcell, draftFixture({ frequency: 'once' }), errors);
    expect(errorOf(once, 'runOn')).toBe('Выберите дату с завтрашнего дня');
  });

  it('shows a bill provider’s explanation instead of the form, in the server’s words when it sent them', () => {
    const erc = renderScheduleForm(ercFixture(), draftFixture());
    expect(erc).not.toContain('<form');
    expect(text(erc)).toContain('Счёт этого поставщика меняется каждый месяц');
    const detail = 'Счёт этого поставщика меняется каждый месяц: добавьте его в избранное, и мы напомним об оплате';
    const refused = scheduleErrorsOf(
      { status: 422, body: { type: 'x', title: 'y', status: 422, errors: [{ pointer: '/providerId', detail }] } },
      kcell.fields,
    );
    const markup = renderScheduleForm(kcell, draftFixture(), refused);
    expect(markup).not.toContain('<form');
    expect(text(markup)).toContain(detail);
  });

  it('is worded in kk and en too', () => {
    showLanguage('kk', kk);
    expect(text(renderScheduleForm(kcell, draftFixture(), {}, 'kk'))).toContain('Код алу');
    showLanguage('en', en);
    expect(text(renderScheduleForm(kcell, draftFixture(), {}, 'en'))).toContain('Get the code');
    showLanguage('ru', ru);
  });
});

describe('the schedules list', () => {
  beforeAll(() => showLanguage('ru', ru));

  function renderRow(schedule: Schedule): string {
    return render(h('ul', null, h(ScheduleRow, { schedule, provider: summary, language: 'ru', locale: 'ru-KZ', onChanged: noop })));
  }

  it('shows a running one with its amount, "ежемесячно 25-го", the next run and a cancel button', () => {
    const shown = text(renderRow(scheduleFixture()));
    expect(shown).toContain('Kcell мамы');
    expect(shown).toContain('ежемесячно 25-го');
    expect(shown).toContain('Следующий платёж: 25 дек. 2026');
    expect(shown).toMatch(/20 000,00 ₸/);
    expect(renderRow(scheduleFixture())).toContain('aria-label="Отменить «Kcell мамы»"');
  });

  it('offers no cancel for a cancelled or finished one, and lists them below the running ones', () => {
    const cancelled = scheduleFixture({ id: 'sch_2', status: 'cancelled', nextRunOn: null });
    expect(renderRow(cancelled)).not.toContain('Отменить «');
    expect(text(renderRow(cancelled))).toContain('Отменён');
    const once = scheduleFixture({ id: 'sch_3', frequency: 'once', dayOfMonth: null, nextRunOn: '2026-12-10' });
    expect(text(renderRow(once))).toContain('разово 10 дек. 2026');
    const { current, past } = splitSchedules([cancelled, scheduleFixture(), once]);
    expect(current.map((item) => item.id)).toEqual(['sch_3', 'sch_1']);
    expect(past.map((item) => item.id)).toEqual(['sch_2']);
  });
});
