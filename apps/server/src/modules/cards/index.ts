/**
 * modules/cards: the cards Kassa issues (issue 14 items 1, 4, 5). Virtual and single-use debit
 * cards on a customer's current account or e-wallet, in its currency; the status machine
 * (cards.types.ts); the controls the customer sets in one tap (freeze, internet, contactless,
 * cash, internet limits, "no limit for N days"); the details shown only after an SMS code.
 *
 * Owns cards, card_controls, card_internet_days, card_limit_requests and card_reveals (migration
 * 0032), and through vault/ the PANs (migration 0031): only the vault ever holds a plaintext PAN,
 * only for one call (vault/index.ts); everything else sees a card id and first6••••••last4. The
 * CVC2 is computed from the PAN, the expiry and CARD_CVK (cvc.ts) and stored nowhere.
 *
 * For the authorisation engine and card transfers (later), card-use.ts:
 * - findCardByPan / cardForPayment: a card's status (as it counts now), controls, expiry, account;
 * - findCardByPresentedPan: the card of a PAN a network sent, and whether the CVC2 sent with it is the one derived from that PAN;
 * - whyCannotPay: the typed reason a card cannot pay now (frozen, closed, expired, the bank's
 *   block, a channel switched off, over a limit);
 * - chargeCardUse / releaseCardUse: the card limits' one counter. cards owns the counting of the
 *   internet limits: chargeCardUse checks and counts under the card's row lock in the engine's
 *   transaction, releaseCardUse gives an amount back. The engine owns the hold on the account,
 *   the e-money caps (risk) and the balance;
 * - cannotPayPreview: whyCannotPay read without the lock, counting nothing (modules/acs, before a 3-D Secure code);
 * - markSingleUseSpent: closes a single-use card in the transaction that approves its purchase.
 *
 * For the history filtered by card (modules/operations, handed in by app.ts), own-card.ts:
 * requireOwnCard, the owner check and audited 404 of the card routes.
 *
 * Depends on identity, ledger, sca, notifications, audit, auth (routes), operations (a constant);
 * reaches blocks only through the blocks port (context.ts). modules/card-network (the authorisation
 * engine) uses card-use.ts through this file.
 */

export { isLuhnValid } from './card-numbers.js';
export {
  type CannotPay,
  type CardChannel,
  type CardForPayment,
  cannotPayPreview,
  chargeCardUse,
  findCardByPan,
  findCardByPresentedPan,
  markSingleUseSpent,
  releaseCardUse,
} from './card-use.js';
export { purgeExpired } from './cards.retention.js';
export { cardsRoutes } from './cards.routes.js';
// The hosted checkout's narrow door (acquiring/checkout): typed cards held while 3-D Secure runs, own cards for one call.
export {
  checkoutCardsOf,
  closeSingleUseCard,
  dropTypedCard,
  type HeldCard,
  type HeldCardId,
  holdTypedCard,
  singleUseCardFor,
  withOwnCard,
  withTypedCard,
} from './checkout-cards.js';
export { requireOwnCard } from './own-card.js';
export { isHeldCardId } from './vault/index.js';
