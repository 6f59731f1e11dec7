/**
 * The ledger: accounts, double-entry operations, holds. The only module that writes postings;
 * other modules use these functions and never the ledger's tables.
 *
 * Sign convention: + credit, − debit, seen from the account holder; each currency sums to zero.
 * Write functions take the caller's transaction first and throw a LedgerProblemError, before
 * writing anything, when a business rule refuses the change.
 */
export { isLedgerProblem, LedgerProblem, type LedgerProblemCode, LedgerProblemError } from './ledger.errors.js';
export { DEFAULT_BANK_CODE, generateIban, ibanCheckDigits, KZ_IBAN_LENGTH, normalizeIban } from './ledger.iban.js';
export {
  ACCOUNTS_PER_OWNER_MAX,
  AMOUNT_MINOR_MAX,
  accountBalance,
  changeAccountStatus,
  checkLedgerInvariants,
  ensureSystemAccounts,
  getAccount,
  getAccountByIban,
  getHold,
  getOperation,
  getSystemAccount,
  listAccountsByOwner,
  listPostings,
  OPERATIONS_PER_BATCH_MAX,
  type OperationResult,
  openAccount,
  POSTINGS_PAGE_LIMIT_DEFAULT,
  POSTINGS_PAGE_LIMIT_MAX,
  POSTINGS_PER_OPERATION_MAX,
  placeHold,
  postHold,
  postOperation,
  postOperations,
  reverseOperation,
  systemAccountId,
  voidHold,
} from './ledger.service.js';
export * from './ledger.types.js';
