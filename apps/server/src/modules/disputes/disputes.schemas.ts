import { type Static, Type } from 'typebox';
import { Id, literalUnion } from '../../shared/schemas.js';
import { StaffChargebackView } from '../acquiring/index.js';
import { AccessSnapshotSchema } from '../auth/index.js';
import { OperationView, StaffOperationView } from '../operations/index.js';
import { StaffRefSchema } from '../staff/index.js';
import { DISPUTE_EVENT_KINDS, DISPUTE_STATUSES, REJECT_REASONS } from './disputes.types.js';

/** The disputes as the API shows them: to the customer (their cases) and to the staff (the queue). */

export const DisputeId = Id('dsp');
export const DisputeStatusSchema = literalUnion(DISPUTE_STATUSES);
export const RejectReasonSchema = literalUnion(REJECT_REASONS);
/** Words a staff member writes to the customer: shown in the customer's timeline as written. */
export const CUSTOMER_MESSAGE_LENGTH_MAX = 1000;
export const NOTE_LENGTH_MAX = 2000;

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** A case as its customer sees it. */
export const DisputeView = Type.Object({
  id: Type.String(),
  status: DisputeStatusSchema,
  operationId: Type.String(),
  amountMinor: Type.Integer({ description: 'The amount of the operation disputed' }),
  currency: Type.String(),
  comment: nullable(Type.String()),
  dueAt: Type.String({ description: 'The bank answers by then' }),
  createdAt: Type.String(),
  closedAt: nullable(Type.String()),
  refundAmountMinor: nullable(Type.Integer()),
  refundOperationId: nullable(Type.String({ description: 'The refund in the history (kind refund)' })),
  rejectReason: nullable(RejectReasonSchema),
  rejectReasonText: nullable(Type.String()),
  canWithdraw: Type.Boolean(),
});
export type DisputeView = Static<typeof DisputeView>;

/** A step of the customer's timeline: who took it (the customer or the bank), and the bank's words if any. */
export const TimelineEntry = Type.Object({
  kind: literalUnion(DISPUTE_EVENT_KINDS),
  by: literalUnion(['customer', 'bank']),
  message: nullable(Type.String()),
  at: Type.String(),
});

export const DisputeDetailsView = Type.Object({
  ...DisputeView.properties,
  operation: nullable(OperationView),
  timeline: Type.Array(TimelineEntry),
});
export type DisputeDetailsView = Static<typeof DisputeDetailsView>;

/** What "this wasn't me" answers (POST /api/v1/operations/{id}/dispute), as it always has. */
export const DisputeOpened = Type.Object({ disputeId: Type.String(), createdAt: Type.String() });

// ---- Staff ----

export const StaffDisputeSummary = Type.Object({
  id: Type.String(),
  status: DisputeStatusSchema,
  customerId: Type.String(),
  operationId: Type.String(),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  owner: nullable(Type.Object({ staffId: Type.String(), displayName: Type.String() })),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  createdAt: Type.String(),
});
export type StaffDisputeSummary = Static<typeof StaffDisputeSummary>;

export const StaffCustomerView = Type.Object({ id: Type.String(), maskedName: Type.String(), maskedPhone: Type.String() });

export const StaffDisputeDetails = Type.Object({
  ...StaffDisputeSummary.properties,
  comment: nullable(Type.String()),
  closedAt: nullable(Type.String()),
  refundAmountMinor: nullable(Type.Integer()),
  refundOperationId: nullable(Type.String()),
  rejectReason: nullable(RejectReasonSchema),
  refundApprovalThresholdMinor: Type.Integer({ description: 'A refund from this amount needs a second approval' }),
  customer: nullable(StaffCustomerView),
  operation: nullable(StaffOperationView),
  accessSnapshot: nullable(AccessSnapshotSchema),
  chargeback: Type.Union([StaffChargebackView, Type.Null()], {
    description: 'The merchant’s side, when the operation is a purchase at a merchant Kassa acquires: refunding charges it back',
  }),
  timeline: Type.Array(
    Type.Object({
      kind: literalUnion(DISPUTE_EVENT_KINDS),
      actor: literalUnion(['customer', 'staff']),
      staffId: nullable(Type.String()),
      /** Who at the bank took the step (name and role, for the timeline); null for the customer's own. */
      staff: nullable(StaffRefSchema),
      customerMessage: nullable(Type.String()),
      details: Type.Record(Type.String(), Type.Unknown()),
      at: Type.String(),
    }),
  ),
  notes: Type.Array(
    Type.Object({ id: Type.String(), staffId: Type.String(), staff: StaffRefSchema, text: Type.String(), at: Type.String() }),
  ),
});
export type StaffDisputeDetails = Static<typeof StaffDisputeDetails>;

export const QueueFilters = Type.Object(
  {
    status: Type.Optional(DisputeStatusSchema),
    owner: Type.Optional(Type.Union([Id('stf'), Type.Literal('me')], { description: 'A staff id, or me' })),
    customerId: Type.Optional(Id('cus')),
    overdue: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export type QueueFilters = Static<typeof QueueFilters>;
