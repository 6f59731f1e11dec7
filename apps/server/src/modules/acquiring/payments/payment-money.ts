import type { AppContext } from '../../../context.js';
import { newId } from '../../../shared/ids.js';
import { ProblemError } from '../../../shared/problem.js';
import { findMerchant } from '../acquiring.repo.js';
import { paymentHasStandingChargeback } from '../chargebacks/chargebacks.repo.js';
import { captureCard, type MerchantForMoney, refundCard, releaseCard } from '../money/index.js';
import { recordMerchantEvent } from '../webhooks/index.js';
import { PaymentProblem } from './payments.errors.js';
import {
  findPaymentById,
  findRefund,
  finishRefund,
  insertRefund,
  lockPayment,
  pendingRefundsMinor,
  updatePayment,
} from './payments.repo.js';
import { refundJson } from './payments.schemas.js';
import { transition } from './payments.state.js';
import type { MerchantScope, Payment, PaymentRefund } from './payments.types.js';

/**
 * The payment API's money steps, exactly once across crashes and concurrency. Each is three
 * parts: (1) a transaction locks the payment (FOR UPDATE), checks the state and records the
 * intent (pending_step, or a pending refund row) and commits; (2) the money call (acquiring/money),
 * outside any transaction and idempotent on the ids the intent holds; (3) a transaction records the
 * result if the intent is still the one it recorded. A crash between them leaves the intent, which
 * sweepPayments finishes with the same ids. Twenty parallel captures: one records its intent, the
 * others find it (409 busy) or its result (409 not capturable).
 */

export async function merchantForMoney(ctx: AppContext, merchantId: string): Promise<MerchantForMoney> {
  const merchant = await findMerchant(ctx.db, merchantId);
  if (!merchant) throw new Error(`payment of a merchant not on file: ${merchantId}`);
  return { id: merchant.id, displayName: merchant.displayName, mcc: merchant.mcc, bin: merchant.bin, mdrBps: merchant.mdrBps };
}

/** The payment locked, if it is the scope's; else the one 404 (unknown, another merchant's, the other mode). */
async function lockScoped(tx: Parameters<typeof lockPayment>[0], scope: MerchantScope, paymentId: string): Promise<Payment> {
  const payment = await lockPayment(tx, paymentId);
  if (!payment || payment.merchantId !== scope.merchantId || payment.mode !== scope.mode)
    throw new ProblemError(PaymentProblem['payment-not-found']);
  if (payment.pendingStep) throw new ProblemError(PaymentProblem['payment-busy']);
  return payment;
}

function cleared() {
  return { pendingStep: null, pendingCaptureId: null, pendingAmountMinor: null, pendingSince: null } as const;
}

export async function capturePayment(
  ctx: AppContext,
  scope: MerchantScope,
  paymentId: string,
  amountMinor: bigint | null,
): Promise<Payment> {
  const now = ctx.clock.now();
  const intent = await ctx.db.transaction(async (tx) => {
    const payment = await lockScoped(tx, scope, paymentId);
    if (payment.status !== 'requires_capture')
      throw new ProblemError(PaymentProblem['payment-not-capturable'], { values: { status: payment.status } });
    const amount = amountMinor ?? payment.authorisedMinor;
    if (amount > payment.authorisedMinor)
      throw new ProblemError(PaymentProblem['payment-capture-exceeds-authorised'], {
        values: { authorisedMinor: Number(payment.authorisedMinor) },
      });
    return recordCaptureIntent(tx, payment, amount, now);
  });
  const done = await finishCapture(ctx, intent);
  if (done.status !== 'succeeded')
    throw new ProblemError(PaymentProblem['payment-capture-declined'], {
      values: { failureCode: done.lastCaptureFailure ?? 'processing_error' },
    });
  return done.payment;
}

async function recordCaptureIntent(
  tx: Parameters<typeof updatePayment>[0],
  payment: Payment,
  amountMinor: bigint,
  now: Date,
): Promise<Payment> {
  const next: Payment = {
    ...payment,
    pendingStep: 'capture',
    pendingCaptureId: newId('cap'),
    pendingAmountMinor: amountMinor,
    pendingSince: now,
    updatedAt: now,
  };
  await updatePayment(tx, next);
  return next;
}

/**
 * Steps 2 and 3 of a capture whose intent `intent` recorded (the API's, the automatic capture after
 * an authorisation, or the sweep's). A declined capture leaves the authorisation to capture or cancel.
 */
export async function finishCapture(
  ctx: AppContext,
  intent: Payment,
): Promise<{ status: Payment['status']; payment: Payment; lastCaptureFailure: string | null }> {
  const captureId = intent.pendingCaptureId;
  const amountMinor = intent.pendingAmountMinor;
  if (intent.pendingStep !== 'capture' || !captureId || !amountMinor || !intent.rrn || !intent.issuer)
    throw new Error(`payment ${intent.id} has no capture to finish`);
  const result = await captureCard(ctx, {
    paymentId: intent.id,
    captureId,
    rrn: intent.rrn,
    authorisationCode: intent.authorisationCode ?? '',
    issuer: intent.issuer,
    mode: intent.mode,
    merchant: await merchantForMoney(ctx, intent.merchantId),
    amountMinor,
    currency: intent.currency,
  });
  const now = ctx.clock.now();
  const payment = await ctx.db.transaction(async (tx) => {
    const locked = await lockPayment(tx, intent.id);
    if (locked?.pendingStep !== 'capture' || locked.pendingCaptureId !== captureId) return locked ?? intent;
    if (result.ok) return transition(ctx, tx, locked, 'succeeded', { ...cleared(), capturedMinor: amountMinor }, now);
    // A manual payment stays authorised; an automatic one becomes one the merchant captures or cancels.
    if (locked.status === 'requires_capture') {
      const next = { ...locked, ...cleared(), updatedAt: now };
      await updatePayment(tx, next);
      return next;
    }
    return transition(ctx, tx, locked, 'requires_capture', cleared(), now);
  });
  return { status: payment.status, payment, lastCaptureFailure: result.ok ? null : result.failureCode };
}

