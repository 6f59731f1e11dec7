/**
 * acquiring/chargebacks (issue 15 item 7; docs/acquiring-chargebacks.md): a cardholder's "this
 * wasn't me" on a purchase Kassa acquired, as the merchant's side of the case. modules/disputes
 * opens and closes them in the transactions of the case's steps; the merchant reads and answers
 * them through the payment API and its webhooks; a lost one is charged back from the merchant's
 * settlement account, now or before its next payout. Owns chargebacks (migration 0045).
 */
export { chargebacksRoutes } from './chargebacks.routes.js';
export { chargebackCeiling, chargebackOfDispute, closeChargeback, openChargeback } from './chargebacks.service.js';
export { StaffChargebackView } from './chargebacks.views.js';
