import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { calendarDay, calendarMonthStart } from '../../shared/datetime.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { getAccount } from '../ledger/index.js';
import { notifyInApp, queueSms } from '../notifications/index.js';
import { internetSpent } from './card-requests.repo.js';
import { CardProblem } from './cards.errors.js';
import { type CardNotice, cardNoticeTexts } from './cards.messages.js';
import { selectControls, updateCardStatus } from './cards.repo.js';
import type { CardView } from './cards.schemas.js';
import { type Card, type CardStatus, effectiveStatus } from './cards.types.js';
import { cardView } from './cards.views.js';

/** What every card use case shares: the owner check, the view, the notice, the expiry by date. */

/**
 * SECURITY.md 23: a card that is not the caller's is "not found", the same answer as a card that
 * does not exist, and the attempt is audited. Called after the transaction that found nothing.
 */
export async function cardNotFound(ctx: AppContext, customerId: string, cardId: string, meta: RequestMeta): Promise<ProblemError> {
  await recordAuditAlone(ctx.db, {
    event: 'access.denied',
    customerId,
    meta,
    details: { resource: 'card', cardId },
    occurredAt: ctx.clock.now(),
  });
  return new ProblemError(CardProblem['card-not-found']);
}

/** The card if it is this customer's; null for anyone else's or none (the caller answers cardNotFound). */
export function ownedOrNull(card: Card | null, customerId: string): Card | null {
  return card && card.customerId === customerId ? card : null;
}

/** The internet spending of a card this bank day and month (BANK_TIME_ZONE), as the limits count it. */
export function spentNow(q: Queryable, ctx: AppContext, cardId: string, now: Date): Promise<{ day: bigint; month: bigint }> {
  const zone = ctx.config.bankTimeZone;
  return internetSpent(q, cardId, calendarDay(now, zone), calendarMonthStart(now, zone));
}

/** The customer's view of a card: masked, with its controls, account, spending and the bank's block. */
export async function loadCardView(q: Queryable, ctx: AppContext, card: Card, now: Date): Promise<CardView> {
  const [controls, account, refusal, spent] = await Promise.all([
    selectControls(q, card.id),
    getAccount(q, card.accountId),
    ctx.blocks.outgoingRefusal(q, card.customerId),
    spentNow(q, ctx, card.id, now),
  ]);
  assert(controls !== null, `card ${card.id} has no controls row`);
  assert(account !== null, `card ${card.id} names no account`);
  return cardView(card, controls, { now, blockedByBank: refusal !== null, account, spent, config: ctx.config });
}

/**
 * Tells the customer about a change of their card: in the app and by SMS (issue 14 item 5), in
 * their language, through the outbox in the caller's transaction. A reveal is told in the app
 * only: its code SMS a moment before said the same.
 */
export async function notifyCard(tx: Tx, ctx: AppContext, card: Card, notice: CardNotice, channels = { sms: true }): Promise<void> {
  const customer = await findCustomerById(tx, card.customerId);
  if (!customer) return;
  const texts = cardNoticeTexts(notice, {
    language: customer.language,
    last4: card.last4,
    domain: ctx.config.officialDomain,
    contactPhone: ctx.config.contactCenterPhone,
    timeZone: ctx.config.bankTimeZone,
  });
  await notifyInApp(tx, { customerId: customer.id, kind: `card.${notice.event}`, title: texts.title, body: texts.body });
  if (channels.sms) await queueSms(tx, { to: customer.phone, text: texts.sms, purpose: `card-${notice.event}` });
}

/**
 * The machine's date step (cards.types.ts): a card still active or frozen past its expiry month
 * is recorded expired by the first write that finds it so, and audited. Returns the status that
 * counts now. The caller holds the card's lock.
 */
export async function catchUpExpiry(tx: Tx, ctx: AppContext, card: Card, meta: RequestMeta | null, now: Date): Promise<CardStatus> {
  const status = effectiveStatus(card, now, ctx.config.bankTimeZone);
  if (status === 'expired' && card.status !== 'expired' && (await updateCardStatus(tx, card.id, 'expired', { now }))) {
    await recordAudit(tx, {
      event: 'card.expired',
      customerId: card.customerId,
      meta,
      details: { cardId: card.id, last4: card.last4, from: card.status },
      occurredAt: now,
    });
  }
  return status;
}
