import { Type } from 'typebox';
import { Id, literalUnion, strict } from '../../../shared/schemas.js';
import { AMOUNT_MINOR_MAX } from '../../ledger/index.js';
import { CheckId, FieldValues, LocalizedText, ProviderId, ProviderStatusSchema } from '../payments.schemas.js';
import { GUEST_PAYMENT_STATUSES } from './guest.repo.js';

/** The API shapes of guests' payments by card (guest.routes.ts), the one source of their OpenAPI. */

export const GuestPaymentId = Id('gpy');

const Amount = Type.Integer({ minimum: 1, maximum: Number(AMOUNT_MINOR_MAX) });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const CreateGuestPayment = Type.Object(
  {
    providerId: ProviderId,
    amountMinor: Amount,
    fields: FieldValues,
    checkId: Type.Optional(CheckId),
    lines: Type.Optional(
      Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), amountMinor: Amount }, strict), {
        minItems: 1,
        maxItems: 20,
      }),
    ),
    receiptPhone: Type.String({ minLength: 1, maxLength: 32, description: 'Where the receipt goes by SMS: a +7 mobile number' }),
  },
  strict,
);

/** A signed-in customer's payment by card: the receipt goes to the customer's own phone. */
export const CreateCardServicePayment = Type.Omit(CreateGuestPayment, ['receiptPhone'], strict);

export const GuestPaymentView = Type.Object({
  id: GuestPaymentId,
  status: literalUnion(GUEST_PAYMENT_STATUSES, {
    description: 'awaiting_card: the checkout is not done; paid: the money went to the provider; failed: nothing was taken',
  }),
  provider: Type.Object({ id: ProviderId, name: LocalizedText }),
  accountLabel: Type.String(),
  amountMinor: Type.Integer(),
  feeMinor: Type.Integer(),
  totalMinor: Type.Integer(),
  currency: Type.String(),
  receiptPhone: Type.String({ description: 'Masked: where the receipt SMS goes' }),
  cardLast4: nullable(Type.String()),
  failureReason: nullable(Type.String({ description: 'Why it failed, in the caller’s language' })),
  providerStatus: nullable(ProviderStatusSchema),
  createdAt: Type.String({ format: 'date-time' }),
  endedAt: nullable(Type.String({ format: 'date-time' })),
});

export const GuestPaymentCreated = Type.Object({
  payment: GuestPaymentView,
  checkoutUrl: nullable(Type.String({ description: 'The hosted checkout (its token in the fragment); null once the card is given' })),
  statusToken: Type.String({ description: 'Sent back as X-Guest-Payment-Token to read the status; shown once' }),
});
