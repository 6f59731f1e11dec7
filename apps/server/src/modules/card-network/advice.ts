import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { holdAuditChain } from '../audit/index.js';
import { type CardForPayment, chargeCardUse, findCardByPan, markSingleUseSpent, releaseCardUse } from '../cards/index.js';
import { placeHold } from '../ledger/index.js';
import { checkMoneyOut, type MoneyOut, recordMoneyOut, takeLock } from '../risk/index.js';
import type { NetworkCaller } from './card-network.types.js';
import { newAuthorisationCode, purchaseHoldId } from './ids.js';
import type { AdviceRequest, NetworkAnswer, PurchaseMessage } from './message-schemas.js';
import { answerOf, type Decided, decideOnce } from './once.js';
import { HOLD_DECLINES, type Use, useOf } from './purchase-checks.js';
import { holdExpiry, maskedPanOf, type PurchaseOutcome, recordPurchase } from './purchase-record.js';
import { DECLINE_CODES } from './response-codes.js';

/**
 * An advice (0120 → 0130): the network decided a purchase for the issuer while it could not be
 * asked (stand-in processing, within the limits the bank agreed with the network) and tells it
 * now. The bank does not decide again; it records what was decided, so the customer's history
 * has it, accepted or not:
 * - DE39 00 (approved for the bank): the money is owed, so the hold is placed whatever the card's
 *   controls say now (the purchase counts on the card's internet limits when they still had room,
 *   and on the e-wallet's day when its caps still had room). Only the ledger can refuse: it lets
 *   no account go below its overdraft, so an approval the money no longer covers is recorded
 *   declined (insufficient funds); its clearing will then find no hold and be refused (25), for
 *   the network's chargeback process.
 * - any other DE39: a purchase the network declined, recorded declined ("declined by the card
 *   network") with the network's code.
 * The answer is 00 (advice received), 14 for a card Kassa did not issue, 94 for a duplicate.
 */
export async function acceptAdvice(ctx: AppContext, caller: NetworkCaller, advice: AdviceRequest): Promise<NetworkAnswer> {
  const { mti: _mti, responseCode: decided, authorisationCode, ...message } = advice;
  const card = await findCardByPan(ctx.db, ctx, message.pan);
  const identity = {
    messageType: 'advice' as const,
    rrn: message.rrn,
    stan: message.stan,
    amountMinor: message.amountMinor,
    currency: message.currency,
    maskedPan: maskedPanOf(message.pan),
  };
  return decideOnce(ctx, caller, identity, async (tx, now): Promise<Decided> => {
    if (!card) return { answer: answerOf(identity, '14'), cardId: null, operationId: null };
    const use = useOf(message);
    const outcome: PurchaseOutcome =
      decided === '00'
        ? await honour(tx, ctx, { caller, card, message, use, authorisationCode, now })
        : { declined: 'declined-by-network' };
    const responseCode = 'approved' in outcome ? '00' : decided === '00' ? DECLINE_CODES[outcome.declined] : decided;
    const operationId = await recordPurchase(tx, ctx, {
      network: caller.network,
      card,
      message,
      source: 'advice',
      channel: 'unsupported' in use ? 'card_present' : use.channel,
      outcome,
      responseCode,
      now,
    });
    return { answer: answerOf(identity, '00'), cardId: card.cardId, operationId };
  });
}

interface StandIn {
  caller: NetworkCaller;
  card: CardForPayment;
  message: PurchaseMessage;
  use: Use;
  authorisationCode: string | undefined;
  now: Date;
}

/** The stand-in approval honoured: counted where the counts have room, held whatever the controls say. */
async function honour(tx: Tx, ctx: AppContext, standIn: StandIn): Promise<PurchaseOutcome> {
  const { caller, card, message, use, now } = standIn;
  const amountMinor = BigInt(message.amountMinor);
  takeLock(tx, 'card');
  let counted = 0n;
  if (!('unsupported' in use)) {
    const charged = await chargeCardUse(tx, ctx, { cardId: card.cardId, channel: use.control, amountMinor, now });
    if (charged.ok && use.control === 'internet') counted = amountMinor;
  }
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
  if (!hold.ok) {
    if (counted > 0n) await releaseCardUse(tx, ctx, { cardId: card.cardId, amountMinor: counted, chargedAt: now, whole: true });
    return { declined: HOLD_DECLINES[hold.decline] };
  }
  if (risk.ok) await recordMoneyOut(tx, ctx, out, risk, now);
  if (card.kind === 'single_use') await markSingleUseSpent(tx, card.cardId, now);
  return {
    approved: {
      holdId,
      authorisationCode: standIn.authorisationCode ?? newAuthorisationCode(),
      internetCountedMinor: counted,
      holdExpiresAt,
    },
  };
}
