import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { ledgerProblem } from './ledger.errors.js';
import { POSTINGS_PAGE_LIMIT_DEFAULT, POSTINGS_PAGE_LIMIT_MAX } from './ledger.limits.js';
import type { BatchArrays } from './ledger.operations.repo.js';
import { lockOperation, selectOperation, selectPostingsPage } from './ledger.operations.repo.js';
import { applyOperation, applyOperations, type PlannedInput, toLedgerBatch, withUniquenessGuard } from './ledger.postings.js';
import type { Operation, OperationInput, PostingInput, PostingPage, PostResult } from './ledger.types.js';

/** Operations: posting one or a batch, reversing one, and reading operations and postings. */

/**
 * Posts one balanced operation inside the caller's transaction. Amounts: + credit, − debit; each
 * currency sums to 0. A business decline (LEDGER_DECLINES) is returned, having written nothing;
 * an unknown account or an operation id already used throws a LedgerProblemError.
 */
export function postOperation(tx: Tx, operation: OperationInput): Promise<PostResult> {
  return applyOperation(tx, operation);
}

/**
 * Posts many independent operations with one lock statement and one write statement: the
 * batch path for high throughput. Each operation is posted or declined on its own, checked in
 * order against the balances the earlier ones leave (as TigerBeetle does for unlinked
 * transfers); declined ones write nothing. Results are in input order, one per operation.
 * A failure that is no decline (an unknown account, an operation id already used) throws and
 * the whole batch writes nothing.
 */
export function postOperations(tx: Tx, operations: readonly OperationInput[]): Promise<PostResult[]> {
  // Which operation of the batch collided with a concurrent insert is unknown here; the id is left empty.
  return withUniquenessGuard('', null, () => applyOperations(tx, operations));
}

/** A batch in the form the database's ledger_post_batch takes (migration 0015). */
export type LedgerBatch = Readonly<BatchArrays>;

/**
 * Checks a batch's shape and gives it as ledger_post_batch's arguments, for a module whose own
 * database function calls the ledger's in the same statement (operations' immediate batch).
 * The ledger's rules still run only in ledger_post_batch; this is the ledger's side of the call.
 */
export function prepareBatch(operations: readonly OperationInput[]): LedgerBatch {
  return toLedgerBatch(operations);
}

/**
 * Reverses an operation by posting its negated postings as a new operation that names it.
 * An operation is reversed at most once, and a reversal is not reversed (post a new operation
 * instead): both throw. The reversal obeys the same rules as any operation: it is declined if
 * the money has been spent meanwhile or an account is closed.
 */
export async function reverseOperation(
  tx: Tx,
  input: { operationId: string; reversalId: string; kind?: string; description?: string | null },
): Promise<PostResult> {
  // Locking the original first makes a concurrent second reversal wait, then see the first.
  const original = (await lockOperation(tx, input.operationId)) ? await selectOperation(tx, input.operationId) : null;
  if (!original) throw ledgerProblem('ledger-operation-not-found', input.operationId);
  if (original.reversesOperationId !== null) throw ledgerProblem('ledger-operation-not-reversible', input.operationId);
  if (original.reversedByOperationId !== null) throw ledgerProblem('ledger-operation-already-reversed', input.operationId);
  const operation: PlannedInput = {
    operationId: input.reversalId,
    kind: input.kind ?? 'reversal',
    description: input.description ?? null,
    reversesOperationId: original.id,
    postings: original.postings.map(
      (posting): PostingInput => ({ accountId: posting.accountId, currency: posting.currency, amountMinor: -posting.amountMinor }),
    ),
  };
  return applyOperation(tx, operation);
}

export function getOperation(q: Queryable, operationId: string): Promise<Operation | null> {
  return selectOperation(q, operationId);
}

/**
 * An account's postings, newest first, a page at a time. The cursor is the last posting id of
 * the previous page; ids only grow, so a page never repeats or skips an older posting.
 */
export async function listPostings(
  q: Queryable,
  accountId: string,
  options: { limit?: number; cursor?: string | null } = {},
): Promise<PostingPage> {
  const limit = options.limit ?? POSTINGS_PAGE_LIMIT_DEFAULT;
  assert(Number.isInteger(limit) && limit >= 1 && limit <= POSTINGS_PAGE_LIMIT_MAX, `page limit must be 1-${POSTINGS_PAGE_LIMIT_MAX}`);
  const cursor = options.cursor ?? null;
  assert(cursor === null || /^[1-9][0-9]{0,18}$/.test(cursor), 'malformed postings cursor');
  // One extra row tells whether another page exists without a count query.
  const rows = await selectPostingsPage(q, accountId, cursor === null ? null : BigInt(cursor), limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? last.id : null };
}
