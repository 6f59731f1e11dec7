import { describe, expect, test } from 'vitest';
import { newCustomer, newDesktopContext, newMobileContext, registerThroughUi, screenshot, startJourneys } from './harness.js';

const e2e = startJourneys();

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
async function pngSize(url: string): Promise<{ width: number; height: number }> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  expect(response.headers.get('content-type'), url).toMatch(/^image\/png/);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(1, 4).toString('latin1'), url).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/**
 * The little of the page's globals the functions below read. The e2e code is typechecked without
 * the DOM library, and a predicate given as text would need 'unsafe-eval', which the CSP refuses;
 * page.evaluate of an expression text is not subject to it, so the longer probes are texts.
 */
interface PageGlobals {
  navigator: { serviceWorker: { controller: unknown } };
  document: { documentElement: { lang: string } };
}

interface ShellFacts {
  topBarHeight: number;
  pageOverflow: number;
  current: string | null;
  labels: Array<{ text: string; fits: boolean }>;
}

/** The phone shell as the page lays it out: each tab's label must lie inside its tab. */
const SHELL_FACTS = `({
  topBarHeight: document.querySelector('.top-bar')?.getBoundingClientRect().height ?? 0,
  pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
  current: document.querySelector('.tab-bar [aria-current="page"]')?.getAttribute('href') ?? null,
  labels: [...document.querySelectorAll('.tab-bar__link')].map((link) => {
    const box = link.getBoundingClientRect();
    const label = link.querySelector('.tab-bar__label');
    const text = label.getBoundingClientRect();
    return { text: label.textContent, fits: text.left >= box.left - 0.5 && text.right <= box.right + 0.5 };
  }),
})`;

const OFFLINE_TITLE = { ru: 'Нет подключения к интернету', kk: 'Интернетке қосылу жоқ', en: 'No internet connection' } as const;
const RETRY = { ru: 'Попробовать снова', kk: 'Қайталап көру', en: 'Try again' } as const;

describe('the installable app', () => {
  test('has a manifest with its name, colours and icons (any and maskable, 192 and 512) and an apple-touch-icon of 180', async () => {
    const manifest = (await (await fetch(`${e2e.kassa.baseUrl}/manifest.webmanifest`)).json()) as {
      name: string;
      short_name: string;
      display: string;
      theme_color: string;
      background_color: string;
      start_url: string;
      icons: ManifestIcon[];
    };
    expect(manifest.short_name).toBe('Kassa');
    expect(manifest.name).toContain('Kassa');
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('/');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    for (const purpose of ['any', 'maskable']) {
      for (const side of [192, 512]) {
        const icon = manifest.icons.find((candidate) => candidate.purpose === purpose && candidate.sizes === `${side}x${side}`);
        expect(icon, `${purpose} ${side}`).toBeDefined();
        expect(await pngSize(`${e2e.kassa.baseUrl}${icon?.src}`)).toEqual({ width: side, height: side });
      }
    }
    const html = await (await fetch(e2e.kassa.baseUrl)).text();
    const touchIcon = /<link rel="apple-touch-icon" sizes="180x180" href="([^"]+)"/.exec(html)?.[1];
    expect(touchIcon).toBeDefined();
    expect(await pngSize(`${e2e.kassa.baseUrl}${touchIcon}`)).toEqual({ width: 180, height: 180 });
  });

  test('offline, a page shows the offline page in the customer’s language, and no data is cached', async () => {
    const context = await newMobileContext(e2e.browser, 'kk-KZ');
    const page = await context.newPage();
    await registerThroughUi(page, e2e.kassa.baseUrl, newCustomer());
    await page.goto(`${e2e.kassa.baseUrl}/history`);
    // The service worker registers on load and claims the page when it activates.
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).navigator.serviceWorker.controller !== null, undefined, {
      timeout: 15_000,
    });

    await context.setOffline(true);
    await page.goto(`${e2e.kassa.baseUrl}/history`);
    await page.getByRole('heading', { level: 1, name: OFFLINE_TITLE.kk }).waitFor();
    // One language is shown: the one the app remembered (the switch stored it) or the browser's.
    expect(await page.getByRole('heading', { level: 1, name: OFFLINE_TITLE.ru }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1, name: OFFLINE_TITLE.en }).isVisible()).toBe(false);
    await screenshot(page, 'pwa-offline-kk');

    // The caches hold the offline page, its files and the app's code: never an API answer or a page.
    const cached = await page.evaluate<string[]>(`(async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    })()`);
    expect(cached).toContain('/offline.html');
    expect(cached.filter((path) => path.startsWith('/api/'))).toEqual([]);
    expect(
      cached.filter((path) => !/^\/(offline\.(html|css|js)|manifest\.webmanifest|icons\/[\w.-]+|assets\/[\w.-]+)$/.test(path)),
    ).toEqual([]);

    // "Try again" opens the page that could not load; back online, the page reloads by itself.
    expect(await page.getByRole('link', { name: RETRY.kk }).getAttribute('href')).toBe(`${e2e.kassa.baseUrl}/history`);
    await context.setOffline(false);
    await page.locator('.tab-bar').waitFor();
    expect(new URL(page.url()).pathname).toBe('/history');
    expect(await page.getByRole('heading', { level: 1, name: OFFLINE_TITLE.kk }).count()).toBe(0);
    await context.close();
  });
});

