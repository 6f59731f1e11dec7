import type { PostBody } from '../../api/shapes';

/** The reasons the customer chooses from, as the server's schema lists them (modules/blocks SELF_BLOCK_REASONS). */
export type SelfBlockReason = PostBody<'/api/v1/emergency-block'>['reason'];

/**
 * Every reason, in the order the form shows them, as a record of every member: a reason the
 * server adds or drops breaks this build until the list and its texts (block.reason_*) follow.
 */
const REASONS: Record<SelfBlockReason, true> = { lost_phone: true, sim_stopped: true, compromise: true, other: true };
export const SELF_BLOCK_REASONS = Object.keys(REASONS) as SelfBlockReason[];
/** Chosen until the customer picks another: by far the most common case. */
export const DEFAULT_BLOCK_REASON: SelfBlockReason = 'lost_phone';

/** Where the signed-in "Block my access now" lands after it has logged the customer out (BlockPage's result). */
export interface BlockedNowState {
  blockedNow: true;
}

export function isBlockedNowState(value: unknown): value is BlockedNowState {
  return typeof value === 'object' && value !== null && (value as { blockedNow?: unknown }).blockedNow === true;
}
