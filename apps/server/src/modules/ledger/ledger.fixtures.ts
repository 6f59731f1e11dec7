import type { Database, Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { isLedgerProblem, type LedgerProblemCode } from './ledger.errors.js';
import { openAccount, postOperation, systemAccountId } from './ledger.service.js';
import type { Account, Currency, CustomerAccountKind } from './ledger.types.js';

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

/** Money arriving from outside: the settlement account pays, the customer is credited. */
export async function deposit(db: Database, accountId: string, amountMinor: bigint, currency: Currency = 'KZT'): Promise<string> {
  const operationId = newId('op');
  await db.transaction((tx) =>
    postOperation(tx, {
      operationId,
      kind: 'deposit',
      postings: [
        { accountId: systemAccountId('bank_settlement', currency), currency, amountMinor: -amountMinor },
        { accountId, currency, amountMinor },
      ],
    }),
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

/** Runs `work` in a transaction and returns the ledger problem code it threw, or 'ok'. */
export async function outcome(db: Database, work: (tx: Tx) => Promise<unknown>): Promise<LedgerProblemCode | 'ok'> {
  try {
    await db.transaction(work);
    return 'ok';
  } catch (error) {
    if (isLedgerProblem(error)) return error.code;
    throw error;
  }
}

export async function countRows(db: Database, table: 'ledger_operations' | 'ledger_postings' | 'ledger_holds'): Promise<bigint> {
  const { rows } = await db.query<{ count: unknown }>(`SELECT count(*) AS count FROM ${table}`);
  return BigInt(String(rows[0]?.count ?? 0));
}
