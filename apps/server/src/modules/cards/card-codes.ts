import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import type { Customer } from '../identity/index.js';
import { codePolicy, codeSmsText, type IssueResult, tryIssueCode, type VerifyResult, verifyCode } from '../sca/index.js';
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
  const kind =
    subject.purpose === 'card_reveal'
      ? { purpose: 'card_reveal' as const, last4: card.last4 }
      : { purpose: 'card_limit' as const, last4: card.last4, change: subject.change };
  return tryIssueCode(
    tx,
    { keyring: ctx.config.keyring, now: input.now },
    {
      purpose: subject.purpose,
      phone: customer.phone,
      customerId: customer.id,
      details: details(card, subject),
      smsText: codeSmsText(kind, customer.language, ctx.config.officialDomain),
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
