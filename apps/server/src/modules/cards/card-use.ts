import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { calendarDay, calendarMonthStart } from '../../shared/datetime.js';
import { recordAudit } from '../audit/index.js';
import type { Currency } from '../ledger/index.js';
import { cardExpiry } from './card-numbers.js';
import { addInternetSpent } from './card-requests.repo.js';
import {
  type InternetSpent,
  lockCard,
  selectCard,
  selectCardWithControlsByVaultId,
  selectControlsAndSpent,
  updateCardStatus,
} from './cards.repo.js';
import { type Card, type CardControls, type CardKind, type CardStatus, effectiveStatus, unlimitedNow } from './cards.types.js';
import { cvc2 } from './cvc.js';
import { cardVault } from './issuing.js';

/**
 * What the authorisation engine and card transfers (issue 14 items 6-7, later) use of a card. They
 * never see a PAN but the one a network sent them, which they hand to findCardByPan at once.
 *
 * The card limits are counted here and only here: chargeCardUse checks the status, the bank's
 * block, the channel's switch and the internet limits, and counts the purchase in the card's day
 * counter (card_internet_days), all under the card's row lock, so parallel authorisations never
 * pass a limit together; releaseCardUse gives an amount back (a reversal, an expired hold). The
 * engine owns everything else: the hold on the account, the e-money caps (risk), the balance.
 *
 * Lock order for the engine: the card's row (lockCard, here) before the account rows of the
 * ledger, and after an operation's own row, as risk/lock-order.ts orders the rest.
 */

export type CardChannel = 'internet' | 'contactless' | 'cash';

/** Why a card cannot pay now; the engine maps each to its ISO 8583 response code. */
export type CannotPay =
  | 'card-frozen'
  | 'card-closed'
  | 'card-expired'
  | 'customer-blocked'
  | 'channel-disabled'
  | 'limit-per-operation'
  | 'limit-per-day'
  | 'limit-per-month'
  | 'limit-purchases-per-day';

export interface CardForPayment {
  cardId: string;
  customerId: string;
  accountId: string;
  currency: Currency;
  kind: CardKind;
  /** As it counts now (a card past its expiry month is expired). */
  status: CardStatus;
  expiryMonth: number;
  expiryYear: number;
  /** The expiry as the networks send it (YYMM). */
  expiryYymm: string;
  controls: CardControls;
}

function forPayment(ctx: AppContext, card: Card, controls: CardControls, now: Date): CardForPayment {
  return {
    cardId: card.id,
    customerId: card.customerId,
    accountId: card.accountId,
    currency: card.currency,
    kind: card.kind,
    status: effectiveStatus(card, now, ctx.config.bankTimeZone),
    expiryMonth: card.expiryMonth,
    expiryYear: card.expiryYear,
    expiryYymm: cardExpiry(card.expiryMonth, card.expiryYear, ctx.config.bankTimeZone).yymm,
    controls,
  };
}

/** The card of a PAN a network sent, through the vault's look-up HMAC; null for a PAN Kassa did not issue. */
export async function findCardByPan(q: Queryable, ctx: AppContext, pan: string): Promise<CardForPayment | null> {
  const vaultId = await cardVault(ctx).findByPan(q, pan);
  const found = vaultId ? await selectCardWithControlsByVaultId(q, vaultId) : null;
  return found ? forPayment(ctx, found.card, found.controls, ctx.clock.now()) : null;
}

/**
 * The card of a PAN a network sent and whether the CVC2 sent with it is the card's (null when
 * none was sent). The CVC2 is computed from that same PAN, whose look-up HMAC found the card, so
 * the vault's copy need not be decrypted for it: the network's message is the only plaintext PAN
 * this call holds, as for findCardByPan. Compared in constant time.
 */
export async function findCardByPresentedPan(
  q: Queryable,
  ctx: AppContext,
  presented: { pan: string; cvc2?: string | undefined },
): Promise<{ card: CardForPayment; cvc2Matched: boolean | null } | null> {
  const card = await findCardByPan(q, ctx, presented.pan);
  if (!card) return null;
  if (presented.cvc2 === undefined) return { card, cvc2Matched: null };
  if (!/^\d{3}$/.test(presented.cvc2)) return { card, cvc2Matched: false };
  const expected = cvc2(presented.pan, card.expiryYymm, ctx.config.cardCvk);
  return { card, cvc2Matched: timingSafeEqual(Buffer.from(expected), Buffer.from(presented.cvc2)) };
}

const STATUS_REFUSALS: Readonly<Record<Exclude<CardStatus, 'active'>, CannotPay>> = {
  frozen: 'card-frozen',
  closed: 'card-closed',
  expired: 'card-expired',
};

/**
 * Why the card cannot pay `amountMinor` now, or null: its status (by the date too), the bank's
 * block, the channel's switch, then for the internet its limits against what it spent this bank
 * day and month, unless "no limit" is in force. Read under the card's lock (chargeCardUse).
 */
