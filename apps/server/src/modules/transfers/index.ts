export { purgeExpired } from './transfers.retention.js';
export { transfersRoutes } from './transfers.routes.js';
export { confirmTransfer, createTransfer, listHistory } from './transfers.service.js';
