import { assert } from '../../../shared/assert.js';
import type { Read } from './provider-answers.js';
import type { ConfirmationsAnswer, ProviderConfirmation, ProviderUnavailable } from './provider-port.js';

/**
 * GET {url}/confirmations (docs/payments-providers.md, "Registry and reconciliation"): the
 * payments a provider received on a bank day, read a page at a time and checked field by field
 * like every other answer (provider-answers.ts). The adapter (provider-http.ts) signs and sends
 * each page's request; this file says what to ask and what to accept. A list that breaks a rule,
 * or a day longer than CONFIRMATIONS_MAX, is `unavailable`: a reconciliation is never made on
 * part of a day.
 */

export const CONFIRMATIONS_PATH = '/confirmations';
/**
 * The page size asked for: 200 entries of at most ~250 bytes each stay well under the adapter's
 * 64 KiB answer limit. A provider may answer fewer per page, never more.
 */
export const CONFIRMATIONS_PAGE_MAX = 200;
/** A day's confirmations read whole, up to this many: the registry's own bound (registry.ts REGISTRY_PAYMENTS_MAX). */
export const CONFIRMATIONS_MAX = 100_000;
/** Requests for one day at most: a full day even in pages a quarter of the size asked for; beyond that a provider is not paging. */
const PAGES_MAX = (4 * CONFIRMATIONS_MAX) / CONFIRMATIONS_PAGE_MAX;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
// The bank's operation ids (op_ and hex); any other id is still read, to be listed as missing at the bank.
const PAYMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** service_payments.provider_reference ≤ 100, as a payment notice's answer. */
const REFERENCE_LENGTH_MAX = 100;
/** 10^13 tiyn, as every amount of the provider API (provider-answers.ts AMOUNT_MINOR_MAX). */
const AMOUNT_MINOR_MAX = 10_000_000_000_000;
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;

type Page = { confirmations: ProviderConfirmation[]; next: string | null };
type Answered = { kind: 'answered'; status: number; body: unknown } | ProviderUnavailable;

export interface ConfirmationsCalls {
  /** One signed GET of `path` (query included) and its answer. */
  get(path: string): Promise<Answered>;
  unexpected(httpStatus: number): ProviderUnavailable;
  malformed(read: { ok: false; problem: string }): ProviderUnavailable;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const refused = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

function readEntry(value: unknown, index: number): Read<ProviderConfirmation> {
  const at = `confirmations[${index}]`;
  if (!isObject(value)) return refused(`${at}: not an object`);
  if (typeof value.paymentId !== 'string' || !PAYMENT_ID_PATTERN.test(value.paymentId))
    return refused(`${at}.paymentId: not an id of 1..64 [A-Za-z0-9_-]`);
  const amount = value.amountMinor;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0 || amount > AMOUNT_MINOR_MAX)
    return refused(`${at}.amountMinor: not an integer within 0..10^13`);
  const reference = value.providerReference ?? null;
  if (reference !== null) {
    if (typeof reference !== 'string') return refused(`${at}.providerReference: not a string or null`);
    if (reference.length === 0 || reference.length > REFERENCE_LENGTH_MAX || CONTROL_CHARACTERS.test(reference))
      return refused(`${at}.providerReference: not 1..100 printable characters`);
  }
  return { ok: true, value: { paymentId: value.paymentId, amountMinor: BigInt(amount), providerReference: reference } };
}

/**
 * 200 of GET /confirmations: `{ confirmations: [...], next: string | null }`. The ids come in
 * ascending order, each after the page's cursor, so no payment is listed twice across pages;
 * `next` is null on the last page, else the page's last id (the cursor of the next request).
 */
export function readConfirmationsPage(body: unknown, after: string | null): Read<Page> {
  if (!isObject(body) || !Array.isArray(body.confirmations)) return refused('confirmations: not a list');
  if (body.confirmations.length > CONFIRMATIONS_PAGE_MAX) return refused(`confirmations: over ${CONFIRMATIONS_PAGE_MAX} in a page`);
  const confirmations: ProviderConfirmation[] = [];
  let previous = after;
  for (const [index, item] of body.confirmations.entries()) {
    const entry = readEntry(item, index);
    if (!entry.ok) return entry;
    if (previous !== null && entry.value.paymentId <= previous) return refused(`confirmations[${index}]: ids not ascending`);
    previous = entry.value.paymentId;
    confirmations.push(entry.value);
  }
  const next = body.next ?? null;
  if (next !== null && (typeof next !== 'string' || confirmations.length === 0 || next !== previous))
    return refused('next: neither null nor the page’s last id');
  return { ok: true, value: { confirmations, next } };
}

export function confirmationsQuery(day: string, after: string | null): string {
  const query = new URLSearchParams({ day, limit: String(CONFIRMATIONS_PAGE_MAX) });
  if (after !== null) query.set('after', after);
  return `${CONFIRMATIONS_PATH}?${query.toString()}`;
}

/** Every page of the day, in order; the first failure ends it (the caller retries the whole day). */
export async function readConfirmations(day: string, calls: ConfirmationsCalls): Promise<ConfirmationsAnswer> {
  assert(DAY_PATTERN.test(day), 'a day is YYYY-MM-DD');
  const confirmations: ProviderConfirmation[] = [];
  let after: string | null = null;
  for (let page = 0; page < PAGES_MAX; page += 1) {
    const answer = await calls.get(confirmationsQuery(day, after));
    if (answer.kind === 'unavailable') return answer;
    if (answer.status !== 200) return calls.unexpected(answer.status);
    const read = readConfirmationsPage(answer.body, after);
    if (!read.ok) return calls.malformed(read);
    confirmations.push(...read.value.confirmations);
    if (confirmations.length > CONFIRMATIONS_MAX) return calls.malformed(refused(`over ${CONFIRMATIONS_MAX} confirmations in a day`));
    if (read.value.next === null) return { kind: 'listed', confirmations };
    after = read.value.next;
  }
  return calls.malformed(refused('too many pages'));
}
