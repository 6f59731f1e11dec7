/**
 * For tests outside auth that check what auth stores under which key of the ring
 * (shared/keyring.test.ts, test/key-rotation.test.ts): the keyed hashes of tokens, PINs and clients.
 */
export { clientHash, csrfTokenFor, pinHash, tokenHash } from './tokens.js';
