import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { depositFromSettlement } from '../apps/server/src/modules/accounts/index.js';
import { getAccount } from '../apps/server/src/modules/ledger/index.js';
import { newCustomer, newMobileContext, registerThroughUi, screenshot, startJourneys, watchConsole } from './harness.js';

/**
 * The customer's side of security incidents and disputes (issue 13 items 6 and 7): "I told
 * someone my code" reported from the security page, and the advice to call 595 now with the
 * security e-mail; "My requests" from the More page; a dispute from an operation's "This wasn't
 * me", its timeline and withdrawing it. Screenshots at 390 px in ru, kk and en.
 */

const e2e = startJourneys();

const TEXTS = {
  ru: {
    locale: 'ru-RU',
    requests: 'Мои обращения',
    report: 'Сообщить о проблеме',
    toldCode: 'Я сообщил кому-то код из SMS',
    text: 'Опишите, что произошло',
    submit: 'Отправить в банк',
    urgent: 'Сообщение получено. Действуйте сейчас',
    callNow: /Позвоните в контакт-центр 595 прямо сейчас/,
    received: 'Получено',
  },
  kk: {
    locale: 'kk-KZ',
    requests: 'Менің өтініштерім',
    report: 'Мәселе туралы хабарлау',
    toldCode: 'Мен SMS кодын біреуге айтып қойдым',
    text: 'Не болғанын сипаттаңыз',
    submit: 'Банкке жіберу',
    urgent: 'Хабарлама алынды. Дәл қазір әрекет етіңіз',
    callNow: /Байланыс орталығына 595 дәл қазір қоңырау шалыңыз/,
    received: 'Алынды',
  },
  en: {
    locale: 'en-US',
    requests: 'My requests',
    report: 'Report a problem',
    toldCode: 'I told someone a code from an SMS',
    text: 'Tell us what happened',
    submit: 'Send to the bank',
    urgent: 'Report received. Act now',
    callNow: /Call the contact center on 595 right now/,
    received: 'Received',
  },
} as const;

type Language = keyof typeof TEXTS;

/** On the report page: "I told someone my code", a few words, send; the advice with 595 and the security e-mail. */
async function reportToldCode(page: Page, language: Language): Promise<void> {
  const texts = TEXTS[language];
  await page.getByRole('heading', { level: 1, name: texts.report }).waitFor();
  await page.getByRole('radio', { name: new RegExp(texts.toldCode) }).check();
  await page.getByLabel(texts.text).fill(language === 'ru' ? 'Позвонили «из банка», я назвал код' : 'Bank call, code told');
  await screenshot(page, `support-${language}-390-report`);
  await page.getByRole('button', { name: texts.submit }).click();
  const advice = page.getByTestId('incident-advice');
  await advice.getByText(texts.urgent).waitFor();
  await advice.getByText(texts.callNow).waitFor();
  await advice.getByRole('link', { name: '595' }).waitFor();
  await advice.getByRole('link', { name: 'security@mykassa.kz' }).waitFor();
  await screenshot(page, `support-${language}-390-advice`);
}

/** "My requests" from the More tab: the report is there, received. */
async function seeRequests(page: Page, language: Language): Promise<void> {
  const texts = TEXTS[language];
  await page.goto(`${e2e.kassa.baseUrl}/more`);
  await page.getByRole('link', { name: texts.requests }).click();
  await page.getByRole('heading', { level: 1, name: texts.requests }).waitFor();
  const row = page.locator('.list-row', { hasText: texts.toldCode });
  await row.getByText(texts.received).waitFor();
  await screenshot(page, `support-${language}-390-requests`);
}

async function csrfOf(page: Page): Promise<string> {
  const response = await page.request.get(`${e2e.kassa.baseUrl}/api/v1/auth/session`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** A move of 1 000 ₸ from the current account to the e-wallet, through the API with the page's session. */
async function ownTransfer(page: Page): Promise<string> {
  const { items } = (await (await page.request.get(`${e2e.kassa.baseUrl}/api/v1/accounts`)).json()) as {
    items: Array<{ id: string; kind: string }>;
  };
  const current = items.find((item) => item.kind === 'customer_current');
  const wallet = items.find((item) => item.kind === 'ewallet');
  const account = current ? await getAccount(e2e.kassa.app.ctx.db, current.id) : null;
  if (!current || !wallet || !account) throw new Error('no accounts');
  await e2e.kassa.app.ctx.db.transaction((tx) => depositFromSettlement(tx, account, 500_000n, 'test'));
  const created = await page.request.post(`${e2e.kassa.baseUrl}/api/v1/transfers`, {
    headers: { 'x-csrf-token': await csrfOf(page), 'idempotency-key': crypto.randomUUID() },
    data: { kind: 'own', sourceAccountId: current.id, destinationAccountId: wallet.id, amountMinor: 100_000, currency: 'KZT' },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

describe('reporting a problem and following a dispute', () => {
  test('"I told someone my code" from the security page: the advice says to call 595 now, with the security e-mail', async () => {
    const context = await newMobileContext(e2e.browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    await registerThroughUi(page, e2e.kassa.baseUrl, newCustomer());
    await page.goto(`${e2e.kassa.baseUrl}/security`);
    await page.locator('#main-content').getByRole('link', { name: TEXTS.ru.report }).click();
    await reportToldCode(page, 'ru');
    await seeRequests(page, 'ru');
    expect(console.messages).toEqual([]);
    await context.close();
  });

  test('the same in Kazakh and English, from the More page', async () => {
    for (const language of ['kk', 'en'] as const) {
      const context = await newMobileContext(e2e.browser, TEXTS[language].locale);
      const page = await context.newPage();
      await registerThroughUi(page, e2e.kassa.baseUrl, newCustomer());
      await page.goto(`${e2e.kassa.baseUrl}/more`);
      await page.getByRole('link', { name: TEXTS[language].requests }).click();
      await page.getByRole('link', { name: TEXTS[language].report }).click();
      await reportToldCode(page, language);
      await seeRequests(page, language);
      await context.close();
    }
  });

  test('"This wasn\'t me" on an operation opens a case with its timeline, which the customer can withdraw', async () => {
    const context = await newMobileContext(e2e.browser);
    const page = await context.newPage();
    await registerThroughUi(page, e2e.kassa.baseUrl, newCustomer());
    const operationId = await ownTransfer(page);
    await page.goto(`${e2e.kassa.baseUrl}/operations/${operationId}`);
    await page.getByRole('button', { name: 'Это был не я' }).click();
    await page.getByLabel('Комментарий').fill('Не узнаю этот перевод');
    await page.getByRole('button', { name: 'Сообщить в банк' }).click();
    await page.getByRole('link', { name: 'Открыть обращение' }).click();
    await page.getByRole('heading', { level: 1, name: 'Обращение по операции' }).waitFor();
    await page.getByTestId('dispute-timeline').getByText('Вы сообщили об операции').waitFor();
    await expect(page.getByTestId('dispute-status').textContent()).resolves.toBe('Принято');
    await screenshot(page, 'support-ru-390-dispute');
    await page.getByRole('button', { name: 'Отозвать обращение' }).click();
    await page.getByRole('button', { name: 'Да, отозвать' }).click();
    await page.getByText('Обращение отозвано').first().waitFor();
    await expect(page.getByTestId('dispute-status').textContent()).resolves.toBe('Отозвано');
    await page.getByTestId('dispute-timeline').getByText('Вы отозвали обращение').waitFor();
    await screenshot(page, 'support-ru-390-dispute-withdrawn');
    await context.close();
  });
});
