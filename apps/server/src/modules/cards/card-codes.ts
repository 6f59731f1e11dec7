import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import type { Customer } from '../identity/index.js';
import {
  codePolicy,
  codeSmsText,
  type IssueResult,
  resendCode,
  resendFailureProblem,
  tryIssueCode,
  type VerifyResult,
  verifyCode,
} from '../sca/index.js';
import { customerOf, lockLiveCard } from './card-controls.service.js';
import { lockPendingLimitRequest, lockRequestedReveal } from './card-requests.repo.js';
import { cardNotFound } from './cards.access.js';
import { CardProblem } from './cards.errors.js';
import { limitsText, unlimitedText } from './cards.messages.js';
import type { Confirmation } from './cards.schemas.js';
import type { Card, CardLimits } from './cards.types.js';

/**
 * The two codes a card asks for (sca purposes card_reveal and card_limit), each bound to what it
 * opens (RTS art. 5 dynamic linking): the card and its last 4 digits for a reveal; the card and
 * the values asked for a raise. A code for another card, another value or another purpose is no
 * code for this one.
 */

export type CardCodeSubject =
  | { purpose: 'card_reveal' }
  | { purpose: 'card_limit'; limits: CardLimits; change: string }
  | { purpose: 'card_limit'; unlimitedDays: number; change: string };

function details(card: Pick<Card, 'id' | 'last4'>, subject: CardCodeSubject): Record<string, unknown> {
  if (subject.purpose === 'card_reveal') return { cardId: card.id, last4: card.last4 };
  if ('limits' in subject) return { cardId: card.id, limits: subject.limits };
  return { cardId: card.id, unlimitedDays: subject.unlimitedDays };
}

/** The code SMS naming the card and what the code opens, in the customer's language. */
function smsTextOf(ctx: AppContext, customer: Customer, card: Pick<Card, 'last4'>, subject: CardCodeSubject) {
  const kind =
    subject.purpose === 'card_reveal'
      ? { purpose: 'card_reveal' as const, last4: card.last4 }
      : { purpose: 'card_limit' as const, last4: card.last4, change: subject.change };
  return codeSmsText(kind, customer.language, ctx.config.officialDomain);
}

/**
 * A code to the customer's phone, in the caller's transaction. A refusal (a cap reached, a
 * number outside the allowed countries) is a value: its audit row commits, nothing else is written.
 */
export function issueCardCode(
  tx: Tx,
  ctx: AppContext,
  input: { customer: Customer; card: Card; subject: CardCodeSubject; meta: RequestMeta; now: Date },
): Promise<IssueResult> {
  const { customer, card, subject } = input;
  return tryIssueCode(
    tx,
    { keyring: ctx.config.keyring, now: input.now },
    {
      purpose: subject.purpose,
      phone: customer.phone,
      customerId: customer.id,
      details: details(card, subject),
      smsText: smsTextOf(ctx, customer, card, subject),
      meta: input.meta,
      policy: codePolicy(ctx.config),
    },
  );
}

/** Checks the code of a card step under the challenge's lock (sca verifyCode); the caller commits the counted try. */
export async function verifyCardCode(
  tx: Tx,
  ctx: AppContext,
  input: { card: Card; subject: CardCodeSubject; challengeId: string; code: string; meta: RequestMeta; now: Date },
): Promise<VerifyResult> {
  const result = await verifyCode(
    tx,
    { keyring: ctx.config.keyring, now: input.now },
    {
      challengeId: input.challengeId,
      code: input.code,
      purpose: input.subject.purpose,
      details: details(input.card, input.subject),
      meta: input.meta,
    },
  );
  // A code that passed but was sent to someone else's phone (never, by construction) proves nothing here.
  if (result.ok && result.customerId !== input.card.customerId) return { ok: false, reason: 'not-pending' };
  return result;
}

