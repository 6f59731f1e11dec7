import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../apps/server/src/demo/seed.js';
import { freshBin, TEST_SETTLEMENT_IBAN } from '../apps/server/src/modules/acquiring/acquiring.fixtures.js';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, staffDemoSeeder, totpCode } from '../apps/server/src/modules/staff/index.js';
import { type ConsoleProblems, newDesktopContext, newMobileContext, screenshot, startJourneys, watchConsole } from './harness.js';

/**
 * The merchants of the payment API in the back office (issue 15 item 1): an admin creates a
 * merchant (a wrong IBAN first: the field is named), changes its statement name and MDR, issues a test key shown once, sees that the
 * key authenticates the payment API, revokes it (the next request is refused) and suspends the
 * merchant with a reason; an operator reads the merchant but has no buttons to change it.
 * Screenshots at 1280 px in ru, kk and en and at 390 px.
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

async function balanceStatus(page: Page, secret: string): Promise<number> {
  const response = await page.request.get(`${e2e.kassa.baseUrl}/api/merchant/v1/balance`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  return response.status();
}

function expectNoConsoleProblems(problems: ConsoleProblems): void {
  expect(problems.messages, problems.messages.join('\n')).toEqual([]);
}

describe('merchants in the back office', () => {
  beforeAll(async () => {
    await seedDemoData(e2e.kassa.app.ctx, [staffDemoSeeder]);
  });

  test('an admin creates a merchant, issues a key shown once, revokes it and suspends the merchant; an operator only reads', async () => {
    const context = await newDesktopContext(e2e.browser);
    const page = await context.newPage();
    const problems = watchConsole(page, { allow: EXPECTED_CONSOLE });
    await logInToBackoffice(page, demo('admin'));
    await page.locator('.bo-nav').getByRole('link', { name: 'Мерчанты' }).click();
    await page.getByRole('heading', { level: 1, name: 'Мерчанты' }).waitFor();

    const legalName = `ТОО «Магазин ${freshBin().slice(-4)}»`;
    const main = page.locator('main');
    await main.getByLabel('Юридическое название').fill(legalName);
    await main.getByLabel('БИН').fill(freshBin());
    await main.getByLabel('MCC').fill('5411');
    await main.getByLabel('IBAN для выплат').fill('KZ00WRONG');
    await main.getByLabel('Адреса возврата').fill('https://shop.example.kz');
    await main.getByRole('button', { name: 'Создать мерчанта' }).click();
    await main.getByRole('alert').waitFor();
    expect(await main.getByRole('alert').textContent()).toMatch(/IBAN/);
    await screenshot(page, 'backoffice-merchants-create-error-1280');

    await main.getByLabel('IBAN для выплат').fill(TEST_SETTLEMENT_IBAN);
    await main.getByRole('button', { name: 'Создать мерчанта' }).click();
    await page.waitForURL(/\/backoffice\/merchants\/mch_/);
    await page.getByRole('heading', { level: 1, name: legalName }).waitFor();

    // The name buyers see on their statement and the checkout, and the fee: changed and audited.
    await main.getByLabel('Имя в выписке покупателя').fill('MAGAZIN DEMO');
    await main.getByLabel('Комиссия банка (MDR), %').fill('1,8');
    await main.getByRole('button', { name: 'Сохранить' }).click();
    await main.getByText('Настройки сохранены.').waitFor();
    await main.getByText('MAGAZIN DEMO', { exact: true }).waitFor();
    await main.getByText('1,8 %').waitFor();

    await main.getByLabel('Назначение ключа').fill('Сайт магазина');
    await main.getByRole('button', { name: 'Выпустить ключ' }).click();
    const secretBox = page.getByTestId('merchant-key-secret');
    await secretBox.waitFor();
    const secret = (await secretBox.textContent()) ?? '';
    expect(secret).toMatch(/^sk_test_[A-Za-z0-9_-]{30,}$/);
    await screenshot(page, 'backoffice-merchant-key-1280');
    expect(await balanceStatus(page, secret)).toBe(200);
    await main.getByRole('button', { name: 'Я сохранил ключ' }).click();
    await secretBox.waitFor({ state: 'detached' });
    // Once gone from the screen, the key is nowhere on the page: only its prefix is listed.
    expect(await main.textContent()).not.toContain(secret);

    await main.getByRole('button', { name: 'Отозвать' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Отозвать' }).click();
    await main.getByText('отозван').waitFor();
    expect(await balanceStatus(page, secret)).toBe(401);

    await main.getByLabel('Причина (не короче 5 символов)').fill('Проверка службы безопасности');
    await main.getByRole('button', { name: 'Приостановить' }).click();
    await main.getByText('Приостановлен', { exact: true }).waitFor();
    await main.getByRole('button', { name: 'Возобновить' }).waitFor();
    await screenshot(page, 'backoffice-merchant-suspended-1280');

    for (const [language, title] of [
      ['Қазақша', 'Мерчанттар'],
      ['English', 'Merchants'],
    ] as const) {
      await page.getByRole('button', { name: language }).click();
      await page.locator('.bo-nav').getByRole('link', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await main.getByText(legalName).waitFor();
      await screenshot(page, `backoffice-merchants-${language === 'English' ? 'en' : 'kk'}-1280`);
    }
    await page.getByRole('button', { name: 'Русский' }).click();
    expectNoConsoleProblems(problems);

    const operatorContext = await newMobileContext(e2e.browser);
    const phone = await operatorContext.newPage();
    await logInToBackoffice(phone, demo('operator'));
    await phone.goto(`${e2e.kassa.baseUrl}/backoffice/merchants`);
    await phone.getByRole('heading', { level: 1, name: 'Мерчанты' }).waitFor();
    await phone.locator('main').getByRole('link', { name: legalName }).click();
    await phone.getByRole('heading', { level: 1, name: legalName }).waitFor();
    await phone.locator('main').getByText('Приостановлен', { exact: true }).waitFor();
    expect(
      await phone
        .locator('main')
        .getByRole('button', { name: /Выпустить ключ|Возобновить|Отозвать/ })
        .count(),
    ).toBe(0);
    await screenshot(phone, 'backoffice-merchant-operator-390');
    await operatorContext.close();
    await context.close();
  });
});
