import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { changeCardStatus } from './card-status.service.js';
import { ownedOrNull } from './cards.access.js';
import { selectCard, selectControls, selectCustomerCards } from './cards.repo.js';
import { issueCard } from './cards.service.js';
import { effectiveStatus, maskedPan } from './cards.types.js';
import { cardNetwork } from './cards.views.js';
import { cardVault } from './issuing.js';
import { dropHeldCard, type HeldCard, type HeldCardId, holdCard, withHeldCard } from './vault/index.js';

/**
 * What the hosted checkout (modules/acquiring/checkout, issue 15 item 3) may do with card
 * numbers, and no more: hold a typed card in the vault while 3-D Secure runs and open it for the
 * one authorisation call, and let a logged-in customer pay with one of their own cards, whose
 * number comes out of the vault for that one call. Everything else about cards stays here.
 */

export type { HeldCard, HeldCardId };

export function holdTypedCard(ctx: AppContext, card: HeldCard): Promise<HeldCardId> {
  return holdCard(ctx.db, ctx.config.cardKek, card, ctx.clock.now());
}

export function withTypedCard<T>(ctx: AppContext, id: HeldCardId, use: (card: HeldCard) => Promise<T>): Promise<T | null> {
  return withHeldCard(ctx.db, ctx.config.cardKek, id, ctx.clock.now(), use);
}

export function dropTypedCard(ctx: AppContext, id: HeldCardId): Promise<void> {
  return dropHeldCard(ctx.db, id);
}

/** DE14's YYMM of a card's expiry. */
function expiryOf(card: { expiryMonth: number; expiryYear: number }): string {
  return `${String(card.expiryYear % 100).padStart(2, '0')}${String(card.expiryMonth).padStart(2, '0')}`;
}

/**
 * The customer's own card, opened for one payment call: its number from the vault, its expiry, no
 * CVC2 (the session and 3-D Secure stand for it). Null for a card that is not the customer's.
 */
export async function withOwnCard<T>(
  ctx: AppContext,
  customerId: string,
  cardId: string,
  use: (card: HeldCard) => Promise<T>,
): Promise<T | null> {
  const card = ownedOrNull(await selectCard(ctx.db, cardId), customerId);
  if (!card) return null;
  const expiry = expiryOf(card);
  return cardVault(ctx).withPan(ctx.db, card.vaultId, (pan) => use({ pan, expiry, cvc2: null, cardholderName: card.cardholderName }));
}

export interface CheckoutCard {
  id: string;
  masked: string;
  network: ReturnType<typeof cardNetwork>;
  status: ReturnType<typeof effectiveStatus>;
  internetEnabled: boolean;
  currency: string;
}

const CHECKOUT_CARDS_MAX = 20;

/** The customer's cards as the checkout offers them: masked, with what would stop a payment shown. */
export async function checkoutCardsOf(ctx: AppContext, customerId: string): Promise<CheckoutCard[]> {
  const now = ctx.clock.now();
  const cards = await selectCustomerCards(ctx.db, customerId, CHECKOUT_CARDS_MAX);
  const listed: CheckoutCard[] = [];
  for (const card of cards) {
    const status = effectiveStatus(card, now, ctx.config.bankTimeZone);
    if (status === 'closed' || status === 'expired') continue;
    const controls = await selectControls(ctx.db, card.id);
    listed.push({
      id: card.id,
      masked: maskedPan(card),
      network: cardNetwork(card.first6),
      status,
      internetEnabled: controls?.internetEnabled ?? false,
      currency: card.currency,
    });
  }
  return listed;
}

/**
 * Paying from the e-wallet at the checkout: a single-use virtual card on it for this one purchase,
 * so the e-wallet's money goes the card's way (3-D Secure with a code bound to the amount and the
 * merchant, the hold, the history, refunds back to the e-wallet) and closes itself once approved.
 * Issued as the customer would issue it (their caps, blocks and agreement checked), once per
 * purchase key: a retry gets the same card. Refusals are cards' problems (card-account-not-found…).
 */
export async function singleUseCardFor(
  ctx: AppContext,
  input: { customerId: string; accountId: string; purchaseKey: string; meta: RequestMeta },
): Promise<string> {
  const idempotencyKey = `checkout-${createHash('sha256').update(input.purchaseKey).digest('hex').slice(0, 40)}`;
  const issued = await issueCard(ctx, {
    customerId: input.customerId,
    accountId: input.accountId,
    kind: 'single_use',
    idempotencyKey,
    meta: input.meta,
  });
  return issued.card.id;
}

/** The single-use card of a purchase declined at once: closed, so declines leave no unused cards behind. */
export async function closeSingleUseCard(ctx: AppContext, input: { customerId: string; cardId: string; meta: RequestMeta }): Promise<void> {
  const card = ownedOrNull(await selectCard(ctx.db, input.cardId), input.customerId);
  if (card?.kind !== 'single_use' || card.status !== 'active') return;
  await changeCardStatus(ctx, { customerId: input.customerId, cardId: input.cardId, action: 'close', meta: input.meta });
}
