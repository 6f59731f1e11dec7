import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestKey, createTestMerchant } from '../apps/server/src/modules/acquiring/acquiring.fixtures.js';
import { createTestStaff } from '../apps/server/src/modules/staff/staff.fixtures.js';
import { ARTIFACTS_DIR } from './artifacts.js';
import {
  type Customer,
  logout,
  newCustomer,
  newMobileContext,
  registerThroughUi,
  seenSmsIds,
  startJourneys,
  waitForCode,
  watchConsole,
} from './harness.js';
import { fund } from './tour-data.js';

/**
 * Approving an online purchase in the Kassa app instead of typing the SMS code (issue 15 item 4,
 * docs/3ds.md "Approving in the app instead"): a customer binds a PIN device and logs in by PIN;
 * a shop's live payment (the merchant API, as a shop makes one) is paid with their Kassa card and
 * reaches the bank's challenge, which offers the app; in another page of the same phone the home
 * screen shows the purchase, the customer types a wrong PIN, then the right one, and the checkout
 * goes on to "paid" by itself. Screens (ru, 390 and 1280 px) go to e2e/artifacts/app-approval.
 */

const e2e = startJourneys();
const SHOTS_DIR = `${ARTIFACTS_DIR}/app-approval`;
const AMOUNT_MINOR = 700_000;
const PIN = '2580';

let liveKey: string;

beforeAll(async () => {
  const admin = await createTestStaff(e2e.kassa.app, 'admin');
  const merchantId = await createTestMerchant(e2e.kassa.app, admin, { legalName: 'ТОО «Arman Coffee»' });
  liveKey = (await createTestKey(e2e.kassa.app, admin, merchantId, 'live')).secret;
});

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS_DIR, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, fullPage: true });
}

/** The same screen at the phone's width and at a desktop's, then back to the phone. */
async function shotBothWidths(page: Page, name: string): Promise<void> {
  await shot(page, `ru-390-${name}`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, `ru-1280-${name}`);
  await page.setViewportSize({ width: 390, height: 844 });
}

async function createPayment(): Promise<{ id: string; checkoutUrl: string }> {
  const response = await e2e.kassa.app.inject({
    method: 'POST',
    url: '/api/merchant/v1/payments',
    headers: { authorization: `Bearer ${liveKey}`, 'idempotency-key': randomUUID(), 'accept-language': 'en' },
    payload: {
      amountMinor: AMOUNT_MINOR,
      currency: 'KZT',
      description: 'Coffee beans, 2 kg',
      returnUrl: 'https://shop.example.kz/orders/18',
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; checkoutUrl: string };
}

async function paymentStatus(id: string): Promise<string> {
  const response = await e2e.kassa.app.inject({
    method: 'GET',
    url: `/api/merchant/v1/payments/${id}`,
    headers: { authorization: `Bearer ${liveKey}` },
  });
  return (response.json() as { status: string }).status;
}

/** A registered, funded customer with a virtual card, a PIN device bound on this page's browser, logged in by PIN. */
async function customerOnPinDevice(page: Page, customer: Customer): Promise<void> {
  const baseUrl = e2e.kassa.baseUrl;
  await registerThroughUi(page, baseUrl, customer);
  await fund(e2e.kassa, page);
  const session = (await (await page.request.get(`${baseUrl}/api/v1/auth/session`)).json()) as { csrfToken: string };
  const accounts = (await (await page.request.get(`${baseUrl}/api/v1/accounts`)).json()) as {
    items: Array<{ id: string; currency: string }>;
  };
  const account = accounts.items.find((item) => item.currency === 'KZT');
  if (!account) throw new Error('no KZT account');
  const issued = await page.request.post(`${baseUrl}/api/v1/cards`, {
    headers: { 'x-csrf-token': session.csrfToken, 'idempotency-key': randomUUID() },
    data: { accountId: account.id, kind: 'virtual' },
  });
  expect(issued.ok()).toBe(true);

  await page.goto(`${baseUrl}/settings`);
  await page.getByRole('button', { name: 'Настроить вход по PIN-коду' }).click();
  await page.getByLabel('Новый PIN-код').fill(PIN);
  await page.getByLabel('PIN-код ещё раз').fill(PIN);
  const seen = await seenSmsIds(baseUrl, customer.phone);
  await page.getByRole('button', { name: 'Сохранить PIN-код' }).click();
  await page.getByLabel('Код из SMS').fill(await waitForCode(baseUrl, customer.phone, seen));
  await page.getByRole('button', { name: 'Подтвердить и привязать' }).click();
  await page.getByText('Готово: на этом устройстве можно входить по PIN-коду.').waitFor();

  await logout(page);
  await page.getByRole('heading', { level: 1, name: 'Вход по PIN-коду' }).waitFor();
  await page.getByLabel('PIN-код').fill(PIN);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /Здравствуйте/ }).waitFor();
}

