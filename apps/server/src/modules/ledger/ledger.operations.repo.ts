import type { Queryable, Tx } from '../../db/database.js';
import { toBigInt } from './ledger.int8.js';
import type { Currency, Operation, PostedPosting, PostingView } from './ledger.types.js';

/**
 * The SQL of operations and postings: the one statement that writes a batch, and the reads of
 * operations and of an account's postings. Writes take the caller's transaction (`Tx`).
 */

export interface OperationWrite {
  operations: Array<{ id: string; kind: string; description: string | null; reversesOperationId: string | null }>;
  postings: Array<{ operationId: string; accountId: string; currency: Currency; amountMinor: bigint; balanceAfterMinor: bigint }>;
  /** Net change per account; each account at most once. */
  accountDeltas: Array<{ accountId: string; balanceDeltaMinor: bigint; heldDeltaMinor: bigint }>;
  /** Pending holds this write posts. */
  postedHolds: Array<{ holdId: string; operationId: string; postedAmountMinor: bigint }>;
}

/**
 * Writes a batch of already-validated operations in one statement: the operations, their
 * postings, the posted holds and the new balances. One round trip whatever the batch size, and
 * atomic by construction. Returns the balances after the update, for the caller to assert.
 */
export async function insertOperations(
  tx: Tx,
  write: OperationWrite,
): Promise<{
  balances: Map<string, { balanceMinor: bigint; heldMinor: bigint }>;
  operationsInserted: number;
  postingsInserted: number;
  holdsPosted: number;
}> {
  const { rows } = await tx.query<{
    id: string;
    balance_minor: unknown;
    held_minor: unknown;
    operations_inserted: unknown;
    postings_inserted: unknown;
    holds_posted: unknown;
  }>(
    `WITH operations AS (
       INSERT INTO ledger_operations (id, kind, description, reverses_operation_id)
       SELECT id, kind, description, reverses_operation_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS o (id, kind, description, reverses_operation_id, n)
       ORDER BY n
       RETURNING 1
     ), postings AS (
       INSERT INTO ledger_postings (operation_id, account_id, currency, amount_minor, balance_after_minor)
       SELECT operation_id, account_id, currency, amount_minor, balance_after_minor
       FROM unnest($5::text[], $6::text[], $7::text[], $8::bigint[], $9::bigint[])
         WITH ORDINALITY AS p (operation_id, account_id, currency, amount_minor, balance_after_minor, n)
       ORDER BY n
       RETURNING 1
     ), holds AS (
       UPDATE ledger_holds AS h
       SET status = 'posted', operation_id = r.operation_id, posted_amount_minor = r.posted_amount_minor, resolved_at = now()
       FROM unnest($13::text[], $14::text[], $15::bigint[]) AS r (hold_id, operation_id, posted_amount_minor)
       WHERE h.id = r.hold_id AND h.status = 'pending'
       RETURNING 1
     )
     UPDATE ledger_accounts AS a
     SET balance_minor = a.balance_minor + d.balance_delta_minor, held_minor = a.held_minor + d.held_delta_minor
     FROM unnest($10::text[], $11::bigint[], $12::bigint[]) AS d (id, balance_delta_minor, held_delta_minor)
     WHERE a.id = d.id
     RETURNING a.id, a.balance_minor, a.held_minor,
       (SELECT count(*) FROM operations) AS operations_inserted,
       (SELECT count(*) FROM postings) AS postings_inserted,
       (SELECT count(*) FROM holds) AS holds_posted`,
    [
      write.operations.map((o) => o.id),
      write.operations.map((o) => o.kind),
      write.operations.map((o) => o.description),
      write.operations.map((o) => o.reversesOperationId),
      write.postings.map((p) => p.operationId),
      write.postings.map((p) => p.accountId),
      write.postings.map((p) => p.currency),
      write.postings.map((p) => p.amountMinor),
      write.postings.map((p) => p.balanceAfterMinor),
      write.accountDeltas.map((d) => d.accountId),
      write.accountDeltas.map((d) => d.balanceDeltaMinor),
      write.accountDeltas.map((d) => d.heldDeltaMinor),
      write.postedHolds.map((h) => h.holdId),
      write.postedHolds.map((h) => h.operationId),
      write.postedHolds.map((h) => h.postedAmountMinor),
    ],
  );
  const balances = new Map<string, { balanceMinor: bigint; heldMinor: bigint }>();
  for (const row of rows) balances.set(row.id, { balanceMinor: toBigInt(row.balance_minor), heldMinor: toBigInt(row.held_minor) });
  const first = rows[0];
  return {
    balances,
    operationsInserted: first ? Number(toBigInt(first.operations_inserted)) : 0,
    postingsInserted: first ? Number(toBigInt(first.postings_inserted)) : 0,
    holdsPosted: first ? Number(toBigInt(first.holds_posted)) : 0,
  };
}

