import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { depositFromSettlement } from '../apps/server/src/modules/accounts/index.js';
import { getAccount } from '../apps/server/src/modules/ledger/index.js';
import {
  type Customer,
  newCustomer,
  newMobileContext,
  randomPhone,
  registerThroughUi,
  screenshot,
  seenSmsIds,
  smsFor,
  startJourneys,
  waitForCode,
} from './harness.js';

const e2e = startJourneys();

interface AccountItem {
  id: string;
  kind: string;
  currency: string;
  balanceMinor: number;
}

/** The customer's KZT current account, through the API with the page's own session cookie. */
async function currentAccount(page: Page): Promise<AccountItem> {
  const response = await page.request.get(`${e2e.kassa.baseUrl}/api/v1/accounts`);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: AccountItem[] };
  const account = items.find((item) => item.kind === 'customer_current' && item.currency === 'KZT');
  if (!account) throw new Error('no KZT current account');
  return account;
}

/** Books a cash deposit to the account, as the bank's settlement would. */
async function fund(accountId: string, amountMinor: bigint): Promise<void> {
  const account = await getAccount(e2e.kassa.app.ctx.db, accountId);
  if (!account) throw new Error(`account ${accountId} not found`);
  await e2e.kassa.app.ctx.db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'test'));
}

