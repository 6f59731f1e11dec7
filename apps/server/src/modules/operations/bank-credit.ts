import { createHash } from 'node:crypto';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { type Currency, getAccount, getSystemAccount, postOperation, type SystemAccountKind } from '../ledger/index.js';
import { takeLock } from '../risk/index.js';
import { LEDGER_DECLINE_REASONS } from './operations.errors.js';
import { insertOperation } from './operations.repo.js';
import type { BankCreditKind, DeclineReason, OperationRecord } from './operations.types.js';

/**
 * Money the bank itself pays a customer: a refund on a dispute, the money of a transfer to another
 * bank's card that its network refused. It is no customer request,
 * so it takes none of the life cycle's steps (no Idempotency-Key of the customer's, no code, no
 * limit: risk decides on money leaving a customer, and this money arrives). It is one balanced
 * ledger operation from the bank's account of the kind, and a record in operations written
 * `completed`, so the history, the statement and the receipt show it like any other operation.
 *
 * A credit that undoes an operation the bank took a fee for (a card transfer the network refused)
 * gives the fee back from where the fee went, the fee-income account (`feeRefundMinor`), in the
 * same ledger operation: the account of the kind pays back only what it received, so the clearing
 * account returns to where it stood before the transfer, and the fee income too.
 *
 * Exactly once: the record's id and the ledger operation's id are derived from the case that
 * pays (`reference`), so a second credit for the same case collides with the first on both
 * primary keys and writes nothing, whatever retries, races or crashes came between. The caller
 * still locks its case first, so the usual second call sees the case decided and never gets here.
 */

/** The bank's account each kind of credit is paid from. */
const PAID_FROM: Readonly<Record<BankCreditKind, SystemAccountKind>> = {
  'refund.dispute': 'bank_dispute_loss',
  // The money of a transfer to another bank's card waits in clearing until that bank answers (transfers/card-send.ts).
  'refund.card_transfer': 'bank_clearing',
};

export interface BankCreditInput {
  kind: BankCreditKind;
  /** What the credit pays (a dispute's id): one credit per kind and reference, ever. */
  reference: string;
  customerId: string;
  /** The customer's account credited: one of theirs, in `currency`. */
  accountId: string;
  currency: Currency;
  /** Paid from the bank's account of the kind: what that account received for the operation undone. */
  amountMinor: bigint;
  /**
   * A fee the bank took for the operation this credit undoes, given back from the fee-income
   * account it was posted to (transfer-kind.ts posts fees to bank_fees). The record's amount is
   * all the customer gets back: amountMinor + feeRefundMinor.
   */
  feeRefundMinor?: bigint;
  now: Date;
}

/** Where the fees the bank takes are posted (transfers' postings), so where a fee given back comes from. */
const FEES_PAID_TO: SystemAccountKind = 'bank_fees';

export type BankCreditResult =
  | { ok: true; operationId: string; ledgerOperationId: string }
  /** The ledger refused the credit (the account is closed): nothing was written. */
  | { ok: false; reason: DeclineReason };

/** `op_` and 32 hex digits, as every operation id: stable for one kind and reference. */
function derivedId(purpose: 'record' | 'ledger', kind: BankCreditKind, reference: string): string {
  return `op_${createHash('sha256').update(`${purpose}\n${kind}\n${reference}`).digest('hex').slice(0, 32)}`;
}

/** Posts the credit and records it, in the caller's transaction. */
export async function creditFromBank(tx: Tx, input: BankCreditInput): Promise<BankCreditResult> {
  assert(tx.inTransaction, 'a bank credit runs inside the transaction that decides it');
  assert(input.amountMinor > 0n, 'a bank credit is a positive amount');
  const feeRefundMinor = input.feeRefundMinor ?? 0n;
  assert(feeRefundMinor >= 0n, 'a fee given back is not negative');
  const creditedMinor = input.amountMinor + feeRefundMinor;
  const account = await getAccount(tx, input.accountId);
  assert(account && account.ownerId === input.customerId, `account ${input.accountId} is not the customer's`);
  assert(account.currency === input.currency, 'a bank credit is in the currency of the account credited');
  const paidFrom = await getSystemAccount(tx, PAID_FROM[input.kind], input.currency);
  const feesFrom = feeRefundMinor > 0n ? await getSystemAccount(tx, FEES_PAID_TO, input.currency) : null;
  const operationId = derivedId('record', input.kind, input.reference);
  const ledgerOperationId = derivedId('ledger', input.kind, input.reference);
  takeLock(tx, 'ledger-accounts');
  // No balance ceiling (an e-wallet's cap): a refund puts back money that left this account, and a
  // cap lowered since must not keep the customer's own money from coming back.
  const posted = await postOperation(tx, {
    operationId: ledgerOperationId,
    kind: input.kind,
    description: null,
    postings: [
      { accountId: account.id, currency: input.currency, amountMinor: creditedMinor },
      { accountId: paidFrom.id, currency: input.currency, amountMinor: -input.amountMinor },
      ...(feesFrom ? [{ accountId: feesFrom.id, currency: input.currency, amountMinor: -feeRefundMinor }] : []),
    ],
  });
  if (!posted.ok) {
    const reason = LEDGER_DECLINE_REASONS[posted.decline];
    // No ceiling is asked for, so the ledger cannot name one; a closed or mismatched account can.
    assert(reason !== 'payee-ceiling', 'a bank credit carries no balance ceiling');
    return { ok: false, reason };
  }
  const record: OperationRecord = {
    id: operationId,
    customerId: input.customerId,
    kind: input.kind,
    status: 'completed',
    sourceAccountId: null,
    payeeAccountId: account.id,
    payeeCustomerId: input.customerId,
    payeeLabel: null,
    payeeReference: null,
    amountMinor: creditedMinor,
    feeMinor: 0n,
    currency: input.currency,
    purposeCode: null,
    description: null,
    scaExemption: null,
    challengeId: null,
    declineReason: null,
    ledgerOperationId,
    idempotencyKey: null,
    createdAt: input.now,
    expiresAt: null,
    completedAt: input.now,
  };
  await insertOperation(tx, record);
  return { ok: true, operationId, ledgerOperationId };
}
