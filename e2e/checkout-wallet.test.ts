import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../apps/server/src/demo/seed.js';
import { createTestKey, createTestMerchant } from '../apps/server/src/modules/acquiring/acquiring.fixtures.js';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../apps/server/src/modules/identity/index.js';
import { createTestStaff } from '../apps/server/src/modules/staff/staff.fixtures.js';
import { ARTIFACTS_DIR } from './artifacts.js';
import { type Customer, loginWithPassword, newMobileContext, seenSmsIds, startJourneys, waitForCode, watchConsole } from './harness.js';

/**
 * A Kassa customer pays from their e-wallet on the bank's checkout page (issue 15 item 3): the
 * demo customer Бекова Айгерим (an e-wallet with the demo seeder's 250 000,00 ₸, no card) signs
 * in, first meets the demo shop's test payment, where the e-wallet is shown but cannot pay (a
 * test payment takes sandbox cards only), then a live payment of a shop, which she pays from the
 * e-wallet with the code from the dev SMS inbox. Screens go to e2e/artifacts/checkout-wallet.
 */

const e2e = startJourneys();
const SHOTS_DIR = `${ARTIFACTS_DIR}/checkout-wallet`;
const AMOUNT_MINOR = 400_000;
const DEMO_WALLET_MINOR = 25_000_000;

const [demo] = DEMO_CUSTOMERS;
const buyer: Customer = {
  phone: demo.phone,
  typed: `8 ${demo.phone.slice(2, 5)} ${demo.phone.slice(5, 8)} ${demo.phone.slice(8, 10)} ${demo.phone.slice(10)}`,
  iin: '',
  fullName: demo.fullName,
  password: DEMO_PASSWORD,
};

let liveKey: string;

beforeAll(async () => {
  await seedDemoData(e2e.kassa.app.ctx);
  const admin = await createTestStaff(e2e.kassa.app, 'admin');
  const merchantId = await createTestMerchant(e2e.kassa.app, admin, { legalName: 'ТОО «Arman Coffee»' });
  liveKey = (await createTestKey(e2e.kassa.app, admin, merchantId, 'live')).secret;
});

/** A live payment as a shop creates it: the merchant API, its key, an Idempotency-Key. */
async function createLivePayment(): Promise<{ id: string; checkoutUrl: string }> {
  const response = await e2e.kassa.app.inject({
    method: 'POST',
    url: '/api/merchant/v1/payments',
    headers: { authorization: `Bearer ${liveKey}`, 'idempotency-key': randomUUID() },
    payload: {
      amountMinor: AMOUNT_MINOR,
      currency: 'KZT',
      description: 'Coffee beans, 1 kg',
      returnUrl: 'https://shop.example.kz/orders/17',
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function paymentStatus(id: string): Promise<string> {
  const response = await e2e.kassa.app.inject({ url: `/api/merchant/v1/payments/${id}`, headers: { authorization: `Bearer ${liveKey}` } });
  return response.json().status;
}

async function walletAvailableMinor(page: Page): Promise<number> {
  const { items } = (await (await page.request.get(`${e2e.kassa.baseUrl}/api/v1/accounts`)).json()) as {
    items: Array<{ kind: string; availableMinor: number }>;
  };
  const wallet = items.find((item) => item.kind === 'ewallet');
  if (!wallet) throw new Error('the demo customer has no e-wallet');
  return wallet.availableMinor;
}

/** The choice at both widths: the page is mobile first, and the desktop puts it beside the summary. */
async function shotBothWidths(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS_DIR, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SHOTS_DIR}/ru-${width}-${name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

describe('a Kassa customer pays from their e-wallet', () => {
  test('sees it refused for the demo shop’s test payment, then pays a live one with the code from the SMS', async () => {
    const context = await newMobileContext(e2e.browser, 'ru-RU');
    const page = await context.newPage();
    const problems = watchConsole(page);
    await loginWithPassword(page, e2e.kassa.baseUrl, buyer);
    expect(await walletAvailableMinor(page)).toBe(DEMO_WALLET_MINOR);

    // The demo shop takes test payments: the e-wallet is there, disabled, with the reason.
    await page.goto(`${e2e.kassa.baseUrl}/demo-shop`);
    await page.getByRole('button', { name: 'В корзину' }).first().click();
    await page.locator('#basket table').waitFor();
    await page.getByRole('button', { name: 'Оплатить' }).click();
    await page.waitForURL(/\/checkout\/pay_/);
    await page.getByText('В тестовом платеже кошельком не заплатить: нужна тестовая карта').waitFor();
    expect(await page.getByRole('radio', { name: /Электронный кошелёк/ }).isDisabled()).toBe(true);
    await shotBothWidths(page, 'demo-shop-test-mode');

    // A live payment: the e-wallet with its balance, chosen (no card to prefer), the SMS note.
    const payment = await createLivePayment();
    await page.goto(payment.checkoutUrl);
    await page.getByText('Оплатить через Kassa').waitFor();
    const walletChoice = page.getByRole('radio', { name: /Электронный кошелёк/ });
    expect(await walletChoice.isChecked()).toBe(true);
    await page.getByText('Доступно 250 000,00 ₸').waitFor();
    await page.getByText('Оплата из кошелька подтверждается кодом из SMS, как оплата картой.').waitFor();
    const pay = page.getByRole('button', { name: /Оплатить 4\s000,00\s₸ из кошелька/ });
    await pay.waitFor();
    await shotBothWidths(page, 'wallet-choice');

    const seen = await seenSmsIds(e2e.kassa.baseUrl, buyer.phone);
    await pay.click();
    await page.getByRole('heading', { name: 'Kassa Банк · 3-D Secure' }).waitFor();
    await page.getByText(/Код отправлен на \+7/).waitFor();
    const code = await waitForCode(e2e.kassa.baseUrl, buyer.phone, seen);
    await shotBothWidths(page, 'wallet-challenge');
    await page.getByLabel('Код из SMS').fill(code);
    await page.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await page.getByRole('heading', { name: 'Оплачено' }).waitFor();
    await page.getByRole('button', { name: 'Остаться на этой странице' }).click();
    await shotBothWidths(page, 'wallet-paid');

    expect(await paymentStatus(payment.id)).toBe('succeeded');
    // The money left the e-wallet, exactly the amount; the demo shop's refused attempt took nothing.
    expect(await walletAvailableMinor(page)).toBe(DEMO_WALLET_MINOR - AMOUNT_MINOR);
    expect(problems.messages, problems.messages.join('\n')).toEqual([]);
    await context.close();
  });
});
