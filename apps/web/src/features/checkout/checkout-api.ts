import { api } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import type { GetResponse } from '../../api/shapes';
import { currentLanguage } from '../../i18n';
import type { ApiResult } from '../../ui';
import type { CardBrand } from './card-input';

/**
 * The hosted checkout's calls (the contract in /api/checkout/v1, issue 15 item 3) and the bank's
 * 3-D Secure challenge (/api/acs/v1, typed from the OpenAPI document). The checkout token rides in
 * the X-Checkout-Token header of every call and never in a URL: the browser keeps it in memory
 * only. The answers are read field by field here, so a screen meets only the shapes below.
 */

const CHECKOUT_BASE = '/api/checkout/v1/payments';

export const CHECKOUT_STATUSES = [
  'requires_payment_method',
  'requires_action',
  'processing',
  'requires_capture',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

export interface CheckoutView {
  id: string;
  status: CheckoutStatus;
  merchant: { displayName: string; legalName: string; origin: string };
  amountMinor: bigint;
  currency: string;
  description: string | null;
  orderId: string | null;
  testMode: boolean;
  returnUrl: string;
  action: { type: 'challenge'; acsTransID: string } | null;
  failure: { code: string; message: string } | null;
  card: { brand: CardBrand; last4: string } | null;
  expiresAt: string;
}

export interface OwnCard {
  id: string;
  masked: string;
  brand: CardBrand;
  status: string;
  internetPaymentsEnabled: boolean;
}

/** A signed-in customer's e-wallet as the checkout offers it; paying from it issues a single-use card on it. */
export interface OwnWallet {
  accountId: string;
  displayName: string;
  currency: string;
  availableMinor: bigint;
}

/** What a signed-in customer may pay with besides a typed card: their e-wallets and their cards. */
export interface OwnMethods {
  wallets: OwnWallet[];
  cards: OwnCard[];
}

export interface CardEntry {
  pan: string;
  expiryMonth: number;
  expiryYear: number;
  cvc2: string;
  cardholderName?: string;
}

export type Challenge = GetResponse<'/api/acs/v1/challenges/{acsTransID}'>;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function brandOfAnswer(value: unknown): CardBrand {
  return value === 'visa' || value === 'mastercard' || value === 'unionpay' ? value : 'other';
}

/** Minor units as the server sends them: a string of digits per the contract, an integer tolerated. */
function minorOf(value: unknown): bigint | null {
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return null;
}

function statusOf(value: unknown): CheckoutStatus | null {
  return CHECKOUT_STATUSES.find((status) => status === value) ?? null;
}

/** The CheckoutView of an answer body, or null when the body is not one (then the screen says "unexpected"). */
export function parseCheckoutView(body: unknown): CheckoutView | null {
  if (!isRecord(body) || !isRecord(body.merchant)) return null;
  const status = statusOf(body.status);
  const amountMinor = minorOf(body.amountMinor);
  const id = text(body.id);
  if (status === null || amountMinor === null || id === null) return null;
  const action =
    isRecord(body.action) && text(body.action.acsTransID)
      ? { type: 'challenge' as const, acsTransID: String(body.action.acsTransID) }
      : null;
  const failure = isRecord(body.failure) ? { code: text(body.failure.code) ?? '', message: text(body.failure.message) ?? '' } : null;
  const card =
    isRecord(body.card) && text(body.card.last4) ? { brand: brandOfAnswer(body.card.brand), last4: String(body.card.last4) } : null;
  return {
    id,
    status,
    merchant: {
      displayName: text(body.merchant.displayName) ?? '',
      legalName: text(body.merchant.legalName) ?? '',
      origin: text(body.merchant.origin) ?? '',
    },
    amountMinor,
    currency: text(body.currency) ?? 'KZT',
    description: text(body.description),
    orderId: text(body.orderId),
    testMode: body.testMode === true,
    returnUrl: text(body.returnUrl) ?? '',
    action,
    failure,
    card,
    expiresAt: text(body.expiresAt) ?? '',
  };
}

function parseOwnCards(cards: unknown[]): OwnCard[] {
  return cards.filter(isRecord).map((card) => ({
    id: text(card.id) ?? '',
    masked: text(card.masked) ?? '',
    // The server names these `network` and `internetEnabled`; the contract `brand` and
    // `internetPaymentsEnabled`: either is read, so neither side's rename breaks the page.
    brand: brandOfAnswer(card.network ?? card.brand),
    status: text(card.status) ?? 'active',
    internetPaymentsEnabled: card.internetEnabled === true || card.internetPaymentsEnabled === true,
  }));
}

/** A wallet without an id or a readable balance is left out: offering it could only end in a refusal. */
function parseOwnWallets(wallets: unknown[]): OwnWallet[] {
  const result: OwnWallet[] = [];
  for (const wallet of wallets.filter(isRecord)) {
    const accountId = text(wallet.accountId);
    const availableMinor = minorOf(wallet.availableMinor);
    if (!accountId || availableMinor === null) continue;
    result.push({ accountId, displayName: text(wallet.displayName) ?? '', currency: text(wallet.currency) ?? 'KZT', availableMinor });
  }
  return result;
}

/** The own-cards answer; `wallets` is optional so a server from before the e-wallet still reads as cards alone. */
export function parseOwnMethods(body: unknown): OwnMethods | null {
  if (!isRecord(body) || !Array.isArray(body.cards)) return null;
  return { wallets: Array.isArray(body.wallets) ? parseOwnWallets(body.wallets) : [], cards: parseOwnCards(body.cards) };
}

/** An answer that was not the expected shape: shown as an unexpected failure, never as a success. */
const UNEXPECTED_SHAPE = (status: number): ApiResult<never> => ({ ok: false, aborted: false, failure: { status, body: null } });

interface CheckoutRequest {
  method: 'GET' | 'POST';
  paymentId: string;
  /** What follows the payment in the path: '' for the view, '/card', '/own-card'… */
  tail: '' | '/card' | '/own-cards' | '/own-card' | '/own-wallet' | '/authentication-complete';
  token: string;
  body?: unknown;
  idempotencyKey?: string;
  csrfToken?: string | null;
  signal?: AbortSignal;
}

async function checkoutCall<T>(request: CheckoutRequest, parse: (body: unknown) => T | null): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
    'X-Checkout-Token': request.token,
  };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
  if (request.csrfToken) headers['X-CSRF-Token'] = request.csrfToken;
  try {
    const response = await fetch(`${CHECKOUT_BASE}/${encodeURIComponent(request.paymentId)}${request.tail}`, {
      method: request.method,
      headers,
      credentials: 'same-origin',
      // The card number is in this body: no cache, no referrer, nothing that could keep it.
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) return { ok: false, aborted: false, failure: { status: response.status, body } };
    const parsed = parse(body);
    return parsed === null ? UNEXPECTED_SHAPE(response.status) : { ok: true, data: parsed };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return { ok: false, aborted: true };
    return { ok: false, aborted: false, failure: { status: null, body: null } };
  }
}

