import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { type LockedAccount, lockAccounts } from './ledger.accounts.repo.js';
import { type LedgerDecline, ledgerProblem } from './ledger.errors.js';
import {
  AMOUNT_MINOR_MAX,
  DESCRIPTION_LENGTH_MAX,
  ID_PATTERN,
  OPERATIONS_PER_BATCH_MAX,
  POSTINGS_PER_OPERATION_MAX,
} from './ledger.limits.js';
import { insertOperations, type OperationWrite } from './ledger.operations.repo.js';
import {
  type Currency,
  isCurrency,
  isCustomerAccountKind,
  type OperationInput,
  type PostedOperation,
  type PostResult,
} from './ledger.types.js';

/**
 * The one path that writes postings: operations, reversals and posted holds all pass through
 * `applyOperations`. Internal to the ledger; index.ts exports none of it.
 */

const OPERATION_KIND_PATTERN = /^[a-z][a-z0-9_.]{0,49}$/;

/** What the ledger itself adds to a caller's operation: a reversal link, a hold being posted. */
export interface PlannedInput extends OperationInput {
  reversesOperationId?: string | null;
  heldRelease?: { accountId: string; amountMinor: bigint; holdId: string; postedAmountMinor: bigint };
}

type AccountDelta = { balanceDeltaMinor: bigint; heldDeltaMinor: bigint };

function assertOperationShape(operation: PlannedInput): void {
  assert(ID_PATTERN.test(operation.operationId), `malformed operation id "${operation.operationId}"`);
  assert(OPERATION_KIND_PATTERN.test(operation.kind), `malformed operation kind "${operation.kind}"`);
  assert(
    operation.description === undefined || operation.description === null || operation.description.length <= DESCRIPTION_LENGTH_MAX,
    'description too long',
  );
  const { postings } = operation;
  assert(
    postings.length >= 2 && postings.length <= POSTINGS_PER_OPERATION_MAX,
    `an operation has 2-${POSTINGS_PER_OPERATION_MAX} postings`,
  );
  const sumByCurrency = new Map<Currency, bigint>();
  for (const posting of postings) {
    assert(typeof posting.amountMinor === 'bigint', 'amounts are bigint minor units');
    assert(posting.amountMinor !== 0n, 'a posting amount is never zero');
    assert(posting.amountMinor <= AMOUNT_MINOR_MAX && posting.amountMinor >= -AMOUNT_MINOR_MAX, 'posting amount out of range');
    assert(isCurrency(posting.currency), `unsupported currency ${String(posting.currency)}`);
    assert(ID_PATTERN.test(posting.accountId), `malformed account id "${posting.accountId}"`);
    sumByCurrency.set(posting.currency, (sumByCurrency.get(posting.currency) ?? 0n) + posting.amountMinor);
  }
  // Double entry: what leaves some accounts arrives in others, per currency, to the minor unit.
  for (const [currency, sum] of sumByCurrency)
    assert(sum === 0n, `operation ${operation.operationId} does not balance in ${currency}: ${sum}`);
  const ceilings = operation.balanceCeilings ?? [];
  assert(ceilings.length <= postings.length, 'at most one balance ceiling per account of the operation');
  const ceilingAccountIds = new Set<string>();
  for (const ceiling of ceilings) {
    assert(
      postings.some((posting) => posting.accountId === ceiling.accountId),
      `balance ceiling on ${ceiling.accountId}, which operation ${operation.operationId} does not post to`,
    );
    assert(!ceilingAccountIds.has(ceiling.accountId), `two balance ceilings on ${ceiling.accountId}`);
    ceilingAccountIds.add(ceiling.accountId);
    assert(
      typeof ceiling.balanceMaxMinor === 'bigint' && ceiling.balanceMaxMinor >= 0n && ceiling.balanceMaxMinor <= AMOUNT_MINOR_MAX,
      'balance ceiling out of range',
    );
  }
}

/**
 * Checks one operation against the locked accounts as the batch has left them so far: account
 * state, overdraft, then the caller's balance ceilings. Returns the first decline, or null; an
 * account that does not exist is no decline but a failure, and throws.
 * Pure: it reads `working` and changes nothing.
 */
