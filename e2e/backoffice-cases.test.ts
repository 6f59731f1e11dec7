import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { depositFromSettlement } from '../apps/server/src/modules/accounts/index.js';
import { getAccount } from '../apps/server/src/modules/ledger/index.js';
import { totpCode } from '../apps/server/src/modules/staff/index.js';
import { createTestStaff } from '../apps/server/src/modules/staff/staff.fixtures.js';
import { registerCustomer, web } from '../apps/server/test/customers.js';
import { newCustomer, newDesktopContext, newMobileContext, registerThroughUi, screenshot, startJourneys } from './harness.js';

/**
 * The bank's side of cases in the back office (issue 13 items 6, 7, 8): a customer reports "I told
 * someone my code" in the app; a security officer finds it on top of the incident queue, opens it,
 * ends the customer's sessions from it (the customer's next request is 401) and resolves it. A
 * dispute the customer opens is refunded by an operator under the approval threshold, and the
 * customer's balance shows the refund. Screenshots at 1280 px (and 390 px) in ru, one in kk.
 */

const e2e = startJourneys();

/** One 30-second TOTP step: the enrolment's code may not be used again for the login. */
const TOTP_STEP_MS = 30_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const FUNDED_MINOR = 500_000n;
const TRANSFER_MINOR = 100_000;

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

