import { describe, expect, test } from 'vitest';
import { logout, newCustomer, newMobileContext, registerThroughUi, screenshot, seenSmsIds, smsFor, startJourneys } from './harness.js';

const e2e = startJourneys();

describe('the profile', () => {
  test('shows the phone and IIN masked, the agreements with their texts, and sets the language of the next SMS', async () => {
    const customer = newCustomer();
    const context = await newMobileContext(e2e.browser);
    const page = await context.newPage();
    await registerThroughUi(page, e2e.kassa.baseUrl, customer);
    // The greeting uses the given name of "Серикова Айгерим Болатовна", typed surname first.
    await page.getByRole('heading', { level: 1, name: 'Здравствуйте, Айгерим!' }).waitFor();

    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Ещё' }).click();
    await page.getByRole('link', { name: 'Профиль' }).click();
    await page.getByRole('heading', { level: 1, name: 'Профиль' }).waitFor();
    const details = page.locator('.facts');
    await details.getByText(`+7 ${customer.phone.slice(2, 5)} ••• •• ${customer.phone.slice(-2)}`).waitFor();
    await details.getByText(`••••••••${customer.iin.slice(-4)}`).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(customer.iin);
    // Both agreements of "Счёт и кошелёк", each with a link to its text, and the consent.
    await page.getByText('Договор банковского счёта').waitFor();
    await page.getByText('Договор об электронном кошельке').waitFor();
    expect(await page.getByRole('link', { name: 'Текст договора' }).count()).toBe(2);
    await page.getByRole('link', { name: 'Текст согласия' }).waitFor();

    await page.getByRole('radio', { name: 'Қазақша' }).check();
    await page.getByRole('button', { name: 'Сохранить язык' }).click();
    await page.getByText('Готово: язык SMS и уведомлений — Қазақша.').waitFor();
    await screenshot(page, 'profile-language-saved');

    // The screens stay in Russian; the next SMS (the login code) comes in Kazakh.
    await logout(page);
    const seen = await seenSmsIds(e2e.kassa.baseUrl, customer.phone);
    await page.getByLabel('Номер мобильного телефона').fill(customer.typed);
    await page.getByLabel('Пароль', { exact: true }).fill(customer.password);
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByLabel('Код из SMS').waitFor();
    let fresh: string | undefined;
    for (let attempt = 0; attempt < 100 && !fresh; attempt += 1) {
      fresh = (await smsFor(e2e.kassa.baseUrl, customer.phone)).find((sms) => !seen.has(sms.id))?.text;
      if (!fresh) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(fresh).toMatch(/кіру үшін код: \d{6}/);

    // The agreement's text opens from the profile, marked as a demo bank's.
    await page.goto(`${e2e.kassa.baseUrl}/legal/banking`);
    await page.getByRole('heading', { level: 1, name: 'Договор банковского счёта' }).waitFor();
    await page.getByText(/демонстрационный банк/).waitFor();
    await context.close();
  });
});
