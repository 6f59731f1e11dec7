import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, type ConsoleMessage, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { migrate } from '../apps/server/src/db/migrate.js';
import { PgliteDatabase } from '../apps/server/src/db/pglite.js';
import { makeIin } from '../apps/server/src/modules/identity/index.js';
import type { Clock } from '../apps/server/src/shared/clock.js';
import { DEFAULT_BANK_TIME_ZONE } from '../apps/server/src/shared/datetime.js';

const ROOT = new URL('..', import.meta.url);
export const WEB_DIST_DIR = fileURLToPath(new URL('apps/web/dist', ROOT));
export const RESULTS_DIR = fileURLToPath(new URL('e2e/test-results', ROOT));

/** A port nobody listens on right now: the server's PUBLIC_ORIGIN must name it before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Real time plus an offset a test can move, so the server's idle timeout can be reached without waiting. */
export class OffsetClock implements Clock {
  #offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }
  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}

export interface Kassa {
  app: FastifyInstance;
  /** The server's clock: move it together with the browser's (page.clock) for timeout journeys. */
  clock: OffsetClock;
  /** http://localhost:<port>: "localhost" (not 127.0.0.1) so WebAuthn and __Host- cookies work over http. */
  baseUrl: string;
  close: () => Promise<void>;
}

/**
 * The real server in this process: a fresh in-memory PGlite (also when DATABASE_URL is set:
 * e2e runs once, on the embedded database), the built web app, the dev SMS inbox and its worker.
 */
export async function startKassa(): Promise<Kassa> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_ORIGIN: baseUrl,
    WEB_DIST_DIR,
    SMS_ADAPTER: 'dev-inbox',
    DEMO_DATA: 'false',
    WORKER_POLL_MS: '50',
    // Every buyer of the journeys pays from 127.0.0.1: one shop's worth of card submissions a minute.
    RATE_LIMIT_CHECKOUT_PER_IP_PER_MINUTE_MAX: '1000',
    LOG_LEVEL: 'silent',
  });
  const db = await PgliteDatabase.open({ dataDir: null });
  await migrate(db);
  const clock = new OffsetClock();
  const app = await buildApp(config, { db, clock });
  await app.listen({ port, host: '127.0.0.1' });
  app.ctx.worker.start();
  // Merchant webhooks on their own timer, as main.ts runs them (the demo shop's orders wait for them).
  app.ctx.webhooks.start();
  // Service payments' notices to the providers, likewise (payments/notify).
  app.ctx.providerNotifier.start();
  return {
    app,
    clock,
    baseUrl,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** What the journeys of one test file share: one server and one browser. */
export interface Journeys {
  readonly kassa: Kassa;
  readonly browser: Browser;
}

/**
 * Starts the server and the browser before the file's first test and closes both after its last.
 * Call once at the top of a test file; read `kassa` and `browser` inside the tests.
 */
export function startJourneys(): Journeys {
  let started: { kassa: Kassa; browser: Browser } | undefined;
  beforeAll(async () => {
    const [kassa, browser] = await Promise.all([startKassa(), launchBrowser()]);
    started = { kassa, browser };
  });
  afterAll(async () => {
    await started?.browser.close();
    await started?.kassa.close();
  });
  const get = (): { kassa: Kassa; browser: Browser } => {
    if (!started) throw new Error('startJourneys: read kassa and browser inside a test, after beforeAll');
    return started;
  };
  return {
    get kassa() {
      return get().kassa;
    },
    get browser() {
      return get().browser;
    },
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// The customer's browser keeps the bank's time (the server runs on its default BANK_TIME_ZONE),
// so a date on screen and the same date in a receipt agree.
const BROWSER_TIME_ZONE = DEFAULT_BANK_TIME_ZONE;

/** A phone-sized context (the app is mobile first), in the given language. */
export function newMobileContext(browser: Browser, locale = 'ru-RU'): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale,
    timezoneId: BROWSER_TIME_ZONE,
    hasTouch: true,
  });
}

/** A desktop-sized context, in the given language. */
export function newDesktopContext(browser: Browser, locale = 'ru-RU'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId: BROWSER_TIME_ZONE });
}

export interface ConsoleProblems {
  messages: string[];
}

/**
 * Collects console errors, uncaught exceptions and CSP violations. The one expected failure,
 * the passive session probe answering 401 to a visitor who is not logged in, is left out;
 * `allow` names further known messages (each one a reported issue, not a silenced one).
 */
