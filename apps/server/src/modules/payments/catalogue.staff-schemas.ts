import { type Static, Type } from 'typebox';
import { Id, literalUnion, strict, Timestamp } from '../../shared/schemas.js';
import type { Approval } from '../approvals/index.js';
import { CURRENCY_CODES } from '../ledger/index.js';
import {
  AMOUNT_RULE_KINDS,
  CHECK_DIGITS,
  FIELD_KINDS,
  PROVIDER_MODES,
  PROVIDER_STATUSES,
  type Provider,
  type ProviderField,
} from './catalogue.types.js';
import { canonicalSettlementIban, type ProviderDefinition } from './catalogue-rules.js';
import { CategoryView, ProviderSummary, ProviderView } from './payments.schemas.js';
import { providerSummary, providerView } from './views.js';

/**
 * The staff's shapes of the catalogue (catalogue.staff-routes.ts). Texts and numbers are only
 * bounded here, loosely (twice the rule), and judged by catalogue-rules.ts, so that a wrong part
 * is a 422 naming its JSON pointer in the staff's language rather than a schema's 400. Amounts
 * are integers of minor units in JSON; the safe-integer bound keeps them exact as bigints.
 */

const TEXT_MAX = 320;
const SHORT_TEXT_MAX = 160;
const AmountMinor = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const LocalizedInput = Type.Object(
  {
    ru: Type.String({ maxLength: SHORT_TEXT_MAX }),
    kk: Type.String({ maxLength: SHORT_TEXT_MAX }),
    en: Type.String({ maxLength: SHORT_TEXT_MAX }),
  },
  strict,
);

export const ENDPOINT_SECRET_LENGTH_MAX = 200;
const ENDPOINT_URL_INPUT_MAX = 1000;

const FieldInput = Type.Object(
  {
    name: Type.String({ maxLength: 64 }),
    label: LocalizedInput,
    hint: nullable(LocalizedInput),
    kind: literalUnion(FIELD_KINDS),
    minLength: Type.Integer({ minimum: 0, maximum: 1000 }),
    maxLength: Type.Integer({ minimum: 0, maximum: 1000 }),
    pattern: nullable(Type.String({ maxLength: 400 })),
    checkDigit: nullable(literalUnion(CHECK_DIGITS)),
    phonePrefixes: nullable(Type.Array(Type.String({ maxLength: 8 }), { maxItems: 100 })),
    main: Type.Boolean(),
  },
  strict,
);
// More than the rule's 5, so the rule's message says how many, not the schema's.
const FieldsInput = Type.Array(FieldInput, { maxItems: 20 });
const AmountRuleInput = Type.Object({ kind: literalUnion(AMOUNT_RULE_KINDS), minMinor: AmountMinor, maxMinor: AmountMinor }, strict);
const FeeRuleInput = Type.Object(
  {
    fixedMinor: AmountMinor,
    percentBasisPoints: Type.Integer({ minimum: 0, maximum: 100_000, description: '150 = 1.5 %' }),
    capMinor: nullable(AmountMinor),
  },
  strict,
);
const LogoInput = Type.Object(
  { text: Type.String({ maxLength: 8 }), color: Type.String({ maxLength: 16, description: '#rrggbb' }) },
  strict,
);
const EndpointUrl = Type.String({ maxLength: ENDPOINT_URL_INPUT_MAX, description: 'The provider’s API (http or https)' });
const EndpointSecret = Type.String({
  maxLength: ENDPOINT_SECRET_LENGTH_MAX * 2,
  description: 'The shared secret of the provider’s contract: stored sealed, never shown again',
});

/** What an admin may change without a second person: all but the slug, the currency and the settlement details. */
const editable = {
  categoryId: Type.String({ maxLength: 80 }),
  name: LocalizedInput,
  keywords: Type.String({ maxLength: TEXT_MAX * 2 }),
  logo: LogoInput,
  mode: literalUnion(PROVIDER_MODES),
  fields: FieldsInput,
  amountRule: AmountRuleInput,
  feeRule: FeeRuleInput,
  position: Type.Integer({ minimum: 0, maximum: 100_000 }),
  endpointUrl: EndpointUrl,
  endpointSecret: EndpointSecret,
};

export const CreateProviderBody = Type.Object(
  {
    ...editable,
    keywords: Type.Optional(editable.keywords),
    position: Type.Optional(editable.position),
    slug: Type.String({ maxLength: 80, description: 'The provider’s code: a-z, 0-9 and -, fixed once created' }),
    legalName: Type.String({ maxLength: TEXT_MAX }),
    bin: Type.String({ maxLength: 32 }),
    settlementIban: Type.String({ maxLength: 64 }),
    currency: Type.Optional(literalUnion(CURRENCY_CODES, { default: 'KZT' })),
  },
  strict,
);
export type CreateProviderInput = Static<typeof CreateProviderBody>;

// The settlement details are not here: they change through POST …/settlement-change (maker-checker).
export const EditProviderBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version the edit was made on: another one is a 409' }),
    categoryId: Type.Optional(editable.categoryId),
    name: Type.Optional(editable.name),
    keywords: Type.Optional(editable.keywords),
    logo: Type.Optional(editable.logo),
    mode: Type.Optional(editable.mode),
    fields: Type.Optional(editable.fields),
    amountRule: Type.Optional(editable.amountRule),
    feeRule: Type.Optional(editable.feeRule),
    position: Type.Optional(editable.position),
    endpointUrl: Type.Optional(editable.endpointUrl),
    endpointSecret: Type.Optional(editable.endpointSecret),
  },
  { ...strict, minProperties: 2 },
);
export type ProviderEdit = Omit<Static<typeof EditProviderBody>, 'version'>;

