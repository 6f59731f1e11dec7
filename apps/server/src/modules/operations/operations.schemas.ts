import { type Static, Type } from 'typebox';
import { Id, literalUnion } from '../../shared/schemas.js';
import { DECLINE_REASON_CODES, VISIBLE_STATUSES } from './operations.types.js';

/** The operation as the API shows it: the one schema of history, details, receipts and answers. */

/** The kinds of transfer as the API names them: own / phone / iban, and card-number (OperationKind transfer.card). */
export const API_KINDS = ['own', 'phone', 'iban', 'card-number'] as const;
export type ApiKind = (typeof API_KINDS)[number];

/**
 * The kinds an operation shows as: a transfer's, `refund` (money the bank paid back on a dispute),
 * `card` (a purchase with one of the customer's cards, decided by the card network's messages), or
 * `service` (a payment for services to a provider of the catalogue, modules/payments).
 */
export const VIEW_KINDS = [...API_KINDS, 'refund', 'card', 'service'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

export const OperationId = Id('op');
/** A transfer's kind (what a customer may create, and filter the history by). */
export const OperationKindSchema = literalUnion(API_KINDS);
export const OperationStatusSchema = literalUnion(VISIBLE_STATUSES);
export const ScaExemptionSchema = Type.Union([literalUnion(['own', 'trusted-payee', 'low-value', 'recurring']), Type.Null()], {
  description:
    'Why no SMS code was asked (sender only): own accounts (RTS art. 15), a trusted payee (art. 13), a low-value payment (art. 16), a run of a recurring series set up with a code (art. 14); null when a code was asked or for the payee',
});
export const Confirmation = Type.Object({ expiresAt: Type.String(), resendAvailableAt: Type.String() });

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The card a purchase was made with: its id (the card's page, the history by card) and "•••• last4". */
const PurchaseCard = Type.Object(
  { id: Id('crd'), last4: Type.String({ pattern: '^[0-9]{4}$' }) },
  { description: 'The card of a card purchase, for its page; null for any other operation' },
);

export const OperationView = Type.Object({
  id: Type.String(),
  kind: literalUnion(VIEW_KINDS),
  direction: literalUnion(['outgoing', 'incoming']),
  status: OperationStatusSchema,
  sourceAccountId: nullable(Type.String()),
  destinationAccountId: nullable(Type.String()),
  amountMinor: Type.Integer(),
  feeMinor: Type.Integer(),
  currency: Type.String(),
  payee: Type.String(),
  payer: nullable(Type.String()),
  purposeCode: nullable(Type.String()),
  description: nullable(Type.String()),
  declineReason: nullable(literalUnion(DECLINE_REASON_CODES)),
  declineReasonText: nullable(Type.String()),
  createdAt: Type.String(),
  completedAt: nullable(Type.String()),
  scaExemption: ScaExemptionSchema,
  confirmation: nullable(Confirmation),
  // Optional: an answer stored for an Idempotency-Key before purchases named their card is
  // replayed as it was stored, without it.
  card: Type.Optional(nullable(PurchaseCard)),
});
export type OperationView = Static<typeof OperationView>;

/**
 * What a new transfer needs to repeat one the customer made (issue 12 item 6): given on a
 * completed or sent outgoing transfer of the viewer's only, and only what the record holds (the
 * phone or IBAN as sent, the name typed for another bank, not the payee's IIN/BIN).
 */
export const RepeatView = Type.Object(
  {
    kind: OperationKindSchema,
    sourceAccountId: Type.String(),
    destinationAccountId: nullable(Type.String()),
    payeePhone: nullable(Type.String()),
    payeeIban: nullable(Type.String()),
    payeeName: nullable(Type.String({ description: 'The payee name typed for another bank; null inside the bank' })),
    purposeCode: nullable(Type.String()),
    description: nullable(Type.String()),
    amountMinor: Type.Integer(),
    currency: Type.String(),
  },
  { description: 'A new transfer like this one, to prefill the form; null when it cannot be repeated' },
);
export type RepeatView = Static<typeof RepeatView>;

/** One operation (GET /api/v1/operations/{id}): the view and, for the viewer's own transfers, how to repeat it. */
export const OperationDetailsView = Type.Object({ ...OperationView.properties, repeat: nullable(RepeatView) });
export type OperationDetailsView = Static<typeof OperationDetailsView>;
export type ConfirmationView = Static<typeof Confirmation>;
