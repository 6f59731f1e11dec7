import { describe, expect, test } from 'vitest';
import { depositFromSettlement } from '../apps/server/src/modules/accounts/index.js';
import { getAccount } from '../apps/server/src/modules/ledger/index.js';
import { newCustomer, newMobileContext, registerThroughUi, screenshot, startJourneys, watchConsole } from './harness.js';

const e2e = startJourneys();

// Intl separates thousands with a no-break space in ru and kk (packages/format).
const NBSP = '\u00a0';
const KAZAKH_DATE_TIME = /^\d{1,2} (қаң|ақп|нау|сәу|мам|мау|шіл|там|қыр|қаз|қар|жел)\. \d{4}, \d{2}:\d{2}$/;

describe('amounts and dates in the customer language', () => {
  test('Kazakh amounts and dates come out right in Chromium, which lacks the Kazakh locale data, as Russian and English do', async () => {
    const customer = newCustomer();
    const context = await newMobileContext(e2e.browser);
    const page = await context.newPage();
    const problems = watchConsole(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname);
    });
    await registerThroughUi(page, e2e.kassa.baseUrl, customer);

    // 1 500 ₸ on the customer's first account.
    const response = await page.request.get(`${e2e.kassa.baseUrl}/api/v1/accounts`);
    const { items } = (await response.json()) as { items: { id: string }[] };
    const account = await getAccount(e2e.kassa.app.ctx.db, items[0]?.id ?? '');
    if (!account) throw new Error('the new customer has no account');
    await e2e.kassa.app.ctx.db.transaction((tx) => depositFromSettlement(tx, account, 150_000n, 'test'));

    const shows = async (language: 'ru' | 'kk' | 'en', amount: string): Promise<string[]> => {
      // A string, run in the page: the server's tsconfig that checks e2e/ has no DOM types.
      await page.evaluate(`localStorage.setItem('kassa.lang', ${JSON.stringify(language)})`);
      await page.goto(`${e2e.kassa.baseUrl}/`);
      await page.locator('.account-card .money', { hasText: amount }).first().waitFor();
      await screenshot(page, `format-home-${language}`);
      await page.goto(`${e2e.kassa.baseUrl}/settings`);
      await page.locator('time').first().waitFor();
      await screenshot(page, `format-sessions-${language}`);
      return page.locator('time').allInnerTexts();
    };

    expect(await shows('ru', `1${NBSP}500,00${NBSP}₸`)).toContainEqual(expect.stringMatching(/^\d{1,2} [а-я]+\.? \d{4}, \d{2}:\d{2}$/));
    expect(scripts.some((path) => path.includes('intl-datetimeformat'))).toBe(false);

    const kazakhDates = await shows('kk', `1${NBSP}500,00${NBSP}₸`);
    expect(kazakhDates.length).toBeGreaterThan(0);
    for (const text of kazakhDates) expect(text).toMatch(KAZAKH_DATE_TIME);
    // Where the browser's own Intl prints Kazakh as the root locale ("M01"), the Kazakh month names
    // over its Russian data did the work (packages/format/src/kazakh.ts): no polyfill was downloaded.
    expect(scripts.filter((path) => /intl-(datetimeformat|numberformat)|polyfill/.test(path))).toEqual([]);

    expect(await shows('en', '₸1,500.00')).toContainEqual(expect.stringMatching(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/));
    expect(problems.messages).toEqual([]);
    await context.close();
  });
});
