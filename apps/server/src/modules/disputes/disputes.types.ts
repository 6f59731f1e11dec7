import type { AccessSnapshot } from '../auth/index.js';
import type { Currency } from '../ledger/index.js';

/**
 * A dispute: the customer's "this wasn't me" about an operation, worked by the bank's staff as a
 * case. Status transitions, written once (the repository's UPDATE names the states each step
 * may come from, so a step not listed here changes no row and is refused):
 *   new           -> investigating (staff) | withdrawn (the customer)
 *   investigating -> refunded | rejected (staff) | withdrawn (the customer)
 *   refunded, rejected, withdrawn: final.
 * A staff member cannot decide a case nobody has looked into: refund and reject come only from
 * investigating. Withdrawing is the customer's alone, and only while the case is open.
 */
export const DISPUTE_STATUSES = ['new', 'investigating', 'refunded', 'rejected', 'withdrawn'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_TRANSITIONS: Readonly<Record<DisputeStatus, readonly DisputeStatus[]>> = {
  new: ['investigating', 'withdrawn'],
  investigating: ['refunded', 'rejected', 'withdrawn'],
  refunded: [],
  rejected: [],
  withdrawn: [],
};

/** The states a step to `to` may come from. */
export function statesBefore(to: DisputeStatus): DisputeStatus[] {
  return DISPUTE_STATUSES.filter((from) => DISPUTE_TRANSITIONS[from].includes(to));
}

/**
 * Why a dispute was refused, a closed set: the customer reads each in their language
 * (disputes.messages.ts). `other` goes with a message the staff member writes.
 */
export const REJECT_REASONS = ['confirmed-by-customer', 'code-disclosed', 'not-enough-information', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const DISPUTE_EVENT_KINDS = ['opened', 'commented', 'assigned', 'investigating', 'refunded', 'rejected', 'withdrawn'] as const;
export type DisputeEventKind = (typeof DISPUTE_EVENT_KINDS)[number];
/** The customer's timeline shows every step but who owns the case. */
export const CUSTOMER_EVENT_KINDS: readonly DisputeEventKind[] = DISPUTE_EVENT_KINDS.filter((kind) => kind !== 'assigned');

export interface Dispute {
  id: string;
  customerId: string;
  operationId: string;
  status: DisputeStatus;
  comment: string | null;
  ownerStaffId: string | null;
  dueAt: Date;
  currency: Currency;
  operationAmountMinor: bigint;
  refundAmountMinor: bigint | null;
  refundOperationId: string | null;
  rejectReason: RejectReason | null;
  /** Null for the reports made before cases (migration 0022). */
  accessSnapshot: AccessSnapshot | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export interface DisputeEvent {
  id: string;
  disputeId: string;
  kind: DisputeEventKind;
  actor: 'customer' | 'staff';
  staffId: string | null;
  customerMessage: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export interface DisputeNote {
  id: string;
  disputeId: string;
  staffId: string;
  text: string;
  createdAt: Date;
}
