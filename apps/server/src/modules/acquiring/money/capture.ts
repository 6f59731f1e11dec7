import { createHash } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import { assert } from '../../../shared/assert.js';
import { clearOnUs, reverseOnUs } from '../../card-network/index.js';
import { ensureMerchantAccount, postOperation, type SystemAccountKind, systemAccountId } from '../../ledger/index.js';
import { takeLock } from '../../risk/index.js';
import { clearingStan, currencyNumeric, failureOfResponse, mdrFeeOf, onUsClearing, onUsReversal, reversalStan } from './card-messages.js';
import { insertCapture, selectCaptureFee } from './money.repo.js';
import type { CaptureInput, CaptureResult, ReleaseInput } from './money.types.js';

/**
 * A capture moves the money in two steps:
 *  1. the card's side: on-us, card-network's clearing (0220) posts the cardholder's hold to
 *     bank_clearing (less than authorised releases the rest); another bank's card, a 0220 through
 *     the network, whose settlement pays the amount into bank_settlement;
 *  2. the merchant's side, in a transaction of its own: bank_clearing (or bank_settlement) → the
 *     merchant's settlement account (amount − MDR) and → bank_fees (the MDR), with the capture's
 *     row, once per capture id.
 * A crash between the two: the retry's step 1 is the same message (its DE11 derives from the
 * capture id), answered as before, and step 2 finds its row or writes it once.
 * Test mode moves nothing: the sandbox outcome only.
 */

function settlementLedgerId(captureId: string): string {
  return `op_${createHash('sha256').update(`merchant-capture\n${captureId}`).digest('hex').slice(0, 32)}`;
}

export async function captureCard(ctx: AppContext, input: CaptureInput): Promise<CaptureResult> {
  assert(input.amountMinor > 0n, 'a capture is a positive amount');
  const feeMinor = mdrFeeOf(input.amountMinor, input.merchant.mdrBps);
  if (input.mode === 'test' || input.issuer === 'sandbox') return { ok: true, feeMinor };
  const done = await selectCaptureFee(ctx.db, input.captureId);
  if (done !== null) return { ok: true, feeMinor: done };
  const cleared = input.issuer === 'kassa' ? await clearKassa(ctx, input) : await clearElsewhere(ctx, input);
  if (!cleared.ok) return cleared;
  const fee = await settleToMerchant(ctx, input, feeMinor, input.issuer === 'kassa' ? 'bank_clearing' : 'bank_settlement');
  return { ok: true, feeMinor: fee };
}

async function clearKassa(ctx: AppContext, input: CaptureInput): Promise<CaptureResult> {
  const answer = await clearOnUs(ctx, onUsClearing(ctx, input));
  if (answer.responseCode === '00') return { ok: true, feeMinor: 0n };
  // 12: cleared by another capture, or released; 13: more than authorised; 25: no such approval.
  return { ok: false, failureCode: answer.responseCode === '05' ? 'card_declined' : 'processing_error' };
}

async function clearElsewhere(ctx: AppContext, input: CaptureInput): Promise<CaptureResult> {
  try {
    const answer = await ctx.cardNetwork.send({
      purpose: 'purchase-clearing',
      mti: '0220',
      rrn: input.rrn,
      stan: clearingStan(input),
      transmittedAt: ctx.clock.now().toISOString(),
      amountMinor: Number(input.amountMinor),
      currency: currencyNumeric(input.currency),
      authorisationCode: input.authorisationCode,
    });
    return answer.responseCode === '00' ? { ok: true, feeMinor: 0n } : { ok: false, failureCode: failureOfResponse(answer.responseCode) };
  } catch (error) {
    ctx.log.error(
      { paymentId: input.paymentId, rrn: input.rrn, error: error instanceof Error ? error.name : 'unknown' },
      'card network did not answer a capture',
    );
    return { ok: false, failureCode: 'card_network_unavailable' };
  }
}

/** Step 2, once per capture id: the capture's row and its ledger operation in one transaction. */
async function settleToMerchant(ctx: AppContext, input: CaptureInput, feeMinor: bigint, from: SystemAccountKind): Promise<bigint> {
  const account = await ensureMerchantAccount(ctx.db, {
    merchantId: input.merchant.id,
    currency: input.currency,
    displayName: input.merchant.displayName,
  });
  const ledgerOperationId = settlementLedgerId(input.captureId);
  return ctx.db.transaction(async (tx) => {
    takeLock(tx, 'idempotency-key');
    const claimed = await insertCapture(tx, {
      captureId: input.captureId,
      paymentId: input.paymentId,
      merchantId: input.merchant.id,
      issuer: input.issuer === 'kassa' ? 'kassa' : 'other',
      rrn: input.rrn,
      currency: input.currency,
      amountMinor: input.amountMinor,
      feeMinor,
      ledgerOperationId,
      capturedAt: ctx.clock.now(),
    });
    if (!claimed) return (await selectCaptureFee(tx, input.captureId)) ?? feeMinor;
    takeLock(tx, 'ledger-accounts');
    const posted = await postOperation(tx, {
      operationId: ledgerOperationId,
      kind: 'acquiring.capture',
      description: input.merchant.displayName,
      postings: [
        { accountId: systemAccountId(from, input.currency), currency: input.currency, amountMinor: -input.amountMinor },
        { accountId: account.id, currency: input.currency, amountMinor: input.amountMinor - feeMinor },
        ...(feeMinor > 0n
          ? [{ accountId: systemAccountId('bank_fees', input.currency), currency: input.currency, amountMinor: feeMinor }]
          : []),
      ],
    });
    // The bank's accounts take any balance and a merchant's account any credit but a closed one's:
    // a closed merchant account with payments still capturing is the bank's error, not the buyer's.
    assert(posted.ok, `capture ${input.captureId}: the ledger declined the merchant's credit (${posted.ok ? '' : posted.decline})`);
    return feeMinor;
  });
}

/**
 * Cancels an authorisation not captured: on-us, card-network's reversal (0400) voids the hold; another
 * bank's card, a 0400 through the network. Idempotent: a reversal of a released purchase answers 00.
 */
export async function releaseCard(ctx: AppContext, input: ReleaseInput): Promise<void> {
  if (input.mode === 'test' || input.issuer === 'sandbox') return;
  if (input.issuer === 'kassa') {
    const answer = await reverseOnUs(ctx, onUsReversal(ctx, input));
    // 12: it was captured meanwhile; the payment API decides on the state, this only reports.
    if (answer.responseCode !== '00')
      ctx.log.warn({ paymentId: input.paymentId, responseCode: answer.responseCode }, 'on-us release refused');
    return;
  }
  try {
    await ctx.cardNetwork.send({
      purpose: 'purchase-reversal',
      mti: '0400',
      rrn: input.rrn,
      stan: reversalStan(input),
      transmittedAt: ctx.clock.now().toISOString(),
      amountMinor: Number(input.amountMinor),
      currency: currencyNumeric(input.currency),
    });
  } catch (error) {
    ctx.log.error(
      { paymentId: input.paymentId, error: error instanceof Error ? error.name : 'unknown' },
      'card network did not answer a release',
    );
  }
}
