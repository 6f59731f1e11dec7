import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { totpCode } from '../apps/server/src/modules/staff/index.js';
import { createTestStaff } from '../apps/server/src/modules/staff/staff.fixtures.js';
import {
  newCustomer,
  newDesktopContext,
  newMobileContext,
  registerThroughUi,
  screenshot,
  seenSmsIds,
  startJourneys,
  waitForCode,
} from './harness.js';

/**
 * "Is Kassa calling me?" (issue 13 items 2 and 3) in two browsers: the customer keeps the page
 * open on the phone; an operator in the back office opens the call, finds the customer, sends the
 * code, types the code the customer reads out, sees the file and ends the call. The customer sees
 * "talking to Aigerim" while the call lasts and "no one is calling" once it is over.
 */

const e2e = startJourneys();

/** One 30-second TOTP step: the enrolment's code may not be used again for the login. */
const TOTP_STEP_MS = 30_000;
/** The page polls every few seconds (features/calls/activeCall.ts): the answer changes within this. */
const POLL_WAIT_MS = 15_000;

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

describe('an inbound call', () => {
  test('the customer sees who from Kassa is on the call while it lasts, and that no one is calling after it ends', async () => {
    const customer = newCustomer();
    const customerContext = await newMobileContext(e2e.browser);
    const phone = await customerContext.newPage();
    await registerThroughUi(phone, e2e.kassa.baseUrl, customer);

    // From the More tab, as a customer holding the phone would find it.
    await phone.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Ещё' }).click();
    await phone.getByRole('navigation', { name: 'Ещё' }).getByRole('link', { name: 'Вам звонит Kassa?' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Вам звонит Kassa?' }).waitFor();
    await phone.getByText('Сейчас вам никто из Kassa не звонит. Положите трубку').waitFor();
    await screenshot(phone, 'calls-customer-none');

    const staff = await createTestStaff(e2e.kassa.app, 'operator', { displayName: 'Айгерим Касымова' });
    const staffContext = await newDesktopContext(e2e.browser);
    const desk = await staffContext.newPage();
    await logInToBackoffice(desk, staff);
    await desk.locator('.bo-nav').getByRole('link', { name: 'Звонки' }).click();
    await desk.getByLabel('Номер, который называет клиент').fill(customer.phone);
    await desk.getByRole('button', { name: 'Открыть звонок' }).click();
    await desk.getByRole('heading', { name: '1. Найдите клиента' }).waitFor();
    await desk.getByRole('button', { name: 'Найти' }).click();
    await desk.getByText('Клиент с такими данными есть. Отправьте код.').waitFor();
    // Before the code is read back the customer is told nothing: nobody is identified yet.
    await phone.getByText('Сейчас вам никто из Kassa не звонит').waitFor();

    const seen = await seenSmsIds(e2e.kassa.baseUrl, customer.phone);
    await desk.getByRole('button', { name: 'Отправить код' }).click();
    const code = await waitForCode(e2e.kassa.baseUrl, customer.phone, seen);
    await desk.getByLabel('Код из SMS клиента').fill(code);
    await screenshot(desk, 'calls-operator-code');
    await desk.getByRole('button', { name: 'Подтвердить' }).click();
    await desk.getByText('Клиент подтверждён кодом. Карточка открыта до конца звонка.').waitFor();
    await desk.getByText(customer.fullName).waitFor();
    await screenshot(desk, 'calls-operator-file');

    const talking = phone
      .locator('.alert--success')
      .getByText(/^Сейчас с вами говорит Айгерим из Kassa \(звонок начался в \d{2}:\d{2}\)\.$/);
    await talking.waitFor({ timeout: POLL_WAIT_MS });
    await screenshot(phone, 'calls-customer-active');
    // The signed-in home says it too, in a banner, while the call lasts.
    const home = await customerContext.newPage();
    await home.goto(`${e2e.kassa.baseUrl}/`);
    await home.locator('.alert--success').getByText('Сейчас с вами говорит Айгерим из Kassa').waitFor();
    await screenshot(home, 'calls-customer-home-banner');
    await home.close();

    await desk.getByRole('button', { name: 'Завершить звонок' }).click();
    await desk.getByText('Звонок завершён. Карточка клиента закрыта.').waitFor();
    await phone.getByText('Сейчас вам никто из Kassa не звонит. Положите трубку').waitFor({ timeout: POLL_WAIT_MS });
    expect(await talking.count()).toBe(0);
    await screenshot(phone, 'calls-customer-after');

    await staffContext.close();
    await customerContext.close();
  });
});
