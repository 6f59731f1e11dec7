/**
 * modules/operations: the one life cycle of every money operation (docs/adr/0006).
 *
 * Owns the operations table (the record every operation has: kind, status, amounts, payee,
 * SCA decision, ledger link, Idempotency-Key), the stored answers, the history, receipts and
 * outcome notices, and /api/v1/operations. The money the bank itself pays a customer (a refund
 * on a dispute: modules/disputes owns the case) is a kind of its own, credited by creditFromBank;
 * so is a merchant's refund of a Kassa card's online purchase (creditCardRefund, acquiring/money). A kind of operation (transfers today;
 * service payments and cards next) plugs in as an OperationKindHandler and calls
 * createOperation / confirmOperation / resendOperationCode / cancelOperation; it keeps what
 * only it has in a detail table of its own. Operations asks risk whether money may leave and the ledger to move it.
 */
export { creditFromBank } from './bank-credit.js';
export { cancelOperation, cancelOperationsAwaitingCode, lockOperationsAwaitingCode } from './cancel.js';
export {
  completeCardPurchase,
  type PurchaseRecipient,
  purchaseRecipient,
  recordCardPurchase,
  reverseCardPurchase,
} from './card-purchases.js';
export { creditCardRefund } from './card-refunds.js';
export { confirmOperation, resendOperationCode } from './confirm.js';
export { customerDaySummary } from './day-summary.js';
export { staleOperationsExpiry } from './ended.js';
export { getOperation as viewOperation, listHistory, operationRecord, visibleOperation } from './history.js';
export { IDEMPOTENCY_KEY_LENGTH_MAX } from './idempotency.repo.js';
export { createOperation, type OperationAnswer } from './lifecycle.js';
export type { OperationDraft, OperationKindHandler } from './operation-kind.js';
export { OperationProblem } from './operations.errors.js';
export { ACCOUNT_KIND_NAMES } from './operations.messages.js';
export { purgeExpired } from './operations.retention.js';
export { type CardAccessGate, operationsRoutes } from './operations.routes.js';
export { OperationId, OperationKindSchema, OperationView } from './operations.schemas.js';
export type { DeclineReason, OperationRecord } from './operations.types.js';
export { receiptCheckRoutes } from './receipt-check.routes.js';
export { listRecentPayees } from './recent-payees.js';
export { StaffOperationView, staffOperationView } from './staff-view.js';
export { type StatementLine, statementLines } from './statement-lines.js';
