import type { AppContext } from '../../../context.js';
import { newId } from '../../../shared/ids.js';
import { ProblemError } from '../../../shared/problem.js';
import { findMerchant } from '../acquiring.repo.js';
import { rrnOf } from '../money/card-messages.js';
import { authoriseCard, issuerOf, type PresentedCard, releaseCard, type ThreeDsResult } from '../money/index.js';
import { checkoutTokenMatches } from './checkout-token.js';
import { finishCapture, merchantForMoney } from './payment-money.js';
import { PaymentProblem } from './payments.errors.js';
import { checkoutTokenHashOf, findPaymentById, lockPayment, updatePayment } from './payments.repo.js';
import { transition } from './payments.state.js';
import { PAYMENT_ATTEMPTS_MAX, type Payment, type PaymentStatus } from './payments.types.js';

/**
 * What the hosted checkout (issue 15 item 3) calls: the page's view of a payment, the token
 * check that proves the merchant's redirect sent the buyer, the start of 3-D Secure, and the
 * authorisation with the card the buyer typed (which goes to acquiring/money and is never stored:
 * the payment keeps the brand and the last 4 digits).
 */

export interface CheckoutView {
  paymentId: string;
  mode: Payment['mode'];
  merchantDisplayName: string;
  amountMinor: bigint;
  currency: Payment['currency'];
  description: string | null;
  status: PaymentStatus;
  returnUrl: string;
}

/** The page's view of a payment; null for an unknown id. */
export async function checkoutViewOf(ctx: AppContext, paymentId: string): Promise<CheckoutView | null> {
  const payment = await findPaymentById(ctx.db, paymentId);
  if (!payment) return null;
  const merchant = await findMerchant(ctx.db, payment.merchantId);
  if (!merchant) return null;
  return {
    paymentId: payment.id,
    mode: payment.mode,
    merchantDisplayName: merchant.displayName,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    description: payment.description,
    status: payment.status,
    returnUrl: payment.returnUrl,
  };
}

/** True when `token` is the one the payment's create answer held (constant time; any other payment's token is false). */
export async function verifyCheckoutToken(ctx: AppContext, paymentId: string, token: string): Promise<boolean> {
  const stored = await checkoutTokenHashOf(ctx.db, paymentId);
  return stored !== null && checkoutTokenMatches(ctx, stored, paymentId, token);
}

const PAYABLE: readonly PaymentStatus[] = ['requires_payment_method', 'requires_action'];

/** The 3-D Secure challenge has started for the payment: requires_action (again, if it already is). */
export async function beginAuthentication(ctx: AppContext, paymentId: string, attempt: { threeDsServerTransId: string }): Promise<Payment> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    if (!payment) throw new ProblemError(PaymentProblem['payment-not-found']);
    if (payment.pendingStep || !PAYABLE.includes(payment.status)) throw new ProblemError(PaymentProblem['payment-not-payable']);
    ctx.log.info({ paymentId, threeDsServerTransId: attempt.threeDsServerTransId }, 'payment authentication started');
    if (payment.status === 'requires_action') {
      const next = { ...payment, authenticationStartedAt: now, updatedAt: now };
      await updatePayment(tx, next);
      return next;
    }
    return transition(ctx, tx, payment, 'requires_action', { authenticationStartedAt: now }, now);
  });
}

const BRANDS: ReadonlyArray<[RegExp, string]> = [
  [/^4/, 'visa'],
  [/^(5[1-5]|2(2[2-9][1-9]|[3-6]\d\d|7[01]\d|720))/, 'mastercard'],
  [/^220[0-4]/, 'mir'],
  [/^3[47]/, 'amex'],
  [/^62/, 'unionpay'],
];

export function cardBrandOf(pan: string): string {
  return BRANDS.find(([pattern]) => pattern.test(pan))?.[1] ?? 'unknown';
}

/**
 * Authorises the payment with the buyer's card and the 3-D Secure result: approved + automatic →
 * captured at once → succeeded; approved + manual → requires_capture; declined → failed with the
 * code. The intent (a new attempt, its DE37) is committed before the call, so a crash leaves
 * something the sweep can void.
 */
export async function authorisePayment(
  ctx: AppContext,
  paymentId: string,
  card: PresentedCard,
  threeDs: ThreeDsResult | null,
): Promise<Payment> {
  const now = ctx.clock.now();
  const intent = await ctx.db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    if (!payment) throw new ProblemError(PaymentProblem['payment-not-found']);
    if (payment.pendingStep) throw new ProblemError(PaymentProblem['payment-busy']);
    if (!PAYABLE.includes(payment.status) || payment.attempt >= PAYMENT_ATTEMPTS_MAX)
      throw new ProblemError(PaymentProblem['payment-not-payable']);
    // A merchant suspended after the buyer opened the checkout takes no more money.
    if ((await findMerchant(tx, payment.merchantId))?.status !== 'active')
      throw new ProblemError(PaymentProblem['payment-merchant-suspended']);
    const issuer = issuerOf(ctx, card.pan, payment.mode);
    const attempt = payment.attempt + 1;
    const next: Payment = {
      ...payment,
      attempt,
      issuer: issuer === 'refused' ? null : issuer,
      rrn: rrnOf(payment.id, attempt),
      cardBrand: cardBrandOf(card.pan),
      cardLast4: card.pan.slice(-4),
      pendingStep: 'authorise',
      pendingSince: now,
      updatedAt: now,
    };
    await updatePayment(tx, next);
    return next;
  });
  const merchant = await merchantForMoney(ctx, intent.merchantId);
  const result = await authoriseCard(ctx, {
    paymentId: intent.id,
    attempt: intent.attempt,
    mode: intent.mode,
    merchant,
    card,
    amountMinor: intent.amountMinor,
    currency: intent.currency,
    threeDs,
  });
  const recorded = await ctx.db.transaction(async (tx) => {
    const locked = await lockPayment(tx, intent.id);
    if (!locked) throw new Error(`payment ${intent.id} vanished`);
    // The sweep voided this attempt meanwhile (it took longer than the sweep waits): undo the approval.
    if (locked.pendingStep !== 'authorise' || locked.attempt !== intent.attempt) return { payment: locked, orphan: result.approved };
    const done = { pendingStep: null, pendingSince: null } as const;
    if (!result.approved)
      return { payment: await transition(ctx, tx, locked, 'failed', { ...done, failureCode: result.failureCode }, now), orphan: false };
    const approved = {
      rrn: result.rrn,
      authorisationCode: result.authorisationCode,
      issuer: result.issuer,
      authorisedMinor: locked.amountMinor,
    };
    if (locked.captureMethod === 'manual')
      return { payment: await transition(ctx, tx, locked, 'requires_capture', { ...done, ...approved }, now), orphan: false };
    // Automatic: the capture's intent in the same write, so a crash before it runs is the sweep's to finish.
    const next: Payment = {
      ...locked,
      ...approved,
      pendingStep: 'capture',
      pendingCaptureId: newId('cap'),
      pendingAmountMinor: locked.amountMinor,
      pendingSince: now,
      updatedAt: now,
    };
    await updatePayment(tx, next);
    return { payment: next, orphan: false };
  });
  if (recorded.orphan && result.approved)
    await releaseCard(ctx, {
      paymentId: intent.id,
      rrn: result.rrn,
      issuer: result.issuer,
      mode: intent.mode,
      amountMinor: intent.amountMinor,
      currency: intent.currency,
    });
  if (recorded.payment.pendingStep === 'capture' && recorded.payment.attempt === intent.attempt)
    return (await finishCapture(ctx, recorded.payment)).payment;
  return recorded.payment;
}