export async function whyCannotPay(
  tx: Queryable,
  ctx: AppContext,
  card: CardForPayment,
  use: { channel: CardChannel; amountMinor: bigint; now: Date },
  spent: InternetSpent,
): Promise<CannotPay | null> {
  assert(use.amountMinor > 0n, 'a card use is a positive amount');
  if (card.status !== 'active') return STATUS_REFUSALS[card.status];
  if (await ctx.blocks.outgoingRefusal(tx, card.customerId)) return 'customer-blocked';
  const { controls } = card;
  const enabled = { internet: controls.internetEnabled, contactless: controls.contactlessEnabled, cash: controls.cashEnabled }[use.channel];
  if (!enabled) return 'channel-disabled';
  if (use.channel !== 'internet') return null;
  // The bank's ceiling on how often, before the customer's on how much: it stands under "no limit" too.
  if (spent.purchasesToday + 1 > ctx.config.cards.internetPurchasesPerDayMax) return 'limit-purchases-per-day';
  if (unlimitedNow(controls, use.now)) return null;
  if (use.amountMinor > controls.limits.perOperationMinor) return 'limit-per-operation';
  if (spent.day + use.amountMinor > controls.limits.perDayMinor) return 'limit-per-day';
  if (spent.month + use.amountMinor > controls.limits.perMonthMinor) return 'limit-per-month';
  return null;
}

/**
 * Why the card could not pay `amountMinor` now, read without its lock and counting nothing: the
 * bank's ACS (modules/acs) asks it before a 3-D Secure code is sent, so a purchase the engine
 * would refuse gets no code. The engine's chargeCardUse decides again, locked, at the authorisation.
 */
export async function cannotPayPreview(
  q: Queryable,
  ctx: AppContext,
  use: { cardId: string; channel: CardChannel; amountMinor: bigint; now: Date },
): Promise<CannotPay | 'card-unknown' | null> {
  const zone = ctx.config.bankTimeZone;
  const read = await selectControlsAndSpent(q, use.cardId, calendarDay(use.now, zone), calendarMonthStart(use.now, zone));
  const card = await selectCard(q, use.cardId);
  if (!read || !card) return 'card-unknown';
  return whyCannotPay(q, ctx, forPayment(ctx, card, read.controls, use.now), use, read.spent);
}

/**
 * Checks and counts one use of the card (an authorisation the engine is about to approve), under
 * the card's row lock, in the engine's transaction: a refusal is a value and counts nothing.
 */
export async function chargeCardUse(
  tx: Tx,
  ctx: AppContext,
  use: { cardId: string; channel: CardChannel; amountMinor: bigint; now: Date },
): Promise<{ ok: true; card: CardForPayment } | { ok: false; reason: CannotPay | 'card-unknown' }> {
  const locked = await lockCard(tx, use.cardId);
  if (!locked) return { ok: false, reason: 'card-unknown' };
  const zone = ctx.config.bankTimeZone;
  const day = calendarDay(use.now, zone);
  const read = await selectControlsAndSpent(tx, locked.id, day, calendarMonthStart(use.now, zone));
  assert(read !== null, `card ${locked.id} has no controls row`);
  const card = forPayment(ctx, locked, read.controls, use.now);
  const reason = await whyCannotPay(tx, ctx, card, use, read.spent);
  if (reason) return { ok: false, reason };
  // Internet spending counts towards the limits even while "no limit" stands: when the period
  // ends, the day's and month's spending is what it really was.
  if (use.channel === 'internet') await addInternetSpent(tx, card.cardId, day, use.amountMinor, 1);
  return { ok: true, card };
}

/** Gives an internet use back (a reversal, a hold that expired), on the bank day it was counted. */
export async function releaseCardUse(
  tx: Tx,
  ctx: AppContext,
  use: { cardId: string; amountMinor: bigint; chargedAt: Date; whole: boolean },
): Promise<void> {
  assert(use.amountMinor > 0n, 'a release is a positive amount');
  await lockCard(tx, use.cardId);
  // `whole`: the purchase itself is undone (a refusal after the count, a reversal, an expired
  // hold), so it leaves the day's count of purchases too; a clearing's unused part does not.
  await addInternetSpent(tx, use.cardId, calendarDay(use.chargedAt, ctx.config.bankTimeZone), -use.amountMinor, use.whole ? -1 : 0);
}

/**
 * A single-use card closes after its first approved authorisation (issue 14 item 1): the engine
 * calls this in the transaction that approves it. Idempotent; false when the card is no
 * single-use card or was closed already. The purchase's own notice tells the customer.
 */
export async function markSingleUseSpent(tx: Tx, cardId: string, now: Date): Promise<boolean> {
  const card = await lockCard(tx, cardId);
  if (card?.kind !== 'single_use' || card.status === 'closed') return false;
  if (!(await updateCardStatus(tx, card.id, 'closed', { now, closeReason: 'single_use_spent' }))) return false;
  await recordAudit(tx, {
    event: 'card.closed',
    customerId: card.customerId,
    meta: null,
    details: { cardId: card.id, last4: card.last4, from: card.status, reason: 'single_use_spent' },
    occurredAt: now,
  });
  return true;
}
