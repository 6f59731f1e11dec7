import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoProviders } from '../apps/server/src/modules/payments/index.js';
import { ARTIFACTS_DIR } from './artifacts.js';
import {
  newCustomer,
  newDesktopContext,
  newMobileContext,
  registerThroughUi,
  seenSmsIds,
  startJourneys,
  waitForCode,
  watchConsole,
} from './harness.js';
import { payFromReview, shotsInto } from './payments-steps.js';
import { fund } from './tour-data.js';

/**
 * Favourites and scheduled payments in the browser (issue 16 item 4): a new customer tops up a
 * Kcell number, saves it as a favourite from the result, pays again from the catalogue's strip in
 * two taps (the tile, "Check"), makes it monthly with the code from the dev inbox, finds it in
 * "Scheduled payments" and cancels it. In Russian at 390 px, in Kazakh and in English at 1280 px;
 * every step photographed into e2e/artifacts/payments-saved.
 */

const e2e = startJourneys();
const SHOTS_DIR = `${ARTIFACTS_DIR}/payments-saved`;
/** A Kcell number (prefix 701) that is not the customer's own, as a customer types it. */
const TOP_UP_NUMBER = '8 701 555 12 34';
/** 20 000 ₸: above the low-value exemption, so the bank asks for the code. */
const TOP_UP_AMOUNT = '20000';
const FAVOURITE_NAME = 'Kcell Mama';
/** The day the series runs: any 1..28 works, the 25th is the utilities' habit. */
const RUN_DAY = '25';

let closeProviders: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ close: closeProviders } = await startDemoProviders(e2e.kassa.app.ctx));
});
afterAll(async () => {
  await closeProviders?.();
});

const TEXTS = {
  ru: {
    locale: 'ru-RU',
    payments: 'Платежи',
    search: 'Найти поставщика',
    phone: 'Номер телефона',
    amount: 'Сумма, ₸',
    check: 'Проверить',
    next: 'Далее',
    pay: 'Оплатить',
    code: 'Код из SMS',
    confirm: 'Подтвердить платёж',
    sent: 'Отправлен поставщику',
    save: 'Сохранить в избранное',
    saveName: 'Название',
    saveSubmit: 'Сохранить',
    saved: 'Сохранено в избранное',
    makeRegular: 'Сделать регулярным',
    day: 'Число месяца',
    getCode: 'Получить код',
    scheduleConfirm: 'Подтвердить',
    done: 'Регулярный платёж подключён',
    toSchedules: 'Все регулярные платежи',
    schedules: 'Регулярные платежи',
    monthly: 'ежемесячно 25-го',
    cancel: `Отменить «${FAVOURITE_NAME}»`,
    cancelYes: 'Отменить платёж',
    cancelled: 'Отменён',
  },
  kk: {
    locale: 'kk-KZ',
    payments: 'Төлемдер',
    search: 'Жеткізушіні табу',
    phone: 'Телефон нөмірі',
    amount: 'Сома, ₸',
    check: 'Тексеру',
    next: 'Әрі қарай',
    pay: 'Төлеу',
    code: 'SMS-тегі код',
    confirm: 'Төлемді растау',
    sent: 'Жеткізушіге жіберілді',
    save: 'Таңдаулыға сақтау',
    saveName: 'Атауы',
    saveSubmit: 'Сақтау',
    saved: 'Таңдаулыға сақталды',
    makeRegular: 'Тұрақты ету',
    day: 'Айдың күні',
    getCode: 'Код алу',
    scheduleConfirm: 'Растау',
    done: 'Тұрақты төлем қосылды',
    toSchedules: 'Барлық тұрақты төлемдер',
    schedules: 'Тұрақты төлемдер',
    monthly: 'ай сайын 25-күні',
    cancel: `«${FAVOURITE_NAME}» болдырмау`,
    cancelYes: 'Төлемді болдырмау',
    cancelled: 'Болдырылмады',
  },
  en: {
    locale: 'en-GB',
    payments: 'Payments',
    search: 'Find a provider',
    phone: 'Phone number',
    amount: 'Amount, ₸',
    check: 'Check',
    next: 'Next',
    pay: 'Pay',
    code: 'Code from the SMS',
    confirm: 'Confirm the payment',
    sent: 'Sent to the provider',
    save: 'Save as favourite',
    saveName: 'Name',
    saveSubmit: 'Save',
    saved: 'Saved as favourite',
    makeRegular: 'Make it regular',
    day: 'Day of the month',
    getCode: 'Get the code',
    scheduleConfirm: 'Confirm',
    done: 'Scheduled payment set up',
    toSchedules: 'All scheduled payments',
    schedules: 'Scheduled payments',
    monthly: 'monthly on day 25',
    cancel: `Cancel “${FAVOURITE_NAME}”`,
    cancelYes: 'Cancel the payment',
    cancelled: 'Cancelled',
  },
} as const;
type SavedLanguage = keyof typeof TEXTS;

const shot = shotsInto(SHOTS_DIR);

function payAndConfirm(main: Locator, phone: string, language: SavedLanguage): Promise<void> {
  return payFromReview(main, { baseUrl: e2e.kassa.baseUrl, phone, texts: TEXTS[language] });
}

