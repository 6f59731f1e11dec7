import { createHash } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import { onUsPurchase } from '../../card-network/index.js';
import { ensureMerchantAccount, postOperation, systemAccountId } from '../../ledger/index.js';
import { creditCardRefund, operationRecord } from '../../operations/index.js';
import { takeLock } from '../../risk/index.js';
import { insertRefund, lockPaymentTotals, refundExists } from './money.repo.js';
import type { FailureCode, RefundInput, RefundResult } from './money.types.js';

/**
 * A refund takes money from the merchant's settlement account back to the card: a Kassa card's
 * account, as a new operation in the cardholder's history (operations creditCardRefund: "Возврат:
 * Demo Shop", notified); another bank's card, to bank_settlement, which the network's settlement
 * carries to that bank. In one transaction with the refund's row, once per refund id; at most what
 * the payment captured less what it refunded; merchant_balance_insufficient when the merchant's
 * account cannot cover it (the ledger declines, nothing is written). Test mode moves nothing.
 */

/** Thrown inside the transaction to roll back the refund's row with a failure the caller returns. */
class RefundRefused extends Error {
  constructor(readonly failureCode: FailureCode) {
    super(failureCode);
  }
}

function otherBankLedgerId(refundId: string): string {
  return `op_${createHash('sha256').update(`merchant-refund\n${refundId}`).digest('hex').slice(0, 32)}`;
}

export async function refundCard(ctx: AppContext, input: RefundInput): Promise<RefundResult> {
  assert(input.amountMinor > 0n, 'a refund is a positive amount');
  if (input.mode === 'test' || input.issuer === 'sandbox') return { ok: true };
  if (await refundExists(ctx.db, input.refundId)) return { ok: true };
  const account = await ensureMerchantAccount(ctx.db, {
    merchantId: input.merchant.id,
    currency: input.currency,
    displayName: input.merchant.displayName,
  });
  try {
    await ctx.db.transaction(async (tx) => {
      takeLock(tx, 'idempotency-key');
      const totals = await lockPaymentTotals(tx, input.paymentId);
      if (totals.refundedMinor + input.amountMinor > totals.capturedMinor) throw new RefundRefused('processing_error');
      const ledgerOperationId =
        input.issuer === 'kassa' ? await refundToKassaCard(tx, ctx, input, account.id) : await refundElsewhere(tx, input, account.id);
      const claimed = await insertRefund(tx, {
        refundId: input.refundId,
        paymentId: input.paymentId,
        merchantId: input.merchant.id,
        issuer: input.issuer === 'kassa' ? 'kassa' : 'other',
        currency: input.currency,
        amountMinor: input.amountMinor,
        ledgerOperationId: ledgerOperationId.ledger,
        operationId: ledgerOperationId.operation,
        refundedAt: ctx.clock.now(),
      });
      assert(claimed, `refund ${input.refundId} was claimed twice in one transaction`);
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof RefundRefused) return { ok: false, failureCode: error.failureCode };
    // A second call racing the first: both found no row; the first's ids make the second collide.
    if (await refundExists(ctx.db, input.refundId)) return { ok: true };
    throw error;
  }
}

async function refundToKassaCard(tx: Tx, ctx: AppContext, input: RefundInput, merchantAccountId: string) {
  const purchase = await onUsPurchase(tx, input.rrn);
  assert(purchase && purchase.status === 'cleared', `refund ${input.refundId}: no captured on-us purchase ${input.rrn}`);
  const record = await operationRecord(tx, purchase.operationId);
  takeLock(tx, 'operation');
  const credited = await creditCardRefund(tx, ctx, {
    refundId: input.refundId,
    customerId: purchase.customerId,
    accountId: purchase.accountId,
    paidFromAccountId: merchantAccountId,
    currency: input.currency,
    amountMinor: input.amountMinor,
    merchantName: purchase.merchantName,
    cardReference: record?.payeeReference ?? null,
    now: ctx.clock.now(),
  });
  if (!credited.ok) throw new RefundRefused(declineFailure(credited.decline));
  return { ledger: credited.ledgerOperationId, operation: credited.operationId };
}

async function refundElsewhere(tx: Tx, input: RefundInput, merchantAccountId: string) {
  const ledger = otherBankLedgerId(input.refundId);
  takeLock(tx, 'ledger-accounts');
  const posted = await postOperation(tx, {
    operationId: ledger,
    kind: 'acquiring.refund',
    description: input.merchant.displayName,
    postings: [
      { accountId: merchantAccountId, currency: input.currency, amountMinor: -input.amountMinor },
      { accountId: systemAccountId('bank_settlement', input.currency), currency: input.currency, amountMinor: input.amountMinor },
    ],
  });
  if (!posted.ok) throw new RefundRefused(declineFailure(posted.decline));
  return { ledger, operation: null };
}

function declineFailure(decline: string): FailureCode {
  return decline === 'insufficient-funds' || decline === 'account-frozen' ? 'merchant_balance_insufficient' : 'processing_error';
}
