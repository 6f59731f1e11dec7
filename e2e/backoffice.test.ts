import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../apps/server/src/demo/seed.js';
import { createStaffUser, DEMO_STAFF, DEMO_STAFF_PASSWORD, staffDemoSeeder } from '../apps/server/src/modules/staff/index.js';
import { type ConsoleProblems, newDesktopContext, newMobileContext, screenshot, startJourneys, watchConsole } from './harness.js';

/**
 * The back office (apps/backoffice, served at /backoffice; issue 13 item 1): a staff member logs in
 * with username, password and the code of an authenticator app, sees the home page of their role,
 * switches the language and logs out; the first login of a new staff member enrols the app from the
 * QR code; an operator never sees the admins' sections. Screenshots at 390 and 1280 px.
 */

const e2e = startJourneys();

/** Home, as the router writes it after a login or a redirect: /backoffice or /backoffice/. */
const HOME_URL = /\/backoffice\/?$/;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** A new staff member's password for the enrolment journey (the customers' policy: 12+ characters). */
const NEW_STAFF_PASSWORD = 'long night shift in almaty';

// Answers the browser logs and the journeys ask for: the passive session check of a visitor who
// is not logged in (401), the login with a wrong password (401), the staff list to an operator (403).
const EXPECTED_CONSOLE = [
  /status of 401.*\/api\/staff\/v1\/auth\/session\)/,
  /status of 401.*\/api\/staff\/v1\/auth\/login\)/,
  /status of 403.*\/api\/staff\/v1\/staff\)/,
];

type DemoUsername = (typeof DEMO_STAFF)[number]['username'];

function demoStaff(username: DemoUsername) {
  const member = DEMO_STAFF.find((candidate) => candidate.username === username);
  if (!member) throw new Error(`no demo staff member ${username}`);
  return member;
}

/** The code an authenticator app shows now for a base32 secret (RFC 6238, SHA-1, 6 digits, 30 s). */
function totpNow(secretBase32: string): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32.replace(/\s/g, '')), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
}

/** A code as an authenticator app shows it, "123 456": the field must take it with the space. */
function asShown(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

async function both(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await screenshot(page, `backoffice-${name}-390`);
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `backoffice-${name}-1280`);
}

