import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertBankMerchant } from '../apps/server/src/modules/acquiring/index.js';
import { startDemoProviders } from '../apps/server/src/modules/payments/index.js';
import { createTestStaff } from '../apps/server/src/modules/staff/staff.fixtures.js';
import { ARTIFACTS_DIR } from './artifacts.js';
import {
  newCustomer,
  newMobileContext,
  registerThroughUi,
  seenSmsIds,
  smsFor,
  startJourneys,
  waitForCode,
  watchConsole,
} from './harness.js';
import { shotsInto } from './payments-steps.js';
import { fund } from './tour-data.js';

/**
 * A signed-in customer pays a provider from their own Kassa card (issue 16 item 3, "from a card"):
 * Payments → Kcell, the number and 2 000 ₸ typed, "Картой" chosen beside the accounts, the card
 * flow opens with what was typed, the bank's checkout offers the customer's virtual card, its
 * 3-D Secure code comes by SMS to the customer's phone, /pay/done says paid, and the purchase is
 * in the customer's history. In Russian at 390 px; every step photographed into
 * e2e/artifacts/payments-card.
 */

const e2e = startJourneys();
const shot = shotsInto(`${ARTIFACTS_DIR}/payments-card`);
const KCELL_NUMBER = '7015551234';
const AMOUNT = '2000';

const TEXTS = {
  payments: 'Платежи',
  search: 'Найти поставщика',
  phone: 'Номер телефона',
  amount: 'Сумма, ₸',
  from: 'Чем оплатить',
  byCard: 'Картой',
  continueByCard: 'Продолжить картой',
  banner: 'Оплата картой Kassa или другого банка',
  check: 'Проверить',
  next: 'Далее',
  review: 'Проверьте платёж',
  receiptPhone: 'Телефон для чека',
  ownNumber: /Чек придёт по SMS на ваш номер/,
  payByCard: /^Оплатить 2\s000,00\s₸ картой$/,
  ownPay: /Оплатить 2\s000,00\s₸ картой Kassa/,
  acs: 'Kassa Банк · 3-D Secure',
  code: 'Код из SMS',
  confirm: 'Подтвердить',
  paid: 'Оплачено',
  back: 'Продолжить',
} as const;

let closeProviders: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const { ctx } = e2e.kassa.app;
  ({ close: closeProviders } = await startDemoProviders(ctx));
  const merchantId = ctx.config.guestPayments.merchantId;
  if (!merchantId) throw new Error('the e2e server has no GUEST_PAYMENTS_MERCHANT_ID');
  const admin = await createTestStaff(e2e.kassa.app, 'admin');
  await ctx.db.transaction((tx) => insertBankMerchant(ctx, tx, { id: merchantId, staffId: admin.staffId }));
});
afterAll(async () => {
  await closeProviders?.();
});

/** A virtual card on the customer's KZT account, issued through the API as checkout.test.ts does; its last four digits. */
async function issueVirtualCard(page: Page): Promise<string> {
  const base = e2e.kassa.baseUrl;
  const session = (await (await page.request.get(`${base}/api/v1/auth/session`)).json()) as { csrfToken: string };
  const accounts = (await (await page.request.get(`${base}/api/v1/accounts`)).json()) as { items: Array<{ id: string; currency: string }> };
  const account = accounts.items.find((item) => item.currency === 'KZT');
  if (!account) throw new Error('no KZT account');
  const issued = await page.request.post(`${base}/api/v1/cards`, {
    headers: { 'x-csrf-token': session.csrfToken, 'idempotency-key': randomUUID() },
    data: { accountId: account.id, kind: 'virtual' },
  });
  expect(issued.ok()).toBe(true);
  return ((await issued.json()) as { last4: string }).last4;
}

