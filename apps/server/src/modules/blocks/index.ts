/**
 * modules/blocks: the emergency block (issue 13 item 4; SECURITY.md 6). A lost phone or a SIM that
 * stopped working is reported (by the customer on the web without the phone, by an operator on a
 * call, by a security officer from an incident) and in one transaction every session ends, every
 * bound device is revoked, waiting operations are cancelled, pending codes voided and codes held
 * (sca), outgoing money refused (operations, through the blocks port of context.ts). Unblocking
 * is maker-checker by two security officers (an approval of kind `unblock`, modules/approvals,
 * whose executor lifts the block), after which the customer logs in with an SMS code. Staff
 * routes: blocks.staff-routes.ts.
 *
 * Owns customer_blocks. Depends on auth, sca, operations, identity, notifications, approvals,
 * calls and audit; none of them imports blocks (operations asks the port), but for the staff's
 * customer file in calls, which reads blocksOf.
 */
export { customerBlockPort } from './blocks.port.js';
export { blocksRoutes } from './blocks.routes.js';
export { activeBlockOf, blocksOf, emergencyBlock } from './blocks.service.js';
export { blocksStaffRoutes } from './blocks.staff-routes.js';
export { BLOCK_REASONS, BLOCK_SOURCES, type BlockReason, type BlockRecord, type BlockState, blockState } from './blocks.types.js';
export { registerUnblockExecutor, requestUnblock } from './unblock.service.js';
