import type { AppContext } from '../../../context.js';
import type { TypedApp } from '../../../http/typed-routes.js';
import { pickLanguage } from '../../../shared/i18n.js';
import { ProblemError } from '../../../shared/problem.js';
import { authOf } from '../../../shared/request-auth.js';
import { requestMeta } from '../../../shared/request-meta.js';
import { Problem } from '../../../shared/schemas.js';
import { requireCustomer } from '../../auth/index.js';
import { checkoutCardsOf } from '../../cards/index.js';
import { findMerchant } from '../acquiring.repo.js';
import type { Payment } from '../payments/index.js';
import { CheckoutProblem } from './checkout.errors.js';
import {
  CheckoutSubmitHeaders,
  CheckoutTokenHeaders,
  CheckoutView,
  checkoutJson,
  OwnCardBody,
  OwnCardsView,
  OwnWalletBody,
  PaymentParams,
  TypedCardBody,
} from './checkout.schemas.js';
import {
  challengeOf,
  checkoutExpiresAt,
  checkoutWalletsOf,
  completeAuthentication,
  openCheckout,
  payWithOwnCard,
  payWithTypedCard,
  payWithWallet,
} from './checkout.service.js';
import { judgeTypedCard } from './typed-card.js';

const TAGS = ['Checkout'];
const REFUSALS = { 400: Problem, 404: Problem, 409: Problem, 422: Problem, 429: Problem };

/**
 * The hosted checkout's API (issue 15 item 3; the page is apps/web features/checkout): no merchant
 * key and no session needed — the token from the checkout URL's fragment, in X-Checkout-Token, is
 * what proves the merchant's redirect; a signed-in customer may also pay with their own card or from their e-wallet.
 * Card submissions are rate-limited (class `checkout`); no answer, log or URL holds a card number.
 */
export async function checkoutRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const customer = requireCustomer(ctx);

  async function view(payment: Payment, acceptLanguage: string | undefined) {
    const merchant = await findMerchant(ctx.db, payment.merchantId);
    if (!merchant) throw new ProblemError(CheckoutProblem['checkout-not-found']);
    return checkoutJson(payment, merchant, {
      challenge: await challengeOf(ctx, payment),
      expiresAt: checkoutExpiresAt(payment),
      language: pickLanguage(acceptLanguage),
    });
  }

  app.get(
    '/api/checkout/v1/payments/:paymentId',
    {
      schema: {
        tags: TAGS,
        summary: 'The payment as the checkout page shows it (merchant, amount, status, the challenge to show)',
        headers: CheckoutTokenHeaders,
        params: PaymentParams,
        response: { 200: CheckoutView, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const payment = await openCheckout(ctx, request.params.paymentId, request.headers['x-checkout-token']);
      return reply.header('cache-control', 'no-store').send(await view(payment, request.headers['accept-language']));
    },
  );

  app.post(
    '/api/checkout/v1/payments/:paymentId/card',
    {
      config: { rateLimit: 'checkout' },
      schema: {
        tags: TAGS,
        summary: 'Pay with a card typed on the page: 3-D Secure, then the authorisation (the number goes to the vault only)',
        headers: CheckoutSubmitHeaders,
        params: PaymentParams,
        body: TypedCardBody,
        response: { 200: CheckoutView, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const payment = await openCheckout(ctx, request.params.paymentId, request.headers['x-checkout-token']);
      const judged = judgeTypedCard(request.body, ctx.clock.now());
      if ('errors' in judged) throw new ProblemError(CheckoutProblem['checkout-card-invalid'], { errors: judged.errors });
      const paid = await payWithTypedCard(ctx, payment, judged.card, request.headers['idempotency-key']);
      return reply.header('cache-control', 'no-store').send(await view(paid, request.headers['accept-language']));
    },
  );

  app.get(
    '/api/checkout/v1/payments/:paymentId/own-cards',
    {
      preHandler: customer,
      schema: {
        tags: TAGS,
        summary: 'A signed-in customer’s cards the checkout offers (masked)',
        headers: CheckoutTokenHeaders,
        params: PaymentParams,
        response: { 200: OwnCardsView, 401: Problem, ...REFUSALS },
      },
    },
    async (request) => {
      const payment = await openCheckout(ctx, request.params.paymentId, request.headers['x-checkout-token']);
      const customerId = authOf(request).customerId;
      return { wallets: await checkoutWalletsOf(ctx, customerId, payment.currency), cards: await checkoutCardsOf(ctx, customerId) };
    },
  );

  app.post(
    '/api/checkout/v1/payments/:paymentId/own-card',
    {
      preHandler: customer,
      config: { rateLimit: 'checkout' },
      schema: {
        tags: TAGS,
        summary: 'Pay with one of the signed-in customer’s Kassa cards: 3-D Secure, then the authorisation',
        headers: CheckoutSubmitHeaders,
        params: PaymentParams,
        body: OwnCardBody,
        response: { 200: CheckoutView, 401: Problem, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const payment = await openCheckout(ctx, request.params.paymentId, request.headers['x-checkout-token']);
      const customerId = authOf(request).customerId;
      const paid = await payWithOwnCard(ctx, payment, customerId, request.body.cardId, request.headers['idempotency-key']);
      return reply.header('cache-control', 'no-store').send(await view(paid, request.headers['accept-language']));
    },
  );

  app.post(
    '/api/checkout/v1/payments/:paymentId/own-wallet',
    {
      preHandler: customer,
      config: { rateLimit: 'checkout' },
      schema: {
        tags: TAGS,
        summary:
          'Pay from the signed-in customer’s e-wallet: a single-use virtual card on it for this purchase, then 3-D Secure and the authorisation',
        headers: CheckoutSubmitHeaders,
        params: PaymentParams,
        body: OwnWalletBody,
        response: { 200: CheckoutView, 401: Problem, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const payment = await openCheckout(ctx, request.params.paymentId, request.headers['x-checkout-token']);
      const paid = await payWithWallet(ctx, payment, {
        customerId: authOf(request).customerId,
        accountId: request.body.accountId,
        idempotencyKey: request.headers['idempotency-key'],
        meta: requestMeta(request),
      });
      return reply.header('cache-control', 'no-store').send(await view(paid, request.headers['accept-language']));
    },
  );

  app.post(
    '/api/checkout/v1/payments/:paymentId/authentication-complete',
    {
      config: { rateLimit: 'checkout' },
      schema: {
        tags: TAGS,
        summary: 'The bank’s 3-D Secure page is done: the server takes the result from the ACS and authorises',
        headers: CheckoutTokenHeaders,
        params: PaymentParams,
        response: { 200: CheckoutView, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const payment = await openCheckout(ctx, request.params.paymentId, request.headers['x-checkout-token']);
      const paid = await completeAuthentication(ctx, payment);
      return reply.header('cache-control', 'no-store').send(await view(paid, request.headers['accept-language']));
    },
  );
}
