import { assert } from '../../shared/assert.js';
import type { Currency } from '../ledger/index.js';

/**
 * Every kind of money operation the bank runs. A new kind (payment.service, card.purchase,
 * card.transfer, refund…) is added here, in the CHECK of the operations table (a migration), in
 * the texts of operations.messages.ts (the build fails until it has them) and as an
 * OperationKindHandler of its own module.
 */
export const OPERATION_KINDS = [
  'transfer.own',
  'transfer.phone',
  'transfer.iban',
  'refund.dispute',
  'card.purchase',
  // Issue 14 item 7 (migration 0035): to a card number, and its money back when another bank's card refused it.
  'transfer.card',
  'refund.card_transfer',
  // Issue 15 item 5 (migration 0043): a merchant's refund of an online purchase, back to the Kassa card that paid.
  'refund.card_purchase',
  // Issue 16 (migration 0047): a payment for services to a provider of the catalogue (modules/payments).
  'payment.service',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/**
 * The kinds the bank itself pays a customer (bank-credit.ts): no request of the customer's, no
 * code, no limit. The record names the customer as its customer and payee, and the account
 * credited as the payee's; it has no source account (the money comes from the bank's own).
 */
export const BANK_CREDIT_KINDS = ['refund.dispute', 'refund.card_transfer'] as const satisfies readonly OperationKind[];
export type BankCreditKind = (typeof BANK_CREDIT_KINDS)[number];

export function isBankCredit(kind: OperationKind): kind is BankCreditKind {
  return (BANK_CREDIT_KINDS as readonly string[]).includes(kind);
}

/**
 * Money paid to the customer that no request of theirs made: the bank's credits, and a merchant's
 * refund of a card purchase (card-refunds.ts), which the bank as acquirer pays out of the
 * merchant's account. Incoming to the customer the record names, with the bank as payer.
 */
export function isCreditToCustomer(kind: OperationKind): boolean {
  return isBankCredit(kind) || kind === 'refund.card_purchase';
}

export const OPERATION_STATUSES = [
  'created',
  'awaiting_confirmation',
  'authorised',
  'completed',
  'sent',
  'declined',
  'expired',
  'cancelled',
  'reversed',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/**
 * The life cycle, written once. The database refuses any other step (the trigger of migrations
 * 0013, 0017 and 0033 lists the same pairs; life-cycle.test.ts proves both agree).
 *   created               -> awaiting_confirmation | authorised | completed | sent | declined
 *   awaiting_confirmation -> completed | sent | declined | expired | cancelled
 *   authorised            -> completed | reversed
 *   completed, sent (to another bank), declined (with a reason), expired, cancelled (by the
 *   customer, before the code: cancel.ts), reversed: final.
 * `authorised` is a card purchase approved with the money held on the account (a ledger hold);
 * the network's clearing completes it, its reversal or the hold's expiry reverses it (nothing was
 * debited then, and no reason is given: the bank refused nothing; card-purchases.ts).
 */
export const OPERATION_TRANSITIONS: Readonly<Record<OperationStatus, readonly OperationStatus[]>> = {
  created: ['awaiting_confirmation', 'authorised', 'completed', 'sent', 'declined'],
  awaiting_confirmation: ['completed', 'sent', 'declined', 'expired', 'cancelled'],
  authorised: ['completed', 'reversed'],
  completed: [],
  sent: [],
  declined: [],
  expired: [],
  cancelled: [],
  reversed: [],
};

/**
 * The states anyone outside a transaction can see. A record is `created` only inside the
 * transaction that decides it (it is written in its decided state), so the API never shows it.
 */
export const VISIBLE_STATUSES = [
  'awaiting_confirmation',
  'authorised',
  'completed',
  'sent',
  'declined',
  'expired',
  'cancelled',
  'reversed',
] as const;
export type VisibleStatus = (typeof VISIBLE_STATUSES)[number];

export function visibleStatus(status: OperationStatus): VisibleStatus {
  assert(status !== 'created', 'an operation is shown only once it is decided');
  return status;
}

/** States a record may be written in: an operation decided in its first transaction skips the earlier ones. */
export const OPERATION_INSERT_STATUSES: readonly OperationStatus[] = [
  'created',
  'awaiting_confirmation',
  'authorised',
  'completed',
  'sent',
  'declined',
];

export function isFinal(status: OperationStatus): boolean {
  return OPERATION_TRANSITIONS[status].length === 0;
}

/**
 * Why no SMS code was asked: RTS art. 15 (own accounts), 13 (trusted payees), 16 (low value), 14
 * (a run of a recurring series the customer set up with a code: payments/schedules.ts).
 */
export type ScaExemption = 'own' | 'trusted-payee' | 'low-value' | 'recurring';
/** The exemptions a kind grants by its payee or its series; the low-value one is risk's, for every kind. */
export type PayeeExemption = Exclude<ScaExemption, 'low-value'>;

/**
 * Why an operation was declined: a closed set, each with its words in operations.messages.ts.
 * The first group is the ledger's and risk's, the same for every kind; the last names payees.
 */
export const DECLINE_REASON_CODES = [
  'insufficient-funds',
  'limit-per-operation',
  'limit-per-day',
  'limit-per-month',
  // The lower day limit of the cooling period after a phone number change (identity's phone-number.ts).
  'limit-phone-change',
  'wrong-code',
  'expired',
  'account-frozen',
  'account-closed',
  'currency-mismatch',
  'wallet-limit',
  'recipient-wallet-limit',
  'recipient-not-found',
  'transfer-to-self',
  // A card purchase's (issue 14 item 6; modules/card-network maps each to its ISO 8583 response code).
  'card-frozen',
  'card-closed',
  'card-single-use-spent',
  'card-expired',
  'card-wrong-expiry',
  'card-wrong-cvc2',
  'card-internet-off',
  'card-contactless-off',
  'card-cash-off',
  'card-limit-per-operation',
  'card-limit-per-day',
  'card-limit-per-month',
  'card-limit-purchases-per-day',
  'card-transaction-not-supported',
  'customer-blocked',
  'declined-by-network',
  // The purchase's 3-D Secure result (issue 15 item 4; modules/acs verifyAuthenticationValue): none
  // where one is required, not authenticated (N/R/U), a value forged or made for another payment, a value used before.
  'card-authentication-missing',
  'card-authentication-failed',
  'card-authentication-invalid',
  'card-authentication-reused',
] as const;
export type DeclineReason = (typeof DECLINE_REASON_CODES)[number];

/** The one record every money operation has (table operations). Amounts in minor units. */
export interface OperationRecord {
  id: string;
  customerId: string;
  kind: OperationKind;
  status: OperationStatus;
  sourceAccountId: string | null;
  payeeAccountId: string | null;
  payeeCustomerId: string | null;
  payeeLabel: string | null;
  payeeReference: string | null;
  amountMinor: bigint;
  feeMinor: bigint;
  currency: Currency;
  purposeCode: string | null;
  description: string | null;
  scaExemption: ScaExemption | null;
  challengeId: string | null;
  declineReason: DeclineReason | null;
  ledgerOperationId: string | null;
  idempotencyKey: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  completedAt: Date | null;
}
