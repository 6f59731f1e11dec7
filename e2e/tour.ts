import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_CUSTOMERS } from '../apps/server/src/modules/identity/index.js';
import { ARTIFACTS_DIR } from './artifacts.js';
import {
  type Customer,
  type Journeys,
  type Kassa,
  newCustomer,
  newMobileContext,
  randomIin,
  randomPhone,
  seenSmsIds,
  waitForCode,
} from './harness.js';
import type { Language } from './leaks.js';
import { cardScreens } from './tour-cards.js';
import { type AccountItem, fund, otherBankIban, receiveFromDemo, seedDemoOnce } from './tour-data.js';
import { field, nextStep, primaryButton, settle, submitButton, trackRequests } from './tour-page.js';

/**
 * A walk through every screen of the web app (the routes of apps/web/src/App.tsx and the steps of
 * each flow) in one language, in one phone-sized page: the visitor's screens, registration, a
 * login, then every screen of a customer with money and history. At each screen, once it has
 * settled, `visit` is called; the crawl checks the words, the layout test the widths.
 *
 * The screens are being rebuilt while this is written, so the walk finds its way by routes, field
 * names and button roles, never by the words on them. A screen it cannot reach is a problem of
 * the walk, reported with the others, and the walk goes on with the next group of screens.
 */

export type Visit = (page: Page, screen: string) => Promise<void>;

export interface Tour {
  context: BrowserContext;
  page: Page;
  customer: Customer;
  /** The operations the walk made: an own transfer, a phone transfer, one received. */
  operationIds: string[];
  /** Screens that could not be reached, and why. */
  problems: string[];
  /** Screens visited, in order. */
  screens: string[];
}

const MOBILE_LOCALE: Record<Language, string> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-US' };
/** Well above the low-value exemption (RTS art. 16), so a code is asked. */
const PHONE_TRANSFER_AMOUNT = '20000';
const STEP_TIMEOUT_MS = 10_000;

class Walk {
  readonly problems: string[] = [];
  readonly screens: string[] = [];
  constructor(
    readonly page: Page,
    readonly kassa: Kassa,
    readonly language: Language,
    readonly visit: Visit,
    readonly customer: Customer,
  ) {}

  async at(screen: string): Promise<void> {
    await settle(this.page);
    const lang = await this.page.getAttribute('html', 'lang');
    if (lang !== this.language) this.problems.push(`${screen}: the page is in "${lang}", not in "${this.language}"`);
    this.screens.push(screen);
    await this.visit(this.page, screen);
  }

  /**
   * Opens a route the way a link in the app does (history.pushState, which React Router follows):
   * the app is not loaded again for every screen. The first screen, or `reload`, loads the page.
   */
  async open(path: string, screen: string, options: { reload?: boolean } = {}): Promise<void> {
    const url = `${this.kassa.baseUrl}${path}`;
    if (options.reload || !this.page.url().startsWith(this.kassa.baseUrl)) await this.page.goto(url);
    else {
      await this.page.evaluate(`history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'))`);
      await this.page.waitForURL(url);
    }
    await this.at(screen);
  }

  /** One group of screens: a failure is noted and the walk goes on with the next group. */
  async group(name: string, steps: () => Promise<void>): Promise<void> {
    try {
      await steps();
    } catch (error) {
      this.problems.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      const path = `${ARTIFACTS_DIR}/screens/${this.language}/walk-failures/${name.replace(/\W+/g, '-')}.png`;
      await this.page.screenshot({ path, fullPage: true }).catch(() => undefined);
    }
  }

  /** A route that may not exist yet (a screen another change adds): skipped when it shows the 404 page. */
  async openIfExists(path: string, screen: string, notFoundTitle: string): Promise<void> {
    await this.page.evaluate(`history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'))`);
    await settle(this.page);
    if ((await this.page.title()).startsWith(notFoundTitle)) return;
    await this.at(screen);
  }
}

async function visitorScreens(walk: Walk, notFoundTitle: string): Promise<void> {
  const { page } = walk;
  await walk.group('landing', async () => {
    await page.goto(walk.kassa.baseUrl);
    await settle(page);
    // The way a customer does it: the language buttons in the header (the browser's language is set too).
    if ((await page.getAttribute('html', 'lang')) !== walk.language) await page.locator(`button[lang="${walk.language}"]`).first().click();
    await walk.at('landing');
    await walk.open('/security', 'security');
  });
  await walk.group('login', async () => {
    await walk.open('/login', 'login');
    await field(page, 'phone').fill(randomPhone());
    await field(page, 'password').fill('not the password 1');
    await submitButton(page).click();
    // The bank does not say whether the phone is a customer's: a refusal now, or a code step that refuses every code.
    const refused = page.getByRole('alert').first();
    await Promise.race([refused.waitFor(), field(page, 'code').waitFor()]);
    if (await field(page, 'code').isVisible()) {
      await walk.at('login-code-unknown-phone');
      await field(page, 'code').fill('000000');
      await submitButton(page).click();
      await refused.waitFor();
    }
    await walk.at('login-refused');
  });
  await walk.group('password reset', async () => {
    await walk.open('/login/reset', 'reset-phone');
    await field(page, 'phone').fill(randomPhone());
    await submitButton(page).click();
    await nextStep(page, 'code');
    await walk.at('reset-code');
    await field(page, 'code').fill('000000');
    await field(page, 'iin').fill(randomIin());
    await field(page, 'new-password').fill('a long new password 2026');
    await submitButton(page).click();
    await page.getByRole('alert').first().waitFor();
    await walk.at('reset-code-refused');
  });
  await walk.group('not found', async () => {
    await walk.open('/no-such-page', 'not-found');
    if (!(await page.title()).startsWith(notFoundTitle)) throw new Error('an unknown address does not show the 404 page');
  });
}

