import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import { PURGE_BATCH_ROWS_MAX } from '../../db/purge.js';
import { takeLock } from '../risk/index.js';
import { lockOneExpired } from './authorisations.repo.js';
import { releasePurchase } from './release.js';

/**
 * Holds that no clearing came for in CARD_AUTHORISATION_HOLD_DAYS are voided, so the customer's
 * money is not reserved for ever by a purchase the merchant never took (issue 14 item 6). A sweep
 * on the retention worker's schedule (modules/retention), deleting nothing: each purchase is
 * released in a transaction of its own (release.ts: the internet spending given back, the hold
 * voided, the operation reversed), claimed with SKIP LOCKED so servers sweeping together split
 * the work, at most PURGE_BATCH_ROWS_MAX per batch; a full batch makes the worker run another.
 */
export function cardHoldsExpiry(contextOf: () => AppContext) {
  // The sweep needs transactions and the card's context, not the purge's plain Queryable; buildApp
  // makes the retention worker before the context, so it hands a getter.
  return async (_db: Queryable, now: Date): Promise<Record<string, number>> => ({
    card_holds_expired: await expireHolds(contextOf(), now, PURGE_BATCH_ROWS_MAX),
  });
}

/** Releases up to `batchMax` expired holds; how many it released. */
export async function expireHolds(ctx: AppContext, now: Date, batchMax: number): Promise<number> {
  let released = 0;
  while (released < batchMax) {
    const one = await ctx.db.transaction(async (tx) => {
      takeLock(tx, 'operation');
      const purchase = await lockOneExpired(tx, now);
      if (!purchase) return false;
      await releasePurchase(tx, ctx, purchase, 'expired', now);
      return true;
    });
    if (!one) break;
    released += 1;
  }
  return released;
}