export function loadCheckout(paymentId: string, token: string, signal?: AbortSignal): Promise<ApiResult<CheckoutView>> {
  return checkoutCall({ method: 'GET', paymentId, tail: '', token, ...(signal ? { signal } : {}) }, parseCheckoutView);
}

/** One submit of the card form; `idempotencyKey` is new per submit, so a double click pays once. */
export function payWithCard(paymentId: string, token: string, card: CardEntry, idempotencyKey: string): Promise<ApiResult<CheckoutView>> {
  return checkoutCall({ method: 'POST', paymentId, tail: '/card', token, body: card, idempotencyKey }, parseCheckoutView);
}

export function loadOwnMethods(paymentId: string, token: string, signal?: AbortSignal): Promise<ApiResult<OwnMethods>> {
  return checkoutCall({ method: 'GET', paymentId, tail: '/own-cards', token, ...(signal ? { signal } : {}) }, parseOwnMethods);
}

export function payWithOwnCard(
  paymentId: string,
  token: string,
  cardId: string,
  csrfToken: string | null,
  idempotencyKey: string,
): Promise<ApiResult<CheckoutView>> {
  return checkoutCall(
    { method: 'POST', paymentId, tail: '/own-card', token, body: { cardId }, csrfToken, idempotencyKey },
    parseCheckoutView,
  );
}

