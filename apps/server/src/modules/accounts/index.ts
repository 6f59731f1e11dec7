export { accountsRoutes } from './accounts.routes.js';
export { depositFromSettlement, registerAccountHooks } from './accounts.service.js';
export { accountsDemoSeeder } from './demo.js';
