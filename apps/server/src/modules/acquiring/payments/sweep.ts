import type { AppContext } from '../../../context.js';
import type { Queryable } from '../../../db/database.js';
import { releaseCard } from '../money/index.js';
import { finishCapture, finishPaymentRefund, finishRelease } from './payment-money.js';
import { findPaymentById, lockPayment, purgeIdempotencyKeys, stalePendingPayments, stalePendingRefunds } from './payments.repo.js';
import { transition } from './payments.state.js';

/**
 * Finishes the money steps a crash left half done (payment-money.ts): a capture or a release
 * recorded and not answered is run again with the same ids (the money calls are idempotent on
 * them), a pending refund likewise. An authorisation cannot be run again (the card is not kept),
 * so it is voided: the release of its DE37, and the payment fails with processing_error.
 */

/** How long a step waits before the sweep takes it for a crash's: longer than any money call waits. */
export const SWEEP_GRACE_MS = 5 * 60_000;
/** Steps finished per run, so one run is bounded; the next run takes the rest. */
export const SWEEP_BATCH_MAX = 100;
/** Idempotency-Keys are kept this long (SECURITY.md 28: at least 24 h), then purged by the same pass. */
export const IDEMPOTENCY_KEYS_KEPT_MS = 48 * 60 * 60_000;

export async function sweepPayments(ctx: AppContext, now: Date): Promise<number> {
  const before = new Date(now.getTime() - SWEEP_GRACE_MS);
  let finished = 0;
  for (const paymentId of await stalePendingPayments(ctx.db, before, SWEEP_BATCH_MAX)) {
    const payment = await findPaymentById(ctx.db, paymentId);
    if (!payment?.pendingStep) continue;
    try {
      if (payment.pendingStep === 'capture') await finishCapture(ctx, payment);
      else if (payment.pendingStep === 'release') await finishRelease(ctx, payment);
      else await voidAuthorisation(ctx, payment.id);
      finished += 1;
    } catch (error) {
      // One payment's failure (a network still away) must not stop the others; the next run retries it.
      ctx.log.error(
        { paymentId, step: payment.pendingStep, error: error instanceof Error ? error.name : 'unknown' },
        'payment sweep step failed',
      );
    }
  }
  for (const refundId of await stalePendingRefunds(ctx.db, before, SWEEP_BATCH_MAX)) {
    try {
      await finishPaymentRefund(ctx, refundId);
      finished += 1;
    } catch (error) {
      ctx.log.error({ refundId, error: error instanceof Error ? error.name : 'unknown' }, 'refund sweep step failed');
    }
  }
  return finished;
}

async function voidAuthorisation(ctx: AppContext, paymentId: string): Promise<void> {
  const now = ctx.clock.now();
  const voided = await ctx.db.transaction(async (tx) => {
    const locked = await lockPayment(tx, paymentId);
    if (locked?.pendingStep !== 'authorise') return null;
    return transition(ctx, tx, locked, 'failed', { pendingStep: null, pendingSince: null, failureCode: 'processing_error' }, now);
  });
  // A hold the lost answer may have made goes; a reversal of nothing is answered and ignored.
  if (voided?.rrn && voided.issuer)
    await releaseCard(ctx, {
      paymentId,
      rrn: voided.rrn,
      issuer: voided.issuer,
      mode: voided.mode,
      amountMinor: voided.amountMinor,
      currency: voided.currency,
    });
}

/** The sweep for the retention worker's schedule, as acquiring/money's merchantPayouts is. */
export function paymentsSweep(contextOf: () => AppContext) {
  return async (db: Queryable, now: Date): Promise<Record<string, number>> => ({
    payments_finished: await sweepPayments(contextOf(), now),
    payment_idempotency_keys: await purgeIdempotencyKeys(db, new Date(now.getTime() - IDEMPOTENCY_KEYS_KEPT_MS)),
  });
}
