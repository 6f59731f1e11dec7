/**
 * modules/transfers: transfers between own accounts, by phone and by IBAN, as a kind of
 * operation (transfer-kind.ts), plus what only transfers have: the fee schedule, the payee
 * look-up by phone (SECURITY.md 36) and trusted payees (RTS art. 13). The life cycle, history,
 * receipts and notices are modules/operations'; limits and exemptions are modules/risk's.
 */

export { registerCardTransferHooks, resealCardTransferPans } from './card-pan-at-rest.js';
export { transfersRoutes } from './transfers.routes.js';
export { trustedPayeesRoutes } from './trusted-payees.routes.js';
