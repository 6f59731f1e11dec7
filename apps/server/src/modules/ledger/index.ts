/**
 * The ledger: accounts, double-entry operations, holds. The only module that writes postings;
 * other modules use these functions and never the ledger's tables.
 *
 * Sign convention: + credit, − debit, seen from the account holder; each currency sums to zero.
 * Write functions take the caller's transaction first. A business decline (LEDGER_DECLINES:
 * insufficient funds, a frozen or closed account, a currency mismatch, a balance ceiling) is a
 * value, `{ ok: false, decline, accountId }`, and the ledger has written nothing for it: the
 * caller may record the decline and commit. Any other failure (an unknown account, operation or
 * hold, an id used twice, a refused state change) throws a LedgerProblemError before writing
 * anything; a malformed call (an unbalanced operation, a zero amount) fails an assertion.
 * `ledgerDeclineProblem` turns a decline into the ledger's problem for a route that answers 422.
 *
 * Files: ledger.accounts.ts (accounts, balances), ledger.operations.ts (post, batch, reverse,
 * read), ledger.holds.ts (two-phase debits), ledger.invariants.ts, each with its SQL in the
 * `.repo.ts` of the same name; ledger.postings.ts is the one write path they share (internal;
 * it locks through ledger.accounts.repo.ts and writes through ledger.operations.repo.ts).
 */
export {
  accountBalance,
  changeAccountStatus,
  ensureMerchantAccount,
  ensureProviderAccount,
  ensureSystemAccounts,
  getAccount,
  getAccountByIban,
  getSystemAccount,
  listAccountsByOwner,
  merchantAccountId,
  openAccount,
  providerAccountId,
  systemAccountId,
} from './ledger.accounts.js';
export {
  isLedgerDecline,
  isLedgerProblem,
  LEDGER_DECLINES,
  type LedgerDecline,
  LedgerProblem,
  type LedgerProblemCode,
  LedgerProblemError,
  ledgerDeclineProblem,
} from './ledger.errors.js';
export { getHold, placeHold, postHold, voidHold } from './ledger.holds.js';
export { formatIban, maskIban, normalizeIban } from './ledger.iban.js';
export { checkLedgerInvariants } from './ledger.invariants.js';
export { AMOUNT_MINOR_MAX, POSTINGS_PAGE_LIMIT_MAX } from './ledger.limits.js';
export {
  getOperation,
  type LedgerBatch,
  listPostings,
  postOperation,
  postOperations,
  prepareBatch,
  reverseOperation,
} from './ledger.operations.js';
export * from './ledger.types.js';
