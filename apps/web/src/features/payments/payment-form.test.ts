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
import { ProviderForm, type ProviderFormHandlers } from './ProviderForm';
import { initialPayState, type PayState, payReducer } from './pay-state';
import { accountFixture, billFixture, checkFixture, digitsField, ercFixture, phoneField, providerFixture } from './payment.fixtures';
import { emptyFieldErrors, formErrorsOf, initialLineChoices, linesTotal, type ProviderView } from './payment-model';

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

const noop = () => undefined;
const handlers: ProviderFormHandlers = {
  onField: noop,
  onSource: noop,
  onAmount: noop,
  onLineToggle: noop,
  onLineEdit: noop,
  onSubmit: noop,
  onRetry: noop,
};

/** The form as a browser would get it, with the app's texts and a router. */
function renderForm(provider: ProviderView, state: Partial<PayState> = {}, language: Language = 'ru'): string {
  const full = { ...initialPayState({}, 'acc_1'), ...state };
  const element: ReactElement = h(ProviderForm, {
    provider,
    state: full,
    accounts: [accountFixture()],
    language,
    locale: LOCALE_BY_LANGUAGE[language],
    handlers,
  });
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

/** The <input> element of a named field, as markup. */
function inputNamed(markup: string, name: string): string {
  return markup.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? '';
}

/** A 422 as the payments API sends it: problem+json with errors pointing into `fields`. */
function refusal(code: string, title: string, errors: Array<{ pointer: string; detail: string }> = []): ApiFailure {
  return { status: 422, body: { type: `https://mykassa.kz/problems/${code}`, title, status: 422, errors } };
}

describe('the provider form drawn from its field definitions', () => {
  beforeAll(() => showLanguage('ru', ru));

  it('shows each defined field with its label and hint, the digits keyboard for an account number, the phone pad for a phone', () => {
    const erc = renderForm(ercFixture());
    expect(text(erc)).toContain('Лицевой счёт');
    expect(text(erc)).toContain('10 цифр в верхней части квитанции');
    expect(inputNamed(erc, 'account')).toContain('inputMode="numeric"');
    const kcell = renderForm(providerFixture());
    expect(inputNamed(kcell, 'phone')).toContain('type="tel"');
    expect(inputNamed(kcell, 'phone')).toContain('inputMode="tel"');
    // An IIN is typed on the digits keyboard too.
    const fines = renderForm(
      ercFixture({ fields: [digitsField({ name: 'iin', kind: 'iin', label: { ru: 'ИИН', kk: 'ЖСН', en: 'IIN' } })] }),
    );
    expect(inputNamed(fines, 'iin')).toContain('inputMode="numeric"');
  });

  it('asks the provider first ("Проверить") and offers the amount with its range for a validated number', () => {
    const markup = renderForm(providerFixture());
    expect(text(markup)).toContain('Проверить');
    expect(text(markup)).not.toContain('Далее');
    expect(inputNamed(markup, 'amount')).toContain('inputMode="decimal"');
    expect(text(markup)).toContain('От 100,00 ₸ до 100 000,00 ₸');
  });

  it('lists the accounts in the provider’s currency with their balances', () => {
    const markup = renderForm(providerFixture());
    expect(text(markup)).toContain('Электронный кошелёк · KZT · 50 000,00 ₸');
  });

  it('says in its own language what the fields are (kk, en)', () => {
    showLanguage('kk', kk);
    expect(text(renderForm(ercFixture(), {}, 'kk'))).toContain('Түбіртектің жоғарғы жағындағы 10 цифр');
    expect(text(renderForm(ercFixture(), {}, 'kk'))).toContain('Тексеру');
    showLanguage('en', en);
    expect(text(renderForm(ercFixture(), {}, 'en'))).toContain('Account number');
    expect(text(renderForm(ercFixture(), {}, 'en'))).toContain('Check');
    showLanguage('ru', ru);
  });
});

describe('the bank’s refusals under their fields', () => {
  beforeAll(() => showLanguage('ru', ru));
  const erc = ercFixture();

  it('puts each /fields/<name> error under that field, marked invalid', () => {
    const failure = refusal('payment-fields-invalid', 'Проверьте реквизиты платежа', [
      { pointer: '/fields/account', detail: 'Лицевой счёт: 10 цифр' },
    ]);
    const errors = formErrorsOf(failure, erc.fields);
    expect(errors).toEqual({ account: 'Лицевой счёт: 10 цифр' });
    const markup = renderForm(erc, { errors });
    expect(inputNamed(markup, 'account')).toContain('aria-invalid="true"');
    const errorId = inputNamed(markup, 'account').match(/aria-describedby="[^"]*?(\S+-error)"/)?.[1];
    expect(markup).toMatch(new RegExp(`<p class="field__error" id="${errorId}">Лицевой счёт: 10 цифр</p>`));
  });

  it('puts "account not found" under the main field even without a pointer', () => {
    const failure = refusal('account-not-found', 'Поставщик не нашёл такой лицевой счёт или номер');
    expect(formErrorsOf(failure, erc.fields)).toEqual({ account: 'Поставщик не нашёл такой лицевой счёт или номер' });
  });

  it('maps the amount and the lines by their pointers', () => {
    const failure = refusal('payment-amount-invalid', 'Проверьте сумму платежа', [
      { pointer: '/amountMinor', detail: 'Не меньше 100 ₸' },
      { pointer: '/lines/0/id', detail: 'Такой строки нет в счёте' },
    ]);
    expect(formErrorsOf(failure, erc.fields)).toEqual({ amount: 'Не меньше 100 ₸', lines: 'Такой строки нет в счёте' });
  });

  it('finds an empty field itself, named by its label, and nothing else', () => {
    const required = (label: string) => `Заполните поле «${label}»`;
    expect(emptyFieldErrors(erc.fields, { account: '  ' }, required, 'ru')).toEqual({ account: 'Заполните поле «Лицевой счёт»' });
    // A wrong length is the bank's to say (fields.ts), in its words.
    expect(emptyFieldErrors(erc.fields, { account: '12' }, required, 'ru')).toEqual({});
  });

  it('shows the provider being down as "no money was taken" with a retry', () => {
    const failure: ApiFailure = {
      status: 503,
      body: { type: 'https://mykassa.kz/problems/provider-unavailable', title: 'Поставщик сейчас не отвечает', status: 503 },
    };
    const shown = text(renderForm(erc, { failure }));
    expect(shown).toContain('Поставщик не отвечает');
    expect(shown).toContain('Деньги не списаны');
    expect(shown).toContain('Попробовать снова');
  });
});

describe('the provider’s answer', () => {
  beforeAll(() => showLanguage('ru', ru));

  it('shows a number of another operator as a warning that does not block: the button leads on', () => {
    const check = checkFixture({
      warnings: [{ field: 'phone', code: 'phone-prefix', message: 'Номер похож на номер другого оператора' }],
    });
    const markup = renderForm(providerFixture({ fields: [phoneField()] }), { check });
    expect(markup).toContain('alert--warning');
    expect(text(markup)).toContain('Номер похож на номер другого оператора');
    expect(text(markup)).toContain('Это не мешает оплате');
    const submit = markup.match(/<button[^>]*type="submit"[^>]*>/)?.[0] ?? '';
    expect(submit).not.toContain('disabled');
    expect(text(markup)).toContain('Далее');
    expect(text(markup)).not.toContain('Проверить');
  });

  it('names the holder the provider gave', () => {
    expect(text(renderForm(providerFixture(), { check: checkFixture({ holderName: 'Айгерим С.' }) }))).toContain('Айгерим С.');
  });

  it('drops the check when a field is edited: a payment never carries a check of another account', () => {
    const checked = payReducer(initialPayState({ phone: '+7 701 123 45 67' }, 'acc_1'), {
      type: 'checked',
      check: checkFixture(),
      currency: 'KZT',
    });
    expect(checked.check).not.toBeNull();
    const edited = payReducer(checked, { type: 'edited', name: 'phone', value: '+7 701 123 45 68' });
    expect(edited.check).toBeNull();
  });
});

describe('the fetched bill', () => {
  beforeAll(() => showLanguage('ru', ru));
  const bill = billFixture();

  it('picks every line at first and adds up what is picked as lines are picked and edited', () => {
    const choices = initialLineChoices(bill, 'KZT');
    expect(linesTotal(bill, choices, { kind: 'minimum' }, 'KZT')).toMatchObject({ ok: true, totalMinor: 1_776_050n });
    const two = choices.map((choice) => ({ ...choice, chosen: choice.id === 'electricity' || choice.id === 'water' }));
    expect(linesTotal(bill, two, { kind: 'minimum' }, 'KZT')).toEqual({
      ok: true,
      totalMinor: 696_050n,
      lines: [
        { id: 'electricity', amountMinor: 512_000 },
        { id: 'water', amountMinor: 184_050 },
      ],
    });
    const edited = two.map((choice) => (choice.id === 'water' ? { ...choice, amountText: '2000' } : choice));
    expect(linesTotal(bill, edited, { kind: 'minimum' }, 'KZT')).toMatchObject({ ok: true, totalMinor: 712_000n });
    expect(
      linesTotal(
        bill,
        two.map((choice) => ({ ...choice, chosen: false })),
        { kind: 'minimum' },
        'KZT',
      ),
    ).toEqual({
      ok: false,
      errors: { lines: 'none' },
    });
  });

  it('shows the lines with a checkbox each, the period, the due date and the total of the picked ones', () => {
    const choices = initialLineChoices(bill, 'KZT').map((choice) => ({ ...choice, chosen: choice.id !== 'heating' }));
    const markup = renderForm(ercFixture(), { check: checkFixture({ bill }), lineChoices: choices });
    const shown = text(markup);
    expect(shown).toContain('Счёт за 11.2026');
    expect(shown).toContain('Оплатить до 25 дек. 2026');
    expect(shown).toContain('Электроэнергия');
    expect(markup.match(/type="checkbox"/g)).toHaveLength(4);
    expect(inputNamed(markup, 'line-heating')).not.toContain('checked');
    expect(inputNamed(markup, 'line-water')).toContain('checked');
    // 5 120 + 1 840,50 + 600 = 7 560,50 ₸
    expect(shown).toContain('К оплате 7 560,50 ₸');
    expect(inputNamed(markup, 'lineAmount-water')).toContain('value="1840,50"');
    expect(inputNamed(markup, 'amount')).toBe('');
  });

  it('keeps the lines of an exact bill at their billed amounts: no amount to edit, and a typed one is ignored', () => {
    const fines = ercFixture({ amountRule: { kind: 'exact', minMinor: 100, maxMinor: 1_000_000_000 } });
    const choices = initialLineChoices(bill, 'KZT');
    const markup = renderForm(fines, { check: checkFixture({ bill }), lineChoices: choices });
    expect(markup).not.toContain('name="lineAmount-');
    expect(text(markup)).toContain('Сумма по счёту, изменить нельзя');
    const typed = choices.map((choice) => ({ ...choice, amountText: '1' }));
    expect(linesTotal(bill, typed, { kind: 'exact' }, 'KZT')).toMatchObject({ ok: true, totalMinor: 1_776_050n });
  });
});
