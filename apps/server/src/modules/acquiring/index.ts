/**
 * modules/acquiring: the bank as acquirer (issue 15). Item 1 so far: merchants (legal name, BIN,
 * MCC, settlement IBAN, the return-URL origins, active / suspended, test and live mode) created by
 * staff in the back office, and their secret API keys (`sk_test_…` / `sk_live_…`, shown once,
 * kept as a keyed hash, several active for rotation, revocable, last-used time).
 *
 * - merchantsStaffRoutes: the back office's routes under /api/staff/v1/merchants (staff's guard).
 * - requireMerchantKey / merchantOf: the payment API's preHandler for `Authorization: Bearer sk_…`
 *   and the merchant it authenticated.
 *
 * acquiring owns merchants and merchant_api_keys (migration 0039) and reads no other module's
 * table: it asks identity (the BIN's check digit), the ledger (the IBAN), staff and audit.
 */
// The demo shop's merchant (item 8, apps/demo-shop): seeded once; a fresh test key and webhook secret at each start.

// The bank's own merchant for guests' card payments to providers (payments/guest): the demo's, and the tests'.
export { bankMerchantDemoSeeder, insertBankMerchant } from './bank-merchant.js';
// Chargebacks (item 7, acquiring/chargebacks): modules/disputes opens and closes them with its cases; the merchant's routes.
export {
  chargebackCeiling,
  chargebackOfDispute,
  chargebacksRoutes,
  closeChargeback,
  openChargeback,
  StaffChargebackView,
} from './chargebacks/index.js';
// The hosted checkout's API (item 3, acquiring/checkout): the page's routes.
export { checkoutRoutes } from './checkout/index.js';
export { acquiringDemoSeeder, DEMO_SHOP_MERCHANT_ID, demoShopCredentials } from './demo-shop.js';
// The payment API (item 2) is their first user in the product; until it lands, the tests are.
export { merchantOf, requireMerchantKey } from './merchant-auth.js';
// Staff's PATCH of a merchant's DE43 name, MDR, origins and modes (item 2).
export { merchantSettingsRoutes } from './merchant-settings.js';
export { merchantsStaffRoutes } from './merchants.staff-routes.js';
// The money of card payments (item 5, acquiring/money): the balance and payout routes, the daily payout sweep.
export { FAILURE_MESSAGES as CARD_PAYMENT_FAILURE_MESSAGES, merchantPayouts, moneyRoutes } from './money/index.js';
// The payment API (item 2, acquiring/payments): routes, the crash sweep, and the hosted checkout's service functions.
// Card payments the bank takes through a merchant of its own (payments' guests, issue 16 item 5).
export {
  authorisePayment,
  bankMerchantRefusal,
  checkoutViewOf,
  createBankCardPayment,
  isPaymentCurrency,
  paymentsRoutes,
  paymentsSweep,
  renewBankCheckoutUrl,
} from './payments/index.js';
// Merchant webhooks (item 6, acquiring/webhooks): the outbox's recordMerchantEvent, the delivery sweep, the routes.
export {
  endpointUrl,
  isNonPublicAddress,
  merchantWebhookDeliveries,
  runWebhookDeliveries,
  SIGNATURE_HEADER,
  signatureHeader,
  verifyKassaSignature,
  WebhookSender,
  webhooksRoutes,
} from './webhooks/index.js';
