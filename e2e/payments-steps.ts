import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { seenSmsIds, waitForCode } from './harness.js';

/** The steps both service-payment journeys take (payments.test.ts, payments-saved.test.ts). */

/** A full-page photograph from the top into `dir` (e2e/artifacts/<journey>). */
export function shotsInto(dir: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    await mkdir(dir, { recursive: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  };
}

export interface PayTexts {
  pay: string;
  code: string;
  sent: string;
  confirm: string;
}

/**
 * From the review: "Pay", the code from the dev inbox when the bank asks for one (a small or
 * repeated payment may be exempt, RTS art. 16), then the result once the provider's own word has
 * replaced "waiting" (PayResult polls it). `atCode` runs while the code step is on screen.
 */
export async function payFromReview(
  main: Locator,
  input: { baseUrl: string; phone: string; texts: PayTexts; atCode?: () => Promise<void> },
): Promise<void> {
  const { texts } = input;
  const seen = await seenSmsIds(input.baseUrl, input.phone);
  await main.getByRole('button', { name: texts.pay, exact: true }).click();
  const codeField = main.getByLabel(texts.code);
  const result = main.getByRole('heading', { name: texts.sent });
  await Promise.race([codeField.waitFor(), result.waitFor()]);
  if (await codeField.isVisible()) {
    const code = await waitForCode(input.baseUrl, input.phone, seen);
    await input.atCode?.();
    await codeField.fill(code);
    await main.getByRole('button', { name: texts.confirm }).click();
    await result.waitFor();
  }
  await main.locator('[data-provider-status]:not([data-provider-status="pending"])').waitFor({ timeout: 30_000 });
}