interface OperationRow {
  id: string;
  kind: string;
  description: string | null;
  reverses_operation_id: string | null;
  reversed_by_operation_id: string | null;
  created_at: Date;
}

/**
 * Locks an operation row, so two reversals of it queue. Returns false when there is none.
 * A separate statement from the read that follows on purpose: under READ COMMITTED that read
 * takes a fresh snapshot after the lock is granted, and so sees a reversal committed meanwhile;
 * a subquery in the locking statement itself would still see the old snapshot.
 */
export async function lockOperation(tx: Tx, operationId: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT id FROM ledger_operations WHERE id = $1 FOR UPDATE', [operationId]);
  return rows.length === 1;
}

export async function selectOperation(q: Queryable, operationId: string): Promise<Operation | null> {
  const { rows } = await q.query<OperationRow>(
    `SELECT o.id, o.kind, o.description, o.reverses_operation_id, o.created_at,
       (SELECT r.id FROM ledger_operations r WHERE r.reverses_operation_id = o.id) AS reversed_by_operation_id
     FROM ledger_operations o WHERE o.id = $1`,
    [operationId],
  );
  const row = rows[0];
  if (!row) return null;
  const postings = await q.query<{ account_id: string; currency: string; amount_minor: unknown; balance_after_minor: unknown }>(
    'SELECT account_id, currency, amount_minor, balance_after_minor FROM ledger_postings WHERE operation_id = $1 ORDER BY id',
    [operationId],
  );
  return {
    id: row.id,
    kind: row.kind,
    description: row.description,
    reversesOperationId: row.reverses_operation_id,
    reversedByOperationId: row.reversed_by_operation_id,
    createdAt: row.created_at,
    postings: postings.rows.map(
      (p): PostedPosting => ({
        accountId: p.account_id,
        currency: p.currency as Currency,
        amountMinor: toBigInt(p.amount_minor),
        balanceAfterMinor: toBigInt(p.balance_after_minor),
      }),
    ),
  };
}

/** The newest postings of an account first, strictly older than `beforeId` when given. */
export async function selectPostingsPage(q: Queryable, accountId: string, beforeId: bigint | null, limit: number): Promise<PostingView[]> {
  const { rows } = await q.query<{
    id: unknown;
    operation_id: string;
    kind: string;
    description: string | null;
    currency: string;
    amount_minor: unknown;
    balance_after_minor: unknown;
    created_at: Date;
  }>(
    `SELECT p.id, p.operation_id, o.kind, o.description, p.currency, p.amount_minor, p.balance_after_minor, p.created_at
     FROM ledger_postings p JOIN ledger_operations o ON o.id = p.operation_id
     WHERE p.account_id = $1 AND ($2::bigint IS NULL OR p.id < $2::bigint)
     ORDER BY p.id DESC LIMIT $3`,
    [accountId, beforeId, limit],
  );
  return rows.map((row) => ({
    id: String(toBigInt(row.id)),
    operationId: row.operation_id,
    operationKind: row.kind,
    description: row.description,
    currency: row.currency as Currency,
    amountMinor: toBigInt(row.amount_minor),
    balanceAfterMinor: toBigInt(row.balance_after_minor),
    createdAt: row.created_at,
  }));
}
