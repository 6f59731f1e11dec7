/**
 * acquiring/money: the money of online card payments (issue 15 item 5; docs/acquiring-money.md).
 * The payment API (acquiring/payments) calls these outside any transaction; each is idempotent on
 * the ids it is given, so a retry after a crash moves money at most once.
 *
 * - authoriseCard: test mode the sandbox table; a Kassa card the issuer's engine in-process
 *   (card-network authoriseOnUs: a hold, the purchase in the cardholder's history); another
 *   bank's card through ctx.cardNetwork.
 * - captureCard: the card's side (clearing) then the merchant's (amount − MDR to the merchant's
 *   settlement account, the MDR to bank_fees), once per capture id. releaseCard: the reversal.
 * - refundCard: from the merchant's account back to the card (a new operation for a Kassa card).
 * - the merchant's balance and daily payouts (moneyRoutes, merchantPayouts for the retention worker).
 *
 * Owns merchant_captures, merchant_refunds, merchant_payouts (migration 0043).
 */
export { authoriseCard, issuerOf } from './authorise.js';
export { captureCard, releaseCard } from './capture.js';
export { FAILURE_MESSAGES } from './money.messages.js';
export { moneyRoutes } from './money.routes.js';
export type {
  FailureCode,
  Issuer,
  MerchantForMoney,
  PresentedCard,
  ThreeDsResult,
} from './money.types.js';
export { FAILURE_CODES } from './money.types.js';
export { merchantPayouts, runPayouts } from './payouts.js';
export { refundCard } from './refund.js';