async function csrfOf(page: Page): Promise<string> {
  const response = await page.request.get(`${e2e.kassa.baseUrl}/api/v1/auth/session`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

async function currentAccount(page: Page): Promise<{ id: string; balanceMinor: number }> {
  const { items } = (await (await page.request.get(`${e2e.kassa.baseUrl}/api/v1/accounts`)).json()) as {
    items: Array<{ id: string; kind: string; balanceMinor: number }>;
  };
  const current = items.find((item) => item.kind === 'customer_current');
  if (!current) throw new Error('no current account');
  return current;
}

describe('cases in the back office', () => {
  test('"I told someone my code": first in the officer\'s queue, the sessions ended from the incident, resolved', async () => {
    const customerContext = await newMobileContext(e2e.browser);
    const phone = await customerContext.newPage();
    await registerThroughUi(phone, e2e.kassa.baseUrl, newCustomer());
    await phone.goto(`${e2e.kassa.baseUrl}/security`);
    await phone.locator('#main-content').getByRole('link', { name: 'Сообщить о проблеме' }).click();
    await phone.getByRole('radio', { name: /Я сообщил кому-то код из SMS/ }).check();
    await phone.getByLabel('Опишите, что произошло').fill('Позвонили «из банка», я назвал код');
    await phone.getByRole('button', { name: 'Отправить в банк' }).click();
    await phone.getByTestId('incident-advice').waitFor();
    expect((await phone.request.get(`${e2e.kassa.baseUrl}/api/v1/auth/session`)).status()).toBe(200);

    const officer = await createTestStaff(e2e.kassa.app, 'security_officer', { displayName: 'Ерлан Сапаров' });
    const deskContext = await newDesktopContext(e2e.browser);
    const desk = await deskContext.newPage();
    await logInToBackoffice(desk, officer);
    await desk.locator('.bo-nav').getByRole('link', { name: 'Инциденты' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Инциденты безопасности' }).waitFor();
    const first = desk.locator('.case-table tbody tr').first();
    await first.getByText('Высокий').waitFor();
    await first.getByRole('link', { name: 'Клиент сообщил кому-то код' }).waitFor();
    await screenshot(desk, 'cases-incidents-queue-1280');
    await first.getByRole('link', { name: 'Клиент сообщил кому-то код' }).click();
    await desk.getByText('Позвонили «из банка», я назвал код').waitFor();
    await desk.getByRole('link', { name: '595' }).waitFor();
    await desk.getByRole('button', { name: 'Взять в работу' }).click();
    await desk.getByText('В работе', { exact: true }).first().waitFor();
    await screenshot(desk, 'cases-incident-1280');

    await desk.getByRole('button', { name: 'Завершить все сеансы' }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByText('Завершить все сеансы клиента?').waitFor();
    await screenshot(desk, 'cases-incident-confirm-1280');
    await dialog.getByRole('button', { name: 'Завершить все сеансы' }).click();
    await desk.getByText(/^Завершено сеансов: [1-9]\d*\.$/).waitFor();
    // The customer's session is gone on the server: their next request is 401.
    expect((await phone.request.get(`${e2e.kassa.baseUrl}/api/v1/auth/session`)).status()).toBe(401);

    await desk.getByLabel('Чем закончилось').fill('Сеансы завершены, клиент сменит пароль');
    await desk.getByRole('button', { name: 'Решён', exact: true }).click();
    await desk.getByText('Итог: Сеансы завершены, клиент сменит пароль').waitFor();
    await screenshot(desk, 'cases-incident-resolved-1280');
    await desk.setViewportSize(PHONE);
    await screenshot(desk, 'cases-incident-resolved-390');
    await desk.setViewportSize(DESKTOP);

    // The same page in Kazakh.
    await desk.getByRole('button', { name: /Қаз/ }).first().click();
    await desk.getByText('Шешілді', { exact: true }).first().waitFor();
    await screenshot(desk, 'cases-incident-resolved-kk-1280');

    await deskContext.close();
    await customerContext.close();
  });

  test('a dispute the customer opens is refunded by an operator under the threshold, and the balance shows it', async () => {
    const customerContext = await newMobileContext(e2e.browser);
    const phone = await customerContext.newPage();
    await registerThroughUi(phone, e2e.kassa.baseUrl, newCustomer());
    const current = await currentAccount(phone);
    const ledgerAccount = await getAccount(e2e.kassa.app.ctx.db, current.id);
    if (!ledgerAccount) throw new Error('no ledger account');
    await e2e.kassa.app.ctx.db.transaction((tx) => depositFromSettlement(tx, ledgerAccount, FUNDED_MINOR, 'test'));
    const { items } = (await (await phone.request.get(`${e2e.kassa.baseUrl}/api/v1/accounts`)).json()) as {
      items: Array<{ id: string; kind: string }>;
    };
    const wallet = items.find((item) => item.kind === 'ewallet');
    if (!wallet) throw new Error('no e-wallet');
    const created = await phone.request.post(`${e2e.kassa.baseUrl}/api/v1/transfers`, {
      headers: { 'x-csrf-token': await csrfOf(phone), 'idempotency-key': crypto.randomUUID() },
      data: { kind: 'own', sourceAccountId: current.id, destinationAccountId: wallet.id, amountMinor: TRANSFER_MINOR, currency: 'KZT' },
    });
    expect(created.status()).toBe(201);
    const operationId = ((await created.json()) as { id: string }).id;
    const disputed = await phone.request.post(`${e2e.kassa.baseUrl}/api/v1/operations/${operationId}/dispute`, {
      headers: { 'x-csrf-token': await csrfOf(phone) },
      data: { comment: 'Не узнаю этот перевод' },
    });
    expect(disputed.status()).toBe(201);
    const before = (await currentAccount(phone)).balanceMinor;

    const operator = await createTestStaff(e2e.kassa.app, 'operator', { displayName: 'Айгерим Касымова' });
    const deskContext = await newDesktopContext(e2e.browser);
    const desk = await deskContext.newPage();
    await logInToBackoffice(desk, operator);
    await desk.locator('.bo-nav').getByRole('link', { name: 'Оспаривания' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Оспаривания операций' }).waitFor();
    await screenshot(desk, 'cases-disputes-queue-1280');
    await desk.locator('.case-table tbody tr').first().getByRole('link').click();
    await desk.getByText('Не узнаю этот перевод').first().waitFor();
    await desk.getByLabel('Сообщение клиенту').fill('Проверяем операцию, ответим в срок.');
    await desk.getByRole('button', { name: 'Начать проверку' }).click();
    await desk.getByText('Клиенту: «Проверяем операцию, ответим в срок.»').waitFor();
    await desk.getByLabel('Сумма возврата, ₸').fill('1000');
    await desk.getByRole('button', { name: 'Вернуть', exact: true }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByText(/^Вернуть клиенту 1\s000,00\s₸\?$/).waitFor();
    await screenshot(desk, 'cases-dispute-refund-confirm-1280');
    await dialog.getByRole('button', { name: 'Вернуть' }).click();
    await desk.getByText(/^Деньги возвращены клиенту: 1\s000,00\s₸\.$/).waitFor();
    await screenshot(desk, 'cases-dispute-refunded-1280');

    expect((await currentAccount(phone)).balanceMinor).toBe(before + TRANSFER_MINOR);
    await phone.goto(`${e2e.kassa.baseUrl}/`);
    await phone.getByRole('heading', { level: 1, name: /Здравствуйте/ }).waitFor();
    await screenshot(phone, 'cases-dispute-customer-balance-390');

    await deskContext.close();
    await customerContext.close();
  });

  test("a note on a dispute (ru, 390 px) and on an incident (kk, 1280 px) shows with its author's name and role", async () => {
    // The cases come through the API: this journey is about the notes, the ones above walk the reports.
    const { app } = e2e.kassa;
    const who = await registerCustomer(app, { agreement: 'both' });
    const accounts = (await app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Array<{ id: string; kind: string }>;
    const current = accounts.find((item) => item.kind === 'customer_current');
    const wallet = accounts.find((item) => item.kind === 'ewallet');
    const ledgerAccount = current ? await getAccount(app.ctx.db, current.id) : null;
    if (!current || !wallet || !ledgerAccount) throw new Error('no accounts');
    await app.ctx.db.transaction((tx) => depositFromSettlement(tx, ledgerAccount, FUNDED_MINOR, 'test'));
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/transfers',
      headers: { ...web(who), 'idempotency-key': crypto.randomUUID() },
      payload: { kind: 'own', sourceAccountId: current.id, destinationAccountId: wallet.id, amountMinor: TRANSFER_MINOR, currency: 'KZT' },
    });
    const disputed = await app.inject({
      method: 'POST',
      url: `/api/v1/operations/${created.json().id}/dispute`,
      headers: web(who),
      payload: {},
    });
    expect(disputed.statusCode).toBe(201);
    const reported = await app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: web(who),
      payload: { kind: 'other', text: 'Странное письмо от «банка»' },
    });
    expect(reported.statusCode).toBe(201);

    const officer = await createTestStaff(app, 'security_officer', { displayName: 'Ерлан Сапаров' });
    const deskContext = await newDesktopContext(e2e.browser);
    const desk = await deskContext.newPage();
    await logInToBackoffice(desk, officer);

    await desk.setViewportSize(PHONE);
    await desk.goto(`${e2e.kassa.baseUrl}/backoffice/disputes/${disputed.json().disputeId}`);
    await desk.getByLabel('Новая заметка').fill('Клиент подтвердил по звонку, что перевод не его');
    await desk.getByRole('button', { name: 'Добавить заметку' }).click();
    const disputeNote = desk.locator('.list-row', { hasText: 'Клиент подтвердил по звонку, что перевод не его' });
    await disputeNote.getByText(/Ерлан Сапаров · Офицер безопасности/).waitFor();
    await screenshot(desk, 'cases-dispute-note-390');

    await desk.setViewportSize(DESKTOP);
    // Open the incident first, then switch the language on it: a switch just before a page load
    // may not be stored yet when the new page reads it (seen once in CI).
    await desk.goto(`${e2e.kassa.baseUrl}/backoffice/incidents/${reported.json().id}`);
    await desk.getByRole('button', { name: /Қаз/ }).first().click();
    await desk.getByLabel('Жаңа жазба').fill('Хат банктен емес, клиентке түсіндірдік');
    await desk.getByRole('button', { name: 'Жазба қосу' }).click();
    const incidentNote = desk.locator('.list-row', { hasText: 'Хат банктен емес, клиентке түсіндірдік' });
    await incidentNote.getByText(/Ерлан Сапаров · Қауіпсіздік офицері/).waitFor();
    await screenshot(desk, 'cases-incident-note-kk-1280');

    await deskContext.close();
  });
});
