/**
 * acquiring/payments: the payment API (issue 15 item 2; docs/acquiring-payments.md) and what the
 * hosted checkout calls. Owns payments, payment_refunds, payment_idempotency_keys (migration 0040).
 *
 * - paymentsRoutes: /api/merchant/v1/payments… (Bearer sk_…), OpenAPI tag Payments.
 * - checkoutViewOf, verifyCheckoutToken, beginAuthentication, authorisePayment: the checkout's side.
 * - paymentsSweep: the retention worker's pass that finishes money steps a crash left.
 * - TRANSITIONS / transition: the one way a payment's status changes (webhooks hook there).
 */
export { bankMerchantRefusal, createBankCardPayment, isPaymentCurrency, renewBankCheckoutUrl } from './bank-payments.js';
export { authorisePayment, beginAuthentication, checkoutViewOf, verifyCheckoutToken } from './checkout.js';
export { paymentsRoutes } from './payments.routes.js';
export { PAYMENT_STATUSES, type Payment } from './payments.types.js';
export { paymentsSweep, sweepPayments } from './sweep.js';
