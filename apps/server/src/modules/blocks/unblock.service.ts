import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { type Approval, type ApprovalExecutor, type ApprovalPreLock, pendingApprovalOf, requestApproval } from '../approvals/index.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { releaseCodes } from '../sca/index.js';
import { BlockProblem, unblockRefusalProblem } from './blocks.errors.js';
import { customerOfBlock, lockBlock, lockCustomerBlocks, markLifted, selectBlock } from './blocks.repo.js';
import { BLOCK_NOTE_LENGTH_MAX, type BlockRecord, STAFF_ID_PATTERN, type UnblockRefusal } from './blocks.types.js';

/**
 * Unblocking is a verified procedure (issue 13 items 4 and 10), and asks more than blocking did:
 * a security officer checks the customer's identity and asks (the maker, with a note of how), and
 * another security officer approves (the checker). The request is an approval of kind `unblock`
 * (modules/approvals: one maker-checker for every risky staff action; subject the block, the
 * customer on the request); its executor, registered here, lifts the block in the decision's
 * transaction, so an approval lifts exactly once. Who may decide, the maker's refusal and the
 * expiry are approvals' rules (APPROVAL_DECIDERS: a security officer).
 *
 * What the unblock gives back: codes reach the customer's phone again, so the next login's SMS
 * code works (that code is the customer binding the phone again, NIST 800-63B 5.1.3). What it
 * does not: the devices stay revoked and the sessions ended; a PIN or fingerprint is bound anew
 * from a full login, as the first time.
 *
 * Lock order. The customer's block lock (lockCustomerBlocks) is the first lock of every
 * transaction that touches a customer's blocks: the emergency block takes it, then the rows it
 * ends, then the audit chain. The request here takes it, then the chain (requestApproval); the
 * approval takes it before the chain too (the executor's preLock), then the approval's row, then
 * the block's row. So no two of them ever wait on each other in a circle (sca/caps.ts).
 */

/** The block's unblock waiting for a checker, if any: the request a block's screens show. */
export async function withUnblockRequest(db: Queryable, block: BlockRecord, now: Date): Promise<BlockRecord> {
  if (block.liftedAt) return block;
  const pending = await pendingApprovalOf(db, 'unblock', block.id, now);
  return pending
    ? {
        ...block,
        unblockRequest: {
          approvalId: pending.id,
          makerStaffId: pending.makerStaffId,
          createdAt: pending.createdAt,
          expiresAt: pending.expiresAt,
        },
      }
    : block;
}

type Asked = { ok: true; approval: Approval } | { ok: false; refusal: UnblockRefusal; customerId: string | null };

/**
 * The maker's step: a security officer who has checked the customer's identity asks for the
 * unblock, saying how. A refusal (no such block, lifted, a request already waiting) is audited on
 * its own and thrown as its problem.
 */
export async function requestUnblock(
  ctx: AppContext,
  input: { blockId: string; staffId: string; note: string; meta?: RequestMeta | null },
): Promise<Approval> {
  assert(STAFF_ID_PATTERN.test(input.staffId), 'a staff id is stf_…');
  const note = input.note.trim();
  assert(
    note.length > 0 && note.length <= BLOCK_NOTE_LENGTH_MAX,
    `an unblock request says how the identity was checked, in 1-${BLOCK_NOTE_LENGTH_MAX} characters`,
  );
  const meta = input.meta ?? null;
  const now = ctx.clock.now();
  const asked = await ctx.db.transaction(async (tx): Promise<Asked> => {
    const customerId = await customerOfBlock(tx, input.blockId);
    if (!customerId) return { ok: false, refusal: 'not-found', customerId: null };
    await lockCustomerBlocks(tx, customerId);
    const block = await selectBlock(tx, input.blockId);
    if (!block) return { ok: false, refusal: 'not-found', customerId: null };
    if (block.liftedAt) return { ok: false, refusal: 'lifted', customerId };
    const result = await requestApproval(tx, {
      kind: 'unblock',
      subjectId: block.id,
      customerId,
      payload: { blockId: block.id },
      makerStaffId: input.staffId,
      reason: note,
      now,
      ttlHours: ctx.config.approvals.ttlHours,
      meta,
    });
    return result.ok ? result : { ok: false, refusal: 'already-requested', customerId };
  });
  if (asked.ok) return asked.approval;
  await recordAuditAlone(ctx.db, {
    event: 'customer.unblock_refused',
    customerId: asked.customerId,
    meta,
    details: { blockId: input.blockId, staffId: input.staffId, step: 'request', refusal: asked.refusal },
    occurredAt: now,
  });
  throw unblockRefusalProblem(asked.refusal);
}

/**
 * Lifts the block in the transaction of the approval that decided it (the executor below): the
 * checker is the approval's, and never its maker (approvals refuses it first, the approvals table
 * and this assertion refuse it too). Null when the block is gone or lifted already.
 */
export async function liftBlockInTx(
  tx: Tx,
  input: { blockId: string; approvalId: string; makerStaffId: string; checkerStaffId: string; meta: RequestMeta | null; now: Date },
): Promise<BlockRecord | null> {
  assert(tx.inTransaction, 'a block is lifted inside the decision transaction');
  assert(input.makerStaffId !== input.checkerStaffId, 'maker-checker: the maker never approves');
  const block = await lockBlock(tx, input.blockId);
  if (!block || block.liftedAt !== null) return null;
  await markLifted(tx, block.id, { staffId: input.checkerStaffId, approvalId: input.approvalId, now: input.now });
  await releaseCodes(tx, block.customerId);
  await recordAudit(tx, {
    event: 'customer.unblocked',
    customerId: block.customerId,
    meta: input.meta,
    details: {
      blockId: block.id,
      approvalId: input.approvalId,
      staffId: input.checkerStaffId,
      makerStaffId: input.makerStaffId,
      checkerStaffId: input.checkerStaffId,
    },
    occurredAt: input.now,
  });
  return { ...block, liftedAt: input.now, liftedByStaffId: input.checkerStaffId, liftedByApprovalId: input.approvalId };
}

/** The customer's block lock, before the decision takes the audit chain's (the lock order above). */
const lockBeforeDecision: ApprovalPreLock<'unblock'> = async (tx, request) => {
  if (request.customerId) await lockCustomerBlocks(tx, request.customerId);
};

/**
 * The executor of `unblock`. A block lifted meanwhile refuses the approval (a ProblemError undoes
 * the decision; the request then expires unused).
 */
const unblockExecutor: ApprovalExecutor<'unblock'> = async (tx, request) => {
  assert(request.checkerStaffId && request.decidedAt, 'an executed request is approved, with its checker');
  const lifted = await liftBlockInTx(tx, {
    blockId: request.payload.blockId,
    approvalId: request.id,
    makerStaffId: request.makerStaffId,
    checkerStaffId: request.checkerStaffId,
    meta: null,
    now: request.decidedAt,
  });
  if (!lifted) throw new ProblemError(BlockProblem['block-lifted']);
  return { blockId: lifted.id, customerId: lifted.customerId, liftedAt: request.decidedAt.toISOString() };
};

/** Puts blocks' executor of `unblock` in the app's registry (app.ts, at start); returns the undo, for tests. */
export function registerUnblockExecutor(ctx: AppContext): () => void {
  return ctx.approvalExecutors.register('unblock', unblockExecutor, { preLock: lockBeforeDecision });
}