async function journey(context: BrowserContext, language: SavedLanguage, width: 390 | 1280) {
  const texts = TEXTS[language];
  const name = (step: string) => `${language}-${width}-${step}`;
  await mkdir(SHOTS_DIR, { recursive: true });
  const page = await context.newPage();
  const problems = watchConsole(page);
  const customer = newCustomer();
  await registerThroughUi(page, e2e.kassa.baseUrl, customer);
  await page.evaluate(`localStorage.setItem('kassa.lang', ${JSON.stringify(language)})`);
  await fund(e2e.kassa, page);
  await page.goto(`${e2e.kassa.baseUrl}/payments`);
  const main = page.locator('#main-content');

  // No favourites yet: no strip. Kcell by search, a top-up with the code.
  await main.getByLabel(texts.search).fill('kcell');
  await main.getByRole('link', { name: /Kcell/ }).first().click();
  await main.getByLabel(texts.phone).fill(TOP_UP_NUMBER);
  await main.getByLabel(texts.amount).fill(TOP_UP_AMOUNT);
  await main.getByRole('button', { name: texts.check, exact: true }).click();
  await main.getByRole('button', { name: texts.next, exact: true }).click();
  await payAndConfirm(main, customer.phone, language);

  // "Save as favourite": the dialog with the provider's name, renamed.
  await main.getByRole('button', { name: texts.save }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(texts.saveName).fill(FAVOURITE_NAME);
  await page.screenshot({ path: `${SHOTS_DIR}/${name('save-dialog')}.png` });
  await dialog.getByRole('button', { name: texts.saveSubmit, exact: true }).click();
  await main.getByText(texts.saved).waitFor();
  await shot(page, name('saved'));

  // Pay again in two taps: the tile, then "Check" (the number and amount are filled in).
  await page.goto(`${e2e.kassa.baseUrl}/payments`);
  const tile = main.getByRole('link', { name: new RegExp(FAVOURITE_NAME) });
  await tile.waitFor();
  await shot(page, name('catalogue-favourites'));
  await tile.click();
  expect(await main.getByLabel(texts.phone).inputValue()).toBe('+7 701 555 12 34');
  expect(await main.getByLabel(texts.amount).inputValue()).toBe(TOP_UP_AMOUNT);
  await shot(page, name('favourite-form'));
  await main.getByRole('button', { name: texts.check, exact: true }).click();
  await main.getByRole('button', { name: texts.next, exact: true }).click();
  await payAndConfirm(main, customer.phone, language);

  // "Make it regular": the form filled from the payment, monthly on the 25th, the code, done.
  await main.getByRole('link', { name: texts.makeRegular }).click();
  await main.getByLabel(texts.day).fill(RUN_DAY);
  expect(await main.getByLabel(texts.amount).inputValue()).toBe(TOP_UP_AMOUNT);
  await main.getByLabel(texts.saveName, { exact: true }).fill(FAVOURITE_NAME);
  await shot(page, name('schedule-form'));
  const seen = await seenSmsIds(e2e.kassa.baseUrl, customer.phone);
  await main.getByRole('button', { name: texts.getCode }).click();
  const code = await waitForCode(e2e.kassa.baseUrl, customer.phone, seen);
  await shot(page, name('schedule-code'));
  await main.getByLabel(texts.code).fill(code);
  await main.getByRole('button', { name: texts.scheduleConfirm, exact: true }).click();
  await main.getByRole('heading', { name: texts.done }).waitFor();
  await shot(page, name('schedule-done'));

  // The list: the running one with "monthly on the 25th"; cancelled, it moves below.
  await main.getByRole('link', { name: texts.toSchedules }).click();
  const row = main.locator('[data-schedule-status="active"]', { hasText: FAVOURITE_NAME });
  await row.waitFor();
  expect(await row.textContent()).toContain(texts.monthly);
  await shot(page, name('schedules'));
  await row.getByRole('button', { name: texts.cancel }).click();
  await shot(page, name('schedule-cancel-ask'));
  await row.getByRole('button', { name: texts.cancelYes }).click();
  const cancelled = main.locator('[data-schedule-status="cancelled"]', { hasText: FAVOURITE_NAME });
  await cancelled.waitFor();
  expect(await cancelled.textContent()).toContain(texts.cancelled);
  await shot(page, name('schedules-cancelled'));
  expect(problems.messages).toEqual([]);
  await page.close();
}

describe('favourites and scheduled payments', () => {
  test('a customer saves a Kcell top-up, repeats it from the strip, makes it monthly and cancels it, in Russian at 390 px', async () => {
    const context = await newMobileContext(e2e.browser, TEXTS.ru.locale);
    await journey(context, 'ru', 390);
    await context.close();
  }, 180_000);

  test('the same in Kazakh at 1280 px', async () => {
    const context = await newDesktopContext(e2e.browser, TEXTS.kk.locale);
    await journey(context, 'kk', 1280);
    await context.close();
  }, 180_000);

  test('the same in English at 1280 px', async () => {
    const context = await newDesktopContext(e2e.browser, TEXTS.en.locale);
    await journey(context, 'en', 1280);
    await context.close();
  }, 180_000);
});
