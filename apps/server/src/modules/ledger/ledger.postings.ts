import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { isLedgerDecline, isLedgerFailure, ledgerProblem } from './ledger.errors.js';
import {
  AMOUNT_MINOR_MAX,
  DESCRIPTION_LENGTH_MAX,
  ID_PATTERN,
  OPERATIONS_PER_BATCH_MAX,
  POSTINGS_PER_OPERATION_MAX,
} from './ledger.limits.js';
import { type BatchArrays, postBatch } from './ledger.operations.repo.js';
import { type Currency, isCurrency, type OperationInput, type PostedOperation, type PostResult } from './ledger.types.js';

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
 * A batch checked for its shape (balanced, well-formed, each id once) as the arrays of the
 * database's ledger_post_batch; operations are numbered from 1. Exported for operations'
 * one-statement batch (migration 0015), which hands these arrays to ledger_post_batch.
 */
export function toLedgerBatch(operations: readonly PlannedInput[]): BatchArrays {
  assert(operations.length >= 1 && operations.length <= OPERATIONS_PER_BATCH_MAX, `a batch holds 1-${OPERATIONS_PER_BATCH_MAX} operations`);
  const ids = new Set<string>();
  for (const operation of operations) {
    assertOperationShape(operation);
    if (ids.has(operation.operationId)) throw ledgerProblem('ledger-operation-exists', operation.operationId);
    ids.add(operation.operationId);
  }
  return batchArrays(operations);
}

function batchArrays(operations: readonly PlannedInput[]): BatchArrays {
  const batch: BatchArrays = {
    opIds: [],
    opKinds: [],
    opDescriptions: [],
    opReverses: [],
    postingOps: [],
    postingAccounts: [],
    postingCurrencies: [],
    postingAmounts: [],
    ceilingOps: [],
    ceilingAccounts: [],
    ceilingMaxima: [],
    releaseOps: [],
    releaseAccounts: [],
    releaseAmounts: [],
    releaseHolds: [],
    releasePosted: [],
  };
  operations.forEach((operation, index) => {
    const number = index + 1;
    batch.opIds.push(operation.operationId);
    batch.opKinds.push(operation.kind);
    batch.opDescriptions.push(operation.description ?? null);
    batch.opReverses.push(operation.reversesOperationId ?? null);
    for (const posting of operation.postings) {
      batch.postingOps.push(number);
      batch.postingAccounts.push(posting.accountId);
      batch.postingCurrencies.push(posting.currency);
      batch.postingAmounts.push(posting.amountMinor);
    }
    for (const ceiling of operation.balanceCeilings ?? []) {
      batch.ceilingOps.push(number);
      batch.ceilingAccounts.push(ceiling.accountId);
      batch.ceilingMaxima.push(ceiling.balanceMaxMinor);
    }
    if (operation.heldRelease) {
      const release = operation.heldRelease;
      batch.releaseOps.push(number);
      batch.releaseAccounts.push(release.accountId);
      batch.releaseAmounts.push(release.amountMinor);
      batch.releaseHolds.push(release.holdId);
      batch.releasePosted.push(release.postedAmountMinor);
    }
  });
  return batch;
}

/**
 * Posts a batch of independent operations: each is posted or declined on its own, checked in
 * order against the balances the earlier ones leave. The rules run on the database server, in
 * one statement (ledger_post_batch, migration 0015): lock every account of the batch once, in id
 * order; check each operation's currencies, account states, overdraft (counting holds) and the
 * caller's balance ceilings; write the accepted ones set-based. Only the shape of each
 * operation is checked here, before anything is sent.
 *
 * A failure that is no decline (an unknown account, an operation id already used or used twice
 * in the batch, a hold no longer pending) throws, and the whole batch writes nothing; the
 * caller's transaction stays usable.
 */
export async function applyOperations(tx: Tx, operations: readonly PlannedInput[]): Promise<PostResult[]> {
  assert(tx.inTransaction, 'ledger writes run inside a transaction');
  const outcome = await postBatch(tx, toLedgerBatch(operations));
  if (outcome.failure) {
    assert(isLedgerFailure(outcome.failure.code), `unknown ledger failure ${outcome.failure.code}`);
    throw ledgerProblem(outcome.failure.code, outcome.failure.subjectId);
  }
  let posting = 0;
  return operations.map((operation, index): PostResult => {
    const decline = outcome.declines[index] ?? null;
    if (decline !== null) {
      posting += operation.postings.length;
      assert(isLedgerDecline(decline), `unknown ledger decline ${decline}`);
      return { ok: false, decline, accountId: outcome.declineAccounts[index] ?? '' };
    }
    const posted: PostedOperation = {
      id: operation.operationId,
      kind: operation.kind,
      description: operation.description ?? null,
      reversesOperationId: operation.reversesOperationId ?? null,
      postings: operation.postings.map((input) => {
        const balanceAfterMinor = outcome.balancesAfter[posting];
        posting += 1;
        assert(balanceAfterMinor !== null && balanceAfterMinor !== undefined, 'a posted operation has its balances');
        return { accountId: input.accountId, currency: input.currency, amountMinor: input.amountMinor, balanceAfterMinor };
      }),
    };
    return { ok: true, operation: posted };
  });
}

/** Applies one operation: its single result. */
export async function applyOperation(tx: Tx, operation: PlannedInput): Promise<PostResult> {
  const [result] = await withUniquenessGuard(operation.operationId, operation.reversesOperationId ?? null, () =>
    applyOperations(tx, [operation]),
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
