/**
 * modules/payments: paying for services (issue 16, docs/payments-providers.md). Owns the
 * catalogue (service_categories, service_providers), the provider's answers before a payment
 * (service_checks) and each payment's own row with its delivery to the provider
 * (service_payments), and /api/v1/payments. A payment is a kind of operation (payment-kind.ts):
 * its life cycle, codes, limits and notices are operations' and risk's; its money goes to the
 * provider's settlement account in the ledger. The provider is reached through one port
 * (provider/): the HTTP adapter in every environment, a simulator of billers (simulator/) on the
 * other end outside production; the notify worker (notify/) tells the provider of each payment,
 * outside any transaction, until it acknowledges.
 */

export { catalogueStaffRoutes } from './catalogue.staff-routes.js';
export { startDemoProviders } from './demo.js';
export { guestPaymentsRoutes } from './guest/guest.routes.js';
export { registerServicePaymentHooks } from './hooks.js';
export { ProviderNotifier } from './notify/index.js';
export { purgeExpired } from './payments.retention.js';
export { servicePaymentsRoutes } from './payments.routes.js';
export { createProviderPort } from './provider/index.js';
export { registerProviderSettlementExecutor } from './provider-settlement-approval.js';
export { registryStaffRoutes, serviceRegistries } from './registry/index.js';
export { savedPaymentsRoutes } from './saved.routes.js';
export { serviceSchedules } from './schedule-runner.js';