export async function cancelPayment(
  ctx: AppContext,
  scope: MerchantScope,
  paymentId: string,
  reason: Payment['cancellationReason'],
): Promise<Payment> {
  const now = ctx.clock.now();
  const intent = await ctx.db.transaction(async (tx) => {
    const payment = await lockScoped(tx, scope, paymentId);
    if (payment.status === 'requires_payment_method' || payment.status === 'requires_action')
      return transition(ctx, tx, payment, 'canceled', { cancellationReason: reason }, now);
    if (payment.status !== 'requires_capture')
      throw new ProblemError(PaymentProblem['payment-not-cancelable'], { values: { status: payment.status } });
    const next: Payment = { ...payment, pendingStep: 'release', pendingSince: now, cancellationReason: reason, updatedAt: now };
    await updatePayment(tx, next);
    return next;
  });
  return intent.pendingStep === 'release' ? finishRelease(ctx, intent) : intent;
}

/** Steps 2 and 3 of a cancellation of an authorised payment: the hold released, then canceled. */
export async function finishRelease(ctx: AppContext, intent: Payment): Promise<Payment> {
  if (intent.rrn && intent.issuer)
    await releaseCard(ctx, {
      paymentId: intent.id,
      rrn: intent.rrn,
      issuer: intent.issuer,
      mode: intent.mode,
      amountMinor: intent.authorisedMinor,
      currency: intent.currency,
    });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await lockPayment(tx, intent.id);
    if (locked?.pendingStep !== 'release') return locked ?? intent;
    return transition(ctx, tx, locked, 'canceled', cleared(), now);
  });
}

/** A refund of a captured payment: at most what is captured less what is refunded or being refunded. */
export async function refundPayment(
  ctx: AppContext,
  scope: MerchantScope,
  paymentId: string,
  amountMinor: bigint | null,
): Promise<PaymentRefund> {
  const now = ctx.clock.now();
  const refund = await ctx.db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    if (!payment || payment.merchantId !== scope.merchantId || payment.mode !== scope.mode)
      throw new ProblemError(PaymentProblem['payment-not-found']);
    if (payment.status !== 'succeeded')
      throw new ProblemError(PaymentProblem['payment-not-refundable'], { values: { status: payment.status } });
    // A disputed payment is settled by its chargeback: a refund beside it would pay the cardholder twice.
    if (await paymentHasStandingChargeback(tx, payment.id)) throw new ProblemError(PaymentProblem['payment-disputed']);
    const refundable = payment.capturedMinor - payment.refundedMinor - (await pendingRefundsMinor(tx, payment.id));
    const amount = amountMinor ?? refundable;
    if (amount <= 0n || amount > refundable)
      throw new ProblemError(PaymentProblem['payment-refund-exceeds-captured'], { values: { refundableMinor: Number(refundable) } });
    const pending: PaymentRefund = {
      id: newId('re'),
      paymentId: payment.id,
      status: 'pending',
      amountMinor: amount,
      currency: payment.currency,
      failureCode: null,
      createdAt: now,
      updatedAt: now,
    };
    await insertRefund(tx, pending);
    return pending;
  });
  return finishPaymentRefund(ctx, refund.id);
}

/** Steps 2 and 3 of a refund recorded pending (the API's or the sweep's): the same refund id, so money moves once. */
export async function finishPaymentRefund(ctx: AppContext, refundId: string): Promise<PaymentRefund> {
  const refund = await findRefund(ctx.db, refundId);
  if (!refund) throw new Error(`no refund ${refundId}`);
  if (refund.status !== 'pending') return refund;
  const payment = await findPaymentById(ctx.db, refund.paymentId);
  if (!payment) throw new Error(`no payment ${refund.paymentId}`);
  if (!payment.rrn || !payment.issuer) throw new Error(`refund ${refundId} of a payment never authorised`);
  const result = await refundCard(ctx, {
    paymentId: payment.id,
    refundId,
    rrn: payment.rrn,
    issuer: payment.issuer,
    mode: payment.mode,
    merchant: await merchantForMoney(ctx, payment.merchantId),
    amountMinor: refund.amountMinor,
    currency: refund.currency,
  });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The payment first, as the intent's transaction locks it: one order, no deadlock.
    const locked = await lockPayment(tx, payment.id);
    if (!locked) throw new Error(`payment ${payment.id} vanished`);
    const finished = await finishRefund(tx, {
      refundId,
      status: result.ok ? 'succeeded' : 'failed',
      failureCode: result.ok ? null : result.failureCode,
      now,
    });
    if (!finished) return (await findRefund(tx, refundId)) ?? refund;
    if (result.ok) {
      await updatePayment(tx, { ...locked, refundedMinor: locked.refundedMinor + refund.amountMinor, updatedAt: now });
      await recordMerchantEvent(tx, {
        merchantId: locked.merchantId,
        mode: locked.mode,
        type: 'refund.succeeded',
        data: refundJson(finished),
        occurredAt: now,
      });
    }
    return finished;
  });
}
