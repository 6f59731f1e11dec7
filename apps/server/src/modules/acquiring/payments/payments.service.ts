import type { AppContext } from '../../../context.js';
import { newId } from '../../../shared/ids.js';
import { type FieldError, ProblemError } from '../../../shared/problem.js';
import { stripUnsafeCharacters } from '../../identity/index.js';
import { findMerchant } from '../acquiring.repo.js';
import { allowLocalHttp } from '../merchants.service.js';
import { checkoutTokenHash, checkoutUrlOf, newCheckoutToken } from './checkout-token.js';
import { PaymentProblem } from './payments.errors.js';
import { PAYMENT_FIELD_ERRORS } from './payments.messages.js';
import { findPayment, insertPayment, listPayments, listRefunds, setCheckoutTokenHash } from './payments.repo.js';
import {
  type CaptureMethod,
  METADATA_KEY_LENGTH_MAX,
  METADATA_KEYS_MAX,
  METADATA_VALUE_LENGTH_MAX,
  type MerchantScope,
  type Payment,
  type PaymentCurrency,
  type PaymentRefund,
} from './payments.types.js';

/** Create, read and list of the payment API; the money steps are payment-money.ts, the checkout's checkout.ts. */

export const PAYMENTS_PAGE_DEFAULT = 20;
export const PAYMENTS_PAGE_MAX = 100;
export const REFUNDS_SHOWN_MAX = 100;

export interface CreatePaymentInput {
  amountMinor: bigint;
  currency: PaymentCurrency;
  captureMethod: CaptureMethod;
  description: string | null;
  merchantOrderId: string | null;
  returnUrl: string;
  metadata: Record<string, string>;
}

/** The return URL as given, if it is on one of the merchant's origins (SECURITY.md 21: no open redirect). */
function returnUrlAllowed(typed: string, origins: readonly string[], localHttp: boolean): boolean {
  if (typed.trim() !== typed || stripUnsafeCharacters(typed) !== typed) return false;
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol !== 'https:' && !(localHttp && url.protocol === 'http:')) return false;
  return origins.includes(url.origin);
}

function metadataAllowed(metadata: Record<string, string>): boolean {
  const entries = Object.entries(metadata);
  if (entries.length > METADATA_KEYS_MAX) return false;
  return entries.every(
    ([key, value]) =>
      key.length >= 1 &&
      key.length <= METADATA_KEY_LENGTH_MAX &&
      value.length <= METADATA_VALUE_LENGTH_MAX &&
      stripUnsafeCharacters(key) === key &&
      stripUnsafeCharacters(value) === value,
  );
}

function textAllowed(text: string | null): boolean {
  return text === null || stripUnsafeCharacters(text) === text;
}

/** A new payment, requires_payment_method, and the checkout link (its token in this answer only). */
export async function createPayment(
  ctx: AppContext,
  scope: MerchantScope,
  input: CreatePaymentInput,
): Promise<{ payment: Payment; checkoutUrl: string }> {
  const merchant = await findMerchant(ctx.db, scope.merchantId);
  if (!merchant) throw new ProblemError(PaymentProblem['payment-not-found']);
  const errors: FieldError[] = [];
  if (!returnUrlAllowed(input.returnUrl, merchant.returnOrigins, allowLocalHttp(ctx)))
    errors.push({ pointer: '/returnUrl', detail: PAYMENT_FIELD_ERRORS.returnUrl });
  if (!metadataAllowed(input.metadata)) errors.push({ pointer: '/metadata', detail: PAYMENT_FIELD_ERRORS.metadata });
  if (!textAllowed(input.description)) errors.push({ pointer: '/description', detail: PAYMENT_FIELD_ERRORS.text });
  if (!textAllowed(input.merchantOrderId)) errors.push({ pointer: '/merchantOrderId', detail: PAYMENT_FIELD_ERRORS.text });
  if (errors.length > 0) throw new ProblemError(PaymentProblem['payment-invalid'], { errors });
  const now = ctx.clock.now();
  const payment: Payment = {
    id: newId('pay'),
    merchantId: scope.merchantId,
    mode: scope.mode,
    status: 'requires_payment_method',
    ...input,
    authorisedMinor: 0n,
    capturedMinor: 0n,
    refundedMinor: 0n,
    failureCode: null,
    issuer: null,
    rrn: null,
    authorisationCode: null,
    cardBrand: null,
    cardLast4: null,
    attempt: 0,
    pendingStep: null,
    pendingCaptureId: null,
    pendingAmountMinor: null,
    pendingSince: null,
    authenticationStartedAt: null,
    cancellationReason: null,
    createdAt: now,
    updatedAt: now,
  };
  const token = newCheckoutToken();
  await ctx.db.transaction((tx) => insertPayment(tx, payment, checkoutTokenHash(ctx, payment.id, token)));
  return { payment, checkoutUrl: checkoutUrlOf(ctx, payment.id, token) };
}

/**
 * A new checkout link for the payment (the replay of a create: the first answer's token was never
 * stored, so the merchant who lost that answer gets a fresh one and the old one stops working).
 */
export async function renewCheckoutUrl(ctx: AppContext, paymentId: string): Promise<string> {
  const token = newCheckoutToken();
  await ctx.db.transaction((tx) => setCheckoutTokenHash(tx, paymentId, checkoutTokenHash(ctx, paymentId, token)));
  return checkoutUrlOf(ctx, paymentId, token);
}

export async function retrievePayment(ctx: AppContext, scope: MerchantScope, paymentId: string): Promise<Payment> {
  const payment = await findPayment(ctx.db, scope, paymentId);
  if (!payment) throw new ProblemError(PaymentProblem['payment-not-found']);
  return payment;
}

export async function paymentsPage(
  ctx: AppContext,
  scope: MerchantScope,
  page: { limit: number; afterId: string | null },
): Promise<Payment[]> {
  return listPayments(ctx.db, scope, page);
}

export async function paymentRefunds(ctx: AppContext, scope: MerchantScope, paymentId: string): Promise<PaymentRefund[]> {
  const payment = await retrievePayment(ctx, scope, paymentId);
  return listRefunds(ctx.db, payment.id, REFUNDS_SHOWN_MAX);
}