describe('a Kassa customer approves an online purchase in the app', () => {
  test('on the phone bound by PIN, and the bank’s checkout page goes on to paid by itself', async () => {
    const context = await newMobileContext(e2e.browser, 'ru-RU');
    const app = await context.newPage();
    // The one expected failure: the wrong PIN's 401 on approve, a reported refusal, not a fault.
    const appConsole = watchConsole(app, { allow: [/status of 401 .*\/3ds\/approvals\/[0-9a-f-]+\/approve\)$/] });
    await customerOnPinDevice(app, newCustomer());

    // The buyer pays in the shop's checkout with their Kassa card, in another tab of the same phone.
    const payment = await createPayment();
    const checkout = await context.newPage();
    const checkoutConsole = watchConsole(checkout);
    await checkout.goto(payment.checkoutUrl);
    await checkout.getByRole('button', { name: /Оплатить 7\s000,00\s₸ картой Kassa/ }).click();
    await checkout.getByRole('heading', { name: 'Kassa Банк · 3-D Secure' }).waitFor();
    await checkout.getByText('Или подтвердите покупку в приложении Kassa на своём телефоне').waitFor();
    await shot(checkout, 'ru-390-challenge-in-app');

    // The app's home screen lists it within its poll.
    await app.goto(e2e.kassa.baseUrl);
    const banner = app.locator('.approval-banner');
    await banner.getByText(/Подтвердите покупку: 7\s000,00\s₸ в /).waitFor();
    await shotBothWidths(app, 'home-banner');
    await banner.getByRole('link', { name: 'Посмотреть покупку' }).click();
    await app.getByRole('heading', { level: 1, name: 'Подтверждение покупки' }).waitFor();
    await app.getByText('Если вы не совершали эту покупку — отклоните её и позвоните в банк.').waitFor();
    expect(await app.locator('.approval__facts').textContent()).toMatch(/7\s000,00\s₸/);
    await shotBothWidths(app, 'approval');

    // A wrong PIN first: refused with the tries left; the purchase still waits.
    await app.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await app.getByLabel('PIN-код').fill('1357');
    await shot(app, 'ru-390-approval-pin');
    await app.getByRole('button', { name: 'Подтвердить покупку' }).click();
    await app.getByText(/Неверный PIN-код\. Осталось попыток: 4/).waitFor();
    await shot(app, 'ru-390-approval-wrong-pin');
    expect(await paymentStatus(payment.id)).not.toBe('succeeded');

    await app.getByLabel('PIN-код').fill(PIN);
    await app.getByRole('button', { name: 'Подтвердить покупку' }).click();
    await app.getByText('Покупка подтверждена').waitFor();
    await shotBothWidths(app, 'approval-done');

    // The bank's page saw the challenge end and went on exactly as after a right code.
    await checkout.getByRole('heading', { name: 'Оплачено' }).waitFor({ timeout: 15_000 });
    await checkout.getByRole('button', { name: 'Остаться на этой странице' }).click();
    await shot(checkout, 'ru-390-checkout-paid');
    await expect.poll(() => paymentStatus(payment.id)).toBe('succeeded');

    // Home no longer asks about it.
    await app.goto(e2e.kassa.baseUrl);
    await app.getByRole('heading', { level: 2, name: 'Счета и кошелёк' }).waitFor();
    await app.waitForTimeout(3_500);
    expect(await app.locator('.approval-banner').count()).toBe(0);

    expect(appConsole.messages).toEqual([]);
    expect(checkoutConsole.messages).toEqual([]);
    await context.close();
  });
});
