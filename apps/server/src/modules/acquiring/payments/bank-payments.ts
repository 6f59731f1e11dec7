import type { AppContext } from '../../../context.js';
import { findMerchant } from '../acquiring.repo.js';
import { findPaymentById } from './payments.repo.js';
import { createPayment, renewCheckoutUrl } from './payments.service.js';
import { PAYMENT_CURRENCIES, type PaymentCurrency } from './payments.types.js';

/**
 * Card payments the bank takes for itself through a merchant of its own (issue 16 item 5: guests
 * paying a provider, modules/payments/guest): the same payments, hosted checkout, 3-D Secure and
 * captures as any merchant's, created in process rather than over the payment API, in live mode
 * and captured at once. Their end reaches the seller by ctx.hooks.cardPaymentsEnded (payments.state.ts).
 */

/**
 * Why the bank's merchant cannot take a payment now, or null: it must exist, be active, take live
 * payments and keep no MDR (the seller's own fee is its price, and the seller moves all of what the
 * capture credited: guest/guest-settle.ts).
 */
export async function bankMerchantRefusal(
  ctx: AppContext,
  merchantId: string,
): Promise<'missing' | 'suspended' | 'no-live-mode' | 'mdr-not-zero' | null> {
  const merchant = await findMerchant(ctx.db, merchantId);
  if (!merchant) return 'missing';
  if (merchant.status !== 'active') return 'suspended';
  if (!merchant.liveModeEnabled) return 'no-live-mode';
  if (merchant.mdrBps !== 0) return 'mdr-not-zero';
  return null;
}

export function isPaymentCurrency(currency: string): currency is PaymentCurrency {
  return (PAYMENT_CURRENCIES as readonly string[]).includes(currency);
}

/** A live payment of the bank's merchant, captured when authorised; its checkout link (the token only here). */
export async function createBankCardPayment(
  ctx: AppContext,
  input: { merchantId: string; amountMinor: bigint; currency: PaymentCurrency; description: string; orderId: string; returnUrl: string },
): Promise<{ paymentId: string; checkoutUrl: string }> {
  const { payment, checkoutUrl } = await createPayment(
    ctx,
    { merchantId: input.merchantId, mode: 'live' },
    {
      amountMinor: input.amountMinor,
      currency: input.currency,
      captureMethod: 'automatic',
      description: input.description,
      merchantOrderId: input.orderId,
      returnUrl: input.returnUrl,
      metadata: {},
    },
  );
  return { paymentId: payment.id, checkoutUrl };
}

/**
 * A fresh checkout link for a payment of the bank's merchant still waiting for a card (a retried
 * request: the first link's token was never stored); null once it has one or has ended.
 */
export async function renewBankCheckoutUrl(ctx: AppContext, paymentId: string): Promise<string | null> {
  const payment = await findPaymentById(ctx.db, paymentId);
  if (payment?.status !== 'requires_payment_method' && payment?.status !== 'requires_action') return null;
  return renewCheckoutUrl(ctx, paymentId);
}
