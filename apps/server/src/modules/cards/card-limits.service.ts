import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { issueFailureProblem, verifyFailureProblem, voidCode } from '../sca/index.js';
import { type CardCodeSubject, confirmationJson, issueCardCode, verifyCardCode } from './card-codes.js';
import { customerOf, type LockedCard, lockLiveCard, viewAfter } from './card-controls.service.js';
import { decideLimitRequest, insertLimitRequest, lockPendingLimitRequest, voidPendingLimitRequests } from './card-requests.repo.js';
import { cardNotFound, notifyCard } from './cards.access.js';
import { CardProblem } from './cards.errors.js';
import { limitsText, unlimitedText } from './cards.messages.js';
import { updateControls } from './cards.repo.js';
import type { Confirmation, LimitsAnswer } from './cards.schemas.js';
import { type CardLimits, DAY_MS } from './cards.types.js';
import { defaultLimitsOf, limitsJson } from './cards.views.js';

/**
 * The internet limits (issue 14 item 5). Lowering a limit, or keeping it at the product's default
 * or under it, applies at once: it never needs a code. Raising one above the default (and above
 * where it stands now) and "no limit for N days" need an SMS code bound to the card and the
 * values (sca purpose card_limit); the change waits in card_limit_requests until the code passes.
 * "No limit" ends by the time (unlimited_until), or at once when the customer sets limits again.
 */

const LIMIT_KEYS = ['perOperationMinor', 'perDayMinor', 'perMonthMinor'] as const;

/** A raise that needs a code: some limit above the default and above its present value. */
export function raisesAboveDefault(next: CardLimits, current: CardLimits, defaults: CardLimits): boolean {
  return LIMIT_KEYS.some((key) => next[key] > defaults[key] && next[key] > current[key]);
}

type Outcome = { ok: true; confirmation: Confirmation | null } | { ok: false; problem: ProblemError | null };

/**
 * One limits use case in one transaction on the customer's live card, under its lock: `work`
 * returns a refusal as a value, so what it counted (a wrong code's try) commits before it is told.
 */
async function onLiveCard(
  ctx: AppContext,
  input: { customerId: string; cardId: string; meta: RequestMeta },
  work: (tx: Tx, locked: LockedCard, now: Date) => Promise<Outcome>,
): Promise<LimitsAnswer> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    const locked = await lockLiveCard(tx, ctx, { ...input, now });
    if (!locked) return { ok: false, problem: null };
    if (locked instanceof ProblemError) return { ok: false, problem: locked };
    return work(tx, locked, now);
  });
  if (!outcome.ok) throw outcome.problem ?? (await cardNotFound(ctx, input.customerId, input.cardId, input.meta));
  return { card: await viewAfter(ctx, input.cardId, now), confirmation: outcome.confirmation };
}

/** Writes limits now (ending any "no limit"), audited and notified. */
async function applyLimits(
  tx: Tx,
  ctx: AppContext,
  locked: LockedCard,
  limits: CardLimits,
  how: { raised: boolean; meta: RequestMeta; now: Date },
) {
  const { card, controls } = locked;
  await updateControls(tx, { ...controls, limits, unlimitedUntil: null, updatedAt: how.now });
  await recordAudit(tx, {
    event: 'card.limits_changed',
    customerId: card.customerId,
    meta: how.meta,
    details: { cardId: card.id, last4: card.last4, limits: limitsJson(limits), raised: how.raised, before: limitsJson(controls.limits) },
    occurredAt: how.now,
  });
  await notifyCard(tx, ctx, card, { event: 'limits', limits, currency: card.currency });
}

/**
 * A code for a raise. The card's earlier raises still waiting for their code are voided: only the
 * newest can pass, so a code read out for an old request opens nothing.
 */
type LimitSubject = Exclude<CardCodeSubject, { purpose: 'card_reveal' }>;

async function askCode(tx: Tx, ctx: AppContext, locked: LockedCard, subject: LimitSubject, meta: RequestMeta, now: Date): Promise<Outcome> {
  const { card } = locked;
  for (const challengeId of await voidPendingLimitRequests(tx, card.id, now)) {
    await voidCode(tx, { now }, { challengeId, reason: 'cancelled', meta });
  }
  const issued = await issueCardCode(tx, ctx, { customer: await customerOf(tx, card), card, subject, meta, now });
  if (!issued.ok) return { ok: false, problem: issueFailureProblem(issued) };
  await insertLimitRequest(tx, {
    id: newId('clr'),
    cardId: card.id,
    customerId: card.customerId,
    challengeId: issued.code.challengeId,
    limits: 'limits' in subject ? subject.limits : null,
    unlimitedDays: 'unlimitedDays' in subject ? subject.unlimitedDays : null,
    status: 'pending',
    createdAt: now,
  });
  await recordAudit(tx, {
    event: 'card.limits_raise_requested',
    customerId: card.customerId,
    meta,
    details: {
      cardId: card.id,
      last4: card.last4,
      challengeId: issued.code.challengeId,
      ...('limits' in subject ? { limits: limitsJson(subject.limits) } : { unlimitedDays: subject.unlimitedDays }),
    },
    occurredAt: now,
  });
  return { ok: true, confirmation: confirmationJson(issued.code) };
}