async function fillCredentials(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${e2e.kassa.baseUrl}/backoffice/`);
  await page.waitForURL(/\/backoffice\/login$/);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/** Logs a demo staff member in through the screens; ends on the home page. */
async function logIn(page: Page, username: DemoUsername): Promise<void> {
  await fillCredentials(page, username, DEMO_STAFF_PASSWORD);
  await page.locator('input[name="code"]').waitFor();
  await page.locator('input[name="code"]').fill(asShown(totpNow(demoStaff(username).totpSecret)));
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(HOME_URL);
  await page.locator('.bo-nav').waitFor();
}

function expectNoConsoleProblems(problems: ConsoleProblems): void {
  expect(problems.messages, problems.messages.join('\n')).toEqual([]);
}

describe('the back office', () => {
  beforeAll(async () => {
    await seedDemoData(e2e.kassa.app.ctx, [staffDemoSeeder]);
  });

  test('the admin logs in with the authenticator code, sees home and the staff list, switches ru/kk/en and logs out', async () => {
    const context = await newDesktopContext(e2e.browser, 'ru-RU');
    const page = await context.newPage();
    const problems = watchConsole(page, { allow: EXPECTED_CONSOLE });

    await fillCredentials(page, 'admin', 'not the password at all');
    await page.getByRole('alert').getByText('Неверный логин или пароль').waitFor();
    await both(page, 'login-failed');

    await fillCredentials(page, 'admin', DEMO_STAFF_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Код из приложения' }).waitFor();
    await both(page, 'totp');
    await page.locator('input[name="code"]').fill(asShown(totpNow(demoStaff('admin').totpSecret)));
    await page.getByRole('button', { name: 'Войти' }).click();

    const admin = demoStaff('admin');
    await page.getByRole('heading', { level: 1, name: `Здравствуйте, ${admin.displayName}` }).waitFor();
    const home = page.locator('main');
    await expect.poll(() => home.textContent()).toContain('Администратор');
    await home.getByText('595').waitFor();
    await home.getByText('security@mykassa.kz').waitFor();
    const nav = page.getByRole('navigation', { name: 'Разделы бэк-офиса' });
    const adminSections = await nav.getByRole('link').allTextContents();
    expect(adminSections[0]).toBe('Главная');
    expect(adminSections).toContain('Сотрудники');
    await both(page, 'home-admin');

    await nav.getByRole('link', { name: 'Сотрудники' }).click();
    await page.getByRole('heading', { level: 1, name: 'Сотрудники' }).waitFor();
    for (const member of DEMO_STAFF) await page.locator('main').getByText(member.displayName, { exact: true }).waitFor();
    await both(page, 'staff');

    await nav.getByRole('link', { name: 'Главная' }).click();
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByRole('heading', { level: 1, name: `Сәлеметсіз бе, ${admin.displayName}` }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    await expect.poll(() => home.textContent()).toContain('Әкімші');
    await both(page, 'home-kk');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${admin.displayName}` }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Back office sections' }).getByRole('link').allTextContents()).toContain('Staff');
    await both(page, 'home-en');
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: `Здравствуйте, ${admin.displayName}` }).waitFor();

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL(/\/backoffice\/login$/);
    await page.getByText('Вы вышли из бэк-офиса.').waitFor();
    await both(page, 'logged-out');
    // The session ended on the server: the home page sends back to the login, the API says 401.
    await page.goto(`${e2e.kassa.baseUrl}/backoffice/`);
    await page.waitForURL(/\/backoffice\/login$/);
    expect((await page.request.get(`${e2e.kassa.baseUrl}/api/staff/v1/auth/session`)).status()).toBe(401);
    expectNoConsoleProblems(problems);
    await context.close();
  });

  test('an operator sees home without the staff section, and the staff list stays closed to them', async () => {
    const context = await newMobileContext(e2e.browser, 'ru-RU');
    const page = await context.newPage();
    const problems = watchConsole(page, { allow: EXPECTED_CONSOLE });
    await logIn(page, 'operator');
    const operator = demoStaff('operator');
    await page.getByRole('heading', { level: 1, name: `Здравствуйте, ${operator.displayName}` }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('Оператор контакт-центра');
    const nav = page.getByRole('navigation', { name: 'Разделы бэк-офиса' });
    const operatorSections = await nav.getByRole('link').allTextContents();
    expect(operatorSections[0]).toBe('Главная');
    expect(operatorSections).not.toContain('Сотрудники');
    await both(page, 'home-operator');

    // Typed by hand, the admins' page sends the operator home; the API refuses them (403).
    await page.goto(`${e2e.kassa.baseUrl}/backoffice/staff`);
    await page.waitForURL(HOME_URL);
    await page.getByRole('heading', { level: 1, name: `Здравствуйте, ${operator.displayName}` }).waitFor();
    expect((await page.request.get(`${e2e.kassa.baseUrl}/api/staff/v1/staff`)).status()).toBe(403);

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL(/\/backoffice\/login$/);
    expectNoConsoleProblems(problems);
    await context.close();
  });

  test('a new staff member enrols the authenticator app from the QR code at the first login', async () => {
    await createStaffUser(e2e.kassa.app.ctx.db, {
      username: 'a.bekova',
      displayName: 'Айжан Бекова',
      role: 'security_officer',
      language: 'kk',
      password: NEW_STAFF_PASSWORD,
      createdBy: null,
      meta: null,
      now: new Date(),
    });
    const context = await newMobileContext(e2e.browser, 'kk-KZ');
    const page = await context.newPage();
    const problems = watchConsole(page, { allow: EXPECTED_CONSOLE });
    await fillCredentials(page, 'a.bekova', NEW_STAFF_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Аутентификатор қолданбасын қосыңыз' }).waitFor();
    const qr = page.getByRole('img', { name: 'Аутентификатор қолданбасына арналған QR-код' });
    await qr.waitFor();
    // The QR code is the server's SVG, drawn (the CSP allows it as a data: image).
    // (naturalWidth through Reflect: this tsconfig has no DOM types.)
    await expect.poll(() => qr.evaluate((image) => Number(Reflect.get(image, 'naturalWidth')))).toBeGreaterThan(0);
    const secret = (await page.locator('.enroll-secret__value').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    await both(page, 'enroll');

    await page.locator('input[name="code"]').fill(asShown(totpNow(secret)));
    await page.getByRole('button', { name: 'Растау және кіру' }).click();
    await page.getByRole('heading', { level: 1, name: 'Сәлеметсіз бе, Айжан Бекова' }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('Қауіпсіздік офицері');
    expectNoConsoleProblems(problems);
    await context.close();
  });
});
