import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { holdAuditChain, recordAuditAlone } from '../audit/index.js';
import { type CardForPayment, chargeCardUse, findCardByPresentedPan, markSingleUseSpent, releaseCardUse } from '../cards/index.js';
import { placeHold } from '../ledger/index.js';
import { type DeclineReason, purchaseRecipient } from '../operations/index.js';
import { checkMoneyOut, type MoneyOut, recordMoneyOut, takeLock } from '../risk/index.js';
import type { NetworkCaller } from './card-network.types.js';
import { newAuthorisationCode, purchaseHoldId } from './ids.js';
import type { AuthorisationRequest, NetworkAnswer } from './message-schemas.js';
import { answerOf, type Decided, decideOnce, type MessageIdentity } from './once.js';
import { declineOfCannotPay, earlyDecline, HOLD_DECLINES, type Use, useOf } from './purchase-checks.js';
import { holdExpiry, maskedPanOf, type PurchaseOutcome, recordPurchase } from './purchase-record.js';
import { DECLINE_CODES } from './response-codes.js';

/**
 * The issuer's answer to an authorisation request (0100 → 0110; issue 14 item 6). In order:
 *   the message's signature (the routes, before this), the card by its PAN (vault HMAC; 14), its
 *   status (62 frozen or closed, 54 expired), the expiry presented (54), the bank's block of the
 *   customer (62), the CVC2 when present (N7), the currency (57), the kind of operation (12);
 *   then under the card's lock its controls and internet limits, counted (57, 61); the e-money
 *   caps (risk; 61); the available balance, by placing the hold (ledger; 51).
 * Approved: a hold on the card's account, derived from the message so it is placed once, a DE38
 * code, 00; a single-use card closes in the same transaction. Accepted and declined alike are
 * written to the customer's history with the merchant and the reason (response-codes.ts has why
 * each reason has its code).
 *
 * Locks, in risk/lock-order.ts's order: the message identity (idempotency-key), the card's row
 * (card), the customer's limit lock for an e-wallet (customer-limits, risk), the audit chain for a
 * single-use card (its close is audited; taken before the accounts, as every audit-then-ledger
 * path does), the account (ledger-accounts). The vault's look-up, the CVC2 (derived from the PAN
 * presented, whose HMAC found the card), the unlocked checks and the notice's recipient are read
 * before the transaction, so the locks are held for the locked checks and the writes only.
 */
export async function authorise(ctx: AppContext, caller: NetworkCaller, message: AuthorisationRequest): Promise<NetworkAnswer> {
  // The PAN is handed to cards at once, and kept only in `message` for this call (its last four
  // digits and the masked form go further).
  const found = await findCardByPresentedPan(ctx.db, ctx, message);
  const card = found?.card ?? null;
  const cvc2Matched = found?.cvc2Matched ?? null;
  const identity: MessageIdentity = {
    messageType: 'authorisation',
    rrn: message.rrn,
    stan: message.stan,
    amountMinor: message.amountMinor,
    currency: message.currency,
    maskedPan: maskedPanOf(message.pan),
  };
  // Read before the transaction: what needs no lock (the early checks, the customer the notice
  // goes to) is not read while the message's and the card's locks are held.
  const early = card ? await earlyDecline(ctx.db, ctx, { card, message, cvc2Matched }) : null;
  const recipient = card ? await purchaseRecipient(ctx.db, card.customerId) : null;
  return decideOnce(ctx, caller, identity, async (tx, now): Promise<Decided> => {
    if (!card) return { answer: answerOf(identity, '14'), cardId: null, operationId: null };
    const use = useOf(message);
    const outcome: PurchaseOutcome =
      early || 'unsupported' in use
        ? { declined: early ?? 'card-transaction-not-supported' }
        : await approve(tx, ctx, caller, card, message, use, now);
    const responseCode = 'declined' in outcome ? DECLINE_CODES[outcome.declined] : '00';
    const operationId = await recordPurchase(tx, ctx, {
      network: caller.network,
      card,
      message,
      source: 'authorisation',
      channel: 'unsupported' in use ? 'card_present' : use.channel,
      outcome,
      responseCode,
      now,
      recipient,
    });
    const authorisationCode = 'approved' in outcome ? outcome.approved.authorisationCode : null;
    return {
      answer: answerOf(identity, responseCode, authorisationCode),
      cardId: card.cardId,
      operationId,
      afterCommit: cvc2Matched === false ? () => auditWrongCvc2(ctx, card, caller, message, now) : undefined,
    };
  });
}

/** The locked checks, the count, the caps and the hold; a refusal after the count gives the count back. */
async function approve(
  tx: Tx,
  ctx: AppContext,
  caller: NetworkCaller,
  card: CardForPayment,
  message: AuthorisationRequest,
  use: Exclude<Use, { unsupported: true }>,
  now: Date,
): Promise<PurchaseOutcome> {
  const amountMinor = BigInt(message.amountMinor);
  takeLock(tx, 'card');
  const charged = await chargeCardUse(tx, ctx, { cardId: card.cardId, channel: use.control, amountMinor, now });
  if (!charged.ok)
    return { declined: charged.reason === 'card-unknown' ? 'card-closed' : declineOfCannotPay(charged.reason, card, use.control) };
  const counted = use.control === 'internet' ? amountMinor : 0n;
  const refuse = async (reason: DeclineReason): Promise<PurchaseOutcome> => {
    if (counted > 0n) await releaseCardUse(tx, ctx, { cardId: card.cardId, amountMinor: counted, chargedAt: now, whole: true });
    return { declined: reason };
  };
  // A purchase is the customer's money leaving for a merchant: the e-money caps apply to it; the
  // limits on transfers to other people do not (the card's own limits stand for them).
  const out: MoneyOut = {
    customerId: card.customerId,
    sourceAccountId: card.accountId,
    payeeAccountId: null,
    amountMinor,
    feeMinor: 0n,
    currency: card.currency,
    toOthers: false,
    toSelf: false,
  };
  const risk = await checkMoneyOut(tx, ctx, out, now);
  if (!risk.ok) return refuse(risk.reason);
  if (card.kind === 'single_use') await holdAuditChain(tx);
  const holdId = purchaseHoldId(caller.network, message.rrn);
  const holdExpiresAt = holdExpiry(ctx, now);
  takeLock(tx, 'ledger-accounts');
  const hold = await placeHold(tx, {
    holdId,
    accountId: card.accountId,
    currency: card.currency,
    amountMinor,
    description: message.merchantName.trim(),
    expiresAt: holdExpiresAt,
  });
  if (!hold.ok) return refuse(HOLD_DECLINES[hold.decline]);
  await recordMoneyOut(tx, ctx, out, risk, now);
  if (card.kind === 'single_use') assert(await markSingleUseSpent(tx, card.cardId, now), 'a single-use card approved is an open one');
  return { approved: { holdId, authorisationCode: newAuthorisationCode(), internetCountedMinor: counted, holdExpiresAt } };
}

/** A wrong CVC2 is someone guessing, or a customer's typo: audited, outside the money transaction's locks. */
async function auditWrongCvc2(ctx: AppContext, card: CardForPayment, caller: NetworkCaller, message: AuthorisationRequest, now: Date) {
  await recordAuditAlone(ctx.db, {
    event: 'card.cvc2_failed',
    customerId: card.customerId,
    details: {
      cardId: card.cardId,
      last4: message.pan.slice(-4),
      network: caller.network,
      rrn: message.rrn,
      merchantId: message.merchantId,
    },
    occurredAt: now,
  });
}
