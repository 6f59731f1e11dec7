/**
 * payments/provider: the port to service providers (issue 16 item 2; docs/payments-providers.md).
 * createProviderPort plugs the HTTP adapter into the app's context (`ctx.paymentProviders`); the
 * endpoint it is given (catalogue.service.ts providerEndpoint) holds the secret opened for the call.
 */

export { createProviderPort } from './create-port.js';
export type { NotifyAnswer, ProviderConfirmation, StatusAnswer } from './provider-port.js';
