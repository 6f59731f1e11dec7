import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import {
  type Account,
  type Currency,
  ensureSystemAccounts,
  getSystemAccount,
  ledgerDeclineProblem,
  openAccount,
  postOperation,
} from '../ledger/index.js';

/**
 * Agreements open accounts: the e-money agreement a KZT e-wallet, the banking agreement a KZT
 * current account with a KZ IBAN. Runs in the transaction that signs the agreement.
 */
export async function openAccountsForAgreement(tx: Tx, event: { customerId: string; kind: 'emoney' | 'banking' }): Promise<Account> {
  if (event.kind === 'emoney') {
    return openAccount(tx, { ownerId: event.customerId, kind: 'ewallet', currency: 'KZT', displayName: 'E-wallet' });
  }
  return openAccount(tx, {
    ownerId: event.customerId,
    kind: 'customer_current',
    currency: 'KZT',
    displayName: 'Current account',
    assignIban: true,
  });
}

export function registerAccountHooks(ctx: AppContext): void {
  ctx.hooks.agreementSigned.push((tx, event) => openAccountsForAgreement(tx, event).then(() => undefined));
}

/**
 * Demo money: a cash deposit booked against the bank's settlement account. A deposit nobody
 * expects to be refused (to a closed account, say) throws the ledger's problem, so the seeding
 * or the test that asked for it stops there.
 */
export async function depositFromSettlement(
  tx: Tx,
  account: { id: string; currency: Currency },
  amountMinor: bigint,
  description: string,
): Promise<void> {
  await ensureSystemAccounts(tx);
  const settlement = await getSystemAccount(tx, 'bank_settlement', account.currency);
  const result = await postOperation(tx, {
    operationId: newId('op'),
    kind: 'deposit',
    description,
    postings: [
      { accountId: settlement.id, currency: account.currency, amountMinor: -amountMinor },
      { accountId: account.id, currency: account.currency, amountMinor },
    ],
  });
  if (!result.ok) throw ledgerDeclineProblem(result.decline, result.accountId);
}
