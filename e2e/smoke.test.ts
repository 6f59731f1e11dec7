import { describe, expect, test } from 'vitest';
import { newMobileContext, screenshot, startJourneys, watchConsole } from './harness.js';

const e2e = startJourneys();

describe('smoke', () => {
  test('the web app opens in Russian, Kazakh and English with no console errors or CSP violations', async () => {
    const context = await newMobileContext(e2e.browser);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(e2e.kassa.baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Интернет-банк Kassa' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await screenshot(page, 'smoke-home-ru');

    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kassa интернет-банкі' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    await screenshot(page, 'smoke-home-kk');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kassa internet bank' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot(page, 'smoke-home-en');

    for (const [path, heading] of [
      ['/login', 'Log in to the internet bank'],
      ['/register', 'Registration'],
      ['/login/reset', 'Reset password'],
      ['/security', 'Security'],
    ] as const) {
      await page.goto(`${e2e.kassa.baseUrl}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await screenshot(page, `smoke-${path.slice(1).replace(/\//g, '-')}-en`);
    }
    expect(problems.messages).toEqual([]);
    await context.close();
  });

  test('a protected page sends a visitor to the login page', async () => {
    const context = await newMobileContext(e2e.browser, 'en-US');
    const page = await context.newPage();
    await page.goto(`${e2e.kassa.baseUrl}/settings`);
    await page.waitForURL(`${e2e.kassa.baseUrl}/login`);
    await page.getByRole('heading', { level: 1, name: 'Log in to the internet bank' }).waitFor();
    await context.close();
  });

  test('the API docs page loads without console errors', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    // KNOWN SERVER ISSUE (reported, apps/server is not ours to change here): swagger-ui sets one
    // inline style, which the strict CSP (style-src 'self') blocks. The page still works. Only that
    // exact message is tolerated; any other error, or a script violation, fails the test.
    const problems = watchConsole(page, {
      allow: [/^Applying inline style violates .*style-src 'self'.*\/api\/docs\/static\/swagger-ui-bundle\.js\)$/],
    });
    const response = await page.goto(`${e2e.kassa.baseUrl}/api/docs`);
    expect(response?.ok()).toBe(true);
    await page.locator('.swagger-ui .info').first().waitFor();
    await screenshot(page, 'smoke-api-docs');
    expect(problems.messages).toEqual([]);
    await context.close();
  });

  test('a bad API request gets problem+json in the language asked for', async () => {
    const titles = new Map<string, string>();
    for (const language of ['ru', 'kk', 'en']) {
      const response = await fetch(`${e2e.kassa.baseUrl}/api/v1/registration`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': language },
        body: JSON.stringify({ phone: '12345', language }),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { type: string; title: string; status: number };
      expect(problem.status).toBe(400);
      expect(problem.type).toMatch(/^https:\/\//);
      titles.set(language, problem.title);
    }
    expect(titles.get('ru')).toMatch(/[а-яё]/i);
    expect(titles.get('kk')).toMatch(/[әғқңөұүһі]/i);
    expect(titles.get('en')).toMatch(/^[\x20-\x7e]+$/);
    expect(new Set(titles.values()).size).toBe(3);
  });

  test('the registration form shows the server’s error in the chosen language', async () => {
    const context = await newMobileContext(e2e.browser, 'kk-KZ');
    const page = await context.newPage();
    await page.goto(`${e2e.kassa.baseUrl}/register`);
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByLabel('Ұялы телефон нөмірі').fill('+7 100 000 00 00');
    await page.getByRole('button', { name: 'Код алу' }).click();
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/[әғқңөұүһі]/i);
    await screenshot(page, 'smoke-register-error-kk');
    await context.close();
  });
});
