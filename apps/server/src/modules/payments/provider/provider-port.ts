import type { Localized } from '../../../shared/i18n.js';
import type { Currency } from '../../ledger/index.js';
import type { ProviderEndpoint } from '../catalogue.types.js';

/**
 * How the bank talks to a service provider (issue 16 item 2; docs/payments-providers.md): one
 * interface, one adapter over HTTP (provider-http.ts), the simulator on the other end in tests and
 * the demo (payments/simulator). Every call ends within PAYMENT_PROVIDER_TIMEOUT_MS and never
 * throws for what the provider did: a provider that is down, slow or answers nonsense is
 * `unavailable`, a value the caller decides on. Never called inside a database transaction: a
 * slow provider must not hold row locks (STYLE.md habit 4).
 */

/** Why the provider gave no usable answer: no answer in time, or a failure (5xx, network, malformed answer). */
export type ProviderUnavailable = { kind: 'unavailable'; reason: 'timeout' | 'error' };

/** validate mode: the account exists (its holder's name when the provider tells it). */
export type CheckAnswer = { kind: 'found'; holderName: string | null } | { kind: 'not-found' } | ProviderUnavailable;

export interface ProviderBillLine {
  /** The provider's id of the line (`electricity`, a fine's number): named again when the customer pays it. */
  id: string;
  name: Localized;
  amountMinor: bigint;
}

/** A bill as the provider sent it, checked field by field (provider-answers.ts). */
export interface ProviderBill {
  providerBillId: string;
  /** The month billed, YYYY-MM. */
  period: string;
  /** The last day to pay, YYYY-MM-DD, or null. */
  dueDate: string | null;
  holderName: string | null;
  lines: ProviderBillLine[];
}

/** fetch mode: the bill, no such account, or an account that owes nothing now. */
export type BillAnswer = { kind: 'bill'; bill: ProviderBill } | { kind: 'not-found' } | { kind: 'nothing-due' } | ProviderUnavailable;

/** What the bank tells the provider once the money is posted. */
export interface PaidPayment {
  /** The operation id (op_…): the provider's idempotency key, so a retry is never a second payment. */
  paymentId: string;
  fields: Record<string, string>;
  amountMinor: bigint;
  currency: Currency;
  /** The bill lines paid (fetch mode), or null for an amount to the account as a whole. */
  lines: Array<{ id: string; amountMinor: bigint }> | null;
  paidAt: Date;
}

/**
 * accepted: the provider has the payment (activation `pending`: a transport card gets it at its
 * next tap on a validator); rejected: refused for good (the bank returns the money); unavailable:
 * unknown whether it arrived, so it is sent again, with the same paymentId.
 */
export type NotifyAnswer =
  | { kind: 'accepted'; providerReference: string; activation: 'done' | 'pending' }
  | { kind: 'rejected'; reason: string }
  | ProviderUnavailable;

/** Where an accepted payment stands on the provider's side; `unknown`: the provider never had it. */
export type StatusAnswer = { kind: 'done' } | { kind: 'pending' } | { kind: 'unknown' } | ProviderUnavailable;

/** One payment as the provider says it received it, for the reconciliation (registry/reconciliation.ts). */
export interface ProviderConfirmation {
  paymentId: string;
  amountMinor: bigint;
  providerReference: string | null;
}

/** The provider's confirmations of a bank day, whole (the adapter reads every page), or unavailable. */
export type ConfirmationsAnswer = { kind: 'listed'; confirmations: ProviderConfirmation[] } | ProviderUnavailable;

export interface ProviderPort {
  check(endpoint: ProviderEndpoint, fields: Record<string, string>): Promise<CheckAnswer>;
  fetchBill(endpoint: ProviderEndpoint, fields: Record<string, string>): Promise<BillAnswer>;
  notifyPaid(endpoint: ProviderEndpoint, payment: PaidPayment): Promise<NotifyAnswer>;
  paymentStatus(endpoint: ProviderEndpoint, paymentId: string): Promise<StatusAnswer>;
  /** The payments the provider received on a bank calendar day (YYYY-MM-DD in BANK_TIME_ZONE). */
  confirmations(endpoint: ProviderEndpoint, day: string): Promise<ConfirmationsAnswer>;
}

// The port rides on the app's context, as the card network's does (context.ts names no module).
declare module '../../../context.js' {
  interface AppContext {
    /** Service providers, outbound (modules/payments/provider). */
    paymentProviders: ProviderPort;
  }
}
