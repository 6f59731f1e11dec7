import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { cardNotFound, catchUpExpiry, loadCardView, notifyCard, ownedOrNull } from './cards.access.js';
import { statusRefused } from './cards.errors.js';
import type { ControlChange } from './cards.messages.js';
import { lockCard, selectCard, selectControls, updateControls } from './cards.repo.js';
import type { CardView } from './cards.schemas.js';
import { type Card, type CardControls, isLive } from './cards.types.js';

/**
 * The switches the customer flips in one tap (issue 14 item 5): internet payments, contactless,
 * cash. Applied at once, audited and notified; none needs a code (turning a switch off is the
 * safe way, turning it on gives back only what the limits already bound). The limits are in
 * card-limits.service.ts.
 */

export type Toggles = { internetEnabled?: boolean; contactlessEnabled?: boolean; cashEnabled?: boolean };

const TOGGLES = [
  ['internetEnabled', 'internet'],
  ['contactlessEnabled', 'contactless'],
  ['cashEnabled', 'cash'],
] as const;

/** What a card change works on: the customer's live card and its controls, under the card's lock. */
export type LockedCard = { card: Card; controls: CardControls };

/**
 * Locks the customer's card and reads its controls; null when it is not theirs. A card that is
 * closed or expired (by the date too) has no controls to change: the status refusal is returned,
 * and an expiry found on the way is recorded.
 */
export async function lockLiveCard(
  tx: Tx,
  ctx: AppContext,
  input: { customerId: string; cardId: string; meta: RequestMeta; now: Date },
): Promise<LockedCard | ProblemError | null> {
  const card = ownedOrNull(await lockCard(tx, input.cardId), input.customerId);
  if (!card) return null;
  const status = await catchUpExpiry(tx, ctx, card, input.meta, input.now);
  if (!isLive(status)) return statusRefused(status);
  const controls = await selectControls(tx, card.id);
  assert(controls !== null, `card ${card.id} has no controls row`);
  return { card, controls };
}

/** Reads the card after a committed change, for the answer. */
export async function viewAfter(ctx: AppContext, cardId: string, now: Date): Promise<CardView> {
  const card = await selectCard(ctx.db, cardId);
  assert(card !== null, `card ${cardId} vanished`);
  return loadCardView(ctx.db, ctx, card, now);
}

export async function setToggles(
  ctx: AppContext,
  input: { customerId: string; cardId: string; toggles: Toggles; meta: RequestMeta },
): Promise<CardView> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const locked = await lockLiveCard(tx, ctx, { ...input, now });
    if (!locked || locked instanceof ProblemError) return locked;
    const { card, controls } = locked;
    const changes: ControlChange[] = [];
    const next: CardControls = { ...controls, updatedAt: now };
    for (const [field, control] of TOGGLES) {
      const wanted = input.toggles[field];
      if (wanted === undefined || wanted === controls[field]) continue;
      next[field] = wanted;
      changes.push({ control, enabled: wanted });
    }
    // Nothing to change is no change: no audit row, no notice.
    if (changes.length === 0) return locked;
    await updateControls(tx, next);
    await recordAudit(tx, {
      event: 'card.controls_changed',
      customerId: card.customerId,
      meta: input.meta,
      details: { cardId: card.id, last4: card.last4, changes },
      occurredAt: now,
    });
    await notifyCard(tx, ctx, card, { event: 'controls', changes });
    return locked;
  });
  if (outcome instanceof ProblemError) throw outcome;
  if (!outcome) throw await cardNotFound(ctx, input.customerId, input.cardId, input.meta);
  return viewAfter(ctx, input.cardId, now);
}

/** The customer of a card, for the code's phone and language; a card's customer always exists. */
export async function customerOf(tx: Tx, card: Card) {
  const customer = await findCustomerById(tx, card.customerId);
  assert(customer !== null, `card ${card.id} has no customer`);
  return customer;
}
