import { coalescedByKey } from '../../db/coalesce.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type {
  Account,
  AccountKind,
  AccountStatus,
  Currency,
  Hold,
  HoldStatus,
  Operation,
  PostedPosting,
  PostingView,
  SystemAccountKind,
} from './ledger.types.js';

/**
 * All SQL of the ledger. Functions that must run inside the caller's transaction take `Tx`;
 * plain reads take any `Queryable`.
 */

// PGlite hands int8 back as a JS number when it fits 53 bits and as a bigint otherwise;
// node-postgres gives a bigint always (see db/postgres.ts). Every int8 read goes through here
// so money is a bigint whatever the adapter, and a fractional value is a loud bug.
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    assert(Number.isSafeInteger(value), `int8 column returned a non-integer or unsafe number ${value}`);
    return BigInt(value);
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new Error(`Assertion failed: expected an integer from the database, got ${typeof value} ${String(value)}`);
}

function toBigIntOrNull(value: unknown): bigint | null {
  return value === null || value === undefined ? null : toBigInt(value);
}

// ---------------------------------------------------------------------------------------------
// Accounts

interface AccountRow {
  id: string;
  owner_id: string | null;
  currency: string;
  kind: string;
  status: string;
  iban: string | null;
  display_name: string;
  overdraft_limit_minor: unknown;
  balance_minor: unknown;
  held_minor: unknown;
  created_at: Date;
}

const ACCOUNT_COLUMNS =
  'id, owner_id, currency, kind, status, iban, display_name, overdraft_limit_minor, balance_minor, held_minor, created_at';

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    ownerId: row.owner_id,
    currency: row.currency as Currency,
    kind: row.kind as AccountKind,
    status: row.status as AccountStatus,
    iban: row.iban,
    displayName: row.display_name,
    overdraftLimitMinor: toBigInt(row.overdraft_limit_minor),
    balanceMinor: toBigInt(row.balance_minor),
    heldMinor: toBigInt(row.held_minor),
    createdAt: row.created_at,
  };
}

export interface NewAccountRow {
  id: string;
  ownerId: string | null;
  currency: Currency;
  kind: AccountKind;
  iban: string | null;
  displayName: string;
  overdraftLimitMinor: bigint;
}

/** Null when the IBAN is taken (the caller draws another); any other conflict is an error. */
export async function insertAccount(q: Queryable, account: NewAccountRow): Promise<Account | null> {
  const { rows } = await q.query<AccountRow>(
    `INSERT INTO ledger_accounts (id, owner_id, currency, kind, iban, display_name, overdraft_limit_minor)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (iban) DO NOTHING
     RETURNING ${ACCOUNT_COLUMNS}`,
    [account.id, account.ownerId, account.currency, account.kind, account.iban, account.displayName, account.overdraftLimitMinor],
  );
  return rows[0] ? toAccount(rows[0]) : null;
}

/** Inserts the missing system accounts; existing ones are left alone. Returns how many were added. */
export async function insertSystemAccounts(
  q: Queryable,
  accounts: ReadonlyArray<{ id: string; kind: SystemAccountKind; currency: Currency; displayName: string }>,
): Promise<number> {
  const { rowCount } = await q.query(
    `INSERT INTO ledger_accounts (id, owner_id, currency, kind, display_name)
     SELECT id, NULL, currency, kind, display_name FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS a (id, kind, currency, display_name)
     ON CONFLICT DO NOTHING`,
    [accounts.map((a) => a.id), accounts.map((a) => a.kind), accounts.map((a) => a.currency), accounts.map((a) => a.displayName)],
  );
  return rowCount;
}

// Requests read their accounts before they post: concurrent reads share a statement (db/coalesce.ts).
const readAccountsById = coalescedByKey(async (q: Queryable, ids: string[]) => {
  const { rows } = await q.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((row) => [row.id, toAccount(row)]));
});

