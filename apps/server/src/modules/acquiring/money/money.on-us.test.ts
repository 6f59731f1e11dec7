import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { ManualClock } from '../../../shared/clock.js';
import { availableOf, balanceOf } from '../../card-network/card-network.fixtures.js';
import { checkLedgerInvariants } from '../../ledger/index.js';
import { mdrFeeOf } from './card-messages.js';
import { authoriseCard, captureCard, refundCard, releaseCard } from './index.js';
import { authenticated, buyerCard, liveMerchant, merchantBalanceOf, newPaymentId, presented, systemBalanceOf } from './money.fixtures.js';
import type { MerchantForMoney } from './money.types.js';

// Issue 15 item 5: a Kassa card paying a merchant Kassa acquires (on-us): the hold, the capture in
// two steps (cardholder → clearing, clearing → merchant and MDR) once, the release, the refund.

let t: TestApp;
let merchant: MerchantForMoney;
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 4, 12, 6)) });
  merchant = await liveMerchant(t);
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

async function authorised(amountMinor: bigint, balance = 1_000_000n) {
  const card = await buyerCard(t, balance);
  const paymentId = newPaymentId();
  const threeDs = await authenticated(t, card, { paymentId, amountMinor, merchant });
  const result = await authoriseCard(t.app.ctx, {
    paymentId,
    attempt: 1,
    mode: 'live',
    merchant,
    card: presented(card),
    amountMinor,
    currency: 'KZT',
    threeDs,
  });
  if (!result.approved) throw new Error(`declined: ${result.failureCode} ${result.responseCode}`);
  return { card, paymentId, result, threeDs };
}

function capture(paymentId: string, rrn: string, authorisationCode: string, amountMinor: bigint, captureId = `cap_${randomUUID()}`) {
  return captureCard(t.app.ctx, {
    paymentId,
    captureId,
    rrn,
    authorisationCode,
    issuer: 'kassa',
    mode: 'live',
    merchant,
    amountMinor,
    currency: 'KZT',
  });
}

describe('MDR', () => {
  it('is amount × bps / 10 000 rounded half up, in tiyn', () => {
    expect(mdrFeeOf(1_000_000n, 150)).toBe(15_000n);
    expect(mdrFeeOf(100n, 150)).toBe(2n); // 1.5 → 2
    expect(mdrFeeOf(99n, 150)).toBe(1n); // 1.485 → 1
    expect(mdrFeeOf(1n, 5000)).toBe(1n); // 0.5 → 1
    expect(mdrFeeOf(1_000_000n, 0)).toBe(0n);
  });
});

