/**
 * The card-data vault (issue 14 item 2; SECURITY.md 18-20; docs/card-vault.md): the only holder of
 * a plaintext PAN, and the narrowest door of the server. modules/cards is its one user
 * (.dependency-cruiser.cjs, vault-only-for-cards-and-its-script); everything else sees a card id
 * and `first6••••••last4`.
 *
 * - `createCardVault({ kek, clock })`: storePan, findByPan, withPan (the one way a PAN comes out,
 *   for the length of one call), maskedOf.
 * - `rewrapDataKeys`: CARD_KEK rotation (npm run cards:rotate-key); `verifyCardKek`: a start-up
 *   check that CARD_KEK still opens every data key.
 *
 * Failures: a duplicate PAN is a value (storePan's `duplicate`); stored data that does not decrypt
 * throws VaultIntegrityError (never a business failure: someone altered the rows or the keys).
 */
export { VaultIntegrityError } from './envelope.js';
export {
  dropHeldCard,
  type HeldCard,
  type HeldCardId,
  holdCard,
  isHeldCardId,
  purgeExpiredHeldCards,
  withHeldCard,
} from './held-cards.js';
export { REWRAP_BATCH_KEYS, rewrapDataKeys, verifyCardKek } from './rewrap.js';
export { type CardVault, createCardVault, isVaultId, type VaultId } from './vault.js';
