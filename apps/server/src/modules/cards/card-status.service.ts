import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { cardNotFound, catchUpExpiry, loadCardView, notifyCard, ownedOrNull } from './cards.access.js';
import { CardProblem, statusRefused } from './cards.errors.js';
import { lockCard, selectCard, updateCardStatus } from './cards.repo.js';
import type { CardView } from './cards.schemas.js';
import { type Card, type CardStatus, canTransition } from './cards.types.js';

/**
 * Freeze, unfreeze and close: one tap each, no code (issue 14 item 5). Each step goes through the
 * status machine (cards.types.ts), is audited and notified. A step the machine refuses is a 409
 * that names the status; a card past its expiry month is recorded expired first (catchUpExpiry).
 */

type Step = { to: 'frozen' | 'active' | 'closed'; event: 'card.frozen' | 'card.unfrozen' | 'card.closed' };

const STEPS = {
  freeze: { to: 'frozen', event: 'card.frozen' },
  unfreeze: { to: 'active', event: 'card.unfrozen' },
  close: { to: 'closed', event: 'card.closed' },
} as const satisfies Record<string, Step>;

export type StatusAction = keyof typeof STEPS;

type Outcome = { ok: true } | { ok: false; problem: ProblemError | null };

async function stepInTx(tx: Tx, ctx: AppContext, action: StatusAction, card: Card, meta: RequestMeta, now: Date): Promise<Outcome> {
  const step = STEPS[action];
  const status: CardStatus = await catchUpExpiry(tx, ctx, card, meta, now);
  if (!canTransition(status, step.to)) return { ok: false, problem: statusRefused(status) };
  // Issue 14 item 6: while the bank has blocked the customer's access, a card cannot come back to use.
  if (action === 'unfreeze' && (await ctx.blocks.outgoingRefusal(tx, card.customerId))) {
    return {
      ok: false,
      problem: new ProblemError(CardProblem['card-blocked-by-bank'], { values: { contactPhone: ctx.config.contactCenterPhone } }),
    };
  }
  const changed = await updateCardStatus(tx, card.id, step.to, { now, ...(step.to === 'closed' ? { closeReason: 'customer' } : {}) });
  assert(changed, `card ${card.id} left ${status} under its own lock`);
  await recordAudit(tx, {
    event: step.event,
    customerId: card.customerId,
    meta,
    details: { cardId: card.id, last4: card.last4, from: status },
    occurredAt: now,
  });
  await notifyCard(tx, ctx, card, { event: action === 'freeze' ? 'frozen' : action === 'unfreeze' ? 'unfrozen' : 'closed' });
  return { ok: true };
}

/** Freezes, unfreezes or closes the customer's card; another customer's card is not found, and audited. */
export async function changeCardStatus(
  ctx: AppContext,
  input: { customerId: string; cardId: string; action: StatusAction; meta: RequestMeta },
): Promise<CardView> {
  const now = ctx.clock.now();
  // The refusal is returned, not thrown, so the expiry recorded on the way commits with its audit row.
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    const card = ownedOrNull(await lockCard(tx, input.cardId), input.customerId);
    if (!card) return { ok: false, problem: null };
    return stepInTx(tx, ctx, input.action, card, input.meta, now);
  });
  if (!outcome.ok) throw outcome.problem ?? (await cardNotFound(ctx, input.customerId, input.cardId, input.meta));
  const card = await selectCard(ctx.db, input.cardId);
  assert(card !== null, `card ${input.cardId} vanished`);
  return loadCardView(ctx.db, ctx, card, now);
}
