/**
 * modules/blocks: the emergency block (issue 13 item 4; SECURITY.md 6). A lost phone or a SIM that
 * stopped working is reported (by the customer on the web without the phone, by an operator on a
 * call, by a security officer from an incident) and in one transaction every session ends, every
 * bound device is revoked, waiting operations are cancelled, pending codes voided and codes held
 * (sca), outgoing money refused (operations, through the blocks port of context.ts). Unblocking
 * is maker-checker by two security officers, after which the customer logs in with an SMS code.
 *
 * Owns customer_blocks. Depends on auth, sca, operations, identity, notifications and audit;
 * none of them imports blocks (operations asks the port).
 */
export { customerBlockPort } from './blocks.port.js';
export { blocksRoutes } from './blocks.routes.js';
export { activeBlockOf, blocksOf, emergencyBlock } from './blocks.service.js';
export { BLOCK_REASONS, type BlockReason } from './blocks.types.js';
export { approveUnblock, liftBlockInTx, requestUnblock } from './unblock.service.js';
