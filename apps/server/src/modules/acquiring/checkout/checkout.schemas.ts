import { Type } from 'typebox';
import type { Language } from '../../../shared/i18n.js';
import { Id, literalUnion, strict, Timestamp } from '../../../shared/schemas.js';
import type { Merchant } from '../merchants.types.js';
import { FAILURE_CODES, FAILURE_MESSAGES } from '../money/index.js';
import { PAYMENT_STATUSES, type Payment } from '../payments/index.js';

/** What the hosted checkout page sees of a payment: never a card number, never the merchant's metadata. */

export const CheckoutTokenHeaders = Type.Object({
  'x-checkout-token': Type.Optional(Type.String({ maxLength: 200, description: 'The token from the checkout URL’s fragment' })),
});

export const CheckoutSubmitHeaders = Type.Object({
  'x-checkout-token': Type.Optional(Type.String({ maxLength: 200 })),
  'idempotency-key': Type.String({ minLength: 1, maxLength: 255, description: 'One per submission the page makes' }),
});

export const PaymentParams = Type.Object({ paymentId: Id('pay') }, strict);

export const TypedCardBody = Type.Object(
  {
    pan: Type.String({ minLength: 1, maxLength: 30, description: 'The card number; spaces allowed' }),
    expiryMonth: Type.Integer({ minimum: 0, maximum: 99 }),
    expiryYear: Type.Integer({ minimum: 2000, maximum: 2099 }),
    cvc2: Type.String({ maxLength: 8 }),
    cardholderName: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
  },
  strict,
);

export const OwnCardBody = Type.Object({ cardId: Id('crd') }, strict);

export const CheckoutView = Type.Object({
  id: Id('pay'),
  status: Type.Union([literalUnion(PAYMENT_STATUSES), Type.Literal('processing')]),
  merchant: Type.Object({
    displayName: Type.String(),
    legalName: Type.String(),
    origin: Type.String({ description: 'The origin the buyer returns to' }),
  }),
  amountMinor: Type.String({ pattern: '^[0-9]+$' }),
  currency: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  orderId: Type.Union([Type.String(), Type.Null()]),
  testMode: Type.Boolean(),
  returnUrl: Type.String(),
  action: Type.Union([Type.Object({ type: Type.Literal('challenge'), acsTransID: Type.String({ format: 'uuid' }) }), Type.Null()]),
  failure: Type.Union([Type.Object({ code: literalUnion(FAILURE_CODES), message: Type.String() }), Type.Null()]),
  card: Type.Union([Type.Object({ brand: Type.String(), last4: Type.String() }), Type.Null()]),
  expiresAt: Timestamp,
});

export const OwnWalletBody = Type.Object({ accountId: Id('acc') }, strict);

export const OwnCardsView = Type.Object({
  wallets: Type.Array(
    Type.Object({
      accountId: Id('acc'),
      displayName: Type.String(),
      currency: Type.String(),
      availableMinor: Type.String({ pattern: '^-?[0-9]+$' }),
    }),
    { description: 'The customer’s active e-wallets in the payment’s currency: paying from one issues a single-use card on it' },
  ),
  cards: Type.Array(
    Type.Object({
      id: Id('crd'),
      masked: Type.String(),
      network: Type.String(),
      status: Type.String(),
      internetEnabled: Type.Boolean(),
      currency: Type.String(),
    }),
  ),
});

export function checkoutJson(
  payment: Payment,
  merchant: Pick<Merchant, 'displayName' | 'legalName'>,
  extra: { challenge: { acsTransID: string } | null; expiresAt: Date; language: Language },
) {
  return {
    id: payment.id,
    status: payment.pendingStep === 'authorise' ? ('processing' as const) : payment.status,
    merchant: { displayName: merchant.displayName, legalName: merchant.legalName, origin: new URL(payment.returnUrl).origin },
    amountMinor: payment.amountMinor.toString(),
    currency: payment.currency,
    description: payment.description,
    orderId: payment.merchantOrderId,
    testMode: payment.mode === 'test',
    returnUrl: payment.returnUrl,
    action: extra.challenge ? { type: 'challenge' as const, acsTransID: extra.challenge.acsTransID } : null,
    failure: payment.failureCode ? { code: payment.failureCode, message: FAILURE_MESSAGES[payment.failureCode][extra.language] } : null,
    card: payment.cardLast4 ? { brand: payment.cardBrand ?? 'unknown', last4: payment.cardLast4 } : null,
    expiresAt: extra.expiresAt.toISOString(),
  };
}
