import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { takeLock } from '../risk/index.js';
import { voidCode } from '../sca/index.js';
import { deniedAccess, lockOwn, type OperationInput } from './confirm.js';
import { expireStale, operationsEnded } from './ended.js';
import type { OperationKindHandler } from './operation-kind.js';
import { OperationProblem } from './operations.errors.js';
import { lockAwaitingOf, settleOperation } from './operations.repo.js';
import type { OperationView } from './operations.schemas.js';
import { toView } from './view.js';

/**
 * The customer cancels an operation awaiting its code (issue 12 item 4): awaiting_confirmation →
 * cancelled, and the code's challenge voided in the same transaction, so the code no longer
 * works. Nothing else needs undoing: a waiting operation has moved no money, holds nothing, and
 * counts toward no limit or low-value allowance (those are counted when money moves, execute.ts
 * and lifecycle.ts). It sends no notice either: the customer did it on the screen, and the
 * history says "cancelled by you"; notices are for what the bank did (accepted, declined).
 *
 * Idempotent: cancelling a cancelled operation answers the same. One that has already ended
 * otherwise (completed, sent, declined, expired) is a 409; anyone else's is a 404, audited.
 */
export async function cancelOperation<Request, Details>(
  ctx: AppContext,
  kind: OperationKindHandler<Request, Details>,
  input: OperationInput,
): Promise<OperationView> {
  const now = ctx.clock.now();
  // A code past its time has already ended the operation as expired: that is what it answers.
  await expireStale(ctx, input.customerId, now);
  const outcome = await ctx.db.transaction(async (tx) => {
    const record = await lockOwn(tx, kind, input);
    if (!record) return { ok: false as const, problem: null };
    if (record.status === 'cancelled') return { ok: true as const, record };
    if (record.status !== 'awaiting_confirmation' || !record.challengeId)
      return { ok: false as const, problem: new ProblemError(OperationProblem['operation-not-cancellable']) };
    takeLock(tx, 'sca-challenge');
    await voidCode(tx, { now }, { challengeId: record.challengeId, reason: 'cancelled', meta: input.meta });
    await settleOperation(tx, record, { status: 'cancelled', at: now });
    await operationsEnded(tx, ctx, [record]);
    await recordAudit(tx, {
      event: 'operation.cancelled',
      customerId: input.customerId,
      meta: input.meta,
      details: { operationId: record.id, kind: record.kind },
      occurredAt: now,
    });
    return { ok: true as const, record };
  });
  if (!outcome.ok) throw outcome.problem ?? (await deniedAccess(ctx, input, now));
  return toView(outcome.record, input.customerId, input.meta.language);
}

/**
 * The emergency block (modules/blocks; issue 13 item 4) ends every operation of the customer
 * still waiting for its code, as if the customer had cancelled each: awaiting_confirmation →
 * cancelled, its code voided, no money to undo (see cancelOperation). Those past their code's
 * life end as expired first, as everywhere.
 *
 * In two steps, both in the block's transaction: lockOperationsAwaitingCode takes the operations'
 * row locks (by id) before the block writes any audit row, as every transaction takes its row
 * locks before the audit chain's, so a confirmation in flight is waited for, not deadlocked with;
 * cancelOperationsAwaitingCode then settles and audits them. Returns the ids cancelled.
 */
export async function lockOperationsAwaitingCode(
  tx: Tx,
  ctx: Pick<AppContext, 'db' | 'hooks'>,
  input: { customerId: string; now: Date },
): Promise<number> {
  takeLock(tx, 'operation');
  await expireStale(ctx, input.customerId, input.now, tx);
  return (await lockAwaitingOf(tx, input.customerId)).length;
}

export async function cancelOperationsAwaitingCode(
  tx: Tx,
  ctx: Pick<AppContext, 'hooks'>,
  input: { customerId: string; reason: 'customer-blocked'; meta: RequestMeta; now: Date },
): Promise<string[]> {
  takeLock(tx, 'operation');
  const records = await lockAwaitingOf(tx, input.customerId);
  takeLock(tx, 'sca-challenge');
  for (const record of records) {
    if (record.challengeId)
      await voidCode(tx, { now: input.now }, { challengeId: record.challengeId, reason: 'cancelled', meta: input.meta });
    await settleOperation(tx, record, { status: 'cancelled', at: input.now });
    await recordAudit(tx, {
      event: 'operation.cancelled',
      customerId: input.customerId,
      meta: input.meta,
      details: { operationId: record.id, kind: record.kind, reason: input.reason },
      occurredAt: input.now,
    });
  }
  // After the audit rows: the hooks touch only the kinds' own rows, never the audit chain.
  await operationsEnded(tx, ctx, records);
  return records.map((record) => record.id);
}
