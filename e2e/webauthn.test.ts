import { describe, expect, test } from 'vitest';
import {
  logout,
  newCustomer,
  newDesktopContext,
  registerThroughUi,
  screenshot,
  seenSmsIds,
  startJourneys,
  waitForCode,
} from './harness.js';

const e2e = startJourneys();

describe('fingerprint login', () => {
  test('a customer binds a fingerprint through the virtual authenticator and logs in with it', async () => {
    const customer = newCustomer();
    const context = await newDesktopContext(e2e.browser, 'en-US');
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });

    await page.goto(e2e.kassa.baseUrl);
    await page.getByRole('button', { name: 'English' }).click();
    await registerThroughUi(page, e2e.kassa.baseUrl, customer);
    await screenshot(page, 'webauthn-home-desktop');

    await page.getByRole('link', { name: 'Security settings' }).first().click();
    const seen = await seenSmsIds(e2e.kassa.baseUrl, customer.phone);
    await page.getByRole('button', { name: 'Set up fingerprint login' }).click();
    // SECURITY.md 32: binding is confirmed by an SMS code that names the device, read from the dev inbox.
    const codeField = page.getByLabel('Code from the SMS');
    await codeField.waitFor();
    await screenshot(page, 'webauthn-binding-code');
    await codeField.fill(await waitForCode(e2e.kassa.baseUrl, customer.phone, seen));
    await page.getByRole('button', { name: 'Confirm and set up fingerprint' }).click();
    await page.getByText('Done: you can now log in with your fingerprint or face on this device.').waitFor();
    await page.locator('.list-row').filter({ hasText: 'Fingerprint or face' }).filter({ hasText: 'This browser' }).waitFor();
    await screenshot(page, 'webauthn-settings');

    await logout(page);
    const fingerprint = page.getByRole('button', { name: 'Log in with fingerprint or face' });
    await fingerprint.waitFor();
    await screenshot(page, 'webauthn-login');
    await fingerprint.click();
    await page.getByRole('heading', { level: 1, name: /Hello/ }).waitFor();

    await page.goto(`${e2e.kassa.baseUrl}/settings`);
    const current = page.locator('.list-row').filter({ hasText: 'This session' });
    await current.waitFor();
    expect(await current.textContent()).toContain('Fingerprint or face');
    await context.close();
  });
});
