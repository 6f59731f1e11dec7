import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../apps/server/src/demo/seed.js';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, staffDemoSeeder } from '../apps/server/src/modules/staff/index.js';
import { type ConsoleProblems, newDesktopContext, screenshot, startJourneys, watchConsole } from './harness.js';

/**
 * A security key as the staff's second factor (issue 13 item 1, SECURITY.md 7): a security officer
 * logs in with the TOTP code, adds a security key (a Chromium virtual authenticator on USB, driven
 * over CDP, stands in for a YubiKey), logs out, and logs in again with the password and the key,
 * without any code. The key list shows when it last opened the back office.
 */

const e2e = startJourneys();

// The passive session check before a login answers 401 (as in backoffice.test.ts).
const EXPECTED_CONSOLE = [/status of 401.*\/api\/staff\/v1\/auth\/session\)/];
const KEY_NAME = 'Синий YubiKey';

const officer = DEMO_STAFF.find((member) => member.username === 'security');
if (!officer) throw new Error('no demo security officer');

function codeFor(secretBase32: string): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secretBase32), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: e2e.kassa.clock.now().getTime() });
}

async function fillCredentials(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${e2e.kassa.baseUrl}/backoffice/`);
  await page.waitForURL(/\/backoffice\/login$/);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

function expectNoConsoleProblems(problems: ConsoleProblems): void {
  expect(problems.messages, problems.messages.join('\n')).toEqual([]);
}

describe('security key login in the back office', () => {
  beforeAll(async () => {
    await seedDemoData(e2e.kassa.app.ctx, [staffDemoSeeder]);
  });

  test('a security officer adds a key after a TOTP login, logs out, and logs in with the key', async () => {
    if (!officer) throw new Error('no demo security officer');
    const context = await newDesktopContext(e2e.browser);
    const page = await context.newPage();
    const problems = watchConsole(page, { allow: EXPECTED_CONSOLE });
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    // A roaming key on USB that the "user" touches at once; no PIN on it.
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'usb',
        hasResidentKey: false,
        hasUserVerification: false,
        automaticPresenceSimulation: true,
      },
    });

    await fillCredentials(page, officer.username, DEMO_STAFF_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Код из приложения' }).waitFor();
    // No key yet: the code is the only second factor offered.
    expect(await page.getByRole('button', { name: 'Войти с ключом безопасности' }).count()).toBe(0);
    await page.locator('input[name="code"]').fill(codeFor(officer.totpSecret));
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Здравствуйте, ${officer.displayName}` }).waitFor();

    await page.locator('main').getByRole('link', { name: 'Ключи безопасности' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ключи безопасности' }).waitFor();
    await page.getByText('Ключей пока нет. Вы входите по коду из приложения.').waitFor();
    await screenshot(page, 'bo-security-keys-empty-1280');
    await page.getByLabel('Название ключа').fill(KEY_NAME);
    await page.getByRole('button', { name: 'Добавить ключ' }).click();
    await page.getByText(`Ключ «${KEY_NAME}» добавлен. Теперь им можно подтверждать вход.`).waitFor();
    const row = page.locator('.security-keys .list-row').filter({ hasText: KEY_NAME });
    await row.getByText('Ещё не использовался').waitFor();
    await screenshot(page, 'bo-security-keys-added-1280');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);

    // The page in Kazakh, as a Kazakh-speaking officer sees it.
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByRole('heading', { level: 1, name: 'Қауіпсіздік кілттері' }).waitFor();
    await row.getByText('Әлі пайдаланылмаған').waitFor();
    await screenshot(page, 'bo-security-keys-kk-1280');
    await page.getByRole('button', { name: 'Русский' }).click();

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL(/\/backoffice\/login$/);

    // The second login: the password, then the key alone; no code is typed.
    await fillCredentials(page, officer.username, DEMO_STAFF_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Подтвердите вход' }).waitFor();
    await page.locator('input[name="code"]').waitFor();
    await screenshot(page, 'bo-security-key-login-1280');
    await page.getByRole('button', { name: 'Войти с ключом безопасности' }).click();
    await page.getByRole('heading', { level: 1, name: `Здравствуйте, ${officer.displayName}` }).waitFor();
    expect((await page.request.get(`${e2e.kassa.baseUrl}/api/staff/v1/auth/session`)).status()).toBe(200);

    await page.locator('main').getByRole('link', { name: 'Ключи безопасности' }).click();
    await row.waitFor();
    await expect.poll(() => row.textContent()).not.toContain('Ещё не использовался');
    const { rows } = await e2e.kassa.app.ctx.db.query<{ event: string; factor: string | null }>(
      "SELECT event, details->>'factor' AS factor FROM audit_events WHERE event IN ('staff.security_key.added', 'staff.login.succeeded') ORDER BY seq",
    );
    expect(rows.map((entry) => `${entry.event}${entry.factor ? `:${entry.factor}` : ''}`)).toEqual([
      'staff.login.succeeded:totp',
      'staff.security_key.added',
      'staff.login.succeeded:security-key',
    ]);
    expectNoConsoleProblems(problems);
    await context.close();
  });
});
