import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { totpCode } from '../apps/server/src/modules/staff/index.js';
import { createTestStaff } from '../apps/server/src/modules/staff/staff.fixtures.js';
import {
  loginWithPassword,
  newCustomer,
  newDesktopContext,
  newMobileContext,
  registerThroughUi,
  screenshot,
  seenSmsIds,
  smsFor,
  startJourneys,
  waitForCode,
} from './harness.js';

/**
 * "Reset password" from a security incident (issue 13 item 7): a customer reports "I told
 * someone my code"; a security officer opens the incident, presses "Reset password", reads in
 * the dialog what will happen, confirms, and sees the step in the timeline. The customer's
 * session is gone at once, the SMS says how to set a new password, the old one is refused like
 * any wrong one, and "Forgot your password?" sets a new one that logs in. Screenshots at 1280 px
 * in ru and kk, and at 390 px.
 */

const e2e = startJourneys();

/** One 30-second TOTP step: the enrolment's code may not be used again for the login. */
const TOTP_STEP_MS = 30_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const PHONE_FIELD = /Номер мобильного телефона|Mobile phone number|Ұялы телефон нөмірі/;
const CODE_FIELD = /Код из SMS|Code from the SMS|SMS-тегі код/;

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

/** The login screen's password form (a browser with a bound device shows the PIN first). */
async function openPasswordLogin(page: Page): Promise<void> {
  await page.goto(`${e2e.kassa.baseUrl}/login`);
  const usePassword = page.getByRole('button', { name: /Войти по паролю/ });
  await Promise.race([usePassword.waitFor(), page.getByLabel(PHONE_FIELD).waitFor()]);
  if (await usePassword.isVisible()) await usePassword.click();
}

async function reportToldCode(page: Page): Promise<string> {
  const session = await page.request.get(`${e2e.kassa.baseUrl}/api/v1/auth/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const reported = await page.request.post(`${e2e.kassa.baseUrl}/api/v1/incidents`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { kind: 'told_code', text: 'Назвал пароль «сотруднику банка» по телефону' },
  });
  expect(reported.status()).toBe(201);
  return ((await reported.json()) as { id: string }).id;
}

describe('reset password from an incident', () => {
  test('the officer resets it from the incident page; the old password fails and "forgot password" sets a new one', async () => {
    const customer = newCustomer();
    const customerContext = await newMobileContext(e2e.browser);
    const phone = await customerContext.newPage();
    await registerThroughUi(phone, e2e.kassa.baseUrl, customer);
    const incidentId = await reportToldCode(phone);

    const officer = await createTestStaff(e2e.kassa.app, 'security_officer', { displayName: 'Ерлан Сапаров' });
    const deskContext = await newDesktopContext(e2e.browser);
    const desk = await deskContext.newPage();
    await logInToBackoffice(desk, officer);
    await desk.goto(`${e2e.kassa.baseUrl}/backoffice/incidents/${incidentId}`);
    await desk.getByText('Назвал пароль «сотруднику банка» по телефону').waitFor();

    await desk.getByRole('button', { name: 'Сбросить пароль' }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Сбросить пароль клиента?' }).waitFor();
    await dialog.getByText(/сразу перестанет действовать.*«Забыли пароль\?».*по коду из SMS и ИИН/).waitFor();
    await screenshot(desk, 'reset-password-confirm-1280');
    await dialog.getByRole('button', { name: 'Сбросить пароль' }).click();
    await desk.getByText(/^Пароль сброшен, завершено сеансов: [1-9]\d*\. Клиенту отправлено SMS, как задать новый\.$/).waitFor();
    await desk.getByText('Действие: пароль сброшен').waitFor();
    await screenshot(desk, 'reset-password-done-1280');
    await desk.setViewportSize(PHONE);
    await screenshot(desk, 'reset-password-done-390');
    await desk.setViewportSize(DESKTOP);
    await desk.getByRole('button', { name: /Қаз/ }).first().click();
    await desk.getByText('Әрекет: құпиясөздің күші жойылды').waitFor();
    await desk.getByText(/^Құпиясөздің күші жойылды, аяқталған сеанстар: [1-9]\d*\./).waitFor();
    await screenshot(desk, 'reset-password-done-kk-1280');

    // The customer's session ended on the server, and the SMS says what happened and where to go.
    expect((await phone.request.get(`${e2e.kassa.baseUrl}/api/v1/auth/session`)).status()).toBe(401);
    const notice = (await smsFor(e2e.kassa.baseUrl, customer.phone)).find((sms) => sms.text.includes('банк сбросил ваш пароль'));
    expect(notice?.text).toMatch(/\/login\/reset по коду из SMS и ИИН/);

    // The old password is refused like any wrong one: a code step, no code, a refusal.
    await openPasswordLogin(phone);
    await phone.getByLabel(PHONE_FIELD).fill(customer.typed);
    await phone.getByLabel(/^Пароль$/).fill(customer.password);
    await phone.getByRole('button', { name: 'Продолжить' }).click();
    await phone.getByLabel(CODE_FIELD).fill('000000');
    await phone.getByRole('button', { name: /^Войти$/ }).click();
    await phone.getByRole('alert').filter({ hasText: 'Неверный логин, пароль или код' }).waitFor();

    // "Forgot your password?": a code to the phone and the IIN set a new one, and it logs in.
    await openPasswordLogin(phone);
    await phone.getByRole('link', { name: 'Забыли пароль?' }).click();
    // The login form has a phone field too: fill the reset page's, once it is the one on screen.
    await phone.getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
    const seen = await seenSmsIds(e2e.kassa.baseUrl, customer.phone);
    await phone.getByLabel(PHONE_FIELD).fill(customer.typed);
    await expect.poll(() => phone.getByLabel(PHONE_FIELD).inputValue()).not.toMatch(/_/);
    await phone.getByRole('button', { name: 'Получить код' }).click();
    // The code step must be on screen first: a refusal (an alert) then fails here with its words, not as "no SMS".
    await Promise.race([phone.getByLabel(CODE_FIELD).waitFor(), phone.getByRole('alert').first().waitFor()]);
    const refusal = await phone
      .getByRole('alert')
      .first()
      .textContent({ timeout: 100 })
      .catch(() => null);
    expect(refusal, `the reset was refused at ${phone.url()}`).toBeNull();
    await phone.getByLabel(CODE_FIELD).fill(await waitForCode(e2e.kassa.baseUrl, customer.phone, seen));
    await phone.getByLabel(/^ИИН$/).fill(customer.iin);
    const renewed = { ...customer, password: 'a new password after the case 2026' };
    await phone.getByLabel('Новый пароль').fill(renewed.password);
    await phone.getByRole('button', { name: 'Сменить пароль' }).click();
    await phone.getByText(/Пароль изменён/).waitFor();
    await loginWithPassword(phone, e2e.kassa.baseUrl, renewed);
    await screenshot(phone, 'reset-password-customer-back-390');

    await deskContext.close();
    await customerContext.close();
  });
});
