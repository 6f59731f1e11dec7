/** How the walk (tour.ts) finds its way on a page: by field names and button roles, and when a page has loaded. */
import type { Page } from 'playwright-core';

const SETTLE_TIMEOUT_MS = 5_000;
const inFlight = new WeakMap<Page, Set<unknown>>();
/** How long no request may be in flight before the page counts as loaded: shorter than Playwright's 500 ms "networkidle". */
const QUIET_MS = 150;
const POLL_MS = 25;

/** Counts the page's requests in flight, for `settle`. */
export function trackRequests(page: Page): void {
  const pending = new Set<unknown>();
  inFlight.set(page, pending);
  page.on('request', (sent) => pending.add(sent));
  page.on('requestfinished', (done) => pending.delete(done));
  page.on('requestfailed', (failed) => pending.delete(failed));
}

/** Waits until the page has loaded what it shows: no request in flight for a moment, no spinner. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const pending = inFlight.get(page);
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let quietSince = Date.now();
  while (pending && Date.now() < deadline) {
    if (pending.size > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= QUIET_MS) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  await page
    .locator('.spinner, .loading-state')
    .first()
    .waitFor({ state: 'hidden', timeout: SETTLE_TIMEOUT_MS })
    .catch(() => undefined);
  await nextFrame(page);
}

/** One frame, so a layout changed by the last render (or a resize) is done before it is measured. */
export async function nextFrame(page: Page): Promise<void> {
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null))))');
}

export function submitButton(page: Page) {
  return page.locator('main form button[type="submit"]:visible').first();
}

export function primaryButton(page: Page) {
  return page.locator('main .button--primary:visible').first();
}

export function field(page: Page, name: string) {
  return page.locator(`main [name="${name}"]:visible`).first();
}

/** Waits for a field of the next step; if it does not come, says what the page shows instead (an alert). */
export async function nextStep(page: Page, name: string): Promise<void> {
  try {
    await field(page, name).waitFor();
  } catch (error) {
    const alerts = await page.getByRole('alert').allTextContents();
    throw new Error(`no field "${name}" came${alerts.length > 0 ? `; the page says: ${alerts.join(' | ')}` : ''}`, { cause: error });
  }
}