export function watchConsole(page: Page, options: { allow?: readonly RegExp[] } = {}): ConsoleProblems {
  const problems: ConsoleProblems = { messages: [] };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error' && !/Content Security Policy/i.test(message.text())) return;
    const url = message.location().url;
    if (/status of 401/.test(message.text()) && url.endsWith('/api/v1/auth/session')) return;
    if (options.allow?.some((pattern) => pattern.test(`${message.text()} (${url})`))) return;
    problems.messages.push(`${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => problems.messages.push(`pageerror: ${error.message}`));
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A random Kazakh mobile number (Kcell range), E.164. */
export function randomPhone(): string {
  return `+7701${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

/** A valid adult IIN. */
export function randomIin(): string {
  for (;;) {
    const iin = makeIin('1990-04-15', 'female', Math.floor(Math.random() * 10_000));
    if (iin) return iin;
  }
}

interface DevSms {
  id: string;
  phone: string;
  text: string;
  createdAt: string;
}

export async function smsFor(baseUrl: string, phone: string): Promise<DevSms[]> {
  const response = await fetch(`${baseUrl}/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`);
  if (!response.ok) throw new Error(`dev inbox answered ${response.status}`);
  const body = (await response.json()) as { items: DevSms[] };
  return body.items;
}

/** Waits for an SMS to the phone that is not among `seenIds`, and returns its 6-digit code. */
export async function waitForCode(baseUrl: string, phone: string, seenIds: ReadonlySet<string> = new Set()): Promise<string> {
  // 20 s: the outbox delivers within a second here, but CI runs several journeys at once on two cores.
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    // Any new message with a code: a notice without one (a login from a new browser, sent by the
    // outbox a moment later) may come in between and must not hide the code.
    const fresh = (await smsFor(baseUrl, phone)).filter((sms) => !seenIds.has(sms.id));
    const code = fresh.map((sms) => /\b(\d{6})\b/.exec(sms.text)?.[1]).find((found) => found !== undefined);
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no new SMS for ${phone}`);
}

export async function seenSmsIds(baseUrl: string, phone: string): Promise<Set<string>> {
  return new Set((await smsFor(baseUrl, phone)).map((sms) => sms.id));
}

export interface Customer {
  phone: string;
  /** The phone as a customer types it. */
  typed: string;
  iin: string;
  fullName: string;
  password: string;
}

export function newCustomer(): Customer {
  const phone = randomPhone();
  return {
    phone,
    typed: `8 ${phone.slice(2, 5)} ${phone.slice(5, 8)} ${phone.slice(8, 10)} ${phone.slice(10)}`,
    iin: randomIin(),
    fullName: 'Серикова Айгерим Болатовна',
    password: 'steppe wind over almaty 2026',
  };
}

/**
 * Registers through the web app: phone → the code read from the dev inbox page → details.
 * Ends on the home page, logged in.
 */
export async function registerThroughUi(page: Page, baseUrl: string, customer: Customer, shots?: string): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel(/Номер мобильного телефона|Mobile phone number|Ұялы телефон нөмірі/).fill(customer.typed);
  if (shots) await screenshot(page, `${shots}-register-phone`);
  await page.getByRole('button', { name: /Получить код|Get a code|Код алу/ }).click();
  await page.getByLabel(/Код из SMS|Code from the SMS|SMS-тегі код/).waitFor();
  const code = await waitForCode(baseUrl, customer.phone);
  if (shots) await screenshot(page, `${shots}-register-code`);
  await page.getByLabel(/Код из SMS|Code from the SMS|SMS-тегі код/).fill(code);
  await page.getByRole('button', { name: /Подтвердить|Confirm|Растау/ }).click();
  await page.getByLabel(/^(ИИН|IIN|ЖСН)$/).fill(customer.iin);
  await page.getByLabel(/Фамилия, имя и отчество|Surname, given name|Тегі, аты/).fill(customer.fullName);
  await page.getByLabel(/Придумайте пароль|Choose a password|Құпиясөз ойлап табыңыз/).fill(customer.password);
  await page.getByRole('radio', { name: /Счёт и кошелёк|Account and e-wallet|Шот және әмиян/ }).check();
  // The agreement's terms and the personal-data consent, each a checkbox of its own.
  await page.getByRole('checkbox', { name: /условия договора|terms of the agreement|Шарт талаптарын/ }).check();
  await page.getByRole('checkbox', { name: /персональных данных|personal data|Дербес деректерімді/ }).check();
  if (shots) await screenshot(page, `${shots}-register-details`);
  await page.getByRole('button', { name: /^(Зарегистрироваться|Register|Тіркелу)$/ }).click();
  await page.getByRole('heading', { level: 1, name: /Здравствуйте|Hello|Сәлеметсіз бе/ }).waitFor();
}

/** Password + SMS code login through the web app. */
export async function loginWithPassword(page: Page, baseUrl: string, customer: Customer, shots?: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  const usePassword = page.getByRole('button', { name: /Войти по паролю|Use password instead|Құпиясөзбен кіру/ });
  const phoneField = page.getByLabel(/Номер мобильного телефона|Mobile phone number|Ұялы телефон нөмірі/);
  await Promise.race([usePassword.waitFor(), phoneField.waitFor()]);
  if (await usePassword.isVisible()) await usePassword.click();
  const seen = await seenSmsIds(baseUrl, customer.phone);
  await phoneField.fill(customer.typed);
  await page.getByLabel(/^(Пароль|Password|Құпиясөз)$/).fill(customer.password);
  if (shots) await screenshot(page, `${shots}-login-password`);
  await page.getByRole('button', { name: /Продолжить|Continue|Жалғастыру/ }).click();
  await page.getByLabel(/Код из SMS|Code from the SMS|SMS-тегі код/).waitFor();
  const code = await waitForCode(baseUrl, customer.phone, seen);
  if (shots) await screenshot(page, `${shots}-login-code`);
  await page.getByLabel(/Код из SMS|Code from the SMS|SMS-тегі код/).fill(code);
  await page.getByRole('button', { name: /^(Войти|Log in|Кіру)$/ }).click();
  await page.getByRole('heading', { level: 1, name: /Здравствуйте|Hello|Сәлеметсіз бе/ }).waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^(Выйти|Log out|Шығу)$/ })
    .click();
  await page.getByText(/Вы вышли из интернет-банка|You have logged out|Сіз интернет-банктен шықтыңыз/).waitFor();
}
