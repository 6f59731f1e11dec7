import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  loginWithPassword,
  newCustomer,
  newMobileContext,
  randomPhone,
  registerThroughUi,
  screenshot,
  smsFor,
  startJourneys,
} from './harness.js';

/**
 * The emergency block (issue 13 item 4): a customer signed in on one device loses the phone and
 * blocks access from another browser, without the phone; the first device's session is gone at
 * its next step. Then the signed-in "Block my access now" in security settings. Screenshots at
 * 390 px in ru, kk and en.
 */

const e2e = startJourneys();

/** The date of birth e2e/harness.ts randomIin() encodes. */
const BIRTH_DATE = '1990-04-15';

const TEXTS = {
  ru: {
    locale: 'ru-RU',
    link: 'Потеряли телефон? Заблокировать доступ',
    title: 'Заблокировать доступ',
    login: 'Телефон или ИИН',
    password: 'Пароль интернет-банка',
    birthDate: 'Дата рождения',
    continue: 'Далее',
    confirm: 'Что произойдёт сразу после блокировки',
    submit: 'Заблокировать доступ',
    result: 'Запрос принят',
  },
  kk: {
    locale: 'kk-KZ',
    link: 'Телефоныңызды жоғалттыңыз ба? Кіруді бұғаттау',
    title: 'Кіруді бұғаттау',
    login: 'Телефон немесе ЖСН',
    password: 'Интернет-банк құпиясөзі',
    birthDate: 'Туған күні',
    continue: 'Әрі қарай',
    confirm: 'Бұғаттаудан кейін бірден не болады',
    submit: 'Кіруді бұғаттау',
    result: 'Сұрау қабылданды',
  },
  en: {
    locale: 'en-US',
    link: 'Lost your phone? Block access',
    title: 'Block access',
    login: 'Phone or IIN',
    password: 'Internet banking password',
    birthDate: 'Date of birth',
    continue: 'Continue',
    confirm: 'What happens as soon as access is blocked',
    submit: 'Block access',
    result: 'Request received',
  },
} as const;

type Language = keyof typeof TEXTS;

/** From the login page to the result, as a customer without the phone would go; a screenshot of each step. */
async function blockThroughForm(page: Page, language: Language, form: { login: string; password: string }): Promise<void> {
  const texts = TEXTS[language];
  await page.goto(`${e2e.kassa.baseUrl}/login`);
  await page.getByRole('link', { name: texts.link }).first().click();
  await page.getByRole('heading', { level: 1, name: texts.title }).waitFor();
  await page.getByLabel(texts.login).fill(form.login);
  await page.getByLabel(texts.password).fill(form.password);
  await page.getByLabel(texts.birthDate).fill(BIRTH_DATE);
  await screenshot(page, `block-${language}-390-form`);
  await page.getByRole('button', { name: texts.continue }).click();
  await page.getByRole('heading', { level: 2, name: texts.confirm }).waitFor();
  await screenshot(page, `block-${language}-390-confirm`);
  await page.getByRole('button', { name: texts.submit }).click();
  await page.getByRole('heading', { level: 2, name: texts.result }).waitFor();
  await page.locator('#main-content').getByRole('link', { name: '595' }).waitFor();
  await screenshot(page, `block-${language}-390-result`);
}

describe('the emergency block', () => {
  test('blocked from another browser without the phone, the signed-in device lands on the login (at its next step, or by itself from the home screen’s poll), and no SMS went out', async () => {
    const customer = newCustomer();
    const phoneContext = await newMobileContext(e2e.browser);
    const lostPhone = await phoneContext.newPage();
    await registerThroughUi(lostPhone, e2e.kassa.baseUrl, customer);
    const smsBefore = (await smsFor(e2e.kassa.baseUrl, customer.phone)).length;

    const otherContext = await newMobileContext(e2e.browser);
    const other = await otherContext.newPage();
    await blockThroughForm(other, 'ru', { login: customer.typed, password: customer.password });

    // The home screen polls (purchases waiting for approval): it may find the session ended and go to
    // the login by itself before the next step; either way the device ends on the login.
    const history = lostPhone.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'История' });
    if (!lostPhone.url().endsWith('/login')) await history.click({ timeout: 10_000 }).catch(() => undefined);
    await lostPhone.waitForURL(/\/login$/);
    await screenshot(lostPhone, 'block-ru-390-lost-phone-after');
    expect((await smsFor(e2e.kassa.baseUrl, customer.phone)).length).toBe(smsBefore);

    await otherContext.close();
    await phoneContext.close();
  });

  test('looks and answers the same in Kazakh and English, whoever the details name', async () => {
    for (const language of ['kk', 'en'] as const) {
      const context = await newMobileContext(e2e.browser, TEXTS[language].locale);
      const page = await context.newPage();
      await blockThroughForm(page, language, { login: randomPhone(), password: 'not anyone’s password 2026' });
      await context.close();
    }
  });

  test('"Block my access now" in security settings blocks at once and logs the customer out', async () => {
    const customer = newCustomer();
    const context = await newMobileContext(e2e.browser);
    const page = await context.newPage();
    await registerThroughUi(page, e2e.kassa.baseUrl, customer);
    await page.goto(`${e2e.kassa.baseUrl}/settings`);
    await page.getByRole('button', { name: 'Заблокировать мой доступ сейчас' }).click();
    await page.getByText('Заблокировать доступ прямо сейчас?').waitFor();
    await screenshot(page, 'block-ru-390-settings-confirm');
    await page.getByRole('button', { name: 'Да, заблокировать' }).click();
    await page.getByRole('heading', { level: 2, name: 'Доступ заблокирован' }).waitFor();
    await screenshot(page, 'block-ru-390-settings-done');
    await page.goto(`${e2e.kassa.baseUrl}/history`);
    await page.waitForURL(/\/login$/);
    // The right password no longer gets a code through: the login fails like a wrong one.
    await expect(loginWithPassword(page, e2e.kassa.baseUrl, customer)).rejects.toThrow(/no new SMS/);
    await context.close();
  });
});
