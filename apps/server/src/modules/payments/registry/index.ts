/**
 * payments/registry: the provider's side of service payments (issue 16 item 6;
 * docs/payments-providers.md, "Registry and reconciliation"): the daily registry file per provider,
 * made on the retention worker's schedule, and the reconciliation of the provider's confirmations
 * against the ledger, run by staff. Owns service_registries and service_reconciliations (0050).
 */
export { serviceRegistries } from './registry.js';
export { registryStaffRoutes } from './registry.routes.js';
