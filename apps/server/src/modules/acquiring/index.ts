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
// The payment API (item 2) is their first user in the product; until it lands, the tests are.
export { merchantOf, requireMerchantKey } from './merchant-auth.js';
export { merchantsStaffRoutes } from './merchants.staff-routes.js';
// The money of card payments (item 5, acquiring/money): the balance and payout routes, the daily payout sweep.
export { merchantPayouts, moneyRoutes } from './money/index.js';
