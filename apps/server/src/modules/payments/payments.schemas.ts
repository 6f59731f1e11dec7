import { Type } from 'typebox';
import { Id, literalUnion, strict } from '../../shared/schemas.js';
import { AMOUNT_MINOR_MAX, CURRENCY_CODES } from '../ledger/index.js';
import { OperationView } from '../operations/index.js';
import { AMOUNT_RULE_KINDS, CHECK_DIGITS, FIELD_KINDS, PROVIDER_MODES } from './catalogue.types.js';

/** The API shapes of service payments (payments.routes.ts), the one source of their OpenAPI. */

export const ProviderId = Id('prv');
export const CheckId = Id('chk');
export const PaymentId = Id('op');

export const LocalizedText = Type.Object({ ru: Type.String(), kk: Type.String(), en: Type.String() });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Minor = Type.Integer({ minimum: 0 });

export const CategoryView = Type.Object({ id: Type.String(), name: LocalizedText, icon: Type.String() });

export const ProviderSummary = Type.Object({
  id: ProviderId,
  slug: Type.String(),
  categoryId: Type.String(),
  name: LocalizedText,
  logo: Type.Object({ text: Type.String(), color: Type.String({ description: '#rrggbb' }) }),
  mode: literalUnion(PROVIDER_MODES, {
    description: 'fetch: the provider returns the bill; validate: it confirms the account; ad-hoc: no call before paying',
  }),
});

export const ProviderFieldView = Type.Object({
  name: Type.String({ description: 'The key of the value in `fields`' }),
  label: LocalizedText,
  hint: nullable(LocalizedText),
  kind: literalUnion(FIELD_KINDS),
  minLength: Type.Integer(),
  maxLength: Type.Integer(),
  pattern: nullable(Type.String()),
  checkDigit: nullable(literalUnion(CHECK_DIGITS)),
  phonePrefixes: nullable(
    Type.Array(Type.String(), { description: "The operator's prefixes: a number outside them is a warning, never a refusal" }),
  ),
  main: Type.Boolean({ description: 'Names the account on receipts and in the history' }),
});

export const ProviderView = Type.Intersect([
  ProviderSummary,
  Type.Object({
    legalName: Type.String(),
    bin: Type.String(),
    currency: Type.String(),
    fields: Type.Array(ProviderFieldView),
    amountRule: Type.Object({ kind: literalUnion(AMOUNT_RULE_KINDS), minMinor: Minor, maxMinor: Minor }),
    feeRule: Type.Object({
      fixedMinor: Minor,
      percentBasisPoints: Type.Integer({ description: '150 = 1.5 %' }),
      capMinor: nullable(Minor),
    }),
  }),
]);

export const Catalogue = Type.Object({ categories: Type.Array(CategoryView), providers: Type.Array(ProviderSummary) });

/** At most a handful of fields, each a short string: the provider's rules say the rest (fields.ts). */
export const FieldValues = Type.Record(Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,31}$' }), Type.String({ maxLength: 64 }), {
  maxProperties: 8,
});

export const FieldWarningView = Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() });

export const BillLineView = Type.Object({ id: Type.String(), name: LocalizedText, amountMinor: Minor });

export const CheckView = Type.Object({
  checkId: nullable(CheckId),
  holderName: nullable(Type.String({ description: 'As the provider gives it (masked by the provider)' })),
  bill: nullable(
    Type.Object({
      period: Type.String({ description: 'YYYY-MM' }),
      dueDate: nullable(Type.String({ description: 'YYYY-MM-DD' })),
      lines: Type.Array(BillLineView),
      totalMinor: Minor,
    }),
  ),
  warnings: Type.Array(FieldWarningView),
  expiresAt: nullable(Type.String()),
});

export const FeeQuote = Type.Object({ amountMinor: Minor, feeMinor: Minor, totalMinor: Minor, currency: Type.String() });

export const CreateServicePayment = Type.Object(
  {
    providerId: ProviderId,
    sourceAccountId: Id('acc'),
    amountMinor: Type.Integer({ minimum: 1, maximum: Number(AMOUNT_MINOR_MAX) }),
    currency: literalUnion(CURRENCY_CODES),
    fields: FieldValues,
    checkId: Type.Optional(CheckId),
    lines: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.String({ minLength: 1, maxLength: 64 }),
            amountMinor: Type.Integer({ minimum: 1, maximum: Number(AMOUNT_MINOR_MAX) }),
          },
          strict,
        ),
        { minItems: 1, maxItems: 20 },
      ),
    ),
  },
  strict,
);

export const ProviderStatusSchema = literalUnion(['pending', 'confirmed', 'awaiting-activation', 'rejected', 'void'], {
  description:
    "The provider's side: being told, accepted, accepted and waiting for the card to be tapped, refused, never sent (no money moved)",
});

export const ServicePaymentView = Type.Object({
  operation: OperationView,
  provider: ProviderSummary,
  accountLabel: Type.String(),
  fields: Type.Record(Type.String(), Type.String()),
  lines: nullable(Type.Array(BillLineView)),
  providerStatus: ProviderStatusSchema,
  providerStatusText: Type.String({ description: "The provider's side in the caller's language" }),
  providerReference: nullable(Type.String()),
});
