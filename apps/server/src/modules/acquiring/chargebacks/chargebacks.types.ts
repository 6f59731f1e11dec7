import type { Currency } from '../../ledger/index.js';

/**
 * A chargeback (issue 15 item 7; migration 0045): the merchant's side of a cardholder's "this
 * wasn't me" (a case of modules/disputes) on a purchase Kassa acquired. The case decides; the
 * chargeback follows it. Status transitions, written once (the repository's UPDATE names the
 * states each step may come from):
 *   needs_response -> under_review (the merchant answered) | won | lost | withdrawn
 *   under_review   -> under_review (a new answer replaces the last) | won | lost | withdrawn
 *   won (the case rejected), lost (the cardholder refunded), withdrawn (by the cardholder): final.
 */
export const CHARGEBACK_STATUSES = ['needs_response', 'under_review', 'won', 'lost', 'withdrawn'] as const;
export type ChargebackStatus = (typeof CHARGEBACK_STATUSES)[number];

export const CHARGEBACK_TRANSITIONS: Readonly<Record<ChargebackStatus, readonly ChargebackStatus[]>> = {
  needs_response: ['under_review', 'won', 'lost', 'withdrawn'],
  under_review: ['under_review', 'won', 'lost', 'withdrawn'],
  won: [],
  lost: [],
  withdrawn: [],
};

/** The states a step to `to` may come from. */
export function chargebackStatesBefore(to: ChargebackStatus): ChargebackStatus[] {
  return CHARGEBACK_STATUSES.filter((from) => CHARGEBACK_TRANSITIONS[from].includes(to));
}

export const OPEN_CHARGEBACK_STATUSES: readonly ChargebackStatus[] = ['needs_response', 'under_review'];

/** The one reason a case of modules/disputes gives: the cardholder says they did not make it. */
export const CHARGEBACK_REASONS = ['fraudulent'] as const;
export type ChargebackReason = (typeof CHARGEBACK_REASONS)[number];

/** The merchant's answer: evidence that the cardholder made the purchase, or that it accepts the chargeback. */
export const RESPONSE_KINDS = ['evidence', 'accept'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

/** A few pages of text for the bank's staff (delivery proof, the order's log), not a file store. */
export const RESPONSE_TEXT_LENGTH_MAX = 5000;
/** The merchant answers within this many days of the chargeback, and never after the case's own due date. */
export const RESPONSE_DAYS = 7;

export interface Chargeback {
  id: string;
  disputeId: string;
  paymentId: string;
  merchantId: string;
  status: ChargebackStatus;
  reason: ChargebackReason;
  amountMinor: bigint;
  currency: Currency;
  respondBy: Date;
  response: { kind: ResponseKind; text: string | null; at: Date } | null;
  lostMinor: bigint | null;
  recoveredMinor: bigint;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}
