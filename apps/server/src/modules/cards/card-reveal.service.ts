import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { chargeCaps, issueFailureProblem, verifyFailureProblem } from '../sca/index.js';
import { confirmationJson, issueCardCode, verifyCardCode } from './card-codes.js';
import { customerOf, type LockedCard, lockLiveCard } from './card-controls.service.js';
import { cardExpiry } from './card-numbers.js';
import { insertReveal, lockRequestedReveal, markReveal, selectRevealsSince } from './card-requests.repo.js';
import { cardNotFound, notifyCard } from './cards.access.js';
import { CardProblem } from './cards.errors.js';
import type { RevealedDetails, RevealStarted } from './cards.schemas.js';
import { REVEAL_VISIBLE_SECONDS } from './cards.types.js';
import { expiryText } from './cards.views.js';
import { cvc2 } from './cvc.js';
import { cardVault } from './issuing.js';

/**
 * Showing a card's details (issue 14 item 4): the full number, the expiry and the CVC2, only after
 * an SMS code bound to "show card •••• 1234" (sca purpose card_reveal). The details are computed
 * for the answer (the vault's withPan, the CVC2 from CARD_CVK) and kept nowhere: not in a table,
 * not in the audit row, not in a log. At most CARD_REVEALS_PER_HOUR_MAX reveals per customer an
 * hour, counted atomically with each reveal (sca caps, scope card-reveal).
 */

const HOUR_MS = 3_600_000;

type Refusal = { ok: false; problem: ProblemError | null };

/** The customer's live card, not while the bank blocks their access; a refusal as a value. */
async function revealableCard(tx: Tx, ctx: AppContext, input: { customerId: string; cardId: string; meta: RequestMeta }, now: Date) {
  const locked = await lockLiveCard(tx, ctx, { ...input, now });
  if (!locked) return { ok: false, problem: null } satisfies Refusal;
  if (locked instanceof ProblemError) return { ok: false, problem: locked } satisfies Refusal;
  const blocked = await ctx.blocks.outgoingRefusal(tx, locked.card.customerId);
  if (blocked) return { ok: false, problem: blocked } satisfies Refusal;
  return { ok: true as const, locked };
}

function tooMany(ctx: AppContext, retryAfterSeconds: number): ProblemError {
  return new ProblemError(CardProblem['card-reveals-too-many'], {
    values: { max: ctx.config.cards.revealsPerHourMax },
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}

/**
 * Sends the code. No code goes out for a reveal that would be refused anyway (SECURITY.md 33):
 * past the hourly reveals, the refusal comes now, before the SMS.
 */
export async function startReveal(
  ctx: AppContext,
  input: { customerId: string; cardId: string; meta: RequestMeta },
): Promise<RevealStarted> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const found = await revealableCard(tx, ctx, input, now);
    if (!found.ok) return found;
    const { card } = found.locked;
    const shown = await selectRevealsSince(tx, card.customerId, new Date(now.getTime() - HOUR_MS));
    if (shown.count >= ctx.config.cards.revealsPerHourMax) {
      const freedAt = (shown.oldest?.getTime() ?? now.getTime()) + HOUR_MS;
      return { ok: false as const, problem: tooMany(ctx, Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000))) };
    }
    const issued = await issueCardCode(tx, ctx, {
      customer: await customerOf(tx, card),
      card,
      subject: { purpose: 'card_reveal' },
      meta: input.meta,
      now,
    });
    if (!issued.ok) return { ok: false as const, problem: issueFailureProblem(issued) };
    await insertReveal(tx, {
      id: newId('crv'),
      cardId: card.id,
      customerId: card.customerId,
      challengeId: issued.code.challengeId,
      status: 'requested',
      requestedAt: now,
    });
    await recordAudit(tx, {
      event: 'card.reveal_requested',
      customerId: card.customerId,
      meta: input.meta,
      details: { cardId: card.id, last4: card.last4, challengeId: issued.code.challengeId },
      occurredAt: now,
    });
    return { ok: true as const, started: { cardId: card.id, last4: card.last4, confirmation: confirmationJson(issued.code) } };
  });
  if (!outcome.ok) throw outcome.problem ?? (await cardNotFound(ctx, input.customerId, input.cardId, input.meta));
  return outcome.started;
}

/** The details, from the vault and the CVC2 method, for this answer only. */
async function details(tx: Tx, ctx: AppContext, { card }: LockedCard): Promise<RevealedDetails> {
  const expiry = cardExpiry(card.expiryMonth, card.expiryYear, ctx.config.bankTimeZone);
  return cardVault(ctx).withPan(tx, card.vaultId, (pan) => ({
    pan,
    expiryMonth: card.expiryMonth,
    expiryYear: card.expiryYear,
    expiry: expiryText(card),
    cvc2: cvc2(pan, expiry.yymm, ctx.config.cardCvk),
    cardholderName: card.cardholderName,
    visibleForSeconds: REVEAL_VISIBLE_SECONDS,
  }));
}

/**
 * The code of a reveal: the request it was sent for, on this card, still waiting; a code for
 * another card, one used already or one of another purpose opens nothing. A wrong code counts a
 * try and commits it; past the hourly reveals the whole step rolls back (the code stays unused).
 */
export async function confirmReveal(
  ctx: AppContext,
  input: { customerId: string; cardId: string; challengeId: string; code: string; meta: RequestMeta },
): Promise<RevealedDetails> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const found = await revealableCard(tx, ctx, input, now);
    if (!found.ok) return found;
    const { card } = found.locked;
    const reveal = await lockRequestedReveal(tx, card.id, input.challengeId);
    if (!reveal) return { ok: false as const, problem: verifyFailureProblem({ ok: false, reason: 'not-pending' }) };
    const verified = await verifyCardCode(tx, ctx, { ...input, card, subject: { purpose: 'card_reveal' }, now });
    if (!verified.ok) {
      if (verified.reason !== 'invalid') await markReveal(tx, reveal.id, 'void', now);
      return { ok: false as const, problem: verifyFailureProblem(verified) };
    }
    // SECURITY.md 33: checked and counted at once, so parallel confirmations never pass the cap.
    const cap = { scope: 'card-reveal' as const, key: card.customerId, max: ctx.config.cards.revealsPerHourMax, windowMs: HOUR_MS };
    const charged = await chargeCaps(tx, [cap], now);
    if (!charged.ok) throw tooMany(ctx, charged.retryAfterSeconds);
    await markReveal(tx, reveal.id, 'revealed', now);
    // The audit row names the card, never its number or CVC2.
    await recordAudit(tx, {
      event: 'card.revealed',
      customerId: card.customerId,
      meta: input.meta,
      details: { cardId: card.id, last4: card.last4, challengeId: input.challengeId },
      occurredAt: now,
    });
    await notifyCard(tx, ctx, card, { event: 'revealed' }, { sms: false });
    return { ok: true as const, details: await details(tx, ctx, found.locked) };
  });
  if (!outcome.ok) throw outcome.problem ?? (await cardNotFound(ctx, input.customerId, input.cardId, input.meta));
  return outcome.details;
}