async function registration(walk: Walk, customer: Customer): Promise<void> {
  const { page, kassa } = walk;
  await walk.open('/register', 'register-phone');
  await field(page, 'phone').fill(customer.typed);
  await submitButton(page).click();
  await nextStep(page, 'code');
  await walk.at('register-code');
  await field(page, 'code').fill(await waitForCode(kassa.baseUrl, customer.phone));
  await submitButton(page).click();
  await nextStep(page, 'iin');
  await walk.at('register-details');
  await field(page, 'iin').fill(customer.iin);
  await field(page, 'fullName').fill(customer.fullName);
  await field(page, 'new-password').fill(customer.password);
  await page.locator('main input[name="agreement"][value="both"]').check();
  // The agreement's terms and the personal-data consent: whatever the form asks, accepted.
  for (const box of await page.locator('main form input[type="checkbox"]:visible').all()) await box.check();
  await submitButton(page).click();
  await page.waitForURL(`${kassa.baseUrl}/`);
  await walk.at('home-new-customer');
}

async function login(walk: Walk, customer: Customer): Promise<void> {
  const { page, kassa } = walk;
  await page.context().clearCookies();
  await page.goto(`${kassa.baseUrl}/login`);
  const seen = await seenSmsIds(kassa.baseUrl, customer.phone);
  await field(page, 'phone').fill(customer.typed);
  await field(page, 'password').fill(customer.password);
  await submitButton(page).click();
  await nextStep(page, 'code');
  await walk.at('login-code');
  await field(page, 'code').fill(await waitForCode(kassa.baseUrl, customer.phone, seen));
  await submitButton(page).click();
  await page.waitForURL(`${kassa.baseUrl}/`);
  await walk.at('home');
}

/** Goes from the details to the review: the amount field gone is the sign. */
async function toReview(page: Page): Promise<void> {
  await submitButton(page).click();
  await field(page, 'amountText').waitFor({ state: 'detached' });
}

async function resultOperationId(page: Page): Promise<string> {
  const link = page.locator('main a[href^="/operations/"]').first();
  await link.waitFor();
  const href = (await link.getAttribute('href')) ?? '';
  return href.slice('/operations/'.length);
}

async function transferScreens(walk: Walk, operationIds: string[]): Promise<void> {
  const { page, kassa } = walk;
  await walk.group('transfers', async () => {
    await walk.open('/transfers', 'transfers');
  });
  await walk.group('own transfer', async () => {
    await walk.open('/transfers/own', 'transfer-own');
    await field(page, 'amountText').fill('1000');
    await toReview(page);
    await walk.at('transfer-own-review');
    // Between one's own accounts no code is asked: this sends once, to the customer's other account.
    await primaryButton(page).click();
    operationIds.push(await resultOperationId(page));
    await walk.at('transfer-own-result');
  });
  await walk.group('phone transfer', async () => {
    await walk.open('/transfers/phone', 'transfer-phone');
    await submitButton(page).click();
    await page.locator('main [aria-invalid="true"]').first().waitFor();
    await walk.at('transfer-phone-invalid');
    const payee = DEMO_CUSTOMERS[0].phone;
    await field(page, 'payeePhone').fill(`8 ${payee.slice(2, 5)} ${payee.slice(5, 8)} ${payee.slice(8, 10)} ${payee.slice(10)}`);
    await field(page, 'amountText').fill(PHONE_TRANSFER_AMOUNT);
    await toReview(page);
    await walk.at('transfer-phone-review');
    const customerPhone = walk.customer.phone;
    const seen = await seenSmsIds(kassa.baseUrl, customerPhone);
    await primaryButton(page).click();
    await nextStep(page, 'code');
    await walk.at('transfer-phone-code');
    const code = await waitForCode(kassa.baseUrl, customerPhone, seen);
    await field(page, 'code').fill(code === '000000' ? '111111' : '000000');
    await submitButton(page).click();
    await page.getByRole('alert').first().waitFor();
    await walk.at('transfer-phone-code-wrong');
    await field(page, 'code').fill(code);
    await submitButton(page).click();
    operationIds.push(await resultOperationId(page));
    await walk.at('transfer-phone-result');
  });
  await walk.group('IBAN transfer', async () => {
    await walk.open('/transfers/iban', 'transfer-iban');
    // From the current account: an e-wallet pays people by phone, not other banks.
    const { items } = (await (await page.request.get(`${kassa.baseUrl}/api/v1/accounts`)).json()) as { items: AccountItem[] };
    const current = items.find((item) => item.kind === 'customer_current');
    if (current) await field(page, 'sourceAccountId').selectOption(current.id);
    await field(page, 'payeeIban').fill(otherBankIban());
    await field(page, 'payeeName').fill('Иванов Пётр');
    // Another bank is paid with the payee's IIN and the purpose of the payment.
    await field(page, 'payeeTaxId').fill(randomIin());
    const purposes = await field(page, 'purposeCode')
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as unknown as { value: string }).value).filter((value) => value !== ''));
    if (purposes[0]) await field(page, 'purposeCode').selectOption(purposes[0]);
    await field(page, 'amountText').fill(PHONE_TRANSFER_AMOUNT);
    await toReview(page);
    await walk.at('transfer-iban-review');
    await primaryButton(page).click();
    // Above the low-value exemption a code is asked, and the walk stops there: nothing is sent.
    // Should the bank ask none, the transfer is sent once and its result is the screen.
    const result = page.locator('main a[href^="/operations/"]').first();
    await Promise.race([field(page, 'code').waitFor(), result.waitFor()]).catch(() => undefined);
    if (await result.isVisible()) await walk.at('transfer-iban-result');
    else {
      await nextStep(page, 'code');
      await walk.at('transfer-iban-code');
    }
  });
}

