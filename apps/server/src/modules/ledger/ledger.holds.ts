import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { lockAccounts } from './ledger.accounts.repo.js';
import { type LedgerDecline, ledgerProblem } from './ledger.errors.js';
import { insertHold, selectHold, voidPendingHold } from './ledger.holds.repo.js';
import { AMOUNT_MINOR_MAX, DESCRIPTION_LENGTH_MAX, ID_PATTERN } from './ledger.limits.js';
import { applyOperation, type PlannedInput } from './ledger.postings.js';
import {
  type Hold,
  type HoldResult,
  isCurrency,
  isCustomerAccountKind,
  type PlaceHoldInput,
  type PostHoldInput,
  type PostResult,
} from './ledger.types.js';

/** Holds: two-phase debits. pending → posted | voided; both final. */

/**
 * Reserves money on an account for a later debit: the available balance drops at once, the
 * balance only when the hold is posted. Declined (nothing written) on frozen and closed accounts,
 * in another currency, and when the customer's available money (plus overdraft) does not cover
 * it; an unknown account or a hold id already used throws.
 */
export async function placeHold(tx: Tx, input: PlaceHoldInput): Promise<HoldResult> {
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
  const accounts = await lockAccounts(tx, [input.accountId]);
  const account = accounts.get(input.accountId);
  if (!account) throw ledgerProblem('account-not-found', input.accountId);
  const declined = (decline: LedgerDecline): HoldResult => ({ ok: false, decline, accountId: input.accountId });
  if (account.currency !== input.currency) return declined('currency-mismatch');
  if (account.status === 'closed') return declined('account-closed');
  if (account.status === 'frozen') return declined('account-frozen');
  if (isCustomerAccountKind(account.kind) && account.balanceMinor - account.heldMinor - input.amountMinor < -account.overdraftLimitMinor) {
    return declined('insufficient-funds');
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
  return { ok: true, hold: inserted.hold };
}

/**
 * Posts a pending hold: one operation debits the hold's account by `amountMinor` (the whole
 * hold by default, or less; the rest is released) against `counterPostings`, and releases the
 * whole held amount. A frozen or closed account declines the debit and the hold stays pending;
 * the caller may void it instead. A hold that is unknown, no longer pending, or smaller than
 * the amount throws.
 */
export async function postHold(tx: Tx, holdId: string, input: PostHoldInput): Promise<PostResult> {
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
  // The hold's state is read again on the database server under its account's lock
  // (ledger_post_batch): a concurrent post or void has either committed or waits.
  return applyOperation(tx, operation);
}

/** Voids a pending hold: the reserved money is available again; nothing is posted. */
export async function voidHold(tx: Tx, holdId: string): Promise<Hold> {
  assert(tx.inTransaction, 'ledger writes run inside a transaction');
  const hold = await selectHold(tx, holdId);
  if (!hold) throw ledgerProblem('hold-not-found', holdId);
  if (hold.status !== 'pending') throw ledgerProblem('hold-not-pending', holdId);
  // Account lock first, as everywhere, then the conditional update sees the hold's current state.
  await lockAccounts(tx, [hold.accountId]);
  const voided = await voidPendingHold(tx, holdId);
  if (!voided) throw ledgerProblem('hold-not-pending', holdId);
  return voided.hold;
}

export function getHold(q: Queryable, holdId: string): Promise<Hold | null> {
  return selectHold(q, holdId);
}
