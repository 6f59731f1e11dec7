import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import { PURGE_BATCH_ROWS_MAX } from '../../db/purge.js';
import { lockOneExpiredChallenge } from './acs.repo.js';
import { deliverResult, endChallenge } from './challenge.service.js';

/**
 * Challenges nobody came back to (the buyer closed the tab) end N, timed out, when their five
 * minutes are over, and their result goes to the 3DS Server, so the purchase does not wait on a
 * page no one will open and the app's list of approvals empties. A sweep on the retention worker's
 * schedule, as card-network's cardHoldsExpiry is: one challenge per transaction, claimed with SKIP
 * LOCKED (servers sweeping together split the work), at most PURGE_BATCH_ROWS_MAX per batch.
 */
export function acsChallengesExpiry(contextOf: () => AppContext) {
  return async (_db: Queryable, now: Date): Promise<Record<string, number>> => ({
    acs_challenges_expired: await expireChallenges(contextOf(), now, PURGE_BATCH_ROWS_MAX),
  });
}

export async function expireChallenges(ctx: AppContext, now: Date, batchMax: number): Promise<number> {
  let ended = 0;
  while (ended < batchMax) {
    const acsTransID = await ctx.db.transaction(async (tx) => {
      const row = await lockOneExpiredChallenge(tx, now);
      if (!row) return null;
      await endChallenge(tx, ctx, row, { transStatus: 'N', reason: 'timed-out' }, null);
      return row.acsTransID;
    });
    if (!acsTransID) break;
    await deliverResult(ctx, acsTransID);
    ended += 1;
  }
  return ended;
}
