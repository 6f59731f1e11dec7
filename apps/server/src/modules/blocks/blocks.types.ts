/**
 * The emergency block (issue 13 item 4): a lost phone or a SIM that stopped working is reported,
 * and every way into the customer's access stops at once (blocks.service.ts says which).
 */

/** Who blocked: the customer on the web without the phone, an operator on a call, a security officer from an incident. */
export const BLOCK_SOURCES = ['self', 'operator', 'security'] as const;
export type BlockSource = (typeof BLOCK_SOURCES)[number];

/** Why, as a closed set the customer and staff choose from; anything else is `other` with a note for staff. */
export const BLOCK_REASONS = ['lost_phone', 'sim_stopped', 'compromise', 'fraud_suspected', 'other'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/** The reasons the customer chooses from on the web; fraud is for staff to suspect. */
export const SELF_BLOCK_REASONS = ['lost_phone', 'sim_stopped', 'compromise', 'other'] as const satisfies readonly BlockReason[];

/** A note for staff: long enough for a sentence or two of what the caller said, no longer. */
export const BLOCK_NOTE_LENGTH_MAX = 500;

/** Staff ids are the back office's (modules/staff): `stf_` and a lower-case suffix. */
export const STAFF_ID_PATTERN = /^stf_[0-9a-z_-]{1,64}$/;

/**
 * The unblock waiting for a checker (modules/approvals, kind `unblock`, subject the block): not a
 * column of the block but the approval request, read through approvals' export where a block is
 * shown (blocksOf, the staff's routes). Its expiry is the approval's (APPROVAL_TTL_HOURS).
 */
export interface UnblockRequestRef {
  approvalId: string;
  makerStaffId: string;
  createdAt: Date;
  expiresAt: Date;
}

/** One row of customer_blocks (migrations 0021, 0026), with the unblock request waiting on it, if read. */
export interface BlockRecord {
  id: string;
  customerId: string;
  source: BlockSource;
  reason: BlockReason;
  note: string | null;
  /** Null for a block the customer made. */
  createdByStaffId: string | null;
  createdAt: Date;
  liftedAt: Date | null;
  /** The checker who approved the unblock. */
  liftedByStaffId: string | null;
  /** The approval that lifted it (null for a block lifted before migration 0026, by its own request). */
  liftedByApprovalId: string | null;
  /** Null when none waits, or when the reader did not ask (the repo's rows): blocksOf and the staff's routes fill it. */
  unblockRequest: UnblockRequestRef | null;
}

/**
 * Where a block stands. Transitions:
 *   active -> unblock-requested (a security officer asks, with a note: requestUnblock, an approval)
 *   unblock-requested -> lifted (another security officer approves it: the approval's executor)
 *   unblock-requested -> active (the approval is rejected, or expires unanswered)
 *   lifted: final (a new block is a new record).
 */
export type BlockState = 'active' | 'unblock-requested' | 'lifted';

export function blockState(block: BlockRecord, now: Date): BlockState {
  if (block.liftedAt) return 'lifted';
  if (block.unblockRequest && block.unblockRequest.expiresAt.getTime() > now.getTime()) return 'unblock-requested';
  return 'active';
}

/**
 * Why an unblock request or its execution is refused: a closed set, each with its problem
 * (blocks.errors.ts). The maker-checker refusals (own request, wrong role, expired) are approvals'.
 */
export type UnblockRefusal = 'not-found' | 'lifted' | 'already-requested';
