/**
 * For tests outside auth that check what auth stores under which key of the ring
 * (shared/keyring.test.ts, test/key-rotation.test.ts): the keyed hashes of tokens, PINs and clients.
 * And a session made directly, as a login would make it, for tests of what a session may still do
 * while something else should stop it (modules/blocks: a request that passed authentication as the
 * block landed).
 */
export { createSession } from './sessions.js';
export { clientHash, csrfTokenFor, pinHash, tokenHash } from './tokens.js';
