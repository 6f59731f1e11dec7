import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import { recordMerchantEvent } from '../webhooks/index.js';
import { updatePayment } from './payments.repo.js';
import { paymentJson } from './payments.schemas.js';
import type { Payment, PaymentStatus } from './payments.types.js';

/**
 * The payment's states and the only way between them. Every status change in the code goes
 * through transition(); the allowed moves are this table (migration 0040 repeats it):
 *
 *   requires_payment_method -> requires_action   (checkout: 3-D Secure challenge started)
 *                           -> requires_capture  (authorised, manual capture)
 *                           -> succeeded         (authorised and captured at once, automatic)
 *                           -> failed            (declined; failureCode says why)
 *                           -> canceled          (the merchant cancelled; nothing was held)
 *   requires_action         -> requires_capture | succeeded | failed | canceled
 *   requires_capture        -> succeeded (captured) | canceled (the hold released)
 *   succeeded, failed, canceled: final. Refunds change the amounts, never the status.
 */
export const TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  requires_payment_method: ['requires_action', 'requires_capture', 'succeeded', 'failed', 'canceled'],
  requires_action: ['requires_capture', 'succeeded', 'failed', 'canceled'],
  requires_capture: ['succeeded', 'canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The columns a change of status writes with it (amounts, the failure, the pending step cleared…). */
export type TransitionDetails = Partial<Omit<Payment, 'id' | 'merchantId' | 'mode' | 'status' | 'createdAt' | 'updatedAt'>>;

/**
 * Moves a locked payment to `to`, writing `details` with it, in the caller's transaction. A move
 * the table does not allow is a programmer's error: callers check the state (and answer the
 * merchant's 409) before they get here.
 */
export async function transition(
  ctx: Pick<AppContext, 'hooks'>,
  tx: Tx,
  payment: Payment,
  to: PaymentStatus,
  details: TransitionDetails,
  now: Date,
): Promise<Payment> {
  assert(tx.inTransaction, 'a status changes inside the transaction that locked the payment');
  assert(canTransition(payment.status, to), `payment ${payment.id}: ${payment.status} -> ${to} is not a transition`);
  const next: Payment = { ...payment, ...details, status: to, updatedAt: now };
  await updatePayment(tx, next);
  // Every status change is an event (issue 15 item 6), written to the webhooks' outbox in this same
  // transaction: it is sent when, and only if, the change commits.
  await recordMerchantEvent(tx, {
    merchantId: next.merchantId,
    mode: next.mode,
    type: `payment.${to}`,
    data: paymentJson(next),
    occurredAt: now,
  });
  const status = next.status;
  if (isFinal(status)) for (const hook of ctx.hooks.cardPaymentsEnded) await hook(tx, endedOf(next, status), now);
  return next;
}

type FinalStatus = 'succeeded' | 'failed' | 'canceled';

function isFinal(status: PaymentStatus): status is FinalStatus {
  return TRANSITIONS[status].length === 0;
}

function endedOf(payment: Payment, status: FinalStatus) {
  return {
    id: payment.id,
    merchantId: payment.merchantId,
    mode: payment.mode,
    status,
    capturedMinor: payment.capturedMinor,
    currency: payment.currency,
    failureCode: payment.failureCode,
    cardLast4: payment.cardLast4,
  };
}
