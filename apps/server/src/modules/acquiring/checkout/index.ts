/**
 * acquiring/checkout: the hosted checkout's API (issue 15 item 3; docs/acquiring-payments.md). The
 * page (apps/web features/checkout) calls it with the token of the checkout URL's fragment; it
 * hands the card to 3-D Secure (modules/acs) and the payment (acquiring/payments), and the vault
 * holds a typed card only while a challenge runs (cards holdTypedCard). Owns
 * payment_authentications and payment_checkout_submissions (migration 0044).
 */
export { checkoutRoutes } from './checkout.routes.js';
