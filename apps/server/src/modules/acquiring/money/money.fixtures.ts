import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../../../test/harness.js';
import { authenticationInput, passedAuthentication } from '../../acs/acs.fixtures.js';
import { type TypedCard, typedCard } from '../../card-network/card-network.fixtures.js';
import { accountBalance, merchantAccountId, systemAccountId } from '../../ledger/index.js';
import { createTestStaff } from '../../staff/staff.fixtures.js';
import { createTestMerchant } from '../acquiring.fixtures.js';
import type { MerchantForMoney, PresentedCard, ThreeDsResult } from './money.types.js';

/** Test helpers of acquiring/money: a live merchant, a buyer's Kassa card as typed, a 3-D Secure result. */

export async function liveMerchant(t: TestApp, mdrBps = 150): Promise<MerchantForMoney> {
  const admin = await createTestStaff(t.app, 'admin');
  const id = await createTestMerchant(t.app, admin);
  return { id, displayName: 'DEMO SHOP', mcc: '5411', bin: '250140000000', mdrBps };
}

export function presented(card: TypedCard): PresentedCard {
  return { pan: card.pan, expiry: card.expiry, cvc2: card.cvc2, cardholderName: null };
}

export function frictionless(): ThreeDsResult {
  return { status: 'Y', eci: '05', authenticationValue: null, dsTransID: randomUUID() };
}

export async function buyerCard(t: TestApp, amountMinor: bigint): Promise<TypedCard> {
  return typedCard(t, amountMinor);
}

export async function merchantBalanceOf(t: TestApp, merchantId: string): Promise<bigint> {
  return (await accountBalance(t.db, merchantAccountId(merchantId, 'KZT')))?.balanceMinor ?? 0n;
}

export async function systemBalanceOf(t: TestApp, kind: 'bank_fees' | 'bank_clearing' | 'bank_settlement'): Promise<bigint> {
  return (await accountBalance(t.db, systemAccountId(kind, 'KZT')))?.balanceMinor ?? 0n;
}

export function newPaymentId(): string {
  return `pay_${randomUUID().replaceAll('-', '')}`;
}

/**
 * A 3-D Secure result Kassa's ACS made for this card, amount, merchant and payment (a challenge
 * passed with the SMS code when the ACS asks for one): what the on-us engine verifies.
 */
export function authenticated(
  t: TestApp,
  card: TypedCard,
  input: { paymentId: string; amountMinor: bigint; merchant: MerchantForMoney },
): Promise<ThreeDsResult> {
  return passedAuthentication(
    t,
    card,
    authenticationInput(card, input.amountMinor, { paymentId: input.paymentId, merchant: input.merchant }),
  );
}