export function confirmationJson(code: { challengeId: string; expiresAt: Date; resendAvailableAt: Date }): Confirmation {
  return {
    challengeId: code.challengeId,
    expiresAt: code.expiresAt.toISOString(),
    resendAvailableAt: code.resendAvailableAt.toISOString(),
  };
}

/**
 * The card step a challenge was sent for, still waiting on this card (a reveal asked, a raise of
 * the limits asked), under its row lock, as its code is worded; null for any other challenge
 * (another card's, another customer's, a step done or voided).
 */
async function waitingSubject(tx: Tx, card: Card, challengeId: string, customer: Customer): Promise<CardCodeSubject | null> {
  if (await lockRequestedReveal(tx, card.id, challengeId)) return { purpose: 'card_reveal' };
  const request = await lockPendingLimitRequest(tx, card.id, challengeId);
  if (!request) return null;
  if (request.limits) {
    return { purpose: 'card_limit', limits: request.limits, change: limitsText(request.limits, card.currency, customer.language) };
  }
  const days = request.unlimitedDays ?? 0;
  return { purpose: 'card_limit', unlimitedDays: days, change: unlimitedText(days, customer.language) };
}

/**
 * A new code for a card step still waiting for one, as a transfer's resend (SECURITY.md 10): the
 * same challenge gets a new code and the earlier one stops working at once, after the 60 s pause
 * and within the hourly caps of codes, counted like a new code (sca resendCode, which audits the
 * old code voided and the new one sent). The SMS is worded again from the step's request, in the
 * customer's language now. Another customer's card is 404 and audited (cardNotFound); a challenge
 * that is no waiting step of this card (another customer's, one done or voided) is 404 and
 * audited too; a frozen card still may (its details and limits may be looked at), a closed one not.
 */
export async function resendCardCode(
  ctx: AppContext,
  input: { customerId: string; cardId: string; challengeId: string; meta: RequestMeta },
): Promise<Confirmation> {
  const now = ctx.clock.now();
  type Outcome = { ok: true; confirmation: Confirmation } | { ok: false; problem: ProblemError | null; unknownCode?: true };
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    const locked = await lockLiveCard(tx, ctx, { ...input, now });
    if (!locked) return { ok: false, problem: null };
    if (locked instanceof ProblemError) return { ok: false, problem: locked };
    const { card } = locked;
    // SECURITY.md 33: no code is sent for a step that would be refused anyway (both steps refuse a blocked customer).
    const blocked = await ctx.blocks.outgoingRefusal(tx, card.customerId);
    if (blocked) return { ok: false, problem: blocked };
    const customer = await customerOf(tx, card);
    const subject = await waitingSubject(tx, card, input.challengeId, customer);
    if (!subject) return { ok: false, problem: null, unknownCode: true };
    const resent = await resendCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        challengeId: input.challengeId,
        smsText: smsTextOf(ctx, customer, card, subject),
        limits: ctx.config.codeRateLimits,
        meta: input.meta,
      },
    );
    if (!resent.ok) return { ok: false, problem: resendFailureProblem(resent) };
    return { ok: true, confirmation: confirmationJson(resent.code) };
  });
  if (outcome.ok) return outcome.confirmation;
  if (outcome.problem) throw outcome.problem;
  throw outcome.unknownCode ? await codeNotFound(ctx, input) : await cardNotFound(ctx, input.customerId, input.cardId, input.meta);
}

/** SECURITY.md 23: a code id that is no waiting step of the caller's card is "not found", and audited. */
async function codeNotFound(ctx: AppContext, input: { customerId: string; cardId: string; challengeId: string; meta: RequestMeta }) {
  await recordAuditAlone(ctx.db, {
    event: 'access.denied',
    customerId: input.customerId,
    meta: input.meta,
    details: { resource: 'card_code', cardId: input.cardId, challengeId: input.challengeId },
    occurredAt: ctx.clock.now(),
  });
  return new ProblemError(CardProblem['card-confirmation-not-found']);
}
