/**
 * modules/acs: 3-D Secure 2 (issue 15 item 4; docs/3ds.md). Three roles of the EMV 3DS 2.2 browser
 * flow in this process, each with its own writes, talking in the spec's messages (emv-messages.ts):
 *
 * - the 3DS Server, Kassa the acquirer's side (three-ds-server.ts): `authenticate` for a payment's
 *   card (AReq → ARes), `challengeResultOf` after a challenge (the RReq it was sent);
 * - the directory server, a test double (directory-server.ts): routes by card range — Kassa's BIN
 *   to Kassa's ACS, the sandbox cards to the sandbox ACS, anything else U;
 * - Kassa's ACS (kassa-acs.ts, acs.service.ts, challenge.service.ts): R with the reason before any
 *   code for what the issuer would refuse (frozen, closed, expired, internet off, over a limit),
 *   Y for a low amount at a merchant the card paid before, otherwise an SMS code bound to the
 *   amount and the merchant (3 tries, 5 minutes, 2 resends); the challenge JSON API (acs.routes.ts).
 *
 * For the issuer's authorisation engine (card-network authorise.ts): `verifyAuthenticationValue`
 * (Y/A with a value Kassa's ACS made for this card, amount, currency and merchant, used once) and
 * `recordAuthenticatedApproval`. The authentication value is a keyring MAC (authentication-value.ts).
 *
 * Owns acs_transactions and threeds_server_transactions (migration 0041). Depends on auth (the
 * in-app approval on a bound device), cards, identity, ledger (currencies), notifications (the SMS outbox), audit. Not on acquiring (which
 * calls authenticate) nor on card-network (which calls the verifier).
 */
// The app's side: purchases waiting for the customer's approval on their bound PIN device.

export { acsRoutes } from './acs.routes.js';
export type { AuthenticationRefusal } from './acs.types.js';
export { acsAppRoutes } from './app-approval.routes.js';
// The retention worker's sweep: challenges past their time end N.
export { acsChallengesExpiry } from './challenges-expiry.js';
export { authenticate, challengeResultOf } from './three-ds-server.js';
export { recordAuthenticatedApproval, verifyAuthenticationValue } from './verify.js';
