import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../apps/server/src/demo/seed.js';
import { OTHER_SETTLEMENT, seedCatalogueSections, TEST_SETTLEMENT } from '../apps/server/src/modules/payments/catalogue.admin.fixtures.js';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, staffDemoSeeder, totpCode } from '../apps/server/src/modules/staff/index.js';
import { type ConsoleProblems, newDesktopContext, newMobileContext, screenshot, startJourneys, watchConsole } from './harness.js';

/**
 * The service-provider catalogue in the back office (issue 16 item 1): an admin creates a provider
 * (a wrong IBAN first: the message is under the field), edits a field of its form, and asks for new
 * settlement details, which wait for a second person; a security officer approves them in the
 * approvals queue, reading "from → to", and the provider's page shows the new IBAN. An operator at
 * 390 px reads the provider with no button to change it. Screenshots at 1280 px and 390 px.
 */

const e2e = startJourneys();

const TOTP_STEP_MS = 30_000;
const EXPECTED_CONSOLE = [/status of 401.*\/api\/staff\/v1\/auth\/session\)/, /status of 422/];

function demo(username: string) {
  const member = DEMO_STAFF.find((candidate) => candidate.username === username);
  if (!member) throw new Error(`no demo staff member ${username}`);
  return member;
}

async function logInToBackoffice(page: Page, who: { username: string; totpSecret: string }): Promise<void> {
  await page.goto(`${e2e.kassa.baseUrl}/backoffice/`);
  await page.waitForURL(/\/backoffice\/login$/);
  await page.locator('input[name="username"]').fill(who.username);
  await page.locator('input[name="password"]').fill(DEMO_STAFF_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.locator('input[name="code"]').waitFor();
  e2e.kassa.clock.advance(TOTP_STEP_MS);
  await page.locator('input[name="code"]').fill(totpCode(who.totpSecret, e2e.kassa.clock.now().getTime()));
  await page.locator('form button[type="submit"]').click();
  await page.locator('.bo-nav').waitFor();
}

function expectNoConsoleProblems(problems: ConsoleProblems): void {
  expect(problems.messages, problems.messages.join('\n')).toEqual([]);
}

async function fillTexts(page: Page, group: string, texts: { ru: string; kk: string; en: string }, within = page.locator('main')) {
  const fieldset = within.getByRole('group', { name: group });
  await fieldset.getByLabel('Рус.').fill(texts.ru);
  await fieldset.getByLabel('Каз.').fill(texts.kk);
  await fieldset.getByLabel('Англ.').fill(texts.en);
}

describe('service providers in the back office', () => {
  beforeAll(async () => {
    await seedDemoData(e2e.kassa.app.ctx, [staffDemoSeeder]);
    await seedCatalogueSections(e2e.kassa.app);
  });

  test('an admin creates a provider and edits a field; new settlement details wait for and get a second officer', async () => {
    const context = await newDesktopContext(e2e.browser);
    const page = await context.newPage();
    const problems = watchConsole(page, { allow: EXPECTED_CONSOLE });
    await logInToBackoffice(page, demo('admin'));
    await page.locator('.bo-nav').getByRole('link', { name: 'Поставщики услуг' }).click();
    await page.getByRole('heading', { level: 1, name: 'Поставщики услуг' }).waitFor();
    await page.getByRole('link', { name: 'Новый поставщик' }).click();
    await page.getByRole('heading', { level: 1, name: 'Новый поставщик' }).waitFor();

    const main = page.locator('main');
    await main.getByLabel('Название (рус.)').fill('Детский сад «Айгөлек»');
    await main.getByLabel('Название (каз.)').fill('«Айгөлек» балабақшасы');
    await main.getByLabel('Название (англ.)').fill('Aigolek kindergarten');
    await main.getByLabel('Код', { exact: true }).fill('aigolek-e2e');
    await main.getByLabel('Раздел каталога').selectOption('education');
    await main.getByLabel('Режим').selectOption('ad-hoc');
    await main.getByLabel('Буквы логотипа').fill('АЙ');
    const field = main.getByRole('listitem', { name: 'Поле 1' });
    await field.getByLabel('Ключ поля').fill('account');
    await field.getByLabel('Длина от').fill('6');
    await field.getByLabel('Длина до').fill('10');
    await fillTexts(page, 'Подпись поля', { ru: 'Номер договора', kk: 'Шарт нөмірі', en: 'Contract number' }, field);
    await main.getByLabel('Адрес API поставщика').fill('https://billing.aigolek.example.kz/kassa');
    await main.getByLabel('Секрет из договора').fill('psk_e2e_0f3a9c1e7b5d4f2a8c6e');
    await main.getByLabel('Юридическое название').fill(TEST_SETTLEMENT.legalName);
    await main.getByLabel('БИН', { exact: true }).fill(TEST_SETTLEMENT.bin);
    await main.getByLabel('IBAN для перечисления').fill('KZ00WRONG');
    await main.getByRole('button', { name: 'Создать поставщика' }).click();
    // The server's 422 names the IBAN: its message is under the IBAN's own input.
    const ibanError = main
      .locator('.field--invalid')
      .filter({ has: page.getByLabel('IBAN для перечисления') })
      .locator('.field__error');
    await ibanError.waitFor();
    expect(await ibanError.textContent()).toMatch(/IBAN/);
    await screenshot(page, 'backoffice-provider-create-error-1280');

    await main.getByLabel('IBAN для перечисления').fill(TEST_SETTLEMENT.settlementIban);
    await main.getByRole('button', { name: 'Создать поставщика' }).click();
    await page.waitForURL(/\/backoffice\/providers\/prv_/);
    await page.getByRole('heading', { level: 1, name: /Айгөлек/ }).waitFor();
    const providerUrl = page.url();

    await main.getByRole('listitem', { name: 'Поле 1' }).getByLabel('Длина до').fill('12');
    await main.getByRole('button', { name: 'Сохранить изменения' }).click();
    await main.getByText('версия 2').waitFor();
    expect(await main.getByRole('listitem', { name: 'Поле 1' }).getByLabel('Длина до').inputValue()).toBe('12');
    await screenshot(page, 'backoffice-provider-page-1280');

    await main.getByRole('button', { name: 'Изменить реквизиты' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Юридическое название').fill(OTHER_SETTLEMENT.legalName);
    await dialog.getByLabel('БИН', { exact: true }).fill(OTHER_SETTLEMENT.bin);
    await dialog.getByLabel('IBAN для перечисления').fill(OTHER_SETTLEMENT.settlementIban);
    await dialog.getByLabel('Основание').fill('Письмо поставщика о смене банка');
    await dialog.getByRole('button', { name: 'Отправить на подтверждение' }).click();
    await dialog.getByText(/ждёт второго сотрудника/).waitFor();
    await screenshot(page, 'backoffice-provider-settlement-requested-1280');
    await dialog.getByRole('button', { name: 'Закрыть' }).click();
    await main.getByText('Ждёт подтверждения').waitFor();
    // Nothing changed yet: the IBAN in force is the old one.
    await main.getByText(TEST_SETTLEMENT.settlementIban, { exact: true }).waitFor();
    expectNoConsoleProblems(problems);

    const officerContext = await newDesktopContext(e2e.browser);
    const officer = await officerContext.newPage();
    await logInToBackoffice(officer, demo('security'));
    await officer.locator('.bo-nav').getByRole('link', { name: 'Подтверждения' }).click();
    await officer
      .locator('main')
      .getByRole('link', { name: /Смена реквизитов поставщика/ })
      .click();
    const facts = officer.locator('main');
    await facts.getByText(`${TEST_SETTLEMENT.settlementIban} → ${OTHER_SETTLEMENT.settlementIban}`).waitFor();
    await screenshot(officer, 'backoffice-provider-settlement-approval-1280');
    await facts.getByRole('button', { name: 'Подтвердить' }).click();
    await facts.getByText('Запрос подтверждён и выполнен.').waitFor();
    await officerContext.close();

    await page.goto(providerUrl);
    await page.locator('main').getByText(OTHER_SETTLEMENT.settlementIban, { exact: true }).waitFor();
    await context.close();

    const operatorContext = await newMobileContext(e2e.browser);
    const phone = await operatorContext.newPage();
    await logInToBackoffice(phone, demo('operator'));
    await phone.goto(providerUrl);
    await phone.getByRole('heading', { level: 1, name: /Айгөлек/ }).waitFor();
    expect(
      await phone
        .locator('main')
        .getByRole('button', { name: /Сохранить|Изменить реквизиты|Приостановить/ })
        .count(),
    ).toBe(0);
    await screenshot(phone, 'backoffice-provider-operator-390');
    await operatorContext.close();
  });
});