/** Fills the phone transfer form and goes to the review step. */
async function fillPhoneTransfer(page: Page, sourceAccountId: string, phone: string, amount: string): Promise<void> {
  await page.goto(`${e2e.kassa.baseUrl}/transfers`);
  await page.getByRole('link', { name: /По номеру телефона/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Перевод по номеру телефона' }).waitFor();
  await page.getByLabel('Счёт списания').selectOption(sourceAccountId);
  await page.getByLabel('Номер телефона получателя').fill(phone);
  await page.getByLabel(/^Сумма/).fill(amount);
  await page.getByRole('button', { name: 'Продолжить' }).click();
  await page.getByRole('heading', { level: 2, name: 'Проверьте перевод' }).waitFor();
}

/** How many operations the customer's history holds (the API, with the page's own session). */
async function operationCount(page: Page): Promise<number> {
  const response = await page.request.get(`${e2e.kassa.baseUrl}/api/v1/operations?limit=100`);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

/** The session's CSRF token, for a write through the API with the page's own cookie. */
async function csrfOf(page: Page): Promise<string> {
  const response = await page.request.get(`${e2e.kassa.baseUrl}/api/v1/auth/session`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** A transfer to one's own phone: the details step marks the field and offers an own transfer. */
async function ownPhoneCaught(page: Page, sourceAccountId: string, ownPhone: string): Promise<void> {
  await page.goto(`${e2e.kassa.baseUrl}/transfers/phone`);
  await page.getByLabel('Счёт списания').selectOption(sourceAccountId);
  await page.getByLabel('Номер телефона получателя').fill(ownPhone);
  await page.getByLabel(/^Сумма/).fill('100');
  await page.getByRole('button', { name: 'Продолжить' }).click();
  await page.getByText(/^Это ваш номер/).waitFor();
  await page.getByRole('link', { name: 'Перевести между своими счетами' }).waitFor();
  await screenshot(page, 'money-transfer-own-phone');
}

describe('money', () => {
  test('a customer sends money by phone with an SMS code, and a small sum without one; both see it in their history; the review names the payee before any code, and a stranger’s number as no customer without an operation', async () => {
    const sender: Customer = newCustomer();
    const recipient: Customer = { ...newCustomer(), fullName: 'Ахметов Ерлан Маратович' };
    const senderContext = await newMobileContext(e2e.browser);
    const recipientContext = await newMobileContext(e2e.browser);
    const senderPage = await senderContext.newPage();
    const recipientPage = await recipientContext.newPage();
    await Promise.all([
      registerThroughUi(senderPage, e2e.kassa.baseUrl, sender),
      registerThroughUi(recipientPage, e2e.kassa.baseUrl, recipient),
    ]);

    // 50 000 ₸ to start with.
    const source = await currentAccount(senderPage);
    await fund(source.id, 5_000_000n);
    await senderPage.reload();
    const card = senderPage.locator('.account-card', { hasText: 'Текущий счёт' });
    await card
      .getByText(/50\s000,00/)
      .first()
      .waitFor();
    await expect(card.getByRole('button', { name: /Скопировать IBAN/ }).count()).resolves.toBe(1);
    await screenshot(senderPage, 'money-dashboard');

    // By phone: details → review → SMS code → completed. Over 15 000 ₸, so the low-value
    // exemption (RTS art. 16) does not apply and the code is asked.
    await fillPhoneTransfer(senderPage, source.id, recipient.typed, '20000,50');
    await senderPage
      .getByText(/20\s000,50/)
      .first()
      .waitFor();
    // The fee is known from the published schedule before any code is sent: none by phone.
    await senderPage.locator('.review-card').getByText('Без комиссии').waitFor();
    // The payee's masked name from the bank, before any code is sent: the given name and the
    // surname's initial of "Ахметов Ерлан Маратович", typed surname first as the form asks.
    await senderPage.locator('.review-card__payee').getByText('Ерлан А.', { exact: true }).waitFor();
    await screenshot(senderPage, 'money-transfer-review');
    const seen = await seenSmsIds(e2e.kassa.baseUrl, sender.phone);
    await senderPage.getByRole('button', { name: 'Получить код из SMS' }).click();
    await senderPage.getByLabel('Код из SMS').waitFor();
    await senderPage.locator('.review-card__payee').getByText('Ерлан А.', { exact: true }).waitFor();
    const code = await waitForCode(e2e.kassa.baseUrl, sender.phone, seen);
    await screenshot(senderPage, 'money-transfer-code');

    // A wrong code first: the attempts left are shown and the transfer still waits.
    const wrong = code === '000000' ? '111111' : '000000';
    await senderPage.getByLabel('Код из SMS').fill(wrong);
    await senderPage.getByRole('button', { name: 'Подтвердить перевод' }).click();
    await senderPage.getByText(/Осталось попыток: 2/).waitFor();
    await screenshot(senderPage, 'money-transfer-wrong-code');

    // The code as people paste it, in pairs with spaces: accepted.
    await senderPage.getByLabel('Код из SMS').fill(code.replace(/(\d{2})(?=\d)/g, '$1 '));
    await senderPage.getByRole('button', { name: 'Подтвердить перевод' }).click();
    await senderPage.getByRole('heading', { level: 2, name: 'Перевод выполнен' }).waitFor();
    await screenshot(senderPage, 'money-transfer-completed');
    // The code was asked and given: the code step is done.
    await expect(senderPage.locator('.steps__item--done').count()).resolves.toBe(3);
    await expect(senderPage.locator('.steps__item--skipped').count()).resolves.toBe(0);

    // The sender's history: outgoing, accepted.
    await senderPage.getByRole('link', { name: 'История', exact: true }).first().click();
    await senderPage.getByRole('heading', { level: 1, name: 'История операций' }).waitFor();
    const sent = senderPage.locator('.operation--out').first();
    await sent.getByText(/20\s000,50/).waitFor();
    expect(await sent.textContent()).toContain('Ерлан А.');
    await screenshot(senderPage, 'money-history-sender');

    // The recipient's history: incoming, with a plus sign.
    await recipientPage.goto(`${e2e.kassa.baseUrl}/history`);
    const received = recipientPage.locator('.operation--in').first();
    await received.getByText(/20\s000,50/).waitFor();
    expect(await received.textContent()).toMatch(/\+\s*20\s000,50/);
    await screenshot(recipientPage, 'money-history-recipient');
    await recipientPage.goto(e2e.kassa.baseUrl);
    await recipientPage
      .locator('.account-card', { hasText: 'Текущий счёт' })
      .getByText(/20\s000,50/)
      .first()
      .waitFor();

    // A trusted payee (RTS art. 13): known before sending, so the button says it sends the money
    // and the code step is shown as not needed, before and after.
    await e2e.kassa.app.ctx.db.query(
      `INSERT INTO trusted_payees (id, customer_id, kind, phone, label, status, created_at)
       SELECT 'tpy_e2e_' || id, id, 'phone', $2, 'Ерлан', 'active', now() FROM customers WHERE phone = $1`,
      [sender.phone, recipient.phone],
    );
    await fillPhoneTransfer(senderPage, source.id, recipient.typed, '20000');
    await senderPage.getByText('Получатель в списке доверенных: код не понадобится, перевод выполнится сразу.').waitFor();
    await senderPage.locator('.steps__item--skipped', { hasText: 'Без кода' }).waitFor();
    await screenshot(senderPage, 'money-transfer-review-trusted');
    expect(await senderPage.getByRole('button', { name: 'Получить код из SMS' }).count()).toBe(0);
    await senderPage.getByRole('button', { name: /^Перевести 20\s000,00\s₸$/ }).click();
    await senderPage.getByRole('heading', { level: 2, name: 'Перевод выполнен' }).waitFor();
    await senderPage.getByText('Код не понадобился: доверенный получатель').waitFor();
    await e2e.kassa.app.ctx.db.query("UPDATE trusted_payees SET status = 'removed' WHERE phone = $1", [recipient.phone]);

    // A small sum (RTS art. 16, low value): the button cannot promise a code, and says
    // "continue"; no code is asked, the result says why, and the code step is not marked done.
    await fillPhoneTransfer(senderPage, source.id, recipient.typed, '100');
    const seenBeforeSmall = await seenSmsIds(e2e.kassa.baseUrl, sender.phone);
    expect(await senderPage.getByRole('button', { name: 'Получить код из SMS' }).count()).toBe(0);
    await senderPage.getByText(/банк может не спросить код/).waitFor();
    await screenshot(senderPage, 'money-transfer-review-low-value');
    await senderPage.getByRole('button', { name: 'Продолжить' }).click();
    await senderPage.getByRole('heading', { level: 2, name: 'Перевод выполнен' }).waitFor();
    await senderPage.getByText('Код не понадобился: платёж на небольшую сумму').waitFor();
    await senderPage.locator('.steps__item--skipped', { hasText: 'Без кода' }).waitFor();
    await expect(senderPage.locator('.steps__item--done').count()).resolves.toBe(2);
    expect(await senderPage.getByLabel('Код из SMS').count()).toBe(0);
    // The SMS that follows is the "completed" notice, and no code came before it.
    let smsAfterSmall: Array<{ text: string }> = [];
    for (let waited = 0; waited < 100 && !smsAfterSmall.some((sms) => /выполнен/.test(sms.text)); waited += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      smsAfterSmall = (await smsFor(e2e.kassa.baseUrl, sender.phone)).filter((sms) => !seenBeforeSmall.has(sms.id));
    }
    expect(smsAfterSmall.map((sms) => sms.text).join('\n')).toMatch(/100,00/);
    expect(smsAfterSmall.some((sms) => /\b\d{6}\b/.test(sms.text))).toBe(false);
    await screenshot(senderPage, 'money-transfer-low-value');

    // A phone that is not our customer: the review says so before anything is sent, the button
    // cannot send, and no operation is made.
    const operationsBefore = await operationCount(senderPage);
    await fillPhoneTransfer(senderPage, source.id, randomPhone(), '100');
    await senderPage.getByText('Не клиент Kassa — проверьте номер.').waitFor();
    await expect(senderPage.getByRole('button', { name: 'Продолжить' }).isDisabled()).resolves.toBe(true);
    await screenshot(senderPage, 'money-transfer-unknown-payee');
    expect(await operationCount(senderPage)).toBe(operationsBefore);

    // One's own number is caught in the form.
    await ownPhoneCaught(senderPage, source.id, sender.typed);

    // More than the balance: declined at once, and no code is sent for a transfer the bank would
    // refuse anyway (SECURITY.md 33).
    await fillPhoneTransfer(senderPage, source.id, recipient.typed, '900000');
    const seenAgain = await seenSmsIds(e2e.kassa.baseUrl, sender.phone);
    await senderPage.getByRole('button', { name: 'Получить код из SMS' }).click();
    await senderPage.getByRole('heading', { level: 2, name: 'Перевод отклонён' }).waitFor();
    await senderPage.getByText('Недостаточно средств').waitFor();
    await screenshot(senderPage, 'money-transfer-declined');
    expect(await senderPage.getByLabel('Код из SMS').count()).toBe(0);
    const smsAfterDecline = (await smsFor(e2e.kassa.baseUrl, sender.phone)).filter((sms) => !seenAgain.has(sms.id));
    expect(smsAfterDecline.some((sms) => /\b\d{6}\b/.test(sms.text))).toBe(false);

    // History shows the declined one apart, with its reason, under today's date.
    await senderPage.goto(`${e2e.kassa.baseUrl}/history`);
    await senderPage.locator('.operation--failed').first().waitFor();
    expect(await senderPage.locator('.operation--failed').count()).toBe(1);
    await senderPage.locator('.operation--failed', { hasText: 'Недостаточно средств' }).waitFor();
    await senderPage.locator('.history-day__title', { hasText: 'Сегодня' }).waitFor();
    await screenshot(senderPage, 'money-history-declined');

    // Search by payee: a part of the name, in lower case, finds the four transfers to Ерлан.
    await senderPage.getByLabel('Поиск по получателю').fill('ерлан');
    await senderPage.waitForURL(/q=/);
    await senderPage.getByText('Показано операций: 4').waitFor();
    await senderPage.locator('.operation', { hasText: 'Ерлан А.' }).nth(3).waitFor();
    expect(await senderPage.locator('.operation', { hasText: 'Ерлан А.' }).count()).toBe(4);
    await senderPage.getByLabel('Поиск по получателю').fill('nobody-here');
    await senderPage.getByText('Операций не найдено').waitFor();

    // Filter by status: only the declined. On a phone the filters are folded behind a button.
    await senderPage.goto(`${e2e.kassa.baseUrl}/history`);
    await senderPage.getByRole('button', { name: 'Фильтры' }).click();
    await senderPage.getByLabel('Статус').selectOption('declined');
    await senderPage.getByRole('button', { name: 'Показать', exact: true }).click();
    await senderPage.waitForURL(/status=declined/);
    await senderPage.getByText('Показано операций: 1').waitFor();
    expect(await senderPage.locator('.operation--out').count()).toBe(0);

    // Details of the newest completed transfer (the small one: it says why no code was asked), and "This wasn't me".
    await senderPage.goto(`${e2e.kassa.baseUrl}/history`);
    await senderPage.locator('.operation--out').first().click();
    await senderPage.getByText('Номер операции').waitFor();
    await senderPage.getByText('Код не понадобился: платёж на небольшую сумму').waitFor();
    await senderPage.getByRole('link', { name: 'Скачать PDF' }).waitFor();
    await screenshot(senderPage, 'money-operation');
    await senderPage.getByRole('button', { name: 'Это был не я' }).click();
    await senderPage.getByLabel('Комментарий').fill('Не узнаю этот перевод');
    await senderPage.getByRole('button', { name: 'Сообщить в банк' }).click();
    await senderPage.getByText(/Обращение № .+ зарегистрировано/).waitFor();
    await screenshot(senderPage, 'money-dispute');

    // The recipient's other money screens: notifications (with the credit), settings, payees, statement.
    await recipientPage.goto(`${e2e.kassa.baseUrl}/notifications`);
    await recipientPage.getByRole('heading', { level: 1, name: 'Уведомления' }).waitFor();
    await recipientPage.locator('.notification-list, .empty-state').first().waitFor();
    await screenshot(recipientPage, 'money-notifications');
    await recipientPage.goto(`${e2e.kassa.baseUrl}/notifications/settings`);
    await recipientPage.getByRole('switch').first().waitFor();
    await screenshot(recipientPage, 'money-notification-settings');
    await recipientPage.goto(`${e2e.kassa.baseUrl}/payees`);
    await recipientPage.getByRole('heading', { level: 2, name: 'Добавить получателя' }).waitFor();
    await screenshot(recipientPage, 'money-payees');
    await recipientPage.goto(`${e2e.kassa.baseUrl}/statements`);
    await recipientPage.getByRole('button', { name: 'Скачать выписку' }).waitFor();
    await screenshot(recipientPage, 'money-statement');

    await senderContext.close();
    await recipientContext.close();
  });
  test('a customer cancels a transfer awaiting its code: the code no longer works, nothing is debited, the history says "cancelled by you"', async () => {
    const sender: Customer = newCustomer();
    const recipient: Customer = { ...newCustomer(), fullName: 'Сейткали Дана' };
    const senderContext = await newMobileContext(e2e.browser);
    const recipientContext = await newMobileContext(e2e.browser);
    const senderPage = await senderContext.newPage();
    await Promise.all([
      registerThroughUi(senderPage, e2e.kassa.baseUrl, sender),
      registerThroughUi(await recipientContext.newPage(), e2e.kassa.baseUrl, recipient),
    ]);
    const source = await currentAccount(senderPage);
    await fund(source.id, 5_000_000n);

    await fillPhoneTransfer(senderPage, source.id, recipient.typed, '20000');
    await senderPage.locator('.review-card__payee').getByText('Дана С.', { exact: true }).waitFor();
    const seen = await seenSmsIds(e2e.kassa.baseUrl, sender.phone);
    await senderPage.getByRole('button', { name: 'Получить код из SMS' }).click();
    const code = await waitForCode(e2e.kassa.baseUrl, sender.phone, seen);
    await senderPage.getByRole('button', { name: 'Отменить перевод' }).click();
    await senderPage.getByRole('heading', { level: 2, name: 'Перевод отменён' }).waitFor();
    await senderPage.getByText('Деньги не списаны.').waitFor();
    await screenshot(senderPage, 'money-transfer-cancelled');

    // The code sent for it no longer confirms anything, and the money stayed.
    const { items } = (await (await senderPage.request.get(`${e2e.kassa.baseUrl}/api/v1/operations?limit=1`)).json()) as {
      items: Array<{ id: string; status: string }>;
    };
    expect(items[0]?.status).toBe('cancelled');
    const late = await senderPage.request.post(`${e2e.kassa.baseUrl}/api/v1/transfers/${items[0]?.id}/confirm`, {
      data: { code },
      headers: { 'x-csrf-token': await csrfOf(senderPage) },
    });
    expect(late.status()).toBe(409);
    expect((await currentAccount(senderPage)).balanceMinor).toBe(5_000_000);

    await senderPage.getByRole('link', { name: 'История', exact: true }).first().click();
    await senderPage.locator('.operation', { hasText: 'Отменено вами' }).waitFor();
    await screenshot(senderPage, 'money-history-cancelled');
    await senderContext.close();
    await recipientContext.close();
  });
});
