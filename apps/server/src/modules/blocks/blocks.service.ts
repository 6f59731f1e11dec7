import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { endSessionsInTx, lockAuthenticatorsOf, revokeAllDevicesInTx } from '../auth/index.js';
import { type Customer, findCustomerById } from '../identity/index.js';
import { notifyInApp } from '../notifications/index.js';
import { cancelOperationsAwaitingCode, lockOperationsAwaitingCode } from '../operations/index.js';
import { holdCodes, lockPendingCodesOf, voidPendingCodesOf } from '../sca/index.js';
import { blockedNotice } from './blocks.messages.js';
import { insertBlock, lockCustomerBlocks, selectActiveBlock, selectBlocksOf } from './blocks.repo.js';
import { BLOCK_NOTE_LENGTH_MAX, type BlockReason, type BlockRecord, type BlockSource, STAFF_ID_PATTERN } from './blocks.types.js';
import { withUnblockRequest } from './unblock.service.js';

/** The in-app notice's kind (notifications), so the app can show it apart from operation news. */
const BLOCKED_NOTICE_KIND = 'customer-blocked';
/** Blocks shown in the staff's customer file, newest first. */
export const BLOCKS_LISTED_MAX = 20;

export interface EmergencyBlockInput {
  customerId: string;
  source: BlockSource;
  reason: BlockReason;
  /** For staff: what the caller said, the incident. Never shown to the customer. */
  note?: string | null;
  /** The staff member who blocks (an operator, a security officer); none for the customer's own block. */
  staffId?: string | null;
  /** What the audit row adds for a staff block: the call or the officer's reason, what the caller's answers matched. */
  auditContext?: Record<string, unknown>;
  meta: RequestMeta;
}

export interface EmergencyBlockResult {
  block: BlockRecord;
  /** The customer was blocked already: the record stays the first one, the sweep ran again. */
  alreadyBlocked: boolean;
  sessionsEnded: number;
  devicesRevoked: number;
  codesVoided: number;
  operationsCancelled: number;
}

/**
 * The emergency block (issue 13 item 4; SECURITY.md 6, NIST 800-63B 5.2.1), in ONE transaction:
 * from its commit on, nothing the customer had open works and nothing new can start.
 *   - every session ends (the next request of each is 401);
 *   - every bound device is revoked (PIN and fingerprint), the one in hand too;
 *   - every operation waiting for its code is cancelled, and every pending code is void;
 *   - codes are held (sca/holds.ts): none goes to the customer or to the phone, for any step,
 *     and no code sent before passes; a login with the right password then fails as a wrong one;
 *   - outgoing operations are refused (operations asks the blocks port); money still comes in;
 *   - the block is recorded and audited, and an in-app notice waits for the customer's next login.
 * Nothing goes to the phone: it is lost, and whoever holds it must learn nothing.
 *
 * Lock order. First the customer's block lock (two blocks of one customer run one after the
 * other), then the row locks of everything the block ends, before any audit row: the operations
 * waiting for a code, the pending codes, the devices, the sessions, in the order every other
 * transaction takes them (risk/lock-order.ts: operation before sca-challenge). Every transaction
 * here takes its row locks before the audit chain's, so a login or a confirmation in flight holds
 * a row the block waits for, never the reverse: it commits first, and what it made (a session,
 * a used code) is then seen and ended by the block's later statements.
 *
 * Idempotent: a customer already blocked keeps their first record; the sweep runs again (it finds
 * nothing or what slipped past) and the answer says `alreadyBlocked`.
 */
export async function emergencyBlock(ctx: AppContext, input: EmergencyBlockInput): Promise<EmergencyBlockResult> {
  checkBlockInput(input);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    await lockCustomerBlocks(tx, input.customerId);
    const customer = await findCustomerById(tx, input.customerId);
    if (!customer || customer.status === 'closed') return null;
    return blockInTx(tx, ctx, customer, input, now);
  });
  if (!result) throw new ProblemError(CommonProblem['not-found']);
  return result;
}

