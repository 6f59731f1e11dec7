import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { takeLock } from '../risk/index.js';
import { type EndedOperation, expireStaleBatch, expireStaleOf } from './operations.repo.js';
import type { OperationRecord, OperationStatus } from './operations.types.js';

/**
 * Operations that end without their money moving, told to the kinds that kept something for it
 * (ctx.hooks.operationsEnded, context.ts): transfers keeps another bank's card number sealed until
 * its credit is sent, and drops it here, in the transaction that ends the transfer. Every such end
 * of the life cycle comes through this file:
 *
 *   declined   at creation (lifecycle.ts, batcher.ts), at confirmation (a wrong or expired code,
 *              the limits or the money: confirm.ts);
 *   cancelled  by the customer or by an emergency block (cancel.ts);
 *   expired    left unconfirmed past the code's life: found when the customer next looks (history,
 *              cancel, a block) and by the sweep below, so an abandoned operation does not keep
 *              what it holds until its customer comes back.
 *
 * The hooks belong to the app (buildApp), never to this module, so operations imports no kind.
 */

const ENDED_WITHOUT_MONEY: readonly OperationStatus[] = ['declined', 'expired', 'cancelled'];

/** Operations expired per transaction by the sweep: short locks, and a full batch runs another. */
const STALE_SWEEP_BATCH_ROWS = 200;
/** Batches per pass of the sweep: the rest waits for the next pass. */
const STALE_SWEEP_BATCHES_MAX = 25;

type Hooks = Pick<AppContext, 'hooks'>;

/** Tells the hooks of the records among these that ended without their money moving (none: nothing). */
export async function operationsEnded(tx: Tx, ctx: Hooks, records: ReadonlyArray<Pick<OperationRecord, 'id' | 'kind' | 'status'>>) {
  assert(tx.inTransaction, 'the hooks run in the transaction that ends the operations');
  const ended = records.filter((record) => ENDED_WITHOUT_MONEY.includes(record.status)).map(({ id, kind }) => ({ id, kind }));
  if (ended.length === 0) return;
  for (const hook of ctx.hooks.operationsEnded) await hook(tx, ended);
}

/**
 * The customer's operations past their code's life end as expired, the hooks told in the same
 * transaction: the caller's when it gives one, else one of its own.
 */
export async function expireStale(ctx: Hooks & Pick<AppContext, 'db'>, customerId: string, now: Date, tx?: Tx): Promise<void> {
  const work = async (within: Tx) => operationsEnded(within, ctx, await expireStaleOf(within, customerId, now));
  if (tx) await work(tx);
  else await ctx.db.transaction(work);
}

/** One pass of the sweep: every operation of anyone past its code's life, expired; how many. */
export async function expireStaleOperations(ctx: AppContext, now: Date): Promise<number> {
  let expired = 0;
  for (let batch = 0; batch < STALE_SWEEP_BATCHES_MAX; batch += 1) {
    const rows = await ctx.db.transaction(async (tx): Promise<EndedOperation[]> => {
      takeLock(tx, 'operation');
      const ended = await expireStaleBatch(tx, now, STALE_SWEEP_BATCH_ROWS);
      await operationsEnded(tx, ctx, ended);
      return ended;
    });
    expired += rows.length;
    if (rows.length < STALE_SWEEP_BATCH_ROWS) break;
  }
  return expired;
}

/**
 * The sweep on the retention worker's schedule (modules/retention), as card-network's holds
 * expiry: it deletes nothing. buildApp makes the worker before the context, so it hands a getter.
 */
export function staleOperationsExpiry(contextOf: () => AppContext) {
  return async (_db: Queryable, now: Date): Promise<Record<string, number>> => ({
    operations_expired: await expireStaleOperations(contextOf(), now),
  });
}