describe('an on-us payment', () => {
  it('authorises with a hold on the card, and a retry of the same attempt is the same message', async () => {
    const { card, paymentId, result, threeDs } = await authorised(250_000n);
    expect(result).toMatchObject({ approved: true, issuer: 'kassa' });
    expect(await availableOf(t, card)).toBe(750_000n);
    const input = {
      paymentId,
      attempt: 1,
      mode: 'live' as const,
      merchant,
      card: presented(card),
      amountMinor: 250_000n,
      currency: 'KZT' as const,
    };
    t.clock.advance(1000);
    expect(await authoriseCard(t.app.ctx, { ...input, threeDs })).toEqual(result);
    expect(await availableOf(t, card)).toBe(750_000n);
    // Another authentication under the same attempt is another message: refused, nothing held twice.
    const again = await authenticated(t, card, { paymentId, amountMinor: 250_000n, merchant });
    expect(await authoriseCard(t.app.ctx, { ...input, threeDs: again })).toMatchObject({ approved: false, responseCode: '94' });
    expect(await availableOf(t, card)).toBe(750_000n);
  });

  it('declines what the card cannot pay: insufficient_funds, nothing held', async () => {
    const card = await buyerCard(t, 10_000n);
    const paymentId = newPaymentId();
    const result = await authoriseCard(t.app.ctx, {
      paymentId,
      attempt: 1,
      mode: 'live',
      merchant,
      card: presented(card),
      amountMinor: 50_000n,
      currency: 'KZT',
      threeDs: await authenticated(t, card, { paymentId, amountMinor: 50_000n, merchant }),
    });
    expect(result).toMatchObject({ approved: false, failureCode: 'insufficient_funds', responseCode: '51' });
    expect(await availableOf(t, card)).toBe(10_000n);
  });

  it('captures exactly once: the card debited, the merchant credited less MDR, the fee to bank_fees', async () => {
    const { card, paymentId, result } = await authorised(400_000n);
    if (!result.approved) throw new Error('declined');
    const merchantBefore = await merchantBalanceOf(t, merchant.id);
    const feesBefore = await systemBalanceOf(t, 'bank_fees');
    const clearingBefore = await systemBalanceOf(t, 'bank_clearing');
    const captureId = `cap_${randomUUID()}`;
    const first = await capture(paymentId, result.rrn, result.authorisationCode, 400_000n, captureId);
    expect(first).toEqual({ ok: true, feeMinor: 6_000n });
    // A retry (the crash after the answer) and a parallel pair: nothing moves again.
    const again = await Promise.all([
      capture(paymentId, result.rrn, result.authorisationCode, 400_000n, captureId),
      capture(paymentId, result.rrn, result.authorisationCode, 400_000n, captureId),
    ]);
    expect(again).toEqual([first, first]);
    expect(await balanceOf(t, card)).toBe(600_000n);
    expect(await merchantBalanceOf(t, merchant.id)).toBe(merchantBefore + 394_000n);
    expect(await systemBalanceOf(t, 'bank_fees')).toBe(feesBefore + 6_000n);
    expect(await systemBalanceOf(t, 'bank_clearing')).toBe(clearingBefore);
  });

  it('a crash between the two steps: the retry finds the clearing done and posts the merchant side once', async () => {
    const { paymentId, result } = await authorised(100_000n);
    if (!result.approved) throw new Error('declined');
    const merchantBefore = await merchantBalanceOf(t, merchant.id);
    const captureId = `cap_${randomUUID()}`;
    // The first attempt dies in step 2: the transaction fails, the clearing stays committed.
    const realTransaction = t.db.transaction.bind(t.db);
    let failOnce = true;
    t.db.transaction = (async (work: Parameters<typeof realTransaction>[0]) => {
      if (failOnce && new Error().stack?.includes('settleToMerchant')) {
        failOnce = false;
        throw new Error('crash');
      }
      return realTransaction(work);
    }) as typeof t.db.transaction;
    try {
      await expect(capture(paymentId, result.rrn, result.authorisationCode, 100_000n, captureId)).rejects.toThrow('crash');
    } finally {
      t.db.transaction = realTransaction;
    }
    expect(await merchantBalanceOf(t, merchant.id)).toBe(merchantBefore);
    expect(await capture(paymentId, result.rrn, result.authorisationCode, 100_000n, captureId)).toEqual({ ok: true, feeMinor: 1_500n });
    expect(await capture(paymentId, result.rrn, result.authorisationCode, 100_000n, captureId)).toEqual({ ok: true, feeMinor: 1_500n });
    expect(await merchantBalanceOf(t, merchant.id)).toBe(merchantBefore + 98_500n);
  });

  it('a partial capture releases the rest; a second capture of the same authorisation moves nothing', async () => {
    const { card, paymentId, result } = await authorised(300_000n);
    if (!result.approved) throw new Error('declined');
    expect(await capture(paymentId, result.rrn, result.authorisationCode, 200_000n)).toEqual({ ok: true, feeMinor: 3_000n });
    expect(await availableOf(t, card)).toBe(800_000n);
    expect(await balanceOf(t, card)).toBe(800_000n);
    expect(await capture(paymentId, result.rrn, result.authorisationCode, 100_000n)).toEqual({
      ok: false,
      failureCode: 'processing_error',
    });
    expect(await balanceOf(t, card)).toBe(800_000n);
  });

  it('a release voids the hold, and a capture after it fails', async () => {
    const { card, paymentId, result } = await authorised(300_000n);
    if (!result.approved) throw new Error('declined');
    await releaseCard(t.app.ctx, { paymentId, rrn: result.rrn, issuer: 'kassa', mode: 'live', amountMinor: 300_000n, currency: 'KZT' });
    await releaseCard(t.app.ctx, { paymentId, rrn: result.rrn, issuer: 'kassa', mode: 'live', amountMinor: 300_000n, currency: 'KZT' });
    expect(await availableOf(t, card)).toBe(1_000_000n);
    expect(await capture(paymentId, result.rrn, result.authorisationCode, 300_000n)).toMatchObject({ ok: false });
  });

  it('refunds back to the card as a new operation, at most what was captured, once per refund id', async () => {
    const { card, paymentId, result } = await authorised(200_000n);
    if (!result.approved) throw new Error('declined');
    await capture(paymentId, result.rrn, result.authorisationCode, 200_000n);
    const refund = (amountMinor: bigint, refundId = `re_${randomUUID()}`) =>
      refundCard(t.app.ctx, {
        paymentId,
        refundId,
        rrn: result.rrn,
        issuer: 'kassa',
        mode: 'live',
        merchant,
        amountMinor,
        currency: 'KZT',
      });
    const refundId = `re_${randomUUID()}`;
    expect(await refund(150_000n, refundId)).toEqual({ ok: true });
    expect(await refund(150_000n, refundId)).toEqual({ ok: true });
    expect(await balanceOf(t, card)).toBe(950_000n);
    expect(await refund(60_000n)).toEqual({ ok: false, failureCode: 'processing_error' });
    expect(await refund(50_000n)).toEqual({ ok: true });
    expect(await balanceOf(t, card)).toBe(1_000_000n);
    const { rows } = await t.db.query<{ kind: string; status: string; payee_label: string; amount_minor: string }>(
      `SELECT kind, status, payee_label, amount_minor::text FROM operations WHERE payee_account_id = $1 AND kind = 'refund.card_purchase' ORDER BY amount_minor`,
      [card.owner.currentAccountId],
    );
    expect(rows).toEqual([
      { kind: 'refund.card_purchase', status: 'completed', payee_label: 'DEMO SHOP', amount_minor: '150000' },
      { kind: 'refund.card_purchase', status: 'completed', payee_label: 'DEMO SHOP', amount_minor: '50000' },
    ]);
  });

  it('refuses a refund the merchant’s account cannot cover: merchant_balance_insufficient, nothing moves', async () => {
    const poor = await liveMerchant(t);
    const { card, paymentId, result } = await authorised(100_000n);
    if (!result.approved) throw new Error('declined');
    const captured = await captureCard(t.app.ctx, {
      paymentId,
      captureId: `cap_${randomUUID()}`,
      rrn: result.rrn,
      authorisationCode: result.authorisationCode,
      issuer: 'kassa',
      mode: 'live',
      merchant: poor,
      amountMinor: 100_000n,
      currency: 'KZT',
    });
    expect(captured).toEqual({ ok: true, feeMinor: 1_500n });
    // The MDR stays with the bank: the merchant holds 98 500 of the 100 000 captured.
    const refunded = await refundCard(t.app.ctx, {
      paymentId,
      refundId: `re_${randomUUID()}`,
      rrn: result.rrn,
      issuer: 'kassa',
      mode: 'live',
      merchant: poor,
      amountMinor: 100_000n,
      currency: 'KZT',
    });
    expect(refunded).toEqual({ ok: false, failureCode: 'merchant_balance_insufficient' });
    expect(await merchantBalanceOf(t, poor.id)).toBe(98_500n);
    expect(await balanceOf(t, card)).toBe(900_000n);
  });
});
