export { accountsRoutes, accountView } from './accounts.routes.js';
export { depositFromSettlement, openAccountsForAgreement, registerAccountHooks } from './accounts.service.js';
export { accountsDemoSeeder } from './demo.js';
