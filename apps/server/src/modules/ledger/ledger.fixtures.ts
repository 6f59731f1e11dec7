import type { Database, Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { openAccount, systemAccountId } from './ledger.accounts.js';
import { isLedgerProblem, LEDGER_DECLINES, type LedgerDecline, type LedgerProblemCode } from './ledger.errors.js';
import { postOperation } from './ledger.operations.js';
import type { Account, Currency, CustomerAccountKind, Hold, HoldResult, PostedOperation, PostResult } from './ledger.types.js';

/** Test helpers: each test builds the accounts and money it needs. Not exported from index.ts. */

export async function openCustomerAccount(
  db: Database,
  options: { currency?: Currency; overdraftLimitMinor?: bigint; kind?: CustomerAccountKind; ownerId?: string } = {},
): Promise<Account> {
  return openAccount(db, {
    ownerId: options.ownerId ?? newId('cus'),
    kind: options.kind ?? 'customer_current',
    currency: options.currency ?? 'KZT',
    displayName: 'Test account',
    overdraftLimitMinor: options.overdraftLimitMinor ?? 0n,
  });
}

/** The operation a test expects to be posted; a decline fails the test with its reason. */
export function posted(result: PostResult): PostedOperation {
  if (!result.ok) throw new Error(`expected the operation to be posted, but it was declined: ${result.decline} on ${result.accountId}`);
  return result.operation;
}

/** The hold a test expects to be placed; a decline fails the test with its reason. */
export function held(result: HoldResult): Hold {
  if (!result.ok) throw new Error(`expected the hold to be placed, but it was declined: ${result.decline} on ${result.accountId}`);
  return result.hold;
}

/** Money arriving from outside: the settlement account pays, the customer is credited. */
export async function deposit(db: Database, accountId: string, amountMinor: bigint, currency: Currency = 'KZT'): Promise<string> {
  const operationId = newId('op');
  await db.transaction(async (tx) =>
    posted(
      await postOperation(tx, {
        operationId,
        kind: 'deposit',
        postings: [
          { accountId: systemAccountId('bank_settlement', currency), currency, amountMinor: -amountMinor },
          { accountId, currency, amountMinor },
        ],
      }),
    ),
  );
  return operationId;
}

export function transferInput(fromId: string, toId: string, amountMinor: bigint, currency: Currency = 'KZT') {
  return {
    operationId: newId('op'),
    kind: 'transfer.p2p',
    postings: [
      { accountId: fromId, currency, amountMinor: -amountMinor },
      { accountId: toId, currency, amountMinor },
    ],
  };
}

function isDeclined(value: unknown): value is { ok: false; decline: LedgerDecline } {
  return typeof value === 'object' && value !== null && 'ok' in value && value.ok === false && 'decline' in value;
}

/**
 * Runs `work` in a transaction and tells how it ended: 'ok', the decline it returned (the
 * transaction then commits, as a caller recording the decline would), or the code of the
 * ledger problem it threw. A decline that is thrown instead of returned shows as 'thrown:<code>',
 * so a test expecting a decline fails on it.
 */
export async function outcome(
  db: Database,
  work: (tx: Tx) => Promise<unknown>,
): Promise<LedgerProblemCode | 'ok' | `thrown:${LedgerDecline}`> {
  try {
    const result = await db.transaction(work);
    return isDeclined(result) ? result.decline : 'ok';
  } catch (error) {
    if (!isLedgerProblem(error)) throw error;
    return isLedgerDeclineCode(error.code) ? `thrown:${error.code}` : error.code;
  }
}

function isLedgerDeclineCode(code: LedgerProblemCode): code is LedgerDecline {
  return (LEDGER_DECLINES as readonly string[]).includes(code);
}

export async function countRows(db: Database, table: 'ledger_operations' | 'ledger_postings' | 'ledger_holds'): Promise<bigint> {
  const { rows } = await db.query<{ count: unknown }>(`SELECT count(*) AS count FROM ${table}`);
  return BigInt(String(rows[0]?.count ?? 0));
}