function findDecline(
  operation: PlannedInput,
  working: ReadonlyMap<string, LockedAccount>,
): { decline: LedgerDecline; accountId: string } | null {
  for (const posting of operation.postings) {
    const account = working.get(posting.accountId);
    if (!account) throw ledgerProblem('account-not-found', posting.accountId);
    // SECURITY.md 25: the currency must match the account.
    if (account.currency !== posting.currency) return { decline: 'currency-mismatch', accountId: posting.accountId };
  }
  for (const posting of operation.postings) {
    const account = working.get(posting.accountId) as LockedAccount;
    if (account.status === 'closed') return { decline: 'account-closed', accountId: account.id };
    if (account.status === 'frozen' && posting.amountMinor < 0n) return { decline: 'account-frozen', accountId: account.id };
  }
  const deltas = netDeltas(operation);
  for (const [accountId, delta] of deltas) {
    const account = working.get(accountId) as LockedAccount;
    if (!isCustomerAccountKind(account.kind)) continue;
    // A customer account never goes below its overdraft, counting money reserved by holds.
    const availableAfterMinor = account.balanceMinor + delta.balanceDeltaMinor - (account.heldMinor + delta.heldDeltaMinor);
    if (availableAfterMinor < -account.overdraftLimitMinor) return { decline: 'insufficient-funds', accountId };
  }
  for (const ceiling of operation.balanceCeilings ?? []) {
    const account = working.get(ceiling.accountId) as LockedAccount;
    const balanceDeltaMinor = deltas.get(ceiling.accountId)?.balanceDeltaMinor ?? 0n;
    // Only a raise is refused: a debit from an account already above a lowered cap passes.
    if (balanceDeltaMinor > 0n && account.balanceMinor + balanceDeltaMinor > ceiling.balanceMaxMinor)
      return { decline: 'balance-cap-exceeded', accountId: ceiling.accountId };
  }
  return null;
}

function netDeltas(operation: PlannedInput): Map<string, AccountDelta> {
  const deltas = new Map<string, AccountDelta>();
  for (const posting of operation.postings) {
    const delta = deltas.get(posting.accountId) ?? { balanceDeltaMinor: 0n, heldDeltaMinor: 0n };
    delta.balanceDeltaMinor += posting.amountMinor;
    deltas.set(posting.accountId, delta);
  }
  if (operation.heldRelease) {
    const delta = deltas.get(operation.heldRelease.accountId);
    assert(delta, 'a posted hold debits its own account');
    delta.heldDeltaMinor -= operation.heldRelease.amountMinor;
  }
  return deltas;
}

/**
 * Locks every account of the batch once, in id order; then checks the operations one after
 * another against the balances the earlier ones leave, setting aside the declined ones; then
 * writes all the others in a single statement. Three round trips for any batch size.
 * `afterLock` runs once the accounts are locked, for checks that need the locks.
 *
 * A failure that is no decline (an unknown account, an operation id already used) throws while
 * planning, before the write statement: the whole batch writes nothing, and a caller that wants
 * the other operations posted reruns them without the faulty one.
 */
