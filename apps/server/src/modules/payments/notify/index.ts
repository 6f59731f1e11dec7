/**
 * payments/notify: tells each provider of the payments made to it, outside any transaction, until
 * it acknowledges (issue 16 item 2; docs/payments-providers.md). ProviderNotifier is the worker on
 * the app's context (`ctx.providerNotifier`); notifyNow makes one payment due at once (after its
 * confirmation); runProviderNotifications (notify.ts) is one pass, for the tests.
 */
export { ProviderNotifier } from './notifier.js';
export { notifyNow } from './notify.js';
