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

/**
 * An unblock request (the maker's half of maker-checker, issue 13 item 10) waits this long for
 * another security officer; after it, a new request is needed: an identity check a day old is
 * no longer an identity check.
 */
export const UNBLOCK_REQUEST_TTL_MS = 24 * 60 * 60_000;

/** Staff ids are the back office's (modules/staff): `stf_` and a lower-case suffix. */
export const STAFF_ID_PATTERN = /^stf_[0-9a-z_-]{1,64}$/;

/** One row of customer_blocks (migration 0021). */
export interface BlockRecord {
  id: string;
  customerId: string;
  source: BlockSource;
  reason: BlockReason;
  note: string | null;
  /** Null for a block the customer made. */
  createdByStaffId: string | null;
  createdAt: Date;
  unblockRequestedByStaffId: string | null;
  unblockRequestedAt: Date | null;
  unblockRequestNote: string | null;
  liftedAt: Date | null;
  liftedByStaffId: string | null;
}

/**
 * Where a block stands. Transitions:
 *   active -> unblock-requested (a security officer asks, with a note: requestUnblock)
 *   unblock-requested -> lifted (another security officer approves: approveUnblock)
 *   unblock-requested -> active (the request is past UNBLOCK_REQUEST_TTL_MS unanswered)
 *   lifted: final (a new block is a new record).
 */
export type BlockState = 'active' | 'unblock-requested' | 'lifted';

export function blockState(block: BlockRecord, now: Date): BlockState {
  if (block.liftedAt) return 'lifted';
  if (block.unblockRequestedAt && block.unblockRequestedAt.getTime() + UNBLOCK_REQUEST_TTL_MS > now.getTime()) return 'unblock-requested';
  return 'active';
}

/** Why a step of the unblock is refused: a closed set, each with its problem (blocks.errors.ts). */
export type UnblockRefusal = 'not-found' | 'lifted' | 'already-requested' | 'not-requested' | 'maker-cannot-approve';
