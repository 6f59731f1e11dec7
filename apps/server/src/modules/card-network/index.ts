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
 *   the tests, the bench and the demo's checkout.
 *
 * Depends on cards, ledger, risk, operations, audit. Nothing depends on it.
 */
export { cardNetworkRoutes } from './card-network.routes.js';
export type { OutboundAnswer, OutboundMessage } from './card-network.types.js';
export { devCheckoutRoutes } from './dev-checkout.routes.js';
export { cardHoldsExpiry } from './holds-expiry.js';
export { createCardNetworkPort } from './network-port.js';
export { SimulatedCardNetwork } from './simulated-network.js';
