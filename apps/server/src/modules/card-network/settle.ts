import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { releaseCardUse } from '../cards/index.js';
import { getAccount, postHold, systemAccountId } from '../ledger/index.js';
import { completeCardPurchase } from '../operations/index.js';
import { giveBackMoneyOut, takeLock } from '../risk/index.js';
import { lockAuthorisationByRrn, resolveAuthorisation } from './authorisations.repo.js';
import type { CardAuthorisation, NetworkCaller } from './card-network.types.js';
import { clearingLedgerOperationId } from './ids.js';
import type { ClearingRequest, NetworkAnswer, ReversalRequest } from './message-schemas.js';
import { answerOf, type Decided, decideOnce, type MessageIdentity } from './once.js';
import { currencyOfNumeric } from './purchase-checks.js';
import { purchaseMoneyOut, releasePurchase } from './release.js';

/**
 * The two messages that end an approved purchase, each decided once (once.ts) and each under the
 * purchase's row lock (lock order "operation"), so a reversal and a clearing of one purchase that
 * cross each other run one after the other and the second finds the first's result:
 *   reversal (0400 → 0410): the hold is voided (release.ts);
 *   clearing (0220 → 0230): the hold is posted, for DE4 at most the amount held.
 */

function identityOf(messageType: 'reversal' | 'clearing', message: ReversalRequest | ClearingRequest): MessageIdentity {
  return {
    messageType,
    rrn: message.rrn,
    stan: message.stan,
    amountMinor: message.amountMinor,
    currency: message.currency,
    maskedPan: null,
  };
}

function found(purchase: CardAuthorisation | null, identity: MessageIdentity, code: string): Decided {
  return { answer: answerOf(identity, code), cardId: purchase?.cardId ?? null, operationId: purchase?.operationId ?? null };
}

/**
 * 00 once nothing is held any more (released now, or before: a reversal of a reversal is no
 * error, nor of a declined purchase, which held nothing); 25 for a DE37 the bank never approved
 * nor declined; 13 for another amount than the one authorised (a partial reversal is not built);
 * 12 for a purchase already cleared (money that left comes back as a refund, not a reversal).
 */
export async function reverse(ctx: AppContext, caller: NetworkCaller, message: ReversalRequest): Promise<NetworkAnswer> {
  const identity = identityOf('reversal', message);
  return decideOnce(ctx, caller, identity, async (tx, now) => {
    takeLock(tx, 'operation');
    const purchase = await lockAuthorisationByRrn(tx, caller.network, message.rrn);
    if (!purchase) return found(null, identity, '25');
    if (purchase.status === 'cleared') return found(purchase, identity, '12');
    if (purchase.status !== 'approved') return found(purchase, identity, '00');
    if (BigInt(message.amountMinor) !== purchase.amountMinor || currencyOfNumeric(message.currency) !== purchase.currency) {
      return found(purchase, identity, '13');
    }
    await releasePurchase(tx, ctx, purchase, 'reversed', now);
    return found(purchase, identity, '00');
  });
}

/**
 * Posts the hold of an approved purchase: 00. DE4 may be less than the amount authorised (a
 * partial shipment, a final price below the estimate): the rest is released with the hold, and
 * the internet spending it counted is given back. More than was authorised is refused (13) and
 * the hold stays as it was: the merchant asks for the difference with an authorisation of its own.
 * 25: no approval of this DE37 with this DE38 (nor a declined one: it held nothing). 12: the
 * purchase was released (reversed, or its hold expired); a real scheme's late presentment (a
 * force post with chargeback rights) is not built. 05: the account is frozen or closed now and
 * the ledger takes no debit from it; the hold stays, for the bank to settle by hand.
 */
export async function clear(ctx: AppContext, caller: NetworkCaller, message: ClearingRequest): Promise<NetworkAnswer> {
  const identity = identityOf('clearing', message);
  return decideOnce(ctx, caller, identity, async (tx, now) => {
    takeLock(tx, 'operation');
    const purchase = await lockAuthorisationByRrn(tx, caller.network, message.rrn);
    if (!purchase || purchase.status === 'declined' || purchase.authorisationCode !== message.authorisationCode) {
      return found(purchase, identity, '25');
    }
    if (purchase.status !== 'approved' || purchase.holdId === null) return found(purchase, identity, '12');
    const amountMinor = BigInt(message.amountMinor);
    if (currencyOfNumeric(message.currency) !== purchase.currency || amountMinor > purchase.amountMinor)
      return found(purchase, identity, '13');
    const account = await getAccount(tx, purchase.accountId);
    if (account?.status !== 'active') return found(purchase, identity, '05');
    await post(tx, ctx, purchase, { holdId: purchase.holdId, amountMinor, network: caller.network, now });
    return found(purchase, identity, '00');
  });
}

async function post(
  tx: Tx,
  ctx: AppContext,
  purchase: CardAuthorisation,
  clearing: { holdId: string; amountMinor: bigint; network: string; now: Date },
): Promise<void> {
  // The part of the internet spending the clearing did not use goes back, before the ledger's locks.
  takeLock(tx, 'card');
  const unused = purchase.amountMinor - clearing.amountMinor;
  // bigint has no Math.min: what was counted on the internet, at most what went unused.
  let giveBack = purchase.internetCountedMinor;
  if (unused < giveBack) giveBack = unused;
  if (giveBack > 0n)
    await releaseCardUse(tx, ctx, { cardId: purchase.cardId, amountMinor: giveBack, chargedAt: purchase.authorisedAt, whole: false });
  // And what the e-money caps counted of it (an e-wallet's day), as a reversal gives it all back (release.ts).
  if (unused > 0n) await giveBackMoneyOut(tx, ctx, purchaseMoneyOut(purchase, unused), purchase.authorisedAt);
  const ledgerOperationId = clearingLedgerOperationId(clearing.network, purchase.rrn);
  takeLock(tx, 'ledger-accounts');
  // The money goes to the bank's clearing account, which the network's settlement empties.
  const posted = await postHold(tx, clearing.holdId, {
    operationId: ledgerOperationId,
    kind: 'card.purchase',
    amountMinor: clearing.amountMinor,
    counterPostings: [
      { accountId: systemAccountId('bank_clearing', purchase.currency), currency: purchase.currency, amountMinor: clearing.amountMinor },
    ],
    description: purchase.merchantName,
  });
  // The account was active when read just before; a freeze landing in between fails this, and the
  // whole transaction rolls back: the network retries, and is answered 05.
  assert(posted.ok, `clearing of ${purchase.operationId}: the ledger declined a hold it had reserved`);
  const resolved = await resolveAuthorisation(tx, purchase.operationId, 'cleared', {
    at: clearing.now,
    clearedAmountMinor: clearing.amountMinor,
  });
  assert(resolved, `purchase ${purchase.operationId} changed under its lock`);
  await completeCardPurchase(tx, purchase.operationId, { ledgerOperationId, amountMinor: clearing.amountMinor, at: clearing.now });
}
