import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../apps/server/src/modules/identity/index.js';
import { ARTIFACTS_DIR } from './artifacts.js';
import {
  type Customer,
  loginWithPassword,
  newCustomer,
  newDesktopContext,
  newMobileContext,
  registerThroughUi,
  seenSmsIds,
  startJourneys,
  waitForCode,
} from './harness.js';
import { findLeaks, type Language, type LeakRules, leakRules } from './leaks.js';
import { measureOverflow, shownTexts } from './probes.js';
import { seedDemoOnce } from './tour-data.js';
import { field, nextFrame, primaryButton, settle, submitButton, trackRequests } from './tour-page.js';

/**
 * Issue 14: a transfer by card number in the browser, and the history of one card. A demo customer
 * logs in and sends 20 000 ₸ to another Kassa customer's card (issued and revealed for the
 * recipient through the API): a Luhn-invalid number is caught under the field first, then the
 * review names the recipient by the bank's masked name before any code, the SMS code from the dev
 * inbox confirms it, the success screen and the history show it. The recipient then pays with the
 * card at the test shop, once approved and once declined, and finds both on the card's page with
 * the merchant and the reason, then in the history filtered by the card (a chip that clears it).
 * In Russian every step is photographed at 390 and 1280 px, in Kazakh at 1280 px, in English at
 * 390 px (e2e/artifacts/card-transfer); in all three every screen's texts are checked as the
 * screens tests check them (leaks.ts) and no screen is wider than its viewport.
 */

const e2e = startJourneys();
const SHOTS_DIR = `${ARTIFACTS_DIR}/card-transfer`;
const JOURNEY_TIMEOUT_MS = 180_000;
/** Above the low-value exemption (SCA_LOW_VALUE_MAX_MINOR, 15 000 ₸): the code is asked. */
const AMOUNT_TYPED = '20000';
const AMOUNT_MINOR = 2_000_000;
const RECIPIENT_NAME = 'Ахметов Ерлан Маратович';
/** The bank's masked name of RECIPIENT_NAME: the given name and the surname's initial. */
const MASKED_NAME = 'Ерлан А.';
const APPROVED = { merchantName: 'MAGNUM CASH&CARRY', amountMinor: 1_250_000 };
/** More than is left on the card's account after APPROVED: declined for lack of money. */
const DECLINED = { merchantName: 'SULPAK ONLINE', amountMinor: 5_000_000 };

interface Revealed {
  id: string;
  last4: string;
  pan: string;
  cvc2: string;
  expiry: string;
}