export async function applyOperations(tx: Tx, operations: readonly PlannedInput[], afterLock?: () => Promise<void>): Promise<PostResult[]> {
  assert(tx.inTransaction, 'ledger writes run inside a transaction');
  assert(operations.length >= 1 && operations.length <= OPERATIONS_PER_BATCH_MAX, `a batch holds 1-${OPERATIONS_PER_BATCH_MAX} operations`);
  for (const operation of operations) assertOperationShape(operation);

  const accountIds = [...new Set(operations.flatMap((operation) => operation.postings.map((posting) => posting.accountId)))];
  const { accounts, existingOperationIds } = await lockAccounts(
    tx,
    accountIds,
    operations.map((operation) => operation.operationId),
  );
  if (afterLock) await afterLock();

  // Working copies: the balances as the accepted operations of this batch leave them.
  const working = new Map<string, LockedAccount>();
  for (const [id, account] of accounts) working.set(id, { ...account });
  const seenOperationIds = new Set(existingOperationIds);
  const write: OperationWrite = { operations: [], postings: [], accountDeltas: [], postedHolds: [] };
  const totalDeltas = new Map<string, AccountDelta>();
  const results: PostResult[] = [];

  for (const operation of operations) {
    if (seenOperationIds.has(operation.operationId)) throw ledgerProblem('ledger-operation-exists', operation.operationId);
    const declined = findDecline(operation, working);
    if (declined) {
      results.push({ ok: false, ...declined });
      continue;
    }
    seenOperationIds.add(operation.operationId);
    const description = operation.description ?? null;
    const reversesOperationId = operation.reversesOperationId ?? null;
    write.operations.push({ id: operation.operationId, kind: operation.kind, description, reversesOperationId });
    const posted: PostedOperation = { id: operation.operationId, kind: operation.kind, description, reversesOperationId, postings: [] };
    for (const posting of operation.postings) {
      const account = working.get(posting.accountId) as LockedAccount;
      account.balanceMinor += posting.amountMinor;
      const row = {
        accountId: posting.accountId,
        currency: posting.currency,
        amountMinor: posting.amountMinor,
        balanceAfterMinor: account.balanceMinor,
      };
      write.postings.push({ operationId: operation.operationId, ...row });
      posted.postings.push(row);
    }
    for (const [accountId, delta] of netDeltas(operation)) {
      const total = totalDeltas.get(accountId) ?? { balanceDeltaMinor: 0n, heldDeltaMinor: 0n };
      total.balanceDeltaMinor += delta.balanceDeltaMinor;
      total.heldDeltaMinor += delta.heldDeltaMinor;
      totalDeltas.set(accountId, total);
      (working.get(accountId) as LockedAccount).heldMinor += delta.heldDeltaMinor;
    }
    if (operation.heldRelease) {
      const { holdId, postedAmountMinor } = operation.heldRelease;
      write.postedHolds.push({ holdId, operationId: operation.operationId, postedAmountMinor });
    }
    results.push({ ok: true, operation: posted });
  }

  if (write.operations.length === 0) return results;
  for (const [accountId, delta] of totalDeltas) {
    // A net zero (money in and out of one account in one batch) still rewrites the row: cheap, and simpler than a second path.
    write.accountDeltas.push({ accountId, ...delta });
  }
  const written = await insertOperations(tx, write);
  // The database did what we planned, or something outside the ledger wrote these rows.
  assert(written.operationsInserted === write.operations.length, 'every planned operation was inserted');
  assert(written.postingsInserted === write.postings.length, 'every planned posting was inserted');
  assert(written.holdsPosted === write.postedHolds.length, 'every planned hold was posted');
  for (const [accountId, account] of working) {
    if (!totalDeltas.has(accountId)) continue;
    const balance = written.balances.get(accountId);
    assert(
      balance && balance.balanceMinor === account.balanceMinor && balance.heldMinor === account.heldMinor,
      `account ${accountId} balance after the write differs from the plan`,
    );
  }
  return results;
}

/** Applies one operation: its single result. */
export async function applyOperation(tx: Tx, operation: PlannedInput, afterLock?: () => Promise<void>): Promise<PostResult> {
  const [result] = await withUniquenessGuard(operation.operationId, operation.reversesOperationId ?? null, () =>
    applyOperations(tx, [operation], afterLock),
  );
  assert(result, 'one result per operation');
  return result;
}

/**
 * Maps the races the pre-checks cannot see to their problems: another transaction inserting the
 * same operation id, or (under REPEATABLE READ, whose snapshot predates the lock) reversing the
 * same operation. PostgreSQL has aborted the transaction by then, so the caller must roll back.
 */
export async function withUniquenessGuard<T>(operationId: string, reversesOperationId: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const details = error as { code?: unknown; constraint?: unknown };
    if (details.code === '23505' && details.constraint === 'ledger_operations_pkey')
      throw ledgerProblem('ledger-operation-exists', operationId);
    if (details.code === '23505' && details.constraint === 'ledger_operations_reverses_operation_id_key' && reversesOperationId !== null) {
      throw ledgerProblem('ledger-operation-already-reversed', reversesOperationId);
    }
    throw error;
  }
}
