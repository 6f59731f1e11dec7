import type { Config } from '../../config.js';
import type { Account } from '../ledger/index.js';
import type { CardView } from './cards.schemas.js';
import { type Card, type CardControls, type CardLimits, effectiveStatus, maskedPan, unlimitedNow } from './cards.types.js';

/** How a card looks in the customer's API: masked, with its status as it counts now and what can be done with it. */

export interface ViewContext {
  now: Date;
  /** The customer's access is blocked by the bank (modules/blocks, through the blocks port). */
  blockedByBank: boolean;
  account: Pick<Account, 'id' | 'kind' | 'displayName'>;
  spent: { day: bigint; month: bigint };
  config: Pick<Config, 'cards' | 'bankTimeZone'>;
}

/** The network by the BIN's leading digits (ISO/IEC 7812): 4 Visa; 51–55 and 2221–2720 Mastercard. */
export function cardNetwork(first6: string): CardView['network'] {
  if (first6.startsWith('4')) return 'visa';
  const two = Number(first6.slice(0, 2));
  const four = Number(first6.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  return 'other';
}

export function expiryText(card: Pick<Card, 'expiryMonth' | 'expiryYear'>): string {
  return `${String(card.expiryMonth).padStart(2, '0')}/${String(card.expiryYear % 100).padStart(2, '0')}`;
}

/** Limits as JSON numbers (the API, the audit rows): amounts stay below 2^53 (AMOUNT_MINOR_MAX). */
export function limitsJson(limits: CardLimits) {
  return {
    perOperationMinor: Number(limits.perOperationMinor),
    perDayMinor: Number(limits.perDayMinor),
    perMonthMinor: Number(limits.perMonthMinor),
  };
}

export function defaultLimitsOf(config: Pick<Config, 'cards'>, currency: Card['currency']): CardLimits {
  return config.cards.internetLimitsDefault[currency];
}

export function cardView(card: Card, controls: CardControls, context: ViewContext): CardView {
  const status = effectiveStatus(card, context.now, context.config.bankTimeZone);
  const live = status === 'active' || status === 'frozen';
  return {
    id: card.id,
    kind: card.kind,
    status,
    productName: card.productName,
    network: cardNetwork(card.first6),
    maskedPan: maskedPan(card),
    last4: card.last4,
    expiryMonth: card.expiryMonth,
    expiryYear: card.expiryYear,
    expiry: expiryText(card),
    cardholderName: card.cardholderName,
    currency: card.currency,
    account: {
      id: context.account.id,
      kind: context.account.kind === 'ewallet' ? 'ewallet' : 'customer_current',
      displayName: context.account.displayName,
    },
    blockedByBank: context.blockedByBank,
    usable: status === 'active' && !context.blockedByBank,
    closeReason: card.closeReason,
    createdAt: card.createdAt.toISOString(),
    closedAt: card.closedAt?.toISOString() ?? null,
    controls: {
      internetEnabled: controls.internetEnabled,
      contactlessEnabled: controls.contactlessEnabled,
      cashEnabled: controls.cashEnabled,
      limits: limitsJson(controls.limits),
      defaultLimits: limitsJson(defaultLimitsOf(context.config, card.currency)),
      unlimited: unlimitedNow(controls, context.now),
      unlimitedUntil: unlimitedNow(controls, context.now) ? (controls.unlimitedUntil?.toISOString() ?? null) : null,
      unlimitedDaysMax: context.config.cards.unlimitedDaysMax,
      spentTodayMinor: Number(context.spent.day),
      spentThisMonthMinor: Number(context.spent.month),
    },
    actions: {
      freeze: status === 'active',
      unfreeze: status === 'frozen' && !context.blockedByBank,
      close: live,
      reveal: live && !context.blockedByBank,
      changeControls: live,
    },
  };
}
