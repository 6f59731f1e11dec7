import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../apps/server/src/demo/seed.js';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, staffDemoSeeder, totpCode } from '../apps/server/src/modules/staff/index.js';
import { createTestStaff } from '../apps/server/src/modules/staff/staff.fixtures.js';
import {
  type ConsoleProblems,
  loginWithPassword,
  newCustomer,
  newDesktopContext,
  newMobileContext,
  registerThroughUi,
  screenshot,
  startJourneys,
  watchConsole,
} from './harness.js';

/**
 * A block and its unblock in the back office (issue 13 items 4 and 10): a security officer finds the
 * customer, opens the file with a reason and blocks them; on the Blocks page the same officer asks
 * for the unblock, and sees their own request in Approvals with the decisions closed to them; a
 * second security officer approves it; the customer logs in again with the SMS code; the audit
 * viewer finds the approval events and the hash chain verifies. Screenshots at 1280 px (Approvals
 * also at 390 px).
 */

const e2e = startJourneys();

/** One 30-second TOTP step: a staff member's code may not be used twice. */
const TOTP_STEP_MS = 30_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const ACCESS_REASON = 'Клиент сообщил о взломе, звонок №4417';
const BLOCK_NOTE = 'Клиент сообщил, что пароль и код узнал посторонний';
const IDENTITY_NOTE = 'Личность проверена в отделении по удостоверению';

// The back office's passive session check before the login answers 401 (as in backoffice.test.ts).
const EXPECTED_CONSOLE = [/status of 401.*\/api\/staff\/v1\/auth\/session\)/];

const maker = DEMO_STAFF.find((member) => member.username === 'security');
if (!maker) throw new Error('no demo security officer');

async function logInToBackoffice(page: Page, who: { username: string; password: string; secret: string }): Promise<void> {
  await page.goto(`${e2e.kassa.baseUrl}/backoffice/`);
  await page.waitForURL(/\/backoffice\/login$/);
  await page.locator('input[name="username"]').fill(who.username);
  await page.locator('input[name="password"]').fill(who.password);
  await page.locator('form button[type="submit"]').click();
  await page.locator('input[name="code"]').waitFor();
  e2e.kassa.clock.advance(TOTP_STEP_MS);
  await page.locator('input[name="code"]').fill(totpCode(who.secret, e2e.kassa.clock.now().getTime()));
  await page.locator('form button[type="submit"]').click();
  await page.locator('.bo-nav').waitFor();
}

