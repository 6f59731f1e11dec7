import type { Language } from '../../shared/i18n.js';
import type { AccessSnapshot } from '../auth/index.js';
import { type Customer, maskName, maskPhoneForDisplay } from '../identity/index.js';
import { type OperationRecord, type OperationView, staffOperationView } from '../operations/index.js';
import { type StaffRef, staffRef } from '../staff/index.js';
import { REJECT_REASON_TEXTS } from './disputes.messages.js';
import type { DisputeDetailsView, DisputeView, StaffDisputeDetails, StaffDisputeSummary } from './disputes.schemas.js';
import { DISPUTE_TRANSITIONS, type Dispute, type DisputeEvent, type DisputeNote } from './disputes.types.js';

/** Cases as JSON: what the customer sees of their case, and what the staff see. */

const amount = (minor: bigint | null): number | null => (minor === null ? null : Number(minor));

export function disputeView(dispute: Dispute, language: Language): DisputeView {
  return {
    id: dispute.id,
    status: dispute.status,
    operationId: dispute.operationId,
    amountMinor: Number(dispute.operationAmountMinor),
    currency: dispute.currency,
    comment: dispute.comment,
    dueAt: dispute.dueAt.toISOString(),
    createdAt: dispute.createdAt.toISOString(),
    closedAt: dispute.closedAt?.toISOString() ?? null,
    refundAmountMinor: amount(dispute.refundAmountMinor),
    refundOperationId: dispute.refundOperationId,
    rejectReason: dispute.rejectReason,
    rejectReasonText: dispute.rejectReason ? REJECT_REASON_TEXTS[dispute.rejectReason][language] : null,
    canWithdraw: DISPUTE_TRANSITIONS[dispute.status].includes('withdrawn'),
  };
}

/** The customer's timeline: never who at the bank took a step, nor the staff's notes (they are not read here at all). */
export function disputeDetailsView(
  dispute: Dispute,
  events: readonly DisputeEvent[],
  operation: OperationView | null,
  language: Language,
): DisputeDetailsView {
  return {
    ...disputeView(dispute, language),
    operation,
    timeline: events.map((event) => ({
      kind: event.kind,
      by: event.actor === 'customer' ? ('customer' as const) : ('bank' as const),
      message: event.customerMessage,
      at: event.createdAt.toISOString(),
    })),
  };
}

export function staffSummary(dispute: Dispute, owners: ReadonlyMap<string, string>, now: Date): StaffDisputeSummary {
  const ownerName = dispute.ownerStaffId ? owners.get(dispute.ownerStaffId) : undefined;
  return {
    id: dispute.id,
    status: dispute.status,
    customerId: dispute.customerId,
    operationId: dispute.operationId,
    amountMinor: Number(dispute.operationAmountMinor),
    currency: dispute.currency,
    owner: dispute.ownerStaffId ? { staffId: dispute.ownerStaffId, displayName: ownerName ?? '' } : null,
    dueAt: dispute.dueAt.toISOString(),
    overdue: dispute.closedAt === null && dispute.dueAt <= now,
    createdAt: dispute.createdAt.toISOString(),
  };
}

export function staffCustomerView(customer: Customer | null): StaffDisputeDetails['customer'] {
  return customer ? { id: customer.id, maskedName: maskName(customer.fullName), maskedPhone: maskPhoneForDisplay(customer.phone) } : null;
}

export function staffDetails(
  dispute: Dispute,
  parts: {
    owners: ReadonlyMap<string, string>;
    now: Date;
    customer: Customer | null;
    operation: OperationRecord | null;
    events: readonly DisputeEvent[];
    notes: readonly DisputeNote[];
    /** Everyone the events and notes name (staffRefsOf). */
    staff: ReadonlyMap<string, StaffRef>;
    refundApprovalThresholdMinor: bigint;
    /** The merchant's side, when the case is about a purchase Kassa acquired (acquiring chargebackOfDispute). */
    chargeback: StaffDisputeDetails['chargeback'];
  },
): StaffDisputeDetails {
  const snapshot: AccessSnapshot | null = dispute.accessSnapshot;
  return {
    ...staffSummary(dispute, parts.owners, parts.now),
    comment: dispute.comment,
    closedAt: dispute.closedAt?.toISOString() ?? null,
    refundAmountMinor: amount(dispute.refundAmountMinor),
    refundOperationId: dispute.refundOperationId,
    rejectReason: dispute.rejectReason,
    refundApprovalThresholdMinor: Number(parts.refundApprovalThresholdMinor),
    customer: staffCustomerView(parts.customer),
    operation: parts.operation ? staffOperationView(parts.operation) : null,
    accessSnapshot: snapshot,
    chargeback: parts.chargeback,
    timeline: parts.events.map((event) => ({
      kind: event.kind,
      actor: event.actor,
      staffId: event.staffId,
      staff: event.staffId ? staffRef(parts.staff, event.staffId) : null,
      customerMessage: event.customerMessage,
      details: event.details,
      at: event.createdAt.toISOString(),
    })),
    notes: parts.notes.map((note) => ({
      id: note.id,
      staffId: note.staffId,
      staff: staffRef(parts.staff, note.staffId),
      text: note.text,
      at: note.createdAt.toISOString(),
    })),
  };
}