/** The catalogue's text of `key` in the journey's language, its {{placeholders}} filled. */
function say(rules: LeakRules, key: string, values: Record<string, string> = {}): string {
  const text = rules.texts.get(key);
  if (text === undefined) throw new Error(`no text ${key} in the ${rules.language} catalogue`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

async function csrfOf(page: Page): Promise<string> {
  const response = await page.request.get(`${e2e.kassa.baseUrl}/api/v1/auth/session`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** A card issued for the recipient and its details read after the code, as the customer would read them. */
async function issueAndReveal(page: Page, phone: string): Promise<Revealed> {
  const base = e2e.kassa.baseUrl;
  const csrf = await csrfOf(page);
  const { items } = (await (await page.request.get(`${base}/api/v1/accounts`)).json()) as { items: { id: string; kind: string }[] };
  const account = items.find((item) => item.kind === 'customer_current');
  if (!account) throw new Error('the recipient has no current account');
  const issued = await page.request.post(`${base}/api/v1/cards`, {
    headers: { 'Idempotency-Key': crypto.randomUUID(), 'X-CSRF-Token': csrf },
    data: { accountId: account.id, kind: 'virtual' },
  });
  expect(issued.status()).toBe(201);
  const card = (await issued.json()) as { id: string; last4: string };
  const seen = await seenSmsIds(base, phone);
  const started = await page.request.post(`${base}/api/v1/cards/${card.id}/reveal`, { headers: { 'X-CSRF-Token': csrf } });
  expect(started.status()).toBe(201);
  const { confirmation } = (await started.json()) as { confirmation: { challengeId: string } };
  const shown = await page.request.post(`${base}/api/v1/cards/${card.id}/reveal/confirm`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { challengeId: confirmation.challengeId, code: await waitForCode(base, phone, seen) },
  });
  expect(shown.status()).toBe(200);
  const details = (await shown.json()) as { pan: string; cvc2: string; expiryMonth: number; expiryYear: number };
  const expiry = `${String(details.expiryYear % 100).padStart(2, '0')}${String(details.expiryMonth).padStart(2, '0')}`;
  return { id: card.id, last4: card.last4, pan: details.pan, cvc2: details.cvc2, expiry };
}

/** A purchase at the simulated network's test shop with the card's details: its ISO 8583 answer. */
async function buy(card: Revealed, purchase: { merchantName: string; amountMinor: number }): Promise<string> {
  const response = await fetch(`${e2e.kassa.baseUrl}/api/v1/dev/card-network/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pan: card.pan, cvc2: card.cvc2, expiry: card.expiry, ...purchase }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { responseCode: string }).responseCode;
}

/** The same number with its last digit changed: one wrong digit always breaks the Luhn check. */
function luhnBroken(pan: string): string {
  return `${pan.slice(0, -1)}${(Number(pan.at(-1)) + 1) % 10}`;
}

function grouped(pan: string): string {
  return pan.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Each screen of the journey: its texts checked, its width measured, photographed at the language's widths. */
class Screens {
  readonly findings: string[] = [];
  constructor(
    readonly rules: LeakRules,
    readonly widths: readonly (390 | 1280)[],
  ) {}

  async at(page: Page, screen: string): Promise<void> {
    await settle(page);
    const language = this.rules.language;
    for (const leak of findLeaks(await page.evaluate(shownTexts), this.rules)) {
      this.findings.push(`${screen} [${leak.check}] "${leak.text}" at ${leak.where}: ${leak.detail}`);
    }
    await mkdir(SHOTS_DIR, { recursive: true });
    const start = page.viewportSize();
    for (const width of this.widths) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await nextFrame(page);
      const overflow = await page.evaluate(measureOverflow);
      if (overflow.scrollWidth > overflow.innerWidth) this.findings.push(`${screen} at ${width} px is ${overflow.scrollWidth} px wide`);
      for (const offender of overflow.offenders) this.findings.push(`${screen} at ${width} px: ${offender}`);
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: `${SHOTS_DIR}/${language}-${width}-${screen}.png`, fullPage: true });
    }
    if (start) await page.setViewportSize(start);
  }
}

function demoSender(index: 1 | 2): Customer {
  const demo = DEMO_CUSTOMERS[index];
  const phone = demo.phone;
  const typed = `8 ${phone.slice(2, 5)} ${phone.slice(5, 8)} ${phone.slice(8, 10)} ${phone.slice(10)}`;
  return { phone, typed, iin: '', fullName: demo.fullName, password: DEMO_PASSWORD };
}

async function contextFor(language: Language, width: 390 | 1280): Promise<BrowserContext> {
  const locale = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-US' }[language];
  return width === 390 ? newMobileContext(e2e.browser, locale) : newDesktopContext(e2e.browser, locale);
}

/** The sender's side: the number caught by Luhn, the masked name on the review, the code, the result, the history. */
async function sendByCard(page: Page, screens: Screens, sender: Customer, card: Revealed): Promise<void> {
  const { rules } = screens;
  const base = e2e.kassa.baseUrl;
  const main = page.locator('#main-content');
  const { items } = (await (await page.request.get(`${base}/api/v1/accounts`)).json()) as {
    items: { id: string; kind: string; currency: string }[];
  };
  const source = items.find((item) => item.kind === 'customer_current' && item.currency === 'KZT');
  if (!source) throw new Error('the demo sender has no KZT current account');
  const before = (await (await page.request.get(`${base}/api/v1/operations?limit=100`)).json()) as { items: unknown[] };

  await page.goto(`${base}/transfers/card-number`);
  await field(page, 'cardNumber').waitFor();
  await field(page, 'sourceAccountId').selectOption(source.id);
  await field(page, 'amountText').fill(AMOUNT_TYPED);
  // A typing mistake: said under the field as soon as the number is whole, and the form stays.
  await field(page, 'cardNumber').fill(luhnBroken(card.pan));
  const error = main.locator('.field--invalid .field__error');
  await error.waitFor();
  expect(await error.textContent()).toBe(say(rules, 'cardTransfer.cardNumberWrong'));
  expect(await field(page, 'cardNumber').getAttribute('aria-invalid')).toBe('true');
  await submitButton(page).click();
  await expect(field(page, 'cardNumber').isVisible()).resolves.toBe(true);
  expect(await error.textContent()).toBe(say(rules, 'cardTransfer.cardNumberWrong'));
  await screens.at(page, 'card-number-wrong');

  // The right number: the live check agrees, and the review names the recipient before any code.
  await field(page, 'cardNumber').fill(card.pan);
  await main.getByText(say(rules, 'cardTransfer.cardNumberOk')).waitFor();
  expect(await field(page, 'cardNumber').inputValue()).toBe(grouped(card.pan));
  await screens.at(page, 'card-number-ok');
  await submitButton(page).click();
  await main.locator('.review-card__payee', { hasText: MASKED_NAME }).waitFor();
  expect(await main.locator('.review-card').textContent()).toContain(`•••• ${card.last4}`);
  expect(await main.textContent()).not.toContain(card.pan);
  await screens.at(page, 'review');

  // The code from the dev inbox, and the money has arrived.
  const seen = await seenSmsIds(base, sender.phone);
  await primaryButton(page).click();
  await field(page, 'code').waitFor();
  await main.locator('.review-card__payee', { hasText: MASKED_NAME }).waitFor();
  await screens.at(page, 'code');
  await field(page, 'code').fill(await waitForCode(base, sender.phone, seen));
  await submitButton(page).click();
  await main.getByRole('heading', { name: say(rules, 'transfer.resultCompleted') }).waitFor();
  await screens.at(page, 'result');

  // In the history: one more operation, to the masked name, for the amount.
  await page.goto(`${base}/history`);
  const row = main.locator('.operation', { hasText: say(rules, 'history.outgoing', { name: MASKED_NAME }) }).first();
  await row.waitFor();
  // 20 000,00 ₸ / ₸20,000.00: the amount's digits, however the language groups them.
  expect((await row.textContent())?.replace(/\D/g, '')).toContain('2000000');
  const after = (await (await page.request.get(`${base}/api/v1/operations?limit=100`)).json()) as {
    items: { kind: string; status: string; amountMinor: number }[];
  };
  expect(after.items.length).toBe(before.items.length + 1);
  expect(after.items[0]).toMatchObject({ kind: 'card-number', status: 'completed', amountMinor: AMOUNT_MINOR });
  await screens.at(page, 'history');
}

/** The recipient's side: the card's purchases on its page, then the history filtered by it, and the filter cleared. */
async function cardHistory(page: Page, screens: Screens, card: Revealed): Promise<void> {
  const { rules } = screens;
  const base = e2e.kassa.baseUrl;
  const main = page.locator('#main-content');
  expect(await buy(card, APPROVED)).toBe('00');
  expect(await buy(card, DECLINED)).not.toBe('00');
  const answer = await page.request.get(`${base}/api/v1/operations?cardId=${card.id}`, { headers: { 'Accept-Language': rules.language } });
  const { items } = (await answer.json()) as { items: { payee: string; status: string; declineReasonText: string | null }[] };
  const reason = items.find((item) => item.status === 'declined')?.declineReasonText;
  if (!reason) throw new Error('the declined purchase has no reason');

  await page.goto(`${base}/cards/${card.id}`);
  const rows = main.locator('.card-operations .operation');
  await rows.nth(1).waitFor();
  expect(await rows.count()).toBe(2);
  expect(await rows.nth(0).textContent()).toContain(DECLINED.merchantName);
  expect(await rows.nth(0).textContent()).toContain(reason);
  expect(await rows.nth(1).textContent()).toContain(APPROVED.merchantName);
  // The card's own page names no card on its rows, and the money received is no purchase of it.
  expect(await main.locator('.card-operations .operation__card').count()).toBe(0);
  expect(await main.locator('.card-operations').textContent()).not.toContain(MASKED_NAME);
  await screens.at(page, 'card-page');

  await main.getByRole('link', { name: say(rules, 'cards.operationsAll') }).click();
  await page.waitForURL(new RegExp(`/history\\?.*cardId=${card.id}`));
  const chip = main.locator('.filter-chip');
  await chip.getByText(say(rules, 'history.cardFilter', { last4: card.last4 })).waitFor();
  await main.locator('.operation', { hasText: APPROVED.merchantName }).waitFor();
  expect(await main.locator('.operation').count()).toBe(2);
  expect(await main.locator('.operation__card').first().textContent()).toContain(`•••• ${card.last4}`);
  await screens.at(page, 'history-by-card');

  // The row's card leads to the card's page; back, the chip clears the filter and the rest comes back.
  await main.locator('.operation__card').first().click();
  await page.waitForURL(new RegExp(`/cards/${card.id}$`));
  await page.goBack();
  await chip.waitFor();
  await chip.getByRole('button', { name: new RegExp(`^${say(rules, 'history.cardFilterClear')}`) }).click();
  await chip.waitFor({ state: 'detached' });
  expect(page.url()).not.toContain('cardId');
  await main
    .locator('.operation', { hasText: say(rules, 'history.incoming', { name: '' }).trim() })
    .first()
    .waitFor();
  await screens.at(page, 'history-all');
}

async function journey(language: Language, widths: readonly (390 | 1280)[], senderIndex: 1 | 2): Promise<void> {
  await seedDemoOnce(e2e.kassa);
  const screens = new Screens(await leakRules(language), widths);
  const [width = 390] = widths;
  const recipientContext = await contextFor(language, width);
  const senderContext = await contextFor(language, width);
  try {
    const recipientPage = await recipientContext.newPage();
    const senderPage = await senderContext.newPage();
    trackRequests(recipientPage);
    trackRequests(senderPage);
    const recipient: Customer = { ...newCustomer(), fullName: RECIPIENT_NAME };
    const sender = demoSender(senderIndex);
    await Promise.all([
      registerThroughUi(recipientPage, e2e.kassa.baseUrl, recipient),
      loginWithPassword(senderPage, e2e.kassa.baseUrl, sender),
    ]);
    const card = await issueAndReveal(recipientPage, recipient.phone);
    await sendByCard(senderPage, screens, sender, card);
    await cardHistory(recipientPage, screens, card);
  } finally {
    await senderContext.close();
    await recipientContext.close();
  }
  expect(screens.findings).toEqual([]);
}

describe('a transfer by card number, and the history of the card', () => {
  test(
    'ru at 390 and 1280 px: Luhn caught, masked name, code, result, history; the card’s purchases and its filtered history',
    async () => {
      await journey('ru', [390, 1280], 2);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'kk at 1280 px: the same',
    async () => {
      await journey('kk', [1280], 1);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'en at 390 px: the same',
    async () => {
      await journey('en', [390], 2);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