export async function selectAccount(q: Queryable, accountId: string): Promise<Account | null> {
  return (await readAccountsById(q, accountId)) ?? null;
}

export async function selectAccountByIban(q: Queryable, iban: string): Promise<Account | null> {
  const { rows } = await q.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE iban = $1`, [iban]);
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function selectSystemAccount(q: Queryable, kind: SystemAccountKind, currency: Currency): Promise<Account | null> {
  const { rows } = await q.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE owner_id IS NULL AND kind = $1 AND currency = $2`,
    [kind, currency],
  );
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function selectAccountsByOwner(q: Queryable, ownerId: string, limit: number): Promise<Account[]> {
  const { rows } = await q.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE owner_id = $1 ORDER BY created_at, opened_seq LIMIT $2`,
    [ownerId, limit],
  );
  return rows.map(toAccount);
}

export async function updateAccountStatus(tx: Tx, accountId: string, status: AccountStatus): Promise<Account> {
  const { rows } = await tx.query<AccountRow>(`UPDATE ledger_accounts SET status = $2 WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`, [
    accountId,
    status,
  ]);
  assert(rows[0], `account ${accountId} vanished while locked`);
  return toAccount(rows[0]);
}

// ---------------------------------------------------------------------------------------------
// Locking

export interface LockedAccount {
  id: string;
  currency: Currency;
  kind: AccountKind;
  status: AccountStatus;
  overdraftLimitMinor: bigint;
  balanceMinor: bigint;
  heldMinor: bigint;
}

/**
 * Locks the accounts `FOR UPDATE` in id order, the one order every ledger transaction uses, so
 * two transactions touching the same accounts queue instead of deadlocking. PostgreSQL locks
 * rows as the sorted output passes the LockRows node, and after waiting it returns the newest
 * committed version, so the balances read here are the ones this transaction will change.
 * In the same round trip, reports which of `operationIds` exist already.
 */
export async function lockAccounts(
  tx: Tx,
  accountIds: readonly string[],
  operationIds: readonly string[],
): Promise<{ accounts: Map<string, LockedAccount>; existingOperationIds: Set<string> }> {
  const { rows } = await tx.query<{
    id: string | null;
    currency: string;
    kind: string;
    status: string;
    overdraft_limit_minor: unknown;
    balance_minor: unknown;
    held_minor: unknown;
    existing_operation_id: string | null;
  }>(
    `WITH locked AS MATERIALIZED (
       SELECT id, currency, kind, status, overdraft_limit_minor, balance_minor, held_minor
       FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE
     )
     SELECT id, currency, kind, status, overdraft_limit_minor, balance_minor, held_minor, NULL AS existing_operation_id FROM locked
     UNION ALL
     SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, id FROM ledger_operations WHERE id = ANY($2::text[])`,
    [accountIds, operationIds],
  );
  const accounts = new Map<string, LockedAccount>();
  const existingOperationIds = new Set<string>();
  for (const row of rows) {
    if (row.existing_operation_id !== null) {
      existingOperationIds.add(row.existing_operation_id);
      continue;
    }
    assert(row.id !== null, 'locked account row without id');
    accounts.set(row.id, {
      id: row.id,
      currency: row.currency as Currency,
      kind: row.kind as AccountKind,
      status: row.status as AccountStatus,
      overdraftLimitMinor: toBigInt(row.overdraft_limit_minor),
      balanceMinor: toBigInt(row.balance_minor),
      heldMinor: toBigInt(row.held_minor),
    });
  }
  return { accounts, existingOperationIds };
}

// ---------------------------------------------------------------------------------------------
// Operations and postings

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

// ---------------------------------------------------------------------------------------------
// Holds

interface HoldRow {
  id: string;
  account_id: string;
  currency: string;
  amount_minor: unknown;
  status: string;
  description: string | null;
  expires_at: Date | null;
  operation_id: string | null;
  posted_amount_minor: unknown;
  created_at: Date;
  resolved_at: Date | null;
}

const HOLD_COLUMNS =
  'id, account_id, currency, amount_minor, status, description, expires_at, operation_id, posted_amount_minor, created_at, resolved_at';

function toHold(row: HoldRow): Hold {
  return {
    id: row.id,
    accountId: row.account_id,
    currency: row.currency as Currency,
    amountMinor: toBigInt(row.amount_minor),
    status: row.status as HoldStatus,
    description: row.description,
    expiresAt: row.expires_at,
    operationId: row.operation_id,
    postedAmountMinor: toBigIntOrNull(row.posted_amount_minor),
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}

export async function selectHold(q: Queryable, holdId: string): Promise<Hold | null> {
  const { rows } = await q.query<HoldRow>(`SELECT ${HOLD_COLUMNS} FROM ledger_holds WHERE id = $1`, [holdId]);
  return rows[0] ? toHold(rows[0]) : null;
}

/**
 * Inserts a pending hold and adds it to the account's held amount in one statement.
 * Null when a hold with this id exists already; then nothing was written.
 */
export async function insertHold(
  tx: Tx,
  hold: { id: string; accountId: string; currency: Currency; amountMinor: bigint; description: string | null; expiresAt: Date | null },
): Promise<{ hold: Hold; heldMinor: bigint } | null> {
  const { rows } = await tx.query<HoldRow & { account_held_minor: unknown }>(
    `WITH inserted AS (
       INSERT INTO ledger_holds (id, account_id, currency, amount_minor, description, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING
       RETURNING ${HOLD_COLUMNS}
     ), reserved AS (
       UPDATE ledger_accounts AS a SET held_minor = a.held_minor + i.amount_minor
       FROM inserted i WHERE a.id = i.account_id
       RETURNING a.held_minor
     )
     SELECT inserted.*, reserved.held_minor AS account_held_minor FROM inserted, reserved`,
    [hold.id, hold.accountId, hold.currency, hold.amountMinor, hold.description, hold.expiresAt],
  );
  const row = rows[0];
  return row ? { hold: toHold(row), heldMinor: toBigInt(row.account_held_minor) } : null;
}

/** Voids a pending hold and releases its amount, in one statement. Null if it was not pending. */
export async function voidPendingHold(tx: Tx, holdId: string): Promise<{ hold: Hold; heldMinor: bigint } | null> {
  const { rows } = await tx.query<HoldRow & { account_held_minor: unknown }>(
    `WITH voided AS (
       UPDATE ledger_holds SET status = 'voided', resolved_at = now()
       WHERE id = $1 AND status = 'pending'
       RETURNING ${HOLD_COLUMNS}
     ), released AS (
       UPDATE ledger_accounts AS a SET held_minor = a.held_minor - v.amount_minor
       FROM voided v WHERE a.id = v.account_id
       RETURNING a.held_minor
     )
     SELECT voided.*, released.held_minor AS account_held_minor FROM voided, released`,
    [holdId],
  );
  const row = rows[0];
  return row ? { hold: toHold(row), heldMinor: toBigInt(row.account_held_minor) } : null;
}

export async function selectHoldStatus(q: Queryable, holdId: string): Promise<HoldStatus | null> {
  const { rows } = await q.query<{ status: string }>('SELECT status FROM ledger_holds WHERE id = $1', [holdId]);
  return rows[0] ? (rows[0].status as HoldStatus) : null;
}

// ---------------------------------------------------------------------------------------------
// Invariants

/**
 * Each query returns one row per violation, already worded; `limit` bounds each list so a badly
 * broken ledger still gives a readable report.
 */
const INVARIANT_QUERIES: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: 'currency postings sum to zero',
    sql: `SELECT 'postings in ' || currency || ' sum to ' || sum(amount_minor) || ', not 0' AS violation
          FROM ledger_postings GROUP BY currency HAVING sum(amount_minor) <> 0 ORDER BY currency LIMIT $1`,
  },
  {
    name: 'currency balances sum to zero',
    sql: `SELECT 'balances in ' || currency || ' sum to ' || sum(balance_minor) || ', not 0' AS violation
          FROM ledger_accounts GROUP BY currency HAVING sum(balance_minor) <> 0 ORDER BY currency LIMIT $1`,
  },
  {
    name: 'operations balance',
    sql: `SELECT 'operation ' || operation_id || ' does not balance in ' || currency || ': sum ' || sum(amount_minor) AS violation
          FROM ledger_postings GROUP BY operation_id, currency HAVING sum(amount_minor) <> 0 ORDER BY operation_id LIMIT $1`,
  },
  {
    name: 'operations have postings',
    sql: `SELECT 'operation ' || o.id || ' has no postings' AS violation FROM ledger_operations o
          WHERE NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.operation_id = o.id) ORDER BY o.id LIMIT $1`,
  },
  {
    name: 'posting currency is the account currency',
    sql: `SELECT 'posting ' || p.id || ' is in ' || p.currency || ' on ' || a.currency || ' account ' || a.id AS violation
          FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.currency <> a.currency ORDER BY p.id LIMIT $1`,
  },
  {
    name: 'balance is the sum of postings',
    sql: `SELECT 'account ' || a.id || ' balance ' || a.balance_minor || ' but its postings sum to ' || coalesce(s.total, 0) AS violation
          FROM ledger_accounts a
          LEFT JOIN (SELECT account_id, sum(amount_minor) AS total FROM ledger_postings GROUP BY account_id) s ON s.account_id = a.id
          WHERE a.balance_minor <> coalesce(s.total, 0) ORDER BY a.id LIMIT $1`,
  },
  {
    name: 'running balances',
    sql: `SELECT 'posting ' || id || ' of account ' || account_id || ' says balance after ' || balance_after_minor
            || ' but the running sum is ' || running AS violation
          FROM (SELECT id, account_id, balance_after_minor,
                  sum(amount_minor) OVER (PARTITION BY account_id ORDER BY id) AS running
                FROM ledger_postings) r
          WHERE balance_after_minor <> running ORDER BY id LIMIT $1`,
  },
  {
    name: 'held is the sum of pending holds',
    sql: `SELECT 'account ' || a.id || ' held ' || a.held_minor || ' but its pending holds sum to ' || coalesce(s.total, 0) AS violation
          FROM ledger_accounts a
          LEFT JOIN (SELECT account_id, sum(amount_minor) AS total FROM ledger_holds WHERE status = 'pending' GROUP BY account_id) s
            ON s.account_id = a.id
          WHERE a.held_minor <> coalesce(s.total, 0) ORDER BY a.id LIMIT $1`,
  },
  {
    name: 'hold currency is the account currency',
    sql: `SELECT 'hold ' || h.id || ' is in ' || h.currency || ' on ' || a.currency || ' account ' || a.id AS violation
          FROM ledger_holds h JOIN ledger_accounts a ON a.id = h.account_id WHERE h.currency <> a.currency ORDER BY h.id LIMIT $1`,
  },
  {
    name: 'customer accounts within overdraft',
    sql: `SELECT 'account ' || id || ' available ' || (balance_minor - held_minor) || ' is below its overdraft limit -' || overdraft_limit_minor AS violation
          FROM ledger_accounts
          WHERE kind IN ('customer_current', 'ewallet') AND balance_minor - held_minor < -overdraft_limit_minor ORDER BY id LIMIT $1`,
  },
];

export async function selectInvariantViolations(q: Queryable, limitPerCheck: number): Promise<string[]> {
  const violations: string[] = [];
  for (const check of INVARIANT_QUERIES) {
    const { rows } = await q.query<{ violation: string }>(check.sql, [limitPerCheck]);
    for (const row of rows) violations.push(`${check.name}: ${row.violation}`);
  }
  return violations;
}
