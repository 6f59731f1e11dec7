/**
 * `npm run bench:first-screen`: how much JavaScript the internet bank's first screen needs, in
 * every language, for a visitor (landing, login) and a signed-in customer (home), on a 390 px
 * phone. Issue 12's budget is 120 kB gzipped.
 *
 * "First screen" counts the scripts requested until the screen's heading is drawn; what loads
 * after it (the Intl locale data a Kazakh visitor's browser lacks, prefetches) is printed apart.
 * Sizes are the decoded bodies gzipped here at level 9 (what the build pre-compresses), so the
 * figure does not depend on the server's choice of br or gzip (the server sends brotli where the
 * browser takes it, a little smaller).
 *
 * Starts its own server (the development entry on a fresh embedded database with the demo data)
 * on a free 127.0.0.1 port, drives Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and stops
 * the server it started. Build the web app first (`npm run build -w apps/web`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUDGET_BYTES = 120 * 1024;
const READY_TIMEOUT_MS = 60_000;
const PAGE_TIMEOUT_MS = 30_000;
const DEMO_PHONE = '+77010000001';
const DEMO_PASSWORD = 'Kassa-Demo-2026!';
const LANGUAGES = ['ru', 'kk', 'en'];
const LOCALE = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-GB' };

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-first-screen-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://localhost:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const ready = await fetch(`${origin}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { origin, stop: () => stopServer(child, dataDir) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stopServer(child, dataDir);
  throw new Error(`the server did not become ready within ${READY_TIMEOUT_MS} ms`);
}

function stopServer(child, dataDir) {
  child.kill('SIGTERM');
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}

/** Signs the demo customer in through the API, inside the page, so the session cookie is the browser's. */
async function signIn(page, origin) {
  await page.goto(`${origin}/login`);
  const code = await page.evaluate(
    async ({ phone, password }) => {
      const json = (response) => response.json();
      const step = await fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: phone, password }),
      }).then(json);
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const inbox = await fetch(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}&limit=1`).then(json);
        const found = /\b(\d{6})\b/.exec(inbox.items[0]?.text ?? '');
        if (found) {
          const confirmed = await fetch(`/api/v1/auth/login/${step.loginId}/confirm`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code: found[1] }),
          });
          return confirmed.status;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return 0;
    },
    { phone: DEMO_PHONE, password: DEMO_PASSWORD },
  );
  if (code !== 200) throw new Error(`signing in the demo customer failed (${code})`);
}

/** Loads `path` in a fresh page and sums the scripts it fetched before and after its heading showed. */
async function measure(context, origin, path) {
  const page = await context.newPage();
  // Every screen as a first visit would load it: nothing from the HTTP cache of an earlier one.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = [];
  const requestedAt = new Map();
  page.on('request', (request) => requestedAt.set(request, Date.now()));
  page.on('requestfinished', async (request) => {
    if (request.resourceType() !== 'script') return;
    const body = await (await request.response()).body();
    scripts.push({ url: request.url(), requestedAt: requestedAt.get(request), gzip: gzipSync(body, { level: 9 }).length });
  });
  await page.goto(`${origin}${path}`, { timeout: PAGE_TIMEOUT_MS });
  await page.locator('h1').first().waitFor({ timeout: PAGE_TIMEOUT_MS });
  const drawnAt = Date.now();
  await page.waitForLoadState('networkidle', { timeout: PAGE_TIMEOUT_MS });
  await page.close();
  const sum = (list, key) => list.reduce((total, item) => total + item[key], 0);
  const first = scripts.filter((script) => script.requestedAt <= drawnAt);
  const later = scripts.filter((script) => script.requestedAt > drawnAt);
  if (process.env.FIRST_SCREEN_VERBOSE) {
    for (const script of first) console.log(`  ${path} ${new URL(script.url).pathname} ${kb(script.gzip)}`);
  }
  return { files: first.length, gzip: sum(first, 'gzip'), laterGzip: sum(later, 'gzip') };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function main() {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  let worst = 0;
  try {
    console.log('language  screen   scripts  first screen (gzip)  ratio to 120 kB  loaded after it');
    for (const language of LANGUAGES) {
      const options = { viewport: { width: 390, height: 844 }, locale: LOCALE[language], serviceWorkers: 'block' };
      const visitor = await browser.newContext(options);
      const customer = await browser.newContext(options);
      await signIn(await customer.newPage(), server.origin);
      const rows = [
        ['landing', await measure(visitor, server.origin, '/')],
        ['login', await measure(visitor, server.origin, '/login')],
        ['home', await measure(customer, server.origin, '/')],
      ];
      for (const [screen, figures] of rows) {
        worst = Math.max(worst, figures.gzip);
        const ratio = (figures.gzip / BUDGET_BYTES).toFixed(2);
        console.log(
          `${language.padEnd(9)} ${screen.padEnd(8)} ${String(figures.files).padStart(7)}  ${kb(figures.gzip).padStart(19)}  ${ratio.padStart(15)}  ${kb(figures.laterGzip).padStart(15)}`,
        );
      }
      await visitor.close();
      await customer.close();
    }
    console.log(`\nlargest first screen: ${kb(worst)} (${(worst / BUDGET_BYTES).toFixed(2)} of the 120 kB budget)`);
  } finally {
    await browser.close();
    server.stop();
  }
}

await main();
