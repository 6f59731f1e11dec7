import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { releaseCodes } from '../sca/index.js';
import { unblockRefusalProblem } from './blocks.errors.js';
import { customerOfBlock, lockBlock, lockCustomerBlocks, markLifted, markUnblockRequested, selectActiveBlock } from './blocks.repo.js';
import { BLOCK_NOTE_LENGTH_MAX, type BlockRecord, blockState, STAFF_ID_PATTERN, type UnblockRefusal } from './blocks.types.js';

/**
 * Unblocking is a verified procedure (issue 13 items 4 and 10), and asks more than blocking did:
 * a security officer checks the customer's identity and asks (the maker, with a note of how), and
 * another security officer approves (the checker). The staff routes come with the back office's
 * screens; these are the steps they call, with the staff member's id.
 *
 * What the unblock gives back: codes reach the customer's phone again, so the next login's SMS
 * code works (that code is the customer binding the phone again, NIST 800-63B 5.1.3). What it
 * does not: the devices stay revoked and the sessions ended; a PIN or fingerprint is bound anew
 * from a full login, as the first time.
 */

type Step<T> = { ok: true; value: T } | { ok: false; refusal: UnblockRefusal; customerId: string | null };

/** The block, locked after its customer's block lock (the order emergencyBlock takes them in). */
async function lockForStep(tx: Tx, blockId: string): Promise<{ block: BlockRecord } | { refusal: 'not-found' }> {
  const customerId = await customerOfBlock(tx, blockId);
  if (!customerId) return { refusal: 'not-found' };
  await lockCustomerBlocks(tx, customerId);
  const block = await lockBlock(tx, blockId);
  return block ? { block } : { refusal: 'not-found' };
}

/** A refusal is audited on its own (the step's transaction wrote nothing), then thrown as its problem. */
async function refused(
  ctx: AppContext,
  step: Exclude<Step<unknown>, { ok: true }>,
  details: Record<string, unknown>,
  meta: RequestMeta | null,
) {
  await recordAuditAlone(ctx.db, {
    event: 'customer.unblock_refused',
    customerId: step.customerId,
    meta,
    details: { ...details, refusal: step.refusal },
    occurredAt: ctx.clock.now(),
  });
  return unblockRefusalProblem(step.refusal);
}

/** The maker's step: a security officer who has checked the customer's identity asks for the unblock. */
export async function requestUnblock(
  ctx: AppContext,
  input: { blockId: string; staffId: string; note: string; meta?: RequestMeta | null },
): Promise<BlockRecord> {
  assert(STAFF_ID_PATTERN.test(input.staffId), 'a staff id is stf_…');
  const note = input.note.trim();
  assert(
    note.length > 0 && note.length <= BLOCK_NOTE_LENGTH_MAX,
    `an unblock request says how the identity was checked, in 1-${BLOCK_NOTE_LENGTH_MAX} characters`,
  );
  const meta = input.meta ?? null;
  const now = ctx.clock.now();
  const step = await ctx.db.transaction(async (tx): Promise<Step<BlockRecord>> => {
    const locked = await lockForStep(tx, input.blockId);
    if ('refusal' in locked) return { ok: false, refusal: locked.refusal, customerId: null };
    const { block } = locked;
    const state = blockState(block, now);
    if (state === 'lifted') return { ok: false, refusal: 'lifted', customerId: block.customerId };
    if (state === 'unblock-requested') return { ok: false, refusal: 'already-requested', customerId: block.customerId };
    await markUnblockRequested(tx, block.id, { staffId: input.staffId, note, now });
    await recordAudit(tx, {
      event: 'customer.unblock_requested',
      customerId: block.customerId,
      meta,
      details: { blockId: block.id, staffId: input.staffId, makerStaffId: input.staffId },
      occurredAt: now,
    });
    return { ok: true, value: { ...block, unblockRequestedByStaffId: input.staffId, unblockRequestedAt: now, unblockRequestNote: note } };
  });
  if (!step.ok) throw await refused(ctx, step, { blockId: input.blockId, staffId: input.staffId, step: 'request' }, meta);
  return step.value;
}

/**
 * The checker's step: another security officer approves, and the block is lifted. The maker's own
 * approval is refused (and audited); the table refuses it too (migration 0021), whatever calls it.
 */
export async function approveUnblock(
  ctx: AppContext,
  input: { blockId: string; approverStaffId: string; meta?: RequestMeta | null },
): Promise<BlockRecord> {
  assert(STAFF_ID_PATTERN.test(input.approverStaffId), 'a staff id is stf_…');
  const meta = input.meta ?? null;
  const now = ctx.clock.now();
  const step = await ctx.db.transaction(async (tx): Promise<Step<BlockRecord>> => {
    const locked = await lockForStep(tx, input.blockId);
    if ('refusal' in locked) return { ok: false, refusal: locked.refusal, customerId: null };
    const { block } = locked;
    const state = blockState(block, now);
    if (state === 'lifted') return { ok: false, refusal: 'lifted', customerId: block.customerId };
    if (state !== 'unblock-requested' || !block.unblockRequestedByStaffId)
      return { ok: false, refusal: 'not-requested', customerId: block.customerId };
    if (block.unblockRequestedByStaffId === input.approverStaffId)
      return { ok: false, refusal: 'maker-cannot-approve', customerId: block.customerId };
    return {
      ok: true,
      value: await lift(tx, block, { makerStaffId: block.unblockRequestedByStaffId, checkerStaffId: input.approverStaffId, meta, now }),
    };
  });
  if (!step.ok) throw await refused(ctx, step, { blockId: input.blockId, staffId: input.approverStaffId, step: 'approve' }, meta);
  return step.value;
}

async function lift(
  tx: Tx,
  block: BlockRecord,
  input: { makerStaffId: string; checkerStaffId: string; meta: RequestMeta | null; now: Date },
): Promise<BlockRecord> {
  assert(input.makerStaffId !== input.checkerStaffId, 'maker-checker: the maker never approves');
  await markLifted(tx, block.id, { staffId: input.checkerStaffId, now: input.now });
  await releaseCodes(tx, block.customerId);
  await recordAudit(tx, {
    event: 'customer.unblocked',
    customerId: block.customerId,
    meta: input.meta,
    details: { blockId: block.id, staffId: input.checkerStaffId, makerStaffId: input.makerStaffId, checkerStaffId: input.checkerStaffId },
    occurredAt: input.now,
  });
  return { ...block, liftedAt: input.now, liftedByStaffId: input.checkerStaffId };
}

/**
 * For a maker-checker request decided elsewhere (modules/approvals, kind `unblock`, whose
 * executor runs in the decision's transaction): records the maker's request on the customer's
 * block in force and lifts it. The caller has refused the maker as the checker; this asserts it,
 * and the table refuses it too. Null when no block stands.
 */
export async function liftBlockInTx(
  tx: Tx,
  input: { customerId: string; makerStaffId: string; makerNote: string; checkerStaffId: string; meta: RequestMeta | null; now: Date },
): Promise<BlockRecord | null> {
  await lockCustomerBlocks(tx, input.customerId);
  const active = await selectActiveBlock(tx, input.customerId);
  const block = active ? await lockBlock(tx, active.id) : null;
  if (!block || block.liftedAt !== null) return null;
  const note = input.makerNote.trim().slice(0, BLOCK_NOTE_LENGTH_MAX);
  await markUnblockRequested(tx, block.id, { staffId: input.makerStaffId, note, now: input.now });
  const requested = { ...block, unblockRequestedByStaffId: input.makerStaffId, unblockRequestedAt: input.now, unblockRequestNote: note };
  return lift(tx, requested, input);
}
