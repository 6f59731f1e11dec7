import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { type Customer, findCustomerById } from '../identity/index.js';
import { type Account, getAccount, isCustomerAccountKind } from '../ledger/index.js';
import { cardNotFound, loadCardView, notifyCard, ownedOrNull } from './cards.access.js';
import { CardProblem } from './cards.errors.js';
import {
  countLiveCards,
  insertCard,
  insertControls,
  lockCustomerIssuing,
  selectCard,
  selectCardByIdempotencyKey,
  selectCustomerCards,
} from './cards.repo.js';
import type { CardView } from './cards.schemas.js';
import { CARDS_LISTED_MAX, type Card, type CardControls, type CardKind } from './cards.types.js';
import { defaultLimitsOf } from './cards.views.js';
import { newCardNumber } from './issuing.js';

/** Issuing a card, the customer's list, one card. */

export interface IssueInput {
  customerId: string;
  accountId: string;
  kind: CardKind;
  idempotencyKey: string;
  meta: RequestMeta;
}

export type IssueAnswer = { replayed: boolean; card: CardView };

function requestHash(input: Pick<IssueInput, 'accountId' | 'kind'>): string {
  return createHash('sha256')
    .update(canonicalJson({ accountId: input.accountId, kind: input.kind }))
    .digest('hex');
}

/** The account a card may draw on: the customer's own current account or e-wallet, open for debits. */
async function cardAccount(tx: Tx, customerId: string, accountId: string): Promise<Account | 'not-found' | 'unavailable'> {
  const account = await getAccount(tx, accountId);
  if (!account || account.ownerId !== customerId || !isCustomerAccountKind(account.kind)) return 'not-found';
  return account.status === 'active' ? account : 'unavailable';
}

/** Refusals decided before anything is written: who may have a card, on which account, how many. */
async function checkIssuing(
  tx: Tx,
  ctx: AppContext,
  customer: Customer | null,
  input: IssueInput,
  now: Date,
): Promise<Account | 'not-found'> {
  // Only a customer with an agreement has an account a card can draw on.
  if (customer?.status !== 'active' || customer.agreements.length === 0) {
    throw new ProblemError(CardProblem['card-agreement-required']);
  }
  const refusal = await ctx.blocks.outgoingRefusal(tx, customer.id);
  if (refusal) throw refusal;
  const account = await cardAccount(tx, customer.id, input.accountId);
  if (account === 'unavailable') throw new ProblemError(CardProblem['card-account-unavailable']);
  if (account === 'not-found') return account;
  const max = ctx.config.cards.activePerCustomerMax;
  if ((await countLiveCards(tx, customer.id, now, ctx.config.bankTimeZone)) >= max) {
    throw new ProblemError(CardProblem['card-limit-reached'], { values: { max }, extensions: { activeMax: max } });
  }
  return account;
}

function newControls(ctx: AppContext, card: Card, now: Date): CardControls {
  // Internet payments are what a virtual card is for; the physical switches start on, as on any new card.
  return {
    cardId: card.id,
    internetEnabled: true,
    contactlessEnabled: true,
    cashEnabled: true,
    limits: defaultLimitsOf(ctx.config, card.currency),
    unlimitedUntil: null,
    updatedAt: now,
  };
}

/**
 * Issues a virtual or single-use card on one of the customer's accounts (issue 14 item 1), in
 * one transaction: the number (stored only in the vault), the card, its controls at the product's
 * defaults, the audit row and the notice. Idempotent by the customer's Idempotency-Key: a retry
 * gets the same card, the same key with another body is refused (SECURITY.md 28).
 */
export async function issueCard(ctx: AppContext, input: IssueInput): Promise<IssueAnswer> {
  const hash = requestHash(input);
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    // One issue per customer at a time: the cap's count and the key's look-up see every earlier one.
    await lockCustomerIssuing(tx, input.customerId);
    const earlier = await selectCardByIdempotencyKey(tx, input.customerId, input.idempotencyKey);
    if (earlier) {
      if (earlier.requestHash !== hash) throw new ProblemError(CardProblem['card-idempotency-mismatch']);
      return { replayed: true, card: earlier.card };
    }
    const customer = await findCustomerById(tx, input.customerId);
    const account = await checkIssuing(tx, ctx, customer, input, now);
    if (account === 'not-found' || !customer) return null;
    const number = await newCardNumber(tx, ctx, { customer, kind: input.kind, now });
    const card: Card = {
      id: newId('crd'),
      customerId: customer.id,
      accountId: account.id,
      currency: account.currency,
      ...number,
      kind: input.kind,
      productName: ctx.config.cards.product.name,
      status: 'active',
      closeReason: null,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    await insertCard(tx, card, { idempotencyKey: input.idempotencyKey, requestHash: hash });
    await insertControls(tx, newControls(ctx, card, now));
    await recordAudit(tx, {
      event: 'card.issued',
      customerId: customer.id,
      meta: input.meta,
      details: { cardId: card.id, last4: card.last4, kind: card.kind, accountId: account.id },
      occurredAt: now,
    });
    await notifyCard(tx, ctx, card, { event: 'issued', kind: card.kind });
    return { replayed: false, card };
  });
  if (!outcome) {
    await recordAuditAlone(ctx.db, {
      event: 'access.denied',
      customerId: input.customerId,
      meta: input.meta,
      details: { resource: 'account', accountId: input.accountId, for: 'card-issuing' },
      occurredAt: now,
    });
    throw new ProblemError(CardProblem['card-account-not-found']);
  }
  return { replayed: outcome.replayed, card: await loadCardView(ctx.db, ctx, outcome.card, ctx.clock.now()) };
}

export async function listCards(ctx: AppContext, customerId: string): Promise<CardView[]> {
  const now = ctx.clock.now();
  const cards = await selectCustomerCards(ctx.db, customerId, CARDS_LISTED_MAX);
  const views: CardView[] = [];
  // One card at a time: a list is at most CARDS_LISTED_MAX cards, each a handful of indexed reads.
  for (const card of cards) views.push(await loadCardView(ctx.db, ctx, card, now));
  return views;
}

export async function getCard(ctx: AppContext, customerId: string, cardId: string, meta: RequestMeta): Promise<CardView> {
  const card = ownedOrNull(await selectCard(ctx.db, cardId), customerId);
  if (!card) throw await cardNotFound(ctx, customerId, cardId, meta);
  return loadCardView(ctx.db, ctx, card, ctx.clock.now());
}
