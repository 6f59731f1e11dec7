/**
 * modules/card-network: the issuer's side of the card networks (issue 14 item 6;
 * docs/card-network.md). A module of its own rather than a folder of cards: it is another trust
 * boundary (a network's key, not a customer's session), it owns other tables
 * (card_network_messages, card_authorisations: migration 0033), and it moves money (ledger holds,
 * risk's e-money caps, operations' records), which cards does not; cards keeps the card's facts,
 * its controls and the counting of its limits, and this module asks it through cards' index.ts.
 *
 * - The port, inbound: POST /api/network/v1/{authorisation,advice,reversal,clearing}, signed per
 *   network (signature.ts), each message decided once (once.ts).
 * - The engine: authorise.ts (0100), advice.ts (0120), settle.ts (0400, 0220), holds-expiry.ts (a
 *   sweep on the retention worker's schedule), the ISO 8583 response codes (response-codes.ts).
 * - The port, outbound: ctx.cardNetwork (network-port.ts), for transfers to other banks' cards
 *   (issue 14 item 7); its test double, SimulatedCardNetwork, also signs inbound messages for
 *   the tests, the bench and the demo's checkout; as the acquirer's (issue 15), it sends other
 *   banks' cards' purchases, and its double answers them by the sandbox table.
 * - On-us (on-us.ts): a Kassa card paying a merchant Kassa acquires, decided by the same engine
 *   in-process (modules/acquiring/money calls it).
 *
 * Depends on cards, ledger, risk, operations, audit. acquiring/money depends on it.
 */
export { cardNetworkRoutes } from './card-network.routes.js';
export type { OutboundAnswer, OutboundMessage, OutboundPurchase } from './card-network.types.js';
export { devCheckoutRoutes } from './dev-checkout.routes.js';
export { cardHoldsExpiry } from './holds-expiry.js';
export type { AuthorisationRequest, ClearingRequest, ReversalRequest } from './message-schemas.js';
export { createCardNetworkPort } from './network-port.js';
export { authoriseOnUs, clearOnUs, onUsPurchase, onUsRrnOfOperation, reverseOnUs } from './on-us.js';
export { SANDBOX_ISSUER_ANSWERS, SimulatedCardNetwork } from './simulated-network.js';