async function staffCsrf(page: Page): Promise<string> {
  const response = await page.request.get(`${e2e.kassa.baseUrl}/api/staff/v1/auth/session`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

function expectNoConsoleProblems(problems: ConsoleProblems): void {
  expect(problems.messages, problems.messages.join('\n')).toEqual([]);
}

describe('a block and its unblock in the back office', () => {
  beforeAll(async () => {
    await seedDemoData(e2e.kassa.app.ctx, [staffDemoSeeder]);
  });

  test('one officer blocks and asks for the unblock, another approves it, the customer logs in, the audit chain holds', async () => {
    const customer = newCustomer();
    const customerContext = await newMobileContext(e2e.browser);
    const customerPage = await customerContext.newPage();
    await registerThroughUi(customerPage, e2e.kassa.baseUrl, customer);

    // The maker: finds the customer by phone and opens the file with a reason.
    const makerContext = await newDesktopContext(e2e.browser);
    const desk = await makerContext.newPage();
    const makerProblems = watchConsole(desk, { allow: EXPECTED_CONSOLE });
    await logInToBackoffice(desk, { username: maker.username, password: DEMO_STAFF_PASSWORD, secret: maker.totpSecret });
    const nav = desk.locator('.bo-nav');
    await nav.getByRole('link', { name: 'Клиенты' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Клиенты' }).waitFor();
    await desk.getByLabel('Телефон клиента').fill(customer.phone);
    await desk.getByRole('button', { name: 'Найти' }).click();
    const match = desk.locator('.list-row').first().getByRole('link');
    await match.waitFor();
    await match.click();
    await desk.waitForURL(/\/backoffice\/customers\/cus_/);
    const customerId = /\/customers\/(cus_[^/?#]+)/.exec(desk.url())?.[1];
    if (!customerId) throw new Error(`no customer id in ${desk.url()}`);
    await desk.getByLabel('Причина', { exact: true }).fill(ACCESS_REASON);
    await desk.getByRole('button', { name: 'Открыть карточку' }).click();
    await desk.getByText(`Причина: ${ACCESS_REASON}`).waitFor();
    await screenshot(desk, 'bo-blocks-customer-file-1280');

    // The file has no block button for an officer: the block goes through the API, with the officer's session.
    const blocked = await desk.request.post(`${e2e.kassa.baseUrl}/api/staff/v1/customers/${customerId}/block`, {
      headers: { 'x-csrf-token': await staffCsrf(desk) },
      data: { reason: 'compromise', note: BLOCK_NOTE },
    });
    expect(blocked.status(), await blocked.text()).toBe(200);
    // The block ends the customer's sessions.
    expect((await customerPage.request.get(`${e2e.kassa.baseUrl}/api/v1/auth/session`)).status()).toBe(401);

    // The Blocks page lists it; the maker asks for the unblock.
    await nav.getByRole('link', { name: 'Блокировки' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Блокировки' }).waitFor();
    const row = desk.locator('.list-row').filter({ hasText: 'Данные для входа скомпрометированы' }).first();
    await row.getByText('Действует').waitFor();
    await screenshot(desk, 'bo-blocks-list-1280');
    await row.getByRole('link').click();
    await desk.getByText(BLOCK_NOTE).waitFor();
    await desk.getByLabel('Как проверена личность').fill(IDENTITY_NOTE);
    await screenshot(desk, 'bo-blocks-unblock-request-1280');
    await desk.getByRole('button', { name: 'Запросить разблокировку' }).click();
    await desk.getByText('Запрос отправлен. Его подтверждает другой сотрудник службы безопасности.').waitFor();
    await desk.getByText(/^Запросил\(а\) Нурлан Ахметов, ожидает до/).waitFor();

    // The maker's own request in Approvals: visible, the decisions closed.
    await nav.getByRole('link', { name: 'Подтверждения' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Подтверждения' }).waitFor();
    const request = desk
      .locator('.list-row')
      .filter({ hasText: 'Нурлан Ахметов' })
      .getByRole('link', { name: /^Разблокировка · / });
    await request.waitFor();
    await request.click();
    await desk.getByText('Это ваш запрос: его решает другой сотрудник.').waitFor();
    await desk.getByText(IDENTITY_NOTE).waitFor();
    expect(await desk.getByRole('button', { name: 'Подтвердить' }).isDisabled()).toBe(true);
    expect(await desk.getByRole('button', { name: 'Отклонить' }).isDisabled()).toBe(true);
    await screenshot(desk, 'bo-approvals-own-request-1280');
    await desk.setViewportSize(PHONE);
    await screenshot(desk, 'bo-approvals-own-request-390');
    await desk.setViewportSize(DESKTOP);
    // The server agrees with the screen: the maker may not approve their own request.
    const approvalId = /\/approvals\/(apr_[^/?#]+)/.exec(desk.url())?.[1];
    if (!approvalId) throw new Error(`no approval id in ${desk.url()}`);
    const selfApproved = await desk.request.post(`${e2e.kassa.baseUrl}/api/staff/v1/approvals/${approvalId}/approve`, {
      headers: { 'x-csrf-token': await staffCsrf(desk) },
      data: {},
    });
    expect(selfApproved.status()).toBe(403);
    expectNoConsoleProblems(makerProblems);

    // The checker: a second security officer approves it.
    const checker = await createTestStaff(e2e.kassa.app, 'security_officer', { displayName: 'Ерлан Сапаров' });
    const checkerContext = await newDesktopContext(e2e.browser);
    const checkDesk = await checkerContext.newPage();
    const checkerProblems = watchConsole(checkDesk, { allow: EXPECTED_CONSOLE });
    await logInToBackoffice(checkDesk, checker);
    const checkerNav = checkDesk.locator('.bo-nav');
    await checkerNav.getByRole('link', { name: 'Подтверждения' }).click();
    await checkDesk.getByRole('heading', { level: 1, name: 'Подтверждения' }).waitFor();
    await checkDesk.locator(`a[href$="/approvals/${approvalId}"]`).waitFor();
    await screenshot(checkDesk, 'bo-approvals-queue-1280');
    await checkDesk.setViewportSize(PHONE);
    await screenshot(checkDesk, 'bo-approvals-queue-390');
    await checkDesk.setViewportSize(DESKTOP);
    await checkDesk.locator(`a[href$="/approvals/${approvalId}"]`).click();
    await checkDesk.getByText(IDENTITY_NOTE).waitFor();
    expect(await checkDesk.getByRole('button', { name: 'Подтвердить' }).isDisabled()).toBe(false);
    await screenshot(checkDesk, 'bo-approvals-decide-1280');
    await checkDesk.getByLabel('Комментарий (для отклонения обязателен)').fill('Проверено по записи звонка');
    await checkDesk.getByRole('button', { name: 'Подтвердить' }).click();
    await checkDesk.getByText('Запрос подтверждён и выполнен.').waitFor();
    await checkDesk.locator('main dd').getByText('Ерлан Сапаров').waitFor();
    await screenshot(checkDesk, 'bo-approvals-approved-1280');
    await checkDesk.setViewportSize(PHONE);
    await screenshot(checkDesk, 'bo-approvals-approved-390');
    await checkDesk.setViewportSize(DESKTOP);

    // The customer is back: password and the SMS code.
    await loginWithPassword(customerPage, e2e.kassa.baseUrl, customer);
    expect((await customerPage.request.get(`${e2e.kassa.baseUrl}/api/v1/auth/session`)).status()).toBe(200);
    await screenshot(customerPage, 'bo-blocks-customer-back-390');

    // The audit viewer finds the approval's events, and the chain is intact.
    await checkerNav.getByRole('link', { name: 'Журнал аудита' }).click();
    await checkDesk.getByRole('heading', { level: 1, name: 'Журнал аудита' }).waitFor();
    await checkDesk.getByLabel('Событие (начало названия)').fill('approval.');
    await checkDesk.getByRole('button', { name: 'Найти' }).click();
    const events = checkDesk.locator('.audit-table tbody tr td:nth-child(3)');
    await events.first().waitFor();
    const names = await events.allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const name of names) expect(name).toMatch(/^approval\./);
    await checkDesk.getByRole('button', { name: 'Проверить цепочку' }).click();
    await checkDesk.getByText(/^Цепочка цела: проверено записей — \d+\.$/).waitFor();
    await screenshot(checkDesk, 'bo-audit-approvals-verified-1280');
    expectNoConsoleProblems(checkerProblems);

    await checkerContext.close();
    await makerContext.close();
    await customerContext.close();
  });
});
