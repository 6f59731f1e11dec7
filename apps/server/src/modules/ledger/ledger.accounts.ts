import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import {
  insertAccount,
  insertSettlementAccount,
  insertSystemAccounts,
  lockAccounts,
  selectAccount,
  selectAccountByIban,
  selectAccountsByOwner,
  selectSystemAccount,
  updateAccountStatus,
} from './ledger.accounts.repo.js';
import { ledgerProblem } from './ledger.errors.js';
import { DEFAULT_BANK_CODE, generateIban } from './ledger.iban.js';
import { ACCOUNTS_PER_OWNER_MAX, AMOUNT_MINOR_MAX } from './ledger.limits.js';
import {
  ACCOUNT_STATUS_TRANSITIONS,
  type Account,
  type AccountBalance,
  type AccountStatus,
  CURRENCY_CODES,
  type Currency,
  isCurrency,
  isCustomerAccountKind,
  type OpenAccountInput,
  SYSTEM_ACCOUNT_KINDS,
  type SystemAccountKind,
} from './ledger.types.js';

/** Accounts: the bank's system accounts, opening a customer's account, its status, its balance. */

const IBAN_ATTEMPTS_MAX = 5;
const DISPLAY_NAME_LENGTH_MAX = 200;

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

const MERCHANT_ID = /^mch_([0-9a-f]{32})$/;

/** The fixed id of a merchant's settlement account in a currency: `acc_mch_<32 hex>_kzt`. */
export function merchantAccountId(merchantId: string, currency: Currency): string {
  const hex = MERCHANT_ID.exec(merchantId)?.[1];
  assert(hex, `not a merchant id: ${merchantId}`);
  return `acc_mch_${hex}_${currency.toLowerCase()}`;
}

/**
 * A merchant's settlement account in `currency`, opened on first use (a capture) under its derived
 * id, so two captures racing to open it open one. Idempotent.
 */
export async function ensureMerchantAccount(
  q: Queryable,
  input: { merchantId: string; currency: Currency; displayName: string },
): Promise<Account> {
  assert(isCurrency(input.currency), `unsupported currency ${String(input.currency)}`);
  const id = merchantAccountId(input.merchantId, input.currency);
  const displayName = input.displayName.trim().slice(0, DISPLAY_NAME_LENGTH_MAX) || input.merchantId;
  const opened = await insertSettlementAccount(q, {
    id,
    ownerId: input.merchantId,
    kind: 'merchant_settlement',
    currency: input.currency,
    displayName,
  });
  const account = opened ?? (await selectAccount(q, id));
  assert(account && account.kind === 'merchant_settlement' && account.ownerId === input.merchantId, `account ${id} is not the merchant's`);
  return account;
}

const PROVIDER_ID = /^prv_([0-9a-f]{32})$/;

/** The fixed id of a service provider's settlement account in a currency: `acc_prv_<32 hex>_kzt`. */
export function providerAccountId(providerId: string, currency: Currency): string {
  const hex = PROVIDER_ID.exec(providerId)?.[1];
  assert(hex, `not a provider id: ${providerId}`);
  return `acc_prv_${hex}_${currency.toLowerCase()}`;
}

/**
 * A service provider's settlement account in `currency` (modules/payments), opened on first use
 * under its derived id, so two payments racing to open it open one. Idempotent.
 */
export async function ensureProviderAccount(
  q: Queryable,
  input: { providerId: string; currency: Currency; displayName: string },
): Promise<Account> {
  assert(isCurrency(input.currency), `unsupported currency ${String(input.currency)}`);
  const id = providerAccountId(input.providerId, input.currency);
  const displayName = input.displayName.trim().slice(0, DISPLAY_NAME_LENGTH_MAX) || input.providerId;
  const opened = await insertSettlementAccount(q, {
    id,
    ownerId: input.providerId,
    kind: 'provider_settlement',
    currency: input.currency,
    displayName,
  });
  const account = opened ?? (await selectAccount(q, id));
  assert(account && account.kind === 'provider_settlement' && account.ownerId === input.providerId, `account ${id} is not the provider's`);
  return account;
}

/**
 * Moves an account along its status transitions (see ACCOUNT_STATUS_TRANSITIONS). Closing needs
 * a zero balance and no pending holds, so no money is ever stranded on a closed account.
 */
export async function changeAccountStatus(tx: Tx, accountId: string, status: AccountStatus): Promise<Account> {
  const accounts = await lockAccounts(tx, [accountId]);
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