/** From the customer's e-wallet: the bank issues a single-use card on it, then the same 3-D Secure step as own-card. */
export function payWithOwnWallet(
  paymentId: string,
  token: string,
  accountId: string,
  csrfToken: string | null,
  idempotencyKey: string,
): Promise<ApiResult<CheckoutView>> {
  return checkoutCall(
    { method: 'POST', paymentId, tail: '/own-wallet', token, body: { accountId }, csrfToken, idempotencyKey },
    parseCheckoutView,
  );
}

/** What a signed-in buyer picked on the page: one of their cards or one of their e-wallets. */
export type OwnChoice = { kind: 'card'; id: string } | { kind: 'wallet'; id: string };

/** One submit of the own-cards form, to the endpoint of the kind chosen; `idempotencyKey` is new per submit. */
export function payWithOwn(
  paymentId: string,
  token: string,
  choice: OwnChoice,
  csrfToken: string | null,
  idempotencyKey: string,
): Promise<ApiResult<CheckoutView>> {
  const pay = choice.kind === 'wallet' ? payWithOwnWallet : payWithOwnCard;
  return pay(paymentId, token, choice.id, csrfToken, idempotencyKey);
}

/** After the bank's challenge: the server asks the ACS for the result itself (never the browser's word). */
export function completeAuthentication(paymentId: string, token: string): Promise<ApiResult<CheckoutView>> {
  return checkoutCall({ method: 'POST', paymentId, tail: '/authentication-complete', token, body: {} }, parseCheckoutView);
}

export function loadChallenge(acsTransID: string, signal?: AbortSignal): Promise<ApiResult<Challenge>> {
  return callApi(() => api.GET('/api/acs/v1/challenges/{acsTransID}', { params: { path: { acsTransID } }, ...(signal ? { signal } : {}) }));
}

export function answerChallenge(acsTransID: string, code: string) {
  return callApi(() => api.POST('/api/acs/v1/challenges/{acsTransID}/answer', { params: { path: { acsTransID } }, body: { code } }));
}

export function resendChallenge(acsTransID: string): Promise<ApiResult<Challenge>> {
  return callApi(() => api.POST('/api/acs/v1/challenges/{acsTransID}/resend', { params: { path: { acsTransID } } }));
}

export function cancelChallenge(acsTransID: string) {
  return callApi(() => api.POST('/api/acs/v1/challenges/{acsTransID}/cancel', { params: { path: { acsTransID } } }));
}

/** Field errors of a 422 keyed by field: the contract's `{ field, message }` and the kit's `{ pointer, detail }` alike. */
export function cardFieldErrors(failure: ApiFailure): Partial<Record<'pan' | 'expiry' | 'cvc2' | 'cardholderName', string>> {
  const result: Partial<Record<'pan' | 'expiry' | 'cvc2' | 'cardholderName', string>> = {};
  if (!isRecord(failure.body) || !Array.isArray(failure.body.errors)) return result;
  for (const item of failure.body.errors) {
    if (!isRecord(item)) continue;
    const raw = text(item.field) ?? text(item.pointer)?.split('/')[1] ?? null;
    const field = raw === 'expiryMonth' || raw === 'expiryYear' ? 'expiry' : raw;
    const message = text(item.message) ?? text(item.detail);
    if (message && (field === 'pan' || field === 'expiry' || field === 'cvc2' || field === 'cardholderName') && !result[field])
      result[field] = message;
  }
  return result;
}
