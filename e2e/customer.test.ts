import { describe, expect, test } from 'vitest';
import {
  loginWithPassword,
  logout,
  newCustomer,
  newMobileContext,
  registerThroughUi,
  screenshot,
  seenSmsIds,
  startJourneys,
  waitForCode,
} from './harness.js';

const e2e = startJourneys();

describe('a customer', () => {
  test('registers, logs in with password and SMS code, sets a PIN, logs out and logs in by PIN', async () => {
    const customer = newCustomer();
    const context = await newMobileContext(e2e.browser);
    const page = await context.newPage();

    await registerThroughUi(page, e2e.kassa.baseUrl, customer, 'customer');
    await page.getByRole('heading', { level: 2, name: 'Счета и кошелёк' }).waitFor();
    await page.locator('.account-card').first().waitFor();
    await screenshot(page, 'customer-home');

    // The dev inbox page shows the registration SMS with the bank's domain and the warning.
    const inbox = await context.newPage();
    await inbox.goto(`${e2e.kassa.baseUrl}/dev/sms`);
    await inbox.getByLabel('Номер телефона').fill(customer.phone);
    const sms = inbox.locator('.sms__text').filter({ hasText: 'регистрации' }).first();
    await sms.waitFor();
    const text = await sms.textContent();
    expect(text).toMatch(/\b\d{6}\b/);
    expect(text).toContain('localhost');
    expect(text).toContain('никогда не спрашивают');
    await inbox.close();

    await logout(page);
    await screenshot(page, 'customer-logged-out');
    // The back button resumes nothing: the protected page sends us back to login.
    await page.goto(`${e2e.kassa.baseUrl}/settings`);
    await page.waitForURL(`${e2e.kassa.baseUrl}/login`);

    await loginWithPassword(page, e2e.kassa.baseUrl, customer, 'customer');

    // On a phone the settings are under the More tab.
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Ещё' }).click();
    await page.getByRole('link', { name: 'Настройки безопасности' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Настройки безопасности' }).waitFor();
    await page.getByText('Этот сеанс').waitFor();
    await page.getByRole('button', { name: 'Настроить вход по PIN-коду' }).click();
    await page.getByLabel('Новый PIN-код').fill('2580');
    await page.getByLabel('PIN-код ещё раз').fill('2580');
    const seen = await seenSmsIds(e2e.kassa.baseUrl, customer.phone);
    await page.getByRole('button', { name: 'Сохранить PIN-код' }).click();
    // SECURITY.md 32: binding is confirmed by an SMS code that names the device.
    await page.getByLabel('Код из SMS').fill(await waitForCode(e2e.kassa.baseUrl, customer.phone, seen));
    await page.getByRole('button', { name: 'Подтвердить и привязать' }).click();
    await page.getByText('Готово: на этом устройстве можно входить по PIN-коду.').waitFor();
    await page.getByText('Этот браузер').waitFor();
    await screenshot(page, 'customer-settings');

    await logout(page);
    await page.getByRole('heading', { level: 1, name: 'Вход по PIN-коду' }).waitFor();
    await screenshot(page, 'customer-pin-login');

    // A wrong PIN is refused without saying more.
    await page.getByLabel('PIN-код').fill('1357');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    await screenshot(page, 'customer-pin-wrong');

    await page.getByLabel('PIN-код').fill('2580');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Здравствуйте/ }).waitFor();

    // The sessions list names this session's method.
    await page.goto(`${e2e.kassa.baseUrl}/settings`);
    await page.getByText('Этот сеанс').waitFor();
    expect(await page.locator('.list-row').filter({ hasText: 'Этот сеанс' }).textContent()).toContain('PIN-код');
    await context.close();
  });

  test('is warned before the idle timeout and logged out at it', async () => {
    const customer = newCustomer();
    const context = await newMobileContext(e2e.browser, 'en-US');
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(e2e.kassa.baseUrl);
    await page.getByRole('button', { name: 'English' }).click();
    await registerThroughUi(page, e2e.kassa.baseUrl, customer);

    // Four minutes later (5 min idle timeout): the warning with "Stay logged in". The server's
    // clock moves with the browser's: the server decides when a session is idle.
    e2e.kassa.clock.advance(245_000);
    await page.clock.fastForward('04:05');
    const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
    await dialog.waitFor();
    await screenshot(page, 'idle-warning');
    await dialog.getByRole('button', { name: 'Stay logged in' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Nothing for longer than the timeout: logged out, with the reason on the login page.
    e2e.kassa.clock.advance(600_000);
    await page.clock.fastForward('10:00');
    await page.getByText('Your session has ended because you were inactive.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'idle-logged-out');
    await context.close();
  });
});
