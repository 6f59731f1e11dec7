import type { Database, Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import { type LedgerProblemError, ledgerProblem } from './ledger.errors.js';
import { DEFAULT_BANK_CODE, generateIban } from './ledger.iban.js';
import {
  insertAccount,
  insertHold,
  insertOperations,
  insertSystemAccounts,
  type LockedAccount,
  lockAccounts,
  lockOperation,
  type OperationWrite,
  selectAccount,
  selectAccountByIban,
  selectAccountsByOwner,
  selectHold,
  selectHoldStatus,
  selectInvariantViolations,
  selectOperation,
  selectPostingsPage,
  selectSystemAccount,
  updateAccountStatus,
  voidPendingHold,
} from './ledger.repo.js';
import {
  ACCOUNT_STATUS_TRANSITIONS,
  type Account,
  type AccountBalance,
  type AccountStatus,
  CURRENCY_CODES,
  type Currency,
  type Hold,
  type InvariantReport,
  isCurrency,
  isCustomerAccountKind,
  type OpenAccountInput,
  type Operation,
  type OperationInput,
  type PlaceHoldInput,
  type PostedOperation,
  type PostHoldInput,
  type PostingInput,
  type PostingPage,
  SYSTEM_ACCOUNT_KINDS,
  type SystemAccountKind,
} from './ledger.types.js';

// Limits on everything (TigerStyle): each bounds a loop, a statement or a page.
/** The largest single amount: 10^15 minor units (10 trillion tenge) is far beyond any real payment. */
export const AMOUNT_MINOR_MAX = 1_000_000_000_000_000n;
export const POSTINGS_PER_OPERATION_MAX = 32;
/** A batch is one locking statement and one write statement; keep both bounded. */
export const OPERATIONS_PER_BATCH_MAX = 1000;
export const POSTINGS_PAGE_LIMIT_MAX = 100;
export const POSTINGS_PAGE_LIMIT_DEFAULT = 50;
export const ACCOUNTS_PER_OWNER_MAX = 100;
const IBAN_ATTEMPTS_MAX = 5;
const VIOLATIONS_PER_CHECK_MAX = 100;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const OPERATION_KIND_PATTERN = /^[a-z][a-z0-9_.]{0,49}$/;
const DESCRIPTION_LENGTH_MAX = 500;
const DISPLAY_NAME_LENGTH_MAX = 200;

// ---------------------------------------------------------------------------------------------
// Accounts

/** The fixed id of the bank's system account of this kind and currency: `acc_sys_fees_kzt`. */
export function systemAccountId(kind: SystemAccountKind, currency: Currency): string {
  return `acc_sys_${kind.slice('bank_'.length)}_${currency.toLowerCase()}`;
}

/**
 * Creates any missing system account (one per kind and currency). The migration creates them
 * for the currencies known then; call this at start-up after adding a currency. Idempotent.
 */
export async function ensureSystemAccounts(q: Queryable): Promise<number> {
  const accounts = SYSTEM_ACCOUNT_KINDS.flatMap((kind) =>
    CURRENCY_CODES.map((currency) => ({
      id: systemAccountId(kind, currency),
      kind,
      currency,
      displayName: `${kind.replace(/^bank_/, 'Bank ').replaceAll('_', ' ')} ${currency}`,
    })),
  );
  return insertSystemAccounts(q, accounts);
}

export async function getSystemAccount(q: Queryable, kind: SystemAccountKind, currency: Currency): Promise<Account> {
  const account = await selectSystemAccount(q, kind, currency);
  assert(account, `system account ${kind} ${currency} is missing: run ensureSystemAccounts`);
  return account;
}

/**
 * Opens a customer's account (current account or e-wallet). Limits such as the e-money caps by
 * identification level are the caller's to check; the ledger only keeps the money.
 */
export async function openAccount(q: Queryable, input: OpenAccountInput): Promise<Account> {
  assert(input.ownerId.length > 0, 'an account needs an owner');
  assert(isCustomerAccountKind(input.kind), `openAccount opens customer accounts only, not ${input.kind}`);
  assert(isCurrency(input.currency), `unsupported currency ${String(input.currency)}`);
  const displayName = input.displayName.trim();
  assert(displayName.length > 0 && displayName.length <= DISPLAY_NAME_LENGTH_MAX, 'display name must be 1-200 characters');
  const overdraftLimitMinor = input.overdraftLimitMinor ?? 0n;
  assert(overdraftLimitMinor >= 0n && overdraftLimitMinor <= AMOUNT_MINOR_MAX, 'overdraft limit out of range');
  const assignIban = input.assignIban ?? input.kind === 'customer_current';
  const id = newId('acc');
  // 10^13 account numbers per bank code make a collision rare; a few draws make failure absurd.
  for (let attempt = 1; attempt <= IBAN_ATTEMPTS_MAX; attempt += 1) {
    const account = await insertAccount(q, {
      id,
      ownerId: input.ownerId,
      kind: input.kind,
      currency: input.currency,
      iban: assignIban ? generateIban(input.bankCode ?? DEFAULT_BANK_CODE) : null,
      displayName,
      overdraftLimitMinor,
    });
    if (account) return account;
    assert(assignIban, 'an account without an IBAN cannot conflict');
  }
  throw new Error(`no free IBAN after ${IBAN_ATTEMPTS_MAX} attempts`);
}

/**
 * Moves an account along its status transitions (see ACCOUNT_STATUS_TRANSITIONS). Closing needs
 * a zero balance and no pending holds, so no money is ever stranded on a closed account.
 */
export async function changeAccountStatus(tx: Tx, accountId: string, status: AccountStatus): Promise<Account> {
  const { accounts } = await lockAccounts(tx, [accountId], []);
  const account = accounts.get(accountId);
  if (!account) throw ledgerProblem('account-not-found', accountId);
  if (account.status === status) return (await selectAccount(tx, accountId)) as Account;
  if (!ACCOUNT_STATUS_TRANSITIONS[account.status].includes(status)) throw ledgerProblem('account-status-change-refused', accountId);
  if (status === 'closed' && (account.balanceMinor !== 0n || account.heldMinor !== 0n)) {
    throw ledgerProblem('account-not-empty', accountId);
  }
  return updateAccountStatus(tx, accountId, status);
}

export function getAccount(q: Queryable, accountId: string): Promise<Account | null> {
  return selectAccount(q, accountId);
}

export function getAccountByIban(q: Queryable, iban: string): Promise<Account | null> {
  return selectAccountByIban(q, iban);
}

/** The owner's accounts, oldest first (at most ACCOUNTS_PER_OWNER_MAX). */
export function listAccountsByOwner(q: Queryable, ownerId: string): Promise<Account[]> {
  return selectAccountsByOwner(q, ownerId, ACCOUNTS_PER_OWNER_MAX);
}

export async function accountBalance(q: Queryable, accountId: string): Promise<AccountBalance | null> {
  const account = await selectAccount(q, accountId);
  if (!account) return null;
  const availableMinor = account.balanceMinor - account.heldMinor;
  return {
    accountId,
    currency: account.currency,
    balanceMinor: account.balanceMinor,
    heldMinor: account.heldMinor,
    availableMinor,
    spendableMinor: isCustomerAccountKind(account.kind) ? availableMinor + account.overdraftLimitMinor : availableMinor,
  };
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

export function getOperation(q: Queryable, operationId: string): Promise<Operation | null> {
  return selectOperation(q, operationId);
}

export function getHold(q: Queryable, holdId: string): Promise<Hold | null> {
  return selectHold(q, holdId);
}

// ---------------------------------------------------------------------------------------------
// Operations

export type OperationResult = { ok: true; operation: PostedOperation } | { ok: false; operationId: string; problem: LedgerProblemError };

/** What the ledger itself adds to a caller's operation: a reversal link, a hold being posted. */
interface PlannedInput extends OperationInput {
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
 * Checks one operation against the locked accounts as the batch has left them so far: account
 * state, overdraft, then the caller's balance ceilings. Returns the first failure, or null.
 * Pure: it reads `working` and changes nothing.
 */
function findFailure(operation: PlannedInput, working: ReadonlyMap<string, LockedAccount>): LedgerProblemError | null {
  for (const posting of operation.postings) {
    const account = working.get(posting.accountId);
    if (!account) return ledgerProblem('account-not-found', posting.accountId);
    // SECURITY.md 25: the currency must match the account.
    if (account.currency !== posting.currency) return ledgerProblem('currency-mismatch', posting.accountId);
  }
  for (const posting of operation.postings) {
    const account = working.get(posting.accountId) as LockedAccount;
    if (account.status === 'closed') return ledgerProblem('account-closed', account.id);
    if (account.status === 'frozen' && posting.amountMinor < 0n) return ledgerProblem('account-frozen', account.id);
  }
  for (const [accountId, delta] of netDeltas(operation)) {
    const account = working.get(accountId) as LockedAccount;
    if (!isCustomerAccountKind(account.kind)) continue;
    // A customer account never goes below its overdraft, counting money reserved by holds.
    const availableAfterMinor = account.balanceMinor + delta.balanceDeltaMinor - (account.heldMinor + delta.heldDeltaMinor);
    if (availableAfterMinor < -account.overdraftLimitMinor) return ledgerProblem('insufficient-funds', accountId);
  }
  if (operation.balanceCeilings) {
    const deltas = netDeltas(operation);
    for (const ceiling of operation.balanceCeilings) {
      const account = working.get(ceiling.accountId) as LockedAccount;
      const balanceDeltaMinor = deltas.get(ceiling.accountId)?.balanceDeltaMinor ?? 0n;
      // Only a raise is refused: a debit from an account already above a lowered cap passes.
      if (balanceDeltaMinor > 0n && account.balanceMinor + balanceDeltaMinor > ceiling.balanceMaxMinor)
        return ledgerProblem('balance-cap-exceeded', ceiling.accountId);
    }
  }
  return null;
}

function netDeltas(operation: PlannedInput): Map<string, { balanceDeltaMinor: bigint; heldDeltaMinor: bigint }> {
  const deltas = new Map<string, { balanceDeltaMinor: bigint; heldDeltaMinor: bigint }>();
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
 * The one path that writes postings. Locks every account of the batch once, in id order; then
 * checks the operations one after another against the balances the earlier ones leave, skipping
 * the ones that fail; then writes all the others in a single statement. Three round trips for
 * any batch size. `afterLock` runs once the accounts are locked, for checks that need the locks.
 */
async function applyOperations(tx: Tx, operations: readonly PlannedInput[], afterLock?: () => Promise<void>): Promise<OperationResult[]> {
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
  const totalDeltas = new Map<string, { balanceDeltaMinor: bigint; heldDeltaMinor: bigint }>();
  const results: OperationResult[] = [];

  for (const operation of operations) {
    const failure = seenOperationIds.has(operation.operationId)
      ? ledgerProblem('ledger-operation-exists', operation.operationId)
      : findFailure(operation, working);
    if (failure) {
      results.push({ ok: false, operationId: operation.operationId, problem: failure });
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

/**
 * Maps the races the pre-checks cannot see to their problems: another transaction inserting the
 * same operation id, or (under REPEATABLE READ, whose snapshot predates the lock) reversing the
 * same operation. PostgreSQL has aborted the transaction by then, so the caller must roll back.
 */
async function withUniquenessGuard<T>(operationId: string, reversesOperationId: string | null, work: () => Promise<T>): Promise<T> {
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

/**
 * Posts one balanced operation inside the caller's transaction, or throws the ledger problem
 * that prevents it (before writing anything). Amounts: + credit, − debit; each currency sums to 0.
 */
export async function postOperation(tx: Tx, operation: OperationInput): Promise<PostedOperation> {
  const [result] = await withUniquenessGuard(operation.operationId, null, () => applyOperations(tx, [operation]));
  assert(result, 'one result per operation');
  if (!result.ok) throw result.problem;
  return result.operation;
}

/**
 * Posts many independent operations with one lock statement and one write statement: the
 * batch path for high throughput. Each operation succeeds or fails on its own, checked in
 * order against the balances the earlier ones leave (as TigerBeetle does for unlinked
 * transfers); failed ones write nothing. Results are in input order.
 */
export function postOperations(tx: Tx, operations: readonly OperationInput[]): Promise<OperationResult[]> {
  // Which operation of the batch collided is unknown here; the id is left empty.
  return withUniquenessGuard('', null, () => applyOperations(tx, operations));
}

/**
 * Reverses an operation by posting its negated postings as a new operation that names it.
 * An operation is reversed at most once, and a reversal is not reversed (post a new operation
 * instead). The reversal obeys the same rules as any operation: it is refused if the money has
 * been spent meanwhile or an account is closed.
 */
export async function reverseOperation(
  tx: Tx,
  input: { operationId: string; reversalId: string; kind?: string; description?: string | null },
): Promise<PostedOperation> {
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
  const [result] = await withUniquenessGuard(input.reversalId, original.id, () => applyOperations(tx, [operation]));
  assert(result, 'one result per operation');
  if (!result.ok) throw result.problem;
  return result.operation;
}

// ---------------------------------------------------------------------------------------------
// Holds: two-phase debits. pending → posted | voided; both final.

/**
 * Reserves money on an account for a later debit: the available balance drops at once, the
 * balance only when the hold is posted. Refused on frozen and closed accounts and when the
 * customer's available money (plus overdraft) does not cover it.
 */
export async function placeHold(tx: Tx, input: PlaceHoldInput): Promise<Hold> {
  assert(tx.inTransaction, 'ledger writes run inside a transaction');
  assert(ID_PATTERN.test(input.holdId), `malformed hold id "${input.holdId}"`);
  assert(
    typeof input.amountMinor === 'bigint' && input.amountMinor > 0n && input.amountMinor <= AMOUNT_MINOR_MAX,
    'hold amount out of range',
  );
  assert(isCurrency(input.currency), `unsupported currency ${String(input.currency)}`);
  assert(
    input.description === undefined || input.description === null || input.description.length <= DESCRIPTION_LENGTH_MAX,
    'description too long',
  );
  const { accounts } = await lockAccounts(tx, [input.accountId], []);
  const account = accounts.get(input.accountId);
  if (!account) throw ledgerProblem('account-not-found', input.accountId);
  if (account.currency !== input.currency) throw ledgerProblem('currency-mismatch', input.accountId);
  if (account.status === 'closed') throw ledgerProblem('account-closed', input.accountId);
  if (account.status === 'frozen') throw ledgerProblem('account-frozen', input.accountId);
  if (isCustomerAccountKind(account.kind) && account.balanceMinor - account.heldMinor - input.amountMinor < -account.overdraftLimitMinor) {
    throw ledgerProblem('insufficient-funds', input.accountId);
  }
  const inserted = await insertHold(tx, {
    id: input.holdId,
    accountId: input.accountId,
    currency: input.currency,
    amountMinor: input.amountMinor,
    description: input.description ?? null,
    expiresAt: input.expiresAt ?? null,
  });
  if (!inserted) throw ledgerProblem('hold-exists', input.holdId);
  assert(inserted.heldMinor === account.heldMinor + input.amountMinor, 'held amount after the hold differs from the plan');
  return inserted.hold;
}

/**
 * Posts a pending hold: one operation debits the hold's account by `amountMinor` (the whole
 * hold by default, or less; the rest is released) against `counterPostings`, and releases the
 * whole held amount. A frozen or closed account refuses the debit; the caller may void instead.
 */
export async function postHold(tx: Tx, holdId: string, input: PostHoldInput): Promise<PostedOperation> {
  const hold = await selectHold(tx, holdId);
  if (!hold) throw ledgerProblem('hold-not-found', holdId);
  if (hold.status !== 'pending') throw ledgerProblem('hold-not-pending', holdId);
  const amountMinor = input.amountMinor ?? hold.amountMinor;
  assert(typeof amountMinor === 'bigint' && amountMinor > 0n, 'a posted amount is positive');
  if (amountMinor > hold.amountMinor) throw ledgerProblem('hold-amount-exceeded', holdId);
  const operation: PlannedInput = {
    operationId: input.operationId,
    kind: input.kind ?? 'hold.posted',
    description: input.description ?? hold.description,
    postings: [{ accountId: hold.accountId, currency: hold.currency, amountMinor: -amountMinor }, ...input.counterPostings],
    heldRelease: { accountId: hold.accountId, amountMinor: hold.amountMinor, holdId, postedAmountMinor: amountMinor },
  };
  const [result] = await withUniquenessGuard(input.operationId, null, () =>
    applyOperations(tx, [operation], async () => {
      // Every hold change happens under its account's lock, so this read, taken after the lock,
      // is the hold's current state: a concurrent post or void has either committed or waits.
      if ((await selectHoldStatus(tx, holdId)) !== 'pending') throw ledgerProblem('hold-not-pending', holdId);
    }),
  );
  assert(result, 'one result per operation');
  if (!result.ok) throw result.problem;
  return result.operation;
}

/** Voids a pending hold: the reserved money is available again; nothing is posted. */
export async function voidHold(tx: Tx, holdId: string): Promise<Hold> {
  assert(tx.inTransaction, 'ledger writes run inside a transaction');
  const hold = await selectHold(tx, holdId);
  if (!hold) throw ledgerProblem('hold-not-found', holdId);
  if (hold.status !== 'pending') throw ledgerProblem('hold-not-pending', holdId);
  // Account lock first, as everywhere, then the conditional update sees the hold's current state.
  await lockAccounts(tx, [hold.accountId], []);
  const voided = await voidPendingHold(tx, holdId);
  if (!voided) throw ledgerProblem('hold-not-pending', holdId);
  return voided.hold;
}

// ---------------------------------------------------------------------------------------------
// Invariants

/**
 * Checks the ledger's invariants (SECURITY.md 27): each currency sums to zero; every operation
 * balances; every balance is the sum of its postings and every running balance is right; held
 * amounts match pending holds; no customer account is below its overdraft. Given a Database it
 * reads one repeatable-read snapshot, so it may run beside live traffic; given a transaction it
 * checks what that transaction sees.
 */
export async function checkLedgerInvariants(db: Database | Queryable): Promise<InvariantReport> {
  const violations =
    'transaction' in db && !('inTransaction' in db)
      ? await db.transaction((tx) => selectInvariantViolations(tx, VIOLATIONS_PER_CHECK_MAX), { isolation: 'repeatable read' })
      : await selectInvariantViolations(db, VIOLATIONS_PER_CHECK_MAX);
  return { ok: violations.length === 0, violations };
}