describe('a signed-in customer pays a provider from their own Kassa card', () => {
  test('Payments → Kcell → "Картой" → their virtual card at the checkout with the SMS code → paid, and in the history (ru, 390 px)', async () => {
    const context = await newMobileContext(e2e.browser, 'ru-RU');
    const page = await context.newPage();
    const problems = watchConsole(page);
    const customer = newCustomer();
    await registerThroughUi(page, e2e.kassa.baseUrl, customer);
    await page.evaluate(`localStorage.setItem('kassa.lang', 'ru')`);
    await fund(e2e.kassa, page);
    const last4 = await issueVirtualCard(page);
    await page.reload();
    const main = page.locator('#main-content');

    // The customer's own form: the number and the amount, then "By card" beside the accounts.
    await main.getByRole('link', { name: TEXTS.payments, exact: true }).first().click();
    await main.getByLabel(TEXTS.search).fill('кселл');
    await main.getByRole('link', { name: /Kcell/ }).click();
    await main.getByLabel(TEXTS.phone).fill(KCELL_NUMBER);
    await main.getByLabel(TEXTS.amount).fill(AMOUNT);
    const source = main.getByLabel(TEXTS.from);
    expect(await source.locator('option', { hasText: TEXTS.byCard }).count()).toBe(1);
    await source.selectOption({ label: TEXTS.byCard });
    await main.getByRole('button', { name: TEXTS.continueByCard }).waitFor();
    await shot(page, 'ru-390-by-card-chosen');
    await main.getByRole('button', { name: TEXTS.continueByCard }).click();

    // The card flow, with what was typed and no word sending the customer elsewhere.
    await page.waitForURL(/\/pay\/prv_[0-9a-z]+$/);
    expect(page.url()).not.toContain(KCELL_NUMBER);
    await main.getByText(TEXTS.banner).waitFor();
    expect(await main.getByLabel(TEXTS.phone).inputValue()).toBe('+7 701 555 12 34');
    expect(await main.getByLabel(TEXTS.amount).inputValue()).toBe(AMOUNT);
    await shot(page, 'ru-390-card-flow');
    await main.getByRole('button', { name: TEXTS.check, exact: true }).click();
    await main.getByRole('button', { name: TEXTS.next, exact: true }).click();
    await main.getByRole('heading', { name: TEXTS.review }).waitFor();
    // The receipt goes to the customer's own number, shown masked: nothing to type.
    const reminder = (await main.getByText(TEXTS.ownNumber).textContent()) ?? '';
    expect(reminder).toContain(customer.phone.slice(-2));
    expect(reminder).not.toContain(customer.phone.slice(5, 8));
    expect(await main.getByLabel(TEXTS.receiptPhone).count()).toBe(0);
    await shot(page, 'ru-390-card-review');
    await main.getByRole('button', { name: TEXTS.payByCard }).click();

    // The bank's checkout offers the customer's own card; its code comes by SMS to their phone.
    const ownPay = page.getByRole('button', { name: TEXTS.ownPay });
    await ownPay.waitFor();
    await shot(page, 'ru-390-own-card');
    const seen = await seenSmsIds(e2e.kassa.baseUrl, customer.phone);
    await ownPay.click();
    await page.getByRole('heading', { name: TEXTS.acs }).waitFor();
    const code = await waitForCode(e2e.kassa.baseUrl, customer.phone, seen);
    await page.getByLabel(TEXTS.code).fill(code);
    await page.getByRole('button', { name: TEXTS.confirm, exact: true }).click();
    await page.getByRole('heading', { name: TEXTS.paid }).waitFor();
    const merchantName = (await page.locator('.checkout-final__merchant').textContent()) ?? '';
    expect(merchantName).not.toBe('');
    await page.getByRole('link', { name: TEXTS.back }).click();
    await page.waitForURL(/\/pay\/done\/gpy_[0-9a-f]{32}$/);
    const paymentId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    await main.locator('[data-outcome="paid"]').waitFor({ timeout: 30_000 });
    await main.getByRole('heading', { name: TEXTS.paid }).waitFor();
    const done = (await main.textContent()) ?? '';
    expect(done).toMatch(/2[\s\u00a0\u202f]000,00/);
    expect(done).toContain(`•${last4}`);
    await main.locator('[data-provider-status]:not([data-provider-status="pending"])').waitFor({ timeout: 30_000 });
    await shot(page, 'ru-390-done');

    // The purchase is the customer's own card operation: it is in their history.
    await page.goto(`${e2e.kassa.baseUrl}/history`);
    const row = page.locator('.operation', { hasText: merchantName.trim() });
    await row.first().waitFor();
    expect(await row.first().textContent()).toMatch(/2[\s\u00a0\u202f]000,00/);
    await shot(page, 'ru-390-history');
    const kept = await page.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })');
    for (const secret of [code, customer.phone, KCELL_NUMBER]) expect(kept).not.toContain(secret);
    // The receipt SMS came to the customer's own phone, naming the payment.
    const texts = (await smsFor(e2e.kassa.baseUrl, customer.phone)).map((sms) => sms.text);
    expect(texts.filter((text) => text.includes(paymentId))).toHaveLength(1);
    expect(problems.messages).toEqual([]);
    await context.close();
  }, 180_000);
});