async function customerScreens(walk: Walk, operationIds: string[], notFoundTitle: string): Promise<void> {
  const { page, kassa } = walk;
  await walk.group('history', async () => {
    await walk.open('/history', 'history');
    const { items } = (await (await page.request.get(`${kassa.baseUrl}/api/v1/operations`)).json()) as {
      items: { id: string; direction: string; kind: string }[];
    };
    const received = items.find((item) => item.direction === 'incoming' && item.kind === 'phone');
    if (received) operationIds.push(received.id);
    const outgoing = operationIds[1] ?? operationIds[0];
    if (outgoing) await walk.open(`/operations/${outgoing}`, 'operation-sent');
    if (received) await walk.open(`/operations/${received.id}`, 'operation-received');
    else throw new Error('no received transfer in the history');
  });
  const pages: [string, string][] = [
    ['/statements', 'statements'],
    ['/notifications', 'notifications'],
    ['/notifications/settings', 'notification-settings'],
    ['/payees', 'payees'],
    ['/settings', 'settings'],
    ['/security', 'security-signed-in'],
  ];
  for (const [path, screen] of pages) await walk.group(screen, () => walk.open(path, screen));
  // The card screens (issue 14 item 8): issuing, the card page, the reveal after a code, the limits.
  await cardScreens(walk);
  // Screens issue 12 adds (a profile, the phone's "More" menu), visited once they exist.
  for (const [path, screen] of [
    ['/profile', 'profile'],
    ['/more', 'more'],
  ] as const) {
    await walk.group(screen, () => walk.openIfExists(path, screen, notFoundTitle));
  }
}

export interface TourOptions {
  language: Language;
  /** The 404 page's title in this language: how a route that does not exist yet is told apart. */
  notFoundTitle: string;
  visit: Visit;
  /** Called with the page before the first screen, to listen to what it loads. */
  onPage?: (page: Page) => void;
}

/**
 * Walks every screen in the language. The page is 390 px wide (the layout test resizes it inside
 * `visit`); the caller closes the returned context.
 */
export async function tourEveryScreen(e2e: Journeys, options: TourOptions): Promise<Tour> {
  const { language, notFoundTitle, visit } = options;
  await seedDemoOnce(e2e.kassa);
  const context = await newMobileContext(e2e.browser, MOBILE_LOCALE[language]);
  const page = await context.newPage();
  // A step that does not come is a problem to report, soon: not the 30 s default per step.
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  trackRequests(page);
  options.onPage?.(page);
  const customer: Customer = { ...newCustomer(), fullName: 'Жумабаева Сауле Ерлановна' };
  const walk = new Walk(page, e2e.kassa, language, visit, customer);
  const operationIds: string[] = [];
  const done = (): Tour => ({ context, page, customer, operationIds, problems: walk.problems, screens: walk.screens });
  await visitorScreens(walk, notFoundTitle);
  // Everything after needs the customer: without it the walk ends here.
  try {
    await registration(walk, customer);
    await fund(e2e.kassa, page);
    await receiveFromDemo(e2e.kassa, customer.phone);
    await login(walk, customer);
  } catch (error) {
    walk.problems.push(`registration and login: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return done();
  }
  await transferScreens(walk, operationIds);
  await customerScreens(walk, operationIds, notFoundTitle);
  return done();
}