export async function setLimits(
  ctx: AppContext,
  input: { customerId: string; cardId: string; limits: CardLimits; meta: RequestMeta },
): Promise<LimitsAnswer> {
  const { limits } = input;
  if (limits.perOperationMinor > limits.perDayMinor || limits.perDayMinor > limits.perMonthMinor) {
    throw new ProblemError(CardProblem['card-limits-inconsistent']);
  }
  return onLiveCard(ctx, input, async (tx, locked, now) => {
    const defaults = defaultLimitsOf(ctx.config, locked.card.currency);
    if (raisesAboveDefault(limits, locked.controls.limits, defaults)) {
      const change = limitsText(limits, locked.card.currency, (await customerOf(tx, locked.card)).language);
      return askCode(tx, ctx, locked, { purpose: 'card_limit', limits, change }, input.meta, now);
    }
    await applyLimits(tx, ctx, locked, limits, { raised: false, meta: input.meta, now });
    return { ok: true, confirmation: null };
  });
}

/** "No limit for N days" (Kaspi's 30): always above the default, so always with a code. */
export async function startUnlimited(
  ctx: AppContext,
  input: { customerId: string; cardId: string; days: number; meta: RequestMeta },
): Promise<LimitsAnswer> {
  const max = ctx.config.cards.unlimitedDaysMax;
  if (input.days > max) throw new ProblemError(CardProblem['card-unlimited-too-long'], { values: { days: max } });
  return onLiveCard(ctx, input, async (tx, locked, now) => {
    const change = unlimitedText(input.days, (await customerOf(tx, locked.card)).language);
    return askCode(tx, ctx, locked, { purpose: 'card_limit', unlimitedDays: input.days, change }, input.meta, now);
  });
}

/** Ends "no limit" at once: the limits apply again. A lowering, so no code. */
export async function endUnlimited(
  ctx: AppContext,
  input: { customerId: string; cardId: string; meta: RequestMeta },
): Promise<LimitsAnswer> {
  return onLiveCard(ctx, input, async (tx, { card, controls }, now) => {
    if (controls.unlimitedUntil === null || controls.unlimitedUntil <= now) return { ok: true, confirmation: null };
    await updateControls(tx, { ...controls, unlimitedUntil: null, updatedAt: now });
    await recordAudit(tx, {
      event: 'card.limits_changed',
      customerId: card.customerId,
      meta: input.meta,
      details: { cardId: card.id, last4: card.last4, unlimitedEnded: true },
      occurredAt: now,
    });
    await notifyCard(tx, ctx, card, { event: 'unlimited_ended' });
    return { ok: true, confirmation: null };
  });
}

/**
 * The code of a raise: the request it was sent for, on this card, still pending; the code is
 * checked against the values asked. A wrong code counts a try (and commits it); a void or expired
 * one ends the request.
 */
export async function confirmLimits(
  ctx: AppContext,
  input: { customerId: string; cardId: string; challengeId: string; code: string; meta: RequestMeta },
): Promise<LimitsAnswer> {
  return onLiveCard(ctx, input, async (tx, locked, now) => {
    const request = await lockPendingLimitRequest(tx, locked.card.id, input.challengeId);
    if (!request) return { ok: false, problem: new ProblemError(CardProblem['card-confirmation-not-found']) };
    const subject: LimitSubject = request.limits
      ? { purpose: 'card_limit', limits: request.limits, change: '' }
      : { purpose: 'card_limit', unlimitedDays: request.unlimitedDays ?? 0, change: '' };
    const verified = await verifyCardCode(tx, ctx, { ...input, card: locked.card, subject, now });
    if (!verified.ok) {
      if (verified.reason !== 'invalid') await decideLimitRequest(tx, request.id, 'void', now);
      return { ok: false, problem: verifyFailureProblem(verified) };
    }
    await decideLimitRequest(tx, request.id, 'applied', now);
    if (request.limits) await applyLimits(tx, ctx, locked, request.limits, { raised: true, meta: input.meta, now });
    else await applyUnlimited(tx, ctx, locked, request.unlimitedDays ?? 0, input.meta, now);
    return { ok: true, confirmation: null };
  });
}

async function applyUnlimited(tx: Tx, ctx: AppContext, { card, controls }: LockedCard, days: number, meta: RequestMeta, now: Date) {
  const until = new Date(now.getTime() + days * DAY_MS);
  await updateControls(tx, { ...controls, unlimitedUntil: until, updatedAt: now });
  await recordAudit(tx, {
    event: 'card.limits_changed',
    customerId: card.customerId,
    meta,
    details: { cardId: card.id, last4: card.last4, unlimitedUntil: until.toISOString(), raised: true },
    occurredAt: now,
  });
  await notifyCard(tx, ctx, card, { event: 'unlimited', until });
}
