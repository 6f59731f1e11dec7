import type { AppContext } from '../../../context.js';
import { ProblemError } from '../../../shared/problem.js';
import type { RequestMeta } from '../../../shared/request-meta.js';
import { authenticate, challengeResultOf } from '../../acs/index.js';
import {
  closeSingleUseCard,
  dropTypedCard,
  type HeldCard,
  holdTypedCard,
  singleUseCardFor,
  withOwnCard,
  withTypedCard,
} from '../../cards/index.js';
import { listAccountsByOwner } from '../../ledger/index.js';
import { issuerOf } from '../money/index.js';
import { authorisePayment, beginAuthentication, type Payment, verifyCheckoutToken } from '../payments/index.js';
import { merchantForMoney } from '../payments/payment-money.js';
import { findPaymentById } from '../payments/payments.repo.js';
import { CheckoutProblem } from './checkout.errors.js';
import { claimSubmission, findAuthentication, saveAuthentication } from './checkout.repo.js';

/**
 * The hosted checkout (issue 15 item 3): the buyer the merchant redirected, proven by the token in
 * the checkout URL's fragment, pays with a card typed on the bank's page or, signed in, with one of
 * their Kassa cards. The card goes to 3-D Secure (modules/acs) and, frictionless, straight to the
 * authorisation; with a challenge, the vault holds it (cards holdTypedCard) until the bank's page
 * says the challenge is over, and the result is taken from the ACS by the server, never from the
 * browser. The merchant never sees the number: the payment keeps the brand and the last 4 digits.
 */

/** How long the checkout takes a card after the payment was created. */
export const CHECKOUT_TTL_MS = 60 * 60_000;

const TAKES_A_CARD: readonly Payment['status'][] = ['requires_payment_method', 'requires_action'];

export function checkoutExpiresAt(payment: Payment): Date {
  return new Date(payment.createdAt.getTime() + CHECKOUT_TTL_MS);
}

/** The payment the page names, if its token is the merchant's redirect's; else the one 404. */
export async function openCheckout(ctx: AppContext, paymentId: string, token: string | undefined): Promise<Payment> {
  const payment = token ? await findPaymentById(ctx.db, paymentId) : null;
  if (!payment || !token || !(await verifyCheckoutToken(ctx, paymentId, token)))
    throw new ProblemError(CheckoutProblem['checkout-not-found']);
  return payment;
}

function assertTakesACard(ctx: AppContext, payment: Payment): void {
  if (!TAKES_A_CARD.includes(payment.status) || payment.pendingStep) throw new ProblemError(CheckoutProblem['checkout-closed']);
  if (ctx.clock.now() >= checkoutExpiresAt(payment)) throw new ProblemError(CheckoutProblem['checkout-expired']);
}

async function current(ctx: AppContext, paymentId: string): Promise<Payment> {
  const payment = await findPaymentById(ctx.db, paymentId);
  if (!payment) throw new ProblemError(CheckoutProblem['checkout-not-found']);
  return payment;
}

/** A card typed on the page, once per Idempotency-Key. */
export async function payWithTypedCard(ctx: AppContext, payment: Payment, card: HeldCard, idempotencyKey: string): Promise<Payment> {
  if (!(await claimSubmission(ctx.db, payment.id, idempotencyKey, ctx.clock.now()))) return current(ctx, payment.id);
  assertTakesACard(ctx, payment);
  return payWith(ctx, payment, card);
}

/** One of the signed-in customer's own cards, its number from the vault for this call only. */
export async function payWithOwnCard(
  ctx: AppContext,
  payment: Payment,
  customerId: string,
  cardId: string,
  idempotencyKey: string,
): Promise<Payment> {
  if (!(await claimSubmission(ctx.db, payment.id, idempotencyKey, ctx.clock.now()))) return current(ctx, payment.id);
  assertTakesACard(ctx, payment);
  const paid = await withOwnCard(ctx, customerId, cardId, (card) => payWith(ctx, payment, card));
  if (!paid) throw new ProblemError(CheckoutProblem['checkout-own-card-not-found']);
  return paid;
}

export interface CheckoutWallet {
  accountId: string;
  displayName: string;
  currency: string;
  availableMinor: string;
}

/** The signed-in customer's e-wallets the checkout offers: active, in the payment's currency. */
export async function checkoutWalletsOf(ctx: AppContext, customerId: string, currency: string): Promise<CheckoutWallet[]> {
  const accounts = await listAccountsByOwner(ctx.db, customerId);
  return accounts
    .filter((account) => account.kind === 'ewallet' && account.status === 'active' && account.currency === currency)
    .map((account) => ({
      accountId: account.id,
      displayName: account.displayName,
      currency: account.currency,
      availableMinor: String(account.balanceMinor - account.heldMinor),
    }));
}

