import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { stripUnsafeCharacters } from '../identity/index.js';
import { visibleOperation } from './history.js';
import { upsertDispute } from './operations.repo.js';

/** A comment is a few sentences for the back office, not a document. */
const DISPUTE_COMMENT_LENGTH_MAX = 1000;

/** "This wasn't me": stored for the back office, confirmed to the customer. */
export async function openDispute(
  ctx: AppContext,
  input: { customerId: string; operationId: string; comment: string | null; meta: RequestMeta },
): Promise<{ disputeId: string; createdAt: string }> {
  await visibleOperation(ctx, input.customerId, input.operationId, input.meta);
  const now = ctx.clock.now();
  const created = await ctx.db.transaction(async (tx) => {
    const dispute = await upsertDispute(tx, {
      id: newId('dsp'),
      customerId: input.customerId,
      operationId: input.operationId,
      comment: input.comment ? stripUnsafeCharacters(input.comment).slice(0, DISPUTE_COMMENT_LENGTH_MAX) : null,
      now,
    });
    await recordAudit(tx, {
      event: 'dispute.opened',
      customerId: input.customerId,
      meta: input.meta,
      details: { transferId: input.operationId },
      occurredAt: now,
    });
    return dispute;
  });
  return { disputeId: created.id, createdAt: created.createdAt.toISOString() };
}
