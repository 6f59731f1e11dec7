import { coalescedByKey } from '../../db/coalesce.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { toBigInt } from './ledger.int8.js';
import type { Account, AccountKind, AccountStatus, Currency, SettlementAccountKind, SystemAccountKind } from './ledger.types.js';

/**
 * The SQL of the ledger's accounts, and the lock every ledger write starts with. Functions that
 * must run inside the caller's transaction take `Tx`; plain reads take any `Queryable`.
 */

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

/** A merchant's or a provider's settlement account under its derived id: null when it exists already. */
export async function insertSettlementAccount(
  q: Queryable,
  account: { id: string; ownerId: string; kind: SettlementAccountKind; currency: Currency; displayName: string },
): Promise<Account | null> {
  const { rows } = await q.query<AccountRow>(
    `INSERT INTO ledger_accounts (id, owner_id, currency, kind, display_name)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING
     RETURNING ${ACCOUNT_COLUMNS}`,
    [account.id, account.ownerId, account.currency, account.kind, account.displayName],
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
 * (Posting takes its locks inside ledger_post_batch, in the same order.)
 */
export async function lockAccounts(tx: Tx, accountIds: readonly string[]): Promise<Map<string, LockedAccount>> {
  const { rows } = await tx.query<{
    id: string;
    currency: string;
    kind: string;
    status: string;
    overdraft_limit_minor: unknown;
    balance_minor: unknown;
    held_minor: unknown;
  }>(
    `SELECT id, currency, kind, status, overdraft_limit_minor, balance_minor, held_minor
     FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [accountIds],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        currency: row.currency as Currency,
        kind: row.kind as AccountKind,
        status: row.status as AccountStatus,
        overdraftLimitMinor: toBigInt(row.overdraft_limit_minor),
        balanceMinor: toBigInt(row.balance_minor),
        heldMinor: toBigInt(row.held_minor),
      },
    ]),
  );
}
