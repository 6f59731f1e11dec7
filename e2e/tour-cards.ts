/** The card screens in the walk of every screen (tour.ts): found by routes, field names and roles, never by words. */
import type { Page } from 'playwright-core';
import { type Customer, type Kassa, seenSmsIds, waitForCode } from './harness.js';
import { field, nextStep, settle, submitButton } from './tour-page.js';

/** What of tour.ts's walk the card screens use. */
export interface CardWalk {
  readonly page: Page;
  readonly kassa: Kassa;
  readonly customer: Customer;
  open(path: string, screen: string): Promise<void>;
  at(screen: string): Promise<void>;
  group(name: string, steps: () => Promise<void>): Promise<void>;
}

/** No card, issuing one (the single-use explanation on the way), its page frozen, the reveal's code and details, the limits form, the list. */
export async function cardScreens(walk: CardWalk): Promise<void> {
  const { page, kassa } = walk;
  const quick = page.locator('main .card-quick__action');
  await walk.group('cards', async () => {
    await walk.open('/cards', 'cards-empty');
    await walk.open('/cards/new', 'card-issue-account');
    await nextStep(page, 'accountId');
    await submitButton(page).click();
    await nextStep(page, 'kind');
    await page.locator('main input[name="kind"][value="single_use"]').check();
    await walk.at('card-issue-single-use');
    await page.locator('main input[name="kind"][value="virtual"]').check();
    await submitButton(page).click();
    const opened = page.locator('main a[href^="/cards/crd_"]').first();
    await opened.waitFor();
    await walk.at('card-issued');
    await opened.click();
    await quick.first().waitFor();
    await walk.at('card');
    await quick.first().click();
    await page.locator('main .card-picture__state').waitFor();
    await walk.at('card-frozen');
    await quick.first().click();
    await page.locator('main .card-picture__state').waitFor({ state: 'detached' });
  });
  await walk.group('card details', async () => {
    const seen = await seenSmsIds(kassa.baseUrl, walk.customer.phone);
    await quick.nth(1).click();
    await nextStep(page, 'code');
    await walk.at('card-reveal-code');
    await field(page, 'code').fill(await waitForCode(kassa.baseUrl, walk.customer.phone, seen));
    await submitButton(page).click();
    await page.locator('main [data-testid="card-pan"]').waitFor();
    await walk.at('card-details');
    // Hidden at once by the same place that showed them.
    await quick.nth(1).click();
    await page.locator('main [data-testid="card-pan"]').waitFor({ state: 'detached' });
  });
  await walk.group('card limits', async () => {
    await page.locator('main .card-page__side .card .form-actions button').first().click();
    await nextStep(page, 'limit-perOperation');
    await settle(page);
    await walk.at('card-limits-edit');
    await walk.open('/cards', 'cards');
  });
}
