import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { releaseCardUse } from '../cards/index.js';
import { voidHold } from '../ledger/index.js';
import { reverseCardPurchase } from '../operations/index.js';
import { giveBackMoneyOut, type MoneyOut, takeLock } from '../risk/index.js';
import { resolveAuthorisation } from './authorisations.repo.js';
import type { CardAuthorisation } from './card-network.types.js';

/**
 * Releases an approved purchase's hold (a reversal, or its expiry): the internet spending it
 * counted is given back on the day it was counted, and so is what it counted towards the e-money
 * caps (an e-wallet's day: risk giveBackMoneyOut), the hold is voided (the money is available
 * again at once, nothing is debited), the detail row and the operation say so. The caller holds
 * the detail row's lock (lock order "operation"); this takes the card's, the customer's limit
 * lock (for an e-wallet), then the account's.
 * A voided hold can never be posted: a clearing after this finds the purchase released (12).
 */
export async function releasePurchase(
  tx: Tx,
  ctx: AppContext,
  purchase: CardAuthorisation,
  to: 'reversed' | 'expired',
  now: Date,
): Promise<void> {
  assert(purchase.status === 'approved' && purchase.holdId !== null, `purchase ${purchase.operationId} holds nothing to release`);
  takeLock(tx, 'card');
  if (purchase.internetCountedMinor > 0n) {
    await releaseCardUse(tx, ctx, {
      cardId: purchase.cardId,
      amountMinor: purchase.internetCountedMinor,
      chargedAt: purchase.authorisedAt,
      whole: true,
    });
  }
  await giveBackMoneyOut(tx, ctx, purchaseMoneyOut(purchase, purchase.amountMinor), purchase.authorisedAt);
  takeLock(tx, 'ledger-accounts');
  await voidHold(tx, purchase.holdId);
  assert(await resolveAuthorisation(tx, purchase.operationId, to, { at: now }), `purchase ${purchase.operationId} changed under its lock`);
  await reverseCardPurchase(tx, purchase.operationId, now);
}

/**
 * `amountMinor` of a purchase as risk counted it when it was approved (authorise.ts): the card's
 * account paying a merchant, no fee, not a transfer to others (the card's own limits stand for those).
 */
export function purchaseMoneyOut(purchase: CardAuthorisation, amountMinor: bigint): MoneyOut {
  return {
    customerId: purchase.customerId,
    sourceAccountId: purchase.accountId,
    payeeAccountId: null,
    amountMinor,
    feeMinor: 0n,
    currency: purchase.currency,
    toOthers: false,
    toSelf: false,
  };
}
