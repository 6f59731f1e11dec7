import { type Static, Type } from 'typebox';
import { Code, CodeStep, Id, literalUnion, strict, Timestamp } from '../../shared/schemas.js';
import { AMOUNT_MINOR_MAX, CURRENCY_CODES, CUSTOMER_ACCOUNT_KINDS } from '../ledger/index.js';
import { CARD_KINDS, CARD_STATUSES, CLOSE_REASONS } from './cards.types.js';

/** Cards as the customer's API shows them (issue 14): enough for a list with a picture, a card page, controls and the reveal. */

export const CardId = Id('crd');
export const CardParams = Type.Object({ cardId: CardId }, strict);

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const CARD_NETWORKS = ['visa', 'mastercard', 'other'] as const;

const Amount = Type.Integer({ minimum: 0, maximum: Number(AMOUNT_MINOR_MAX), description: 'Minor units of the card’s currency' });

export const LimitsSchema = Type.Object({
  perOperationMinor: Amount,
  perDayMinor: Amount,
  perMonthMinor: Amount,
});

export const ControlsView = Type.Object({
  internetEnabled: Type.Boolean(),
  contactlessEnabled: Type.Boolean({ description: 'For a later physical card' }),
  cashEnabled: Type.Boolean({ description: 'For a later physical card' }),
  limits: LimitsSchema,
  /** The product's defaults: up to these a raise needs no code. */
  defaultLimits: LimitsSchema,
  unlimited: Type.Boolean({ description: '"No limit" is in force now: the limits do not apply until unlimitedUntil' }),
  unlimitedUntil: nullable(Timestamp),
  unlimitedDaysMax: Type.Integer(),
  /** Internet spending counted towards the limits: this bank day and this month. */
  spentTodayMinor: Type.Integer(),
  spentThisMonthMinor: Type.Integer(),
});

export const CardView = Type.Object({
  id: Type.String(),
  kind: literalUnion(CARD_KINDS),
  status: literalUnion(CARD_STATUSES, { description: 'As it counts now: a card past its expiry month is expired' }),
  productName: Type.String(),
  network: literalUnion(CARD_NETWORKS),
  maskedPan: Type.String({ description: 'First 6 and last 4 digits: 440043••••••1234' }),
  last4: Type.String(),
  expiryMonth: Type.Integer({ minimum: 1, maximum: 12 }),
  expiryYear: Type.Integer(),
  expiry: Type.String({ description: 'MM/YY as printed' }),
  cardholderName: Type.String(),
  currency: literalUnion(CURRENCY_CODES),
  account: Type.Object({ id: Type.String(), kind: literalUnion(CUSTOMER_ACCOUNT_KINDS), displayName: Type.String() }),
  /** The bank has blocked the customer's access (modules/blocks): no card pays, and none can be unfrozen. */
  blockedByBank: Type.Boolean(),
  /** Whether the card can pay now: active, not expired, access not blocked. */
  usable: Type.Boolean(),
  closeReason: nullable(literalUnion(CLOSE_REASONS)),
  createdAt: Timestamp,
  closedAt: nullable(Timestamp),
  controls: ControlsView,
  /** What the card page can offer now. */
  actions: Type.Object({
    freeze: Type.Boolean(),
    unfreeze: Type.Boolean(),
    close: Type.Boolean(),
    reveal: Type.Boolean(),
    changeControls: Type.Boolean(),
  }),
});
export type CardView = Static<typeof CardView>;

export const CardList = Type.Object({
  items: Type.Array(CardView),
  activeMax: Type.Integer({ description: 'Cards in use one customer may have at once' }),
});

export const IssueBody = Type.Object(
  {
    accountId: Type.String({ pattern: '^acc_[0-9a-f]{32}$', description: 'Your current account or e-wallet; the card is in its currency' }),
    kind: Type.Optional(literalUnion(CARD_KINDS, { default: 'virtual' })),
  },
  strict,
);

export const ControlsBody = Type.Object(
  {
    internetEnabled: Type.Optional(Type.Boolean()),
    contactlessEnabled: Type.Optional(Type.Boolean()),
    cashEnabled: Type.Optional(Type.Boolean()),
  },
  { ...strict, minProperties: 1 },
);

export const LimitsBody = Type.Object(
  { perOperationMinor: Amount, perDayMinor: Amount, perMonthMinor: Amount },
  { ...strict, description: 'All three limits; above the default ones a code is asked' },
);

export const UnlimitedBody = Type.Object(
  { days: Type.Integer({ minimum: 1, maximum: 366, description: 'At most CARD_UNLIMITED_DAYS_MAX' }) },
  strict,
);

export const Confirmation = Type.Object({ challengeId: Type.String(), ...CodeStep.properties });
export type Confirmation = Static<typeof Confirmation>;

/** A control change: applied at once (`card`), or waiting for the code sent (`confirmation`). */
export const LimitsAnswer = Type.Object({
  card: CardView,
  confirmation: nullable(Confirmation),
});
export type LimitsAnswer = Static<typeof LimitsAnswer>;

export const ConfirmBody = Type.Object({ challengeId: Id('chl'), code: Code }, strict);

export const RevealStarted = Type.Object({ cardId: Type.String(), last4: Type.String(), confirmation: Confirmation });
export type RevealStarted = Static<typeof RevealStarted>;

export const RevealedDetails = Type.Object({
  pan: Type.String({ description: 'The full card number: show it, never store it' }),
  expiryMonth: Type.Integer(),
  expiryYear: Type.Integer(),
  expiry: Type.String({ description: 'MM/YY' }),
  cvc2: Type.String(),
  cardholderName: Type.String(),
  visibleForSeconds: Type.Integer(),
});
export type RevealedDetails = Static<typeof RevealedDetails>;
