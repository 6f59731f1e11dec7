import { Type } from 'typebox';
import { Id, literalUnion, Timestamp } from '../../../shared/schemas.js';
import { FAILURE_CODES } from '../money/index.js';
import {
  CANCELLATION_REASONS,
  CAPTURE_METHODS,
  DESCRIPTION_LENGTH_MAX,
  MERCHANT_ORDER_ID_LENGTH_MAX,
  METADATA_KEYS_MAX,
  METADATA_VALUE_LENGTH_MAX,
  PAYMENT_AMOUNT_MAX_MINOR,
  PAYMENT_CURRENCIES,
  PAYMENT_STATUSES,
  type Payment,
  type PaymentRefund,
  REFUND_STATUSES,
  RETURN_URL_LENGTH_MAX,
} from './payments.types.js';

/** What a merchant sends and sees of payments and refunds (camelCase, amounts in minor units as integers). */

export const AmountMinor = Type.Integer({
  minimum: 1,
  maximum: PAYMENT_AMOUNT_MAX_MINOR,
  description: 'Minor units (tiyn): 150000 = 1 500.00 ₸',
});
export const Metadata = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: METADATA_VALUE_LENGTH_MAX }), {
  maxProperties: METADATA_KEYS_MAX,
  description: 'Your key-value pairs, returned as given: up to 20 keys of up to 40 characters, values up to 500',
});

export const CreatePaymentBody = Type.Object(
  {
    amountMinor: AmountMinor,
    currency: literalUnion(PAYMENT_CURRENCIES),
    captureMethod: Type.Optional(
      literalUnion(CAPTURE_METHODS, { description: 'automatic (default): captured once authorised; manual: call capture' }),
    ),
    description: Type.Optional(Type.String({ minLength: 1, maxLength: DESCRIPTION_LENGTH_MAX })),
    merchantOrderId: Type.Optional(Type.String({ minLength: 1, maxLength: MERCHANT_ORDER_ID_LENGTH_MAX })),
    returnUrl: Type.String({
      minLength: 1,
      maxLength: RETURN_URL_LENGTH_MAX,
      description: 'Where the checkout sends the buyer back: on one of your allowed origins',
    }),
    metadata: Type.Optional(Metadata),
  },
  { additionalProperties: false },
);

export const PaymentView = Type.Object({
  id: Id('pay'),
  object: literalUnion(['payment']),
  mode: literalUnion(['test', 'live']),
  status: literalUnion(PAYMENT_STATUSES),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  captureMethod: literalUnion(CAPTURE_METHODS),
  description: Type.Union([Type.String(), Type.Null()]),
  merchantOrderId: Type.Union([Type.String(), Type.Null()]),
  returnUrl: Type.String(),
  metadata: Metadata,
  authorisedMinor: Type.Integer(),
  capturedMinor: Type.Integer(),
  refundedMinor: Type.Integer(),
  failureCode: Type.Union([literalUnion(FAILURE_CODES), Type.Null()]),
  card: Type.Union([Type.Object({ brand: Type.String(), last4: Type.String() }), Type.Null()], {
    description: 'The brand and last 4 digits; never the number',
  }),
  cancellationReason: Type.Union([literalUnion(CANCELLATION_REASONS), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreatedPayment = Type.Object({
  ...PaymentView.properties,
  checkoutUrl: Type.String({
    description: 'Redirect the buyer here. Its token is in this answer only (a replay of the request gives a new one and voids the old)',
  }),
});

export const PaymentPage = Type.Object({
  items: Type.Array(PaymentView),
  nextCursor: Type.Union([Id('pay'), Type.Null()], { description: 'Pass as `after` for the next page; null on the last' }),
});

export const RefundView = Type.Object({
  id: Id('re'),
  object: literalUnion(['refund']),
  paymentId: Id('pay'),
  status: literalUnion(REFUND_STATUSES),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  failureCode: Type.Union([literalUnion(FAILURE_CODES), Type.Null()]),
  createdAt: Timestamp,
});

export function paymentJson(payment: Payment) {
  return {
    id: payment.id,
    object: 'payment' as const,
    mode: payment.mode,
    status: payment.status,
    amountMinor: Number(payment.amountMinor),
    currency: payment.currency,
    captureMethod: payment.captureMethod,
    description: payment.description,
    merchantOrderId: payment.merchantOrderId,
    returnUrl: payment.returnUrl,
    metadata: payment.metadata,
    authorisedMinor: Number(payment.authorisedMinor),
    capturedMinor: Number(payment.capturedMinor),
    refundedMinor: Number(payment.refundedMinor),
    failureCode: payment.failureCode,
    card: payment.cardLast4 ? { brand: payment.cardBrand ?? 'unknown', last4: payment.cardLast4 } : null,
    cancellationReason: payment.cancellationReason,
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
  };
}

export function refundJson(refund: PaymentRefund) {
  return {
    id: refund.id,
    object: 'refund' as const,
    paymentId: refund.paymentId,
    status: refund.status,
    amountMinor: Number(refund.amountMinor),
    currency: refund.currency,
    failureCode: refund.failureCode,
    createdAt: refund.createdAt.toISOString(),
  };
}
