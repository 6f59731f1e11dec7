import { createHash } from 'node:crypto';
import type { Queryable, Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import { smallerAmount } from '../../../shared/money.js';
import { onUsRrnOfOperation } from '../../card-network/index.js';
import { findMerchant } from '../acquiring.repo.js';
import { findKassaPaymentByRrn, lockPayment, pendingRefundsMinor } from '../payments/payments.repo.js';
import { recordMerchantEvent } from '../webhooks/index.js';
import {
  insertChargeback,
  lockChargebackOfDispute,
  paymentHasStandingChargeback,
  selectChargebackOfDispute,
  updateOutcome,
} from './chargebacks.repo.js';
import { CHARGEBACK_TRANSITIONS, type Chargeback, RESPONSE_DAYS } from './chargebacks.types.js';
import { chargebackJson, staffChargebackJson } from './chargebacks.views.js';
import { recoverFromMerchant } from './recovery.js';

/**
 * The bank's side of a chargeback, called by modules/disputes in the transaction of each step of
 * the case, after the case's own lock (the audit chain's, then the case's, then this row's, then
 * the ledger's: one order, no deadlock):
 * - openChargeback: the case is about an on-us purchase at a merchant Kassa acquires, captured and
 *   not refunded in full → a chargeback for what is left, the merchant told (dispute.created).
 * - closeChargeback: the case refunded → lost, the refund charged back from the merchant's
 *   settlement account (what it holds now; the rest before its next payout, recovery.ts); the case
 *   rejected → won; withdrawn → withdrawn. Each told (dispute.closed).
 */

const DAY_MS = 86_400_000;

export function chargebackIdOf(disputeId: string): string {
  return `cb_${createHash('sha256').update(`chargeback\n${disputeId}`).digest('hex').slice(0, 32)}`;
}

export async function openChargeback(
  tx: Tx,
  input: { disputeId: string; operationId: string; caseDueAt: Date; now: Date },
): Promise<Chargeback | null> {
  assert(tx.inTransaction, 'a chargeback opens in its case’s transaction');
  const rrn = await onUsRrnOfOperation(tx, input.operationId);
  const found = rrn ? await findKassaPaymentByRrn(tx, rrn) : null;
  if (!found) return null;
  // The payment's lock, as a refund of it takes it: a refund and the chargeback are decided one after the other.
  const payment = await lockPayment(tx, found.id);
  if (!payment) return null;
  const amountMinor = payment.capturedMinor - payment.refundedMinor - (await pendingRefundsMinor(tx, payment.id));
  if (amountMinor <= 0n || (await paymentHasStandingChargeback(tx, payment.id))) return null;
  const respondBy = new Date(Math.min(input.now.getTime() + RESPONSE_DAYS * DAY_MS, input.caseDueAt.getTime()));
  const chargeback: Chargeback = {
    id: chargebackIdOf(input.disputeId),
    disputeId: input.disputeId,
    paymentId: payment.id,
    merchantId: payment.merchantId,
    status: 'needs_response',
    reason: 'fraudulent',
    amountMinor,
    currency: payment.currency,
    respondBy,
    response: null,
    lostMinor: null,
    recoveredMinor: 0n,
    createdAt: input.now,
    updatedAt: input.now,
    closedAt: null,
  };
  if (!(await insertChargeback(tx, chargeback))) return selectChargebackOfDispute(tx, input.disputeId);
  await tell(tx, chargeback, 'dispute.created', input.now);
  return chargeback;
}

/** The most the case may refund: a chargeback's amount (what the payment has left), or null for a case with none. */
export async function chargebackCeiling(q: Queryable, disputeId: string): Promise<bigint | null> {
  return (await selectChargebackOfDispute(q, disputeId))?.amountMinor ?? null;
}

type CaseOutcome = { to: 'won' } | { to: 'withdrawn' } | { to: 'lost'; refundedMinor: bigint };

/** Follows the case's outcome; nothing for a case with no chargeback or one closed already. */
export async function closeChargeback(tx: Tx, input: { disputeId: string; outcome: CaseOutcome; now: Date }): Promise<void> {
  const chargeback = await lockChargebackOfDispute(tx, input.disputeId);
  if (!chargeback || !CHARGEBACK_TRANSITIONS[chargeback.status].includes(input.outcome.to)) return;
  const lostMinor = input.outcome.to === 'lost' ? smallerAmount(input.outcome.refundedMinor, chargeback.amountMinor) : null;
  const recoveredMinor = lostMinor ? await recoverFromMerchant(tx, { chargeback, owedMinor: lostMinor, now: input.now }) : 0n;
  const moved = await updateOutcome(tx, { id: chargeback.id, to: input.outcome.to, lostMinor, recoveredMinor, now: input.now });
  assert(moved, `chargeback ${chargeback.id} changed under its lock`);
  const closed: Chargeback = {
    ...chargeback,
    status: input.outcome.to,
    lostMinor,
    recoveredMinor,
    closedAt: input.now,
    updatedAt: input.now,
  };
  await tell(tx, closed, 'dispute.closed', input.now);
}

export async function tell(
  tx: Tx,
  chargeback: Chargeback,
  type: 'dispute.created' | 'dispute.updated' | 'dispute.closed',
  now: Date,
): Promise<void> {
  await recordMerchantEvent(tx, {
    merchantId: chargeback.merchantId,
    mode: 'live',
    type,
    data: chargebackJson(chargeback),
    occurredAt: now,
  });
}

/** The chargeback of a case as the staff see it on the case's page; null for a case with none. */
export async function chargebackOfDispute(q: Queryable, disputeId: string) {
  const chargeback = await selectChargebackOfDispute(q, disputeId);
  if (!chargeback) return null;
  const merchant = await findMerchant(q, chargeback.merchantId);
  assert(merchant, `chargeback ${chargeback.id} of an unknown merchant`);
  return staffChargebackJson(chargeback, merchant);
}
