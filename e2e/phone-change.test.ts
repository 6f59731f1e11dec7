import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  newCustomer,
  newMobileContext,
  randomPhone,
  registerThroughUi,
  screenshot,
  seenSmsIds,
  smsFor,
  startJourneys,
  waitForCode,
} from './harness.js';

/**
 * The phone number change through the profile page (issue 13 item 5), at 390 px in each language:
 * what follows is said first, then the new number, the password, the code from the current number,
 * the code from the new one; the cooling period shows on the done screen and on the profile.
 */

const e2e = startJourneys();

const WORDS = {
  ru: {
    locale: 'ru-RU',
    open: 'Сменить номер телефона',
    begin: 'Начать',
    newPhone: 'Новый номер мобильного телефона',
    next: 'Продолжить',
    password: 'Пароль от интернет-банка',
    sendCode: 'Получить код',
    code: 'Код из SMS',
    confirm: 'Подтвердить',
    changeNow: 'Сменить номер',
    wrongCode: 'Неверный код. Осталось попыток: 2',
    done: 'Номер изменён',
    cooling:
      /Для вашей безопасности до \d\d:\d\d завтра: переводы — не больше 50\s000,00\s₸ в день, без новых доверенных получателей и устройств\./,
    profile: 'Профиль',
  },
  kk: {
    locale: 'kk-KZ',
    open: 'Телефон нөмірін ауыстыру',
    begin: 'Бастау',
    newPhone: 'Жаңа ұялы телефон нөмірі',
    next: 'Жалғастыру',
    password: 'Интернет-банк құпиясөзі',
    sendCode: 'Код алу',
    code: 'SMS-тегі код',
    confirm: 'Растау',
    changeNow: 'Нөмірді ауыстыру',
    wrongCode: 'Код қате. Қалған әрекет саны: 2',
    done: 'Нөмір ауыстырылды',
    cooling: /Қауіпсіздігіңіз үшін ертең \d\d:\d\d дейін: аударымдар күніне 50\s000,00\s₸ аспайды/,
    profile: 'Профиль',
  },
  en: {
    locale: 'en-US',
    open: 'Change phone number',
    begin: 'Start',
    newPhone: 'New mobile number',
    next: 'Continue',
    password: 'Internet bank password',
    sendCode: 'Get a code',
    code: 'Code from the SMS',
    confirm: 'Confirm',
    changeNow: 'Change the number',
    wrongCode: 'Wrong code. Attempts left: 2',
    done: 'Number changed',
    cooling: /For your safety, until \d\d:\d\d tomorrow: transfers up to ₸50,000\.00 a day, no new trusted payees or devices\./,
    profile: 'Profile',
  },
} as const;

type Language = keyof typeof WORDS;

/** The six digits of the newest SMS to `phone` not among `seen`. */
async function codeFor(phone: string, seen: ReadonlySet<string>): Promise<string> {
  return waitForCode(e2e.kassa.baseUrl, phone, seen);
}

async function typeCode(page: Page, language: Language, code: string, submit: string): Promise<void> {
  await page.getByLabel(WORDS[language].code).fill(code);
  await page.getByRole('button', { name: submit, exact: true }).click();
}

describe('changing the phone number from the profile', () => {
  for (const language of ['ru', 'kk', 'en'] as const) {
    test(`in ${language}: says what follows, asks the password and both codes, then shows the cooling period`, async () => {
      const words = WORDS[language];
      const customer = newCustomer();
      const newPhone = randomPhone();
      const context = await newMobileContext(e2e.browser, words.locale);
      const page = await context.newPage();
      await registerThroughUi(page, e2e.kassa.baseUrl, customer);

      await page.goto(`${e2e.kassa.baseUrl}/profile`);
      await page.getByRole('link', { name: words.open }).click();
      await page.getByRole('button', { name: words.begin }).waitFor();
      await screenshot(page, `phone-change-${language}-intro`);
      await page.getByRole('button', { name: words.begin }).click();

      await page.getByLabel(words.newPhone).fill(newPhone);
      await page.getByRole('button', { name: words.next }).click();
      const seenOld = await seenSmsIds(e2e.kassa.baseUrl, customer.phone);
      await page.getByLabel(words.password).fill(customer.password);
      await page.getByRole('button', { name: words.sendCode }).click();
      await page.getByLabel(words.code).waitFor();
      const oldCode = await codeFor(customer.phone, seenOld);
      // A wrong code is refused in words, and costs one of three tries.
      await typeCode(page, language, oldCode === '000000' ? '111111' : '000000', words.confirm);
      await page.getByText(words.wrongCode).waitFor();
      await screenshot(page, `phone-change-${language}-old-code`);

      const seenNew = await seenSmsIds(e2e.kassa.baseUrl, newPhone);
      await typeCode(page, language, oldCode, words.confirm);
      await page.getByRole('button', { name: words.changeNow, exact: true }).waitFor();
      const seenNotice = await seenSmsIds(e2e.kassa.baseUrl, customer.phone);
      await typeCode(page, language, await codeFor(newPhone, seenNew), words.changeNow);
      await page.getByText(words.done).waitFor();
      await screenshot(page, `phone-change-${language}-done`);
      await page.getByText(words.cooling).waitFor();

      // The old number is told (the outbox delivers after commit).
      let notice: string | undefined;
      for (let attempt = 0; attempt < 100 && !notice; attempt += 1) {
        notice = (await smsFor(e2e.kassa.baseUrl, customer.phone)).find((sms) => !seenNotice.has(sms.id))?.text;
        if (!notice) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(notice).toContain(`+7 ${newPhone.slice(2, 3)}•• ••• •• ${newPhone.slice(-2)}`);

      await page.goto(`${e2e.kassa.baseUrl}/profile`);
      await page.getByRole('heading', { level: 1, name: words.profile }).waitFor();
      await page.getByText(words.cooling).waitFor();
      await page
        .locator('.facts')
        .getByText(`+7 ${newPhone.slice(2, 5)} ••• •• ${newPhone.slice(-2)}`)
        .waitFor();
      await screenshot(page, `phone-change-${language}-profile`);
      await context.close();
    });
  }
});
