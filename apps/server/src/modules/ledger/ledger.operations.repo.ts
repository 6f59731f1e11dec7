import type { Queryable, Tx } from '../../db/database.js';
import { toBigInt } from './ledger.int8.js';
import type { Currency, Operation, PostedPosting, PostingView } from './ledger.types.js';

/**
 * The SQL of operations and postings: the one statement that checks and writes a batch, and the
 * reads of operations and of an account's postings. Writes take the caller's transaction (`Tx`).
 */

/** A batch for the database's ledger_post_batch, as its parallel arrays (migration 0015). */
export interface BatchArrays {
  opIds: string[];
  opKinds: string[];
  opDescriptions: Array<string | null>;
  opReverses: Array<string | null>;
  /** Per posting: its operation's number (from 1), grouped by operation in ascending order. */
  postingOps: number[];
  postingAccounts: string[];
  postingCurrencies: Currency[];
  postingAmounts: bigint[];
  ceilingOps: number[];
  ceilingAccounts: string[];
  ceilingMaxima: bigint[];
  releaseOps: number[];
  releaseAccounts: string[];
  releaseAmounts: bigint[];
  releaseHolds: string[];
  releasePosted: bigint[];
}

export interface BatchOutcome {
  /** Per operation: null when posted, else its decline and the account that caused it. */
  declines: Array<string | null>;
  declineAccounts: Array<string | null>;
  /** Per posting: the account's balance after it, null for a declined operation's postings. */
  balancesAfter: Array<bigint | null>;
  /** A failure that is no decline, found before anything was written: the problem code and its id. */
  failure: { code: string; subjectId: string } | null;
}

/**
 * Locks, checks and writes a batch in one statement on the database server (ledger_post_batch,
 * migration 0015): the account locks are never held across a round trip to this process.
 */
export async function postBatch(tx: Tx, batch: BatchArrays): Promise<BatchOutcome> {
  const { rows } = await tx.query<{
    declines: Array<string | null>;
    decline_accounts: Array<string | null>;
    balances_after: unknown[];
    failure: string | null;
    failure_subject: string | null;
  }>(
    `SELECT declines, decline_accounts, balances_after, failure, failure_subject FROM ledger_post_batch(
       $1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::bigint[],
       $9::int[], $10::text[], $11::bigint[], $12::int[], $13::text[], $14::bigint[], $15::text[], $16::bigint[])`,
    [
      batch.opIds,
      batch.opKinds,
      batch.opDescriptions,
      batch.opReverses,
      batch.postingOps,
      batch.postingAccounts,
      batch.postingCurrencies,
      batch.postingAmounts,
      batch.ceilingOps,
      batch.ceilingAccounts,
      batch.ceilingMaxima,
      batch.releaseOps,
      batch.releaseAccounts,
      batch.releaseAmounts,
      batch.releaseHolds,
      batch.releasePosted,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('ledger_post_batch returned no row');
  return {
    declines: row.declines,
    declineAccounts: row.decline_accounts,
    balancesAfter: row.balances_after.map((value) => (value === null ? null : toBigInt(value))),
    failure: row.failure === null ? null : { code: row.failure, subjectId: row.failure_subject ?? '' },
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