describe('the shell', () => {
  test('a phone has one top bar and four tabs whose labels fit at 320 and 390 px in ru, kk and en', async () => {
    const context = await newMobileContext(e2e.browser);
    const page = await context.newPage();
    await registerThroughUi(page, e2e.kassa.baseUrl, newCustomer());
    for (const language of ['ru', 'kk', 'en'] as const) {
      await page.evaluate(`localStorage.setItem('kassa.lang', ${JSON.stringify(language)})`);
      for (const width of [320, 390]) {
        await page.setViewportSize({ width, height: 800 });
        for (const [path, current] of [
          ['/', '/'],
          ['/more', '/more'],
          ['/profile', '/more'],
          ['/operations/unknown', '/history'],
        ] as const) {
          await page.goto(`${e2e.kassa.baseUrl}${path}`);
          await page.waitForFunction((chosen) => (globalThis as unknown as PageGlobals).document.documentElement.lang === chosen, language);
          const tabs = page.locator('.tab-bar__link');
          await tabs.first().waitFor();
          const shell = await page.evaluate<ShellFacts>(SHELL_FACTS);
          const where = `${language} ${width} ${path}`;
          expect(shell.labels, where).toHaveLength(4);
          expect(
            shell.labels.filter((label) => !label.fits),
            where,
          ).toEqual([]);
          // One row: the logo, the domain, the bell and Logout (issue 12: not three rows).
          expect(shell.topBarHeight, where).toBeLessThan(72);
          expect(shell.pageOverflow, where).toBeLessThanOrEqual(0);
          expect(shell.current, where).toBe(current);
        }
      }
    }
    await screenshot(page, 'shell-tab-bar-en-390');
    await context.close();
  });

  test('a desktop shows the sections beside the content, no tab bar, and no label is cut in Kazakh', async () => {
    const context = await newDesktopContext(e2e.browser, 'kk-KZ');
    const page = await context.newPage();
    await registerThroughUi(page, e2e.kassa.baseUrl, newCustomer());
    expect(await page.locator('.tab-bar').isVisible()).toBe(false);
    const sections = page.getByRole('navigation', { name: 'Негізгі мәзір' }).getByRole('link');
    await sections.first().waitFor();
    // Home, transfers, payments, history, statements, payees, notices, profile, settings, security rules, support.
    expect(await sections.count()).toBe(11);
    const cut = await page.evaluate<string[]>(
      `[...document.querySelectorAll('.side-nav__link span')].filter((label) => label.scrollWidth > label.clientWidth).map((label) => label.textContent)`,
    );
    expect(cut).toEqual([]);
    expect(await page.getByRole('banner').getByRole('button', { name: 'Шығу' }).isVisible()).toBe(true);
    await screenshot(page, 'shell-home-kk-1280');
    await context.close();
  });
});