function checkBlockInput(input: EmergencyBlockInput): void {
  const staffId = input.staffId ?? null;
  assert((input.source === 'self') === (staffId === null), `a ${input.source} block ${staffId ? 'names no' : 'names its'} staff member`);
  assert(staffId === null || STAFF_ID_PATTERN.test(staffId), 'a staff id is stf_…');
  assert((input.note ?? '').length <= BLOCK_NOTE_LENGTH_MAX, `a block note is at most ${BLOCK_NOTE_LENGTH_MAX} characters`);
}

async function blockInTx(
  tx: Tx,
  ctx: AppContext,
  customer: Customer,
  input: EmergencyBlockInput,
  now: Date,
): Promise<EmergencyBlockResult> {
  const { meta } = input;
  const customerId = customer.id;
  const existing = await selectActiveBlock(tx, customerId);

  // The row locks, before any audit row (see the lock order above).
  await lockOperationsAwaitingCode(tx, ctx, { customerId, now });
  await lockPendingCodesOf(tx, customerId);
  await lockAuthenticatorsOf(tx, customerId);

  await holdCodes(tx, { now }, { customerId, phone: customer.phone, reason: 'customer-blocked' });
  const cancelled = await cancelOperationsAwaitingCode(tx, ctx, { customerId, reason: 'customer-blocked', meta, now });
  const codesVoided = await voidPendingCodesOf(tx, { now }, { customerId, reason: 'customer-blocked', meta });
  const devicesRevoked = await revokeAllDevicesInTx(tx, { customerId, reason: 'customer-blocked', meta, now });
  const sessionsEnded = await endSessionsInTx(tx, { customerId, sessionIds: 'all', reason: 'customer-blocked', meta, now });

  const block: BlockRecord = existing ?? {
    id: newId('blk'),
    customerId,
    source: input.source,
    reason: input.reason,
    note: input.note?.trim() || null,
    createdByStaffId: input.staffId ?? null,
    createdAt: now,
    liftedAt: null,
    liftedByStaffId: null,
    liftedByApprovalId: null,
    unblockRequest: null,
  };
  if (!existing) await insertBlock(tx, block);
  const swept = { sessionsEnded, devicesRevoked, codesVoided, operationsCancelled: cancelled.length };
  await recordAudit(tx, {
    event: 'customer.blocked',
    customerId,
    meta,
    details: {
      blockId: block.id,
      source: input.source,
      reason: input.reason,
      ...(input.staffId ? { staffId: input.staffId } : {}),
      ...input.auditContext,
      alreadyBlocked: existing !== null,
      ...swept,
    },
    occurredAt: now,
  });
  if (!existing) {
    const notice = blockedNotice(customer.language, {
      source: block.source,
      reason: block.reason,
      at: now,
      contactCenterPhone: ctx.config.contactCenterPhone,
      bankTimeZone: ctx.config.bankTimeZone,
    });
    await notifyInApp(tx, { customerId, kind: BLOCKED_NOTICE_KIND, ...notice });
  }
  return { block, alreadyBlocked: existing !== null, ...swept };
}

/**
 * The customer's block in force, or null: for the modules that must refuse something while it
 * stands (the port asks on every outgoing operation, so no unblock request is read here).
 */
export async function activeBlockOf(db: Queryable, customerId: string): Promise<BlockRecord | null> {
  return selectActiveBlock(db, customerId);
}

/**
 * The customer's blocks, newest first, the one in force with its unblock request if one waits
 * (the staff's customer file, issue 13 item 8). `now` decides whether a request is still waiting.
 */
export async function blocksOf(db: Queryable, customerId: string, now: Date = new Date()): Promise<BlockRecord[]> {
  const blocks = await selectBlocksOf(db, customerId, BLOCKS_LISTED_MAX);
  return Promise.all(blocks.map((block) => withUnblockRequest(db, block, now)));
}