/**
 * The signed-in customer's e-wallet: a single-use virtual card on it for this purchase (cards
 * singleUseCardFor), then the card's way, 3-D Secure and all. A purchase declined at once closes
 * the card it was issued for; an approved one closes it by itself.
 */
export async function payWithWallet(
  ctx: AppContext,
  payment: Payment,
  input: { customerId: string; accountId: string; idempotencyKey: string; meta: RequestMeta },
): Promise<Payment> {
  if (!(await claimSubmission(ctx.db, payment.id, input.idempotencyKey, ctx.clock.now()))) return current(ctx, payment.id);
  assertTakesACard(ctx, payment);
  const wallets = await checkoutWalletsOf(ctx, input.customerId, payment.currency);
  if (!wallets.some((wallet) => wallet.accountId === input.accountId)) throw new ProblemError(CheckoutProblem['checkout-wallet-not-found']);
  const cardId = await singleUseCardFor(ctx, {
    customerId: input.customerId,
    accountId: input.accountId,
    purchaseKey: `${payment.id}\n${input.idempotencyKey}`,
    meta: input.meta,
  });
  const paid = await withOwnCard(ctx, input.customerId, cardId, (card) => payWith(ctx, payment, card));
  if (!paid) throw new ProblemError(CheckoutProblem['checkout-wallet-not-found']);
  if (paid.status === 'failed') await closeSingleUseCard(ctx, { customerId: input.customerId, cardId, meta: input.meta });
  return paid;
}

/**
 * 3-D Secure, then the authorisation. A card the mode refuses (a real card in test mode) goes
 * straight to the authorisation, which fails it with the reason: no authentication, no code sent.
 */
async function payWith(ctx: AppContext, payment: Payment, card: HeldCard): Promise<Payment> {
  if (issuerOf(ctx, card.pan, payment.mode) === 'refused') return authorisePayment(ctx, payment.id, card, null);
  const merchant = await merchantForMoney(ctx, payment.merchantId);
  const outcome = await authenticate(ctx, {
    paymentId: payment.id,
    pan: card.pan,
    expiry: card.expiry,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    merchant: { id: merchant.id, displayName: merchant.displayName, mcc: merchant.mcc, bin: merchant.bin },
    notificationUrl: `${ctx.config.publicOrigin}/checkout/${payment.id}`,
  });
  if (outcome.kind === 'result') return authorisePayment(ctx, payment.id, card, outcome.result);
  const heldCardId = await holdTypedCard(ctx, card);
  const replaced = await saveAuthentication(ctx.db, {
    paymentId: payment.id,
    threeDSServerTransID: outcome.threeDSServerTransID,
    acsTransID: outcome.acsTransID,
    heldCardId,
    createdAt: ctx.clock.now(),
  });
  if (replaced) await dropTypedCard(ctx, replaced);
  return beginAuthentication(ctx, payment.id, { threeDsServerTransId: outcome.threeDSServerTransID });
}

/**
 * The bank's challenge page is done: the result of that authentication, as the ACS told the 3-D
 * Secure Server (RReq), authorises the payment with the held card, which is dropped whatever the
 * answer. A second call (a double click, another tab) finds the payment decided and answers it.
 */
export async function completeAuthentication(ctx: AppContext, payment: Payment): Promise<Payment> {
  const authentication = await findAuthentication(ctx.db, payment.id);
  if (payment.status !== 'requires_action' || !authentication) return payment;
  const result = await challengeResultOf(ctx, authentication.threeDSServerTransID);
  if (!result) throw new ProblemError(CheckoutProblem['checkout-authentication-pending']);
  try {
    const paid = await withTypedCard(ctx, authentication.heldCardId, (card) => authorisePayment(ctx, payment.id, card, result));
    if (!paid) throw new ProblemError(CheckoutProblem['checkout-card-forgotten']);
    return paid;
  } catch (error) {
    // Another call is authorising it or has: answer the payment as it stands.
    if (error instanceof ProblemError && (error.code === 'payment-busy' || error.code === 'payment-not-payable'))
      return current(ctx, payment.id);
    throw error;
  } finally {
    await dropTypedCard(ctx, authentication.heldCardId);
  }
}

/** The challenge the page must show, while the payment waits for it. */
export async function challengeOf(ctx: AppContext, payment: Payment): Promise<{ acsTransID: string } | null> {
  if (payment.status !== 'requires_action') return null;
  const authentication = await findAuthentication(ctx.db, payment.id);
  return authentication ? { acsTransID: authentication.acsTransID } : null;
}