export const SettlementChangeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The provider’s version the maker read' }),
    legalName: Type.String({ maxLength: TEXT_MAX }),
    bin: Type.String({ maxLength: 32 }),
    settlementIban: Type.String({ maxLength: 64 }),
    reason: Type.String({ minLength: 5, maxLength: 500, description: 'Why, e.g. the provider’s letter: the checker reads it' }),
  },
  strict,
);

export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 5, maxLength: 500 }) }, strict);

export const ProviderListQuery = Type.Object(
  {
    status: Type.Optional(literalUnion(PROVIDER_STATUSES)),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    mode: Type.Optional(literalUnion(PROVIDER_MODES)),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Part of a name in any language, or of the slug' })),
  },
  strict,
);

export const StaffProviderSummary = Type.Intersect([
  ProviderSummary,
  Type.Object({ status: literalUnion(PROVIDER_STATUSES), position: Type.Integer(), version: Type.Integer(), updatedAt: Timestamp }),
]);

export const StaffProviderList = Type.Object({
  items: Type.Array(StaffProviderSummary),
  categories: Type.Array(CategoryView),
  truncated: Type.Boolean({ description: 'More providers matched than one answer holds: narrow the filter' }),
});

const SettlementDetailsView = Type.Object({ legalName: Type.String(), bin: Type.String(), settlementIban: Type.String() });

export const PendingSettlementView = Type.Object({
  approvalId: Id('apr'),
  makerStaffId: Id('stf'),
  reason: Type.String(),
  to: SettlementDetailsView,
  createdAt: Timestamp,
  expiresAt: Timestamp,
});

export const StaffProviderView = Type.Intersect([
  ProviderView,
  Type.Object({
    keywords: Type.String(),
    settlementIban: Type.String(),
    status: literalUnion(PROVIDER_STATUSES),
    position: Type.Integer(),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    endpointUrl: nullable(Type.String({ description: 'Admins only (null for other roles); the secret is never shown' })),
    pendingSettlementChange: nullable(PendingSettlementView),
  }),
]);

export const SettlementRequestView = Type.Object({ approvalId: Id('apr'), status: Type.Literal('pending'), expiresAt: Timestamp });

export function staffProviderSummary(provider: Provider): Static<typeof StaffProviderSummary> {
  return {
    ...providerSummary(provider),
    status: provider.status,
    position: provider.position,
    version: provider.version,
    updatedAt: provider.updatedAt.toISOString(),
  };
}

export function staffProviderView(
  provider: Provider,
  extra: { endpointUrl: string | null; pending: Approval<'provider_settlement'> | null },
): Static<typeof StaffProviderView> {
  const { pending } = extra;
  return {
    ...providerView(provider),
    keywords: provider.keywords,
    settlementIban: provider.settlementIban,
    status: provider.status,
    position: provider.position,
    version: provider.version,
    createdAt: provider.createdAt.toISOString(),
    updatedAt: provider.updatedAt.toISOString(),
    endpointUrl: extra.endpointUrl,
    pendingSettlementChange: pending && {
      approvalId: pending.id,
      makerStaffId: pending.makerStaffId,
      reason: pending.reason,
      to: pending.payload.to,
      createdAt: pending.createdAt.toISOString(),
      expiresAt: pending.expiresAt.toISOString(),
    },
  };
}

export function fieldsFromInput(fields: Static<typeof FieldsInput>): ProviderField[] {
  return fields.map((field) => ({ ...field, phonePrefixes: field.phonePrefixes && [...field.phonePrefixes] }));
}

export function amountRuleFromInput(rule: Static<typeof AmountRuleInput>): ProviderDefinition['amountRule'] {
  return { kind: rule.kind, minMinor: BigInt(rule.minMinor), maxMinor: BigInt(rule.maxMinor) };
}

export function feeRuleFromInput(rule: Static<typeof FeeRuleInput>): ProviderDefinition['feeRule'] {
  return {
    fixedMinor: BigInt(rule.fixedMinor),
    percentBasisPoints: rule.percentBasisPoints,
    capMinor: rule.capMinor === null ? null : BigInt(rule.capMinor),
  };
}

/** Runs of spaces are one, as on the provider's registration papers. */
export function normalizedLegalName(typed: string): string {
  return typed.trim().replace(/\s+/gu, ' ');
}

/** The settlement IBAN in its stored form, or as typed so that the rules point at it. */
export function settlementIbanOf(typed: string): string {
  return canonicalSettlementIban(typed) ?? typed;
}

export function definitionFromInput(body: CreateProviderInput, positionDefault: number): ProviderDefinition {
  return {
    slug: body.slug,
    categoryId: body.categoryId,
    name: body.name,
    keywords: body.keywords ?? '',
    logo: body.logo,
    legalName: normalizedLegalName(body.legalName),
    bin: body.bin.trim(),
    settlementIban: settlementIbanOf(body.settlementIban),
    mode: body.mode,
    fields: fieldsFromInput(body.fields),
    amountRule: amountRuleFromInput(body.amountRule),
    feeRule: feeRuleFromInput(body.feeRule),
    currency: body.currency ?? 'KZT',
    position: body.position ?? positionDefault,
  };
}
