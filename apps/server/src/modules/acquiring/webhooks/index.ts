/**
 * acquiring/webhooks: merchant webhooks through an outbox (issue 15 item 6; docs/acquiring-webhooks.md).
 *
 * - recordMerchantEvent(tx, …): the event and a pending delivery per matching endpoint, in the
 *   caller's transaction (the payments code's one status transition function calls it).
 * - merchantWebhookDeliveries: the delivery sweep for the retention worker's schedule;
 *   runWebhookDeliveries: one sweep now (tests, scripts).
 * - verifyKassaSignature: the receiver's check of `Kassa-Signature`, the reference for merchants.
 * - webhooksRoutes: /api/merchant/v1/webhook-endpoints, /api/merchant/v1/events (Bearer sk_…) and
 *   /api/staff/v1/merchants/:merchantId/events.
 *
 * Owns merchant_webhook_endpoints, merchant_events, merchant_webhook_deliveries (migration 0042).
 */

// The URL guard and the signature are shared with service providers' calls (payments/provider).
export { endpointUrl, isNonPublicAddress } from './endpoint-url.js';
export { recordMerchantEvent } from './record-event.js';
export { WebhookSender } from './sender.js';
export { SIGNATURE_HEADER, signatureHeader, verifyKassaSignature } from './signature.js';
export { webhooksRoutes } from './webhooks.routes.js';
export { merchantWebhookDeliveries, runWebhookDeliveries } from './worker.js';
