import { describe, expect, test } from 'vitest';
import {
  loginWithPassword,
  newCustomer,
  newDesktopContext,
  newMobileContext,
  registerThroughUi,
  screenshot,
  startJourneys,
} from './harness.js';

const e2e = startJourneys();

describe('the daily digest setting', () => {
  test('starts in the app, moves to SMS when the customer chooses it, and is off when turned off', async () => {
    const customer = newCustomer();
    const mobile = await newMobileContext(e2e.browser);
    const page = await mobile.newPage();
    await registerThroughUi(page, e2e.kassa.baseUrl, customer);
    await page.goto(`${e2e.kassa.baseUrl}/notifications/settings`);
    await page.getByRole('heading', { name: 'Итоги дня' }).waitFor();
    // The default: in the app, not by SMS.
    expect(await page.getByRole('switch', { name: 'Присылать итоги дня' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /В интернет-банке/ }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /^SMS/ }).check();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Настройки сохранены.').waitFor();
    await screenshot(page, 'digest-settings-sms-390');
    await page.reload();
    await page.getByRole('heading', { name: 'Итоги дня' }).waitFor();
    expect(await page.getByRole('radio', { name: /^SMS/ }).isChecked()).toBe(true);
    await mobile.close();

    const desktop = await newDesktopContext(e2e.browser);
    const wide = await desktop.newPage();
    await loginWithPassword(wide, e2e.kassa.baseUrl, customer);
    await wide.goto(`${e2e.kassa.baseUrl}/notifications/settings`);
    await wide.getByRole('heading', { name: 'Итоги дня' }).waitFor();
    await wide.getByText('Присылать итоги дня').click();
    // Turned off, the channel is no longer asked.
    expect(await wide.getByRole('radio', { name: /^SMS/ }).count()).toBe(0);
    await wide.getByRole('button', { name: 'Сохранить' }).click();
    await wide.getByText('Настройки сохранены.').waitFor();
    await screenshot(wide, 'digest-settings-off-1280');
    await desktop.close();
  });
});
