import { Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import type { TypedApp } from '../../../http/typed-routes.js';
import { Id, literalUnion, Problem, strict } from '../../../shared/schemas.js';
import { merchantOf, requireMerchantKey } from '../merchant-auth.js';
import { IDEMPOTENCY_KEY_LENGTH_MAX, idempotent } from './idempotency.js';
import { cancelPayment, capturePayment, refundPayment } from './payment-money.js';
import {
  AmountMinor,
  CreatedPayment,
  CreatePaymentBody,
  PaymentPage,
  PaymentView,
  paymentJson,
  RefundView,
  refundJson,
} from './payments.schemas.js';
import {
  createPayment,
  PAYMENTS_PAGE_DEFAULT,
  PAYMENTS_PAGE_MAX,
  paymentRefunds,
  paymentsPage,
  renewCheckoutUrl,
  retrievePayment,
} from './payments.service.js';
import { CANCELLATION_REASONS } from './payments.types.js';

const TAGS = ['Payments'];
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: IDEMPOTENCY_KEY_LENGTH_MAX,
      description: 'Required: a retry with the same key and body gets the first answer',
    }),
  ),
});
const Params = Type.Object({ paymentId: Id('pay') }, strict);
const REFUSALS = { 400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Problem };
type PaymentJson = ReturnType<typeof paymentJson>;
type RefundJson = ReturnType<typeof refundJson>;
/** An answer replayed as it was stored (its own JSON: written by this module, never the client's). */
function asStored<T>() {
  return { store: (body: T): unknown => body, restore: async (stored: unknown) => stored as T };
}

/**
 * The payment API for merchants (issue 15 item 2; docs/acquiring-payments.md), Bearer sk_test_…
 * or sk_live_…: a key sees its own mode's payments only, another merchant's id is the same 404 as
 * an unknown one, and no answer holds a card number. Money-moving POSTs need an Idempotency-Key.
 */
export async function paymentsRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const merchant = requireMerchantKey(ctx);

  app.post(
    '/api/merchant/v1/payments',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'Create a payment: requires_payment_method, and the checkout URL to redirect the buyer to (Idempotency-Key required)',
        headers: IdempotencyHeaders,
        body: CreatePaymentBody,
        response: { 201: CreatedPayment, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const scope = merchantOf(request);
      const answer = await idempotent(
        ctx,
        {
          merchantId: scope.merchantId,
          mode: scope.mode,
          key: request.headers['idempotency-key'],
          route: 'POST /payments',
          body: request.body,
        },
        async () => {
          const body = request.body;
          const created = await createPayment(ctx, scope, {
            amountMinor: BigInt(body.amountMinor),
            currency: body.currency,
            captureMethod: body.captureMethod ?? 'automatic',
            description: body.description ?? null,
            merchantOrderId: body.merchantOrderId ?? null,
            returnUrl: body.returnUrl,
            metadata: body.metadata ?? {},
          });
          return { status: 201, body: { ...paymentJson(created.payment), checkoutUrl: created.checkoutUrl } };
        },
        {
          // The token is never stored in the clear: the replay gets a new one.
          store: ({ checkoutUrl: _token, ...rest }) => rest,
          restore: async (stored) => {
            const view = stored as PaymentJson;
            return { ...view, checkoutUrl: await renewCheckoutUrl(ctx, view.id) };
          },
        },
      );
      // The answer holds the checkout token: no cache keeps it.
      return reply.code(201).header('cache-control', 'no-store').send(answer.body);
    },
  );

  app.get(
    '/api/merchant/v1/payments',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'Payments, newest first, a page at a time (the key’s mode only)',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAYMENTS_PAGE_MAX, default: PAYMENTS_PAGE_DEFAULT })),
            after: Type.Optional(Id('pay')),
          },
          strict,
        ),
        response: { 200: PaymentPage, 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? PAYMENTS_PAGE_DEFAULT;
      const payments = await paymentsPage(ctx, merchantOf(request), { limit, afterId: request.query.after ?? null });
      const last = payments.at(-1);
      return { items: payments.map(paymentJson), nextCursor: payments.length === limit && last ? last.id : null };
    },
  );

  app.get(
    '/api/merchant/v1/payments/:paymentId',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'A payment',
        params: Params,
        response: { 200: PaymentView, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request) => paymentJson(await retrievePayment(ctx, merchantOf(request), request.params.paymentId)),
  );

  app.post(
    '/api/merchant/v1/payments/:paymentId/capture',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'Capture an authorised payment (manual capture), all or part of it, once; the rest of the hold is released',
        headers: IdempotencyHeaders,
        params: Params,
        body: Type.Optional(Type.Object({ amountMinor: Type.Optional(AmountMinor) }, strict)),
        response: { 200: PaymentView, ...REFUSALS },
      },
    },
    async (request) => {
      const scope = merchantOf(request);
      const { paymentId } = request.params;
      const amount = request.body?.amountMinor;
      const answer = await idempotent(
        ctx,
        { ...scope, key: request.headers['idempotency-key'], route: `POST /payments/${paymentId}/capture`, body: request.body ?? null },
        async () => ({
          status: 200,
          body: paymentJson(await capturePayment(ctx, scope, paymentId, amount === undefined ? null : BigInt(amount))),
        }),
        asStored<PaymentJson>(),
      );
      return answer.body;
    },
  );

  app.post(
    '/api/merchant/v1/payments/:paymentId/cancel',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'Cancel a payment not captured: an authorisation’s hold is released',
        headers: IdempotencyHeaders,
        params: Params,
        body: Type.Optional(Type.Object({ cancellationReason: Type.Optional(literalUnion(CANCELLATION_REASONS)) }, strict)),
        response: { 200: PaymentView, ...REFUSALS },
      },
    },
    async (request) => {
      const scope = merchantOf(request);
      const { paymentId } = request.params;
      const answer = await idempotent(
        ctx,
        { ...scope, key: request.headers['idempotency-key'], route: `POST /payments/${paymentId}/cancel`, body: request.body ?? null },
        async () => ({
          status: 200,
          body: paymentJson(await cancelPayment(ctx, scope, paymentId, request.body?.cancellationReason ?? null)),
        }),
        asStored<PaymentJson>(),
      );
      return answer.body;
    },
  );

  app.post(
    '/api/merchant/v1/payments/:paymentId/refunds',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'Refund a captured payment, all that is left (default) or part; several, at most the amount captured',
        headers: IdempotencyHeaders,
        params: Params,
        body: Type.Optional(Type.Object({ amountMinor: Type.Optional(AmountMinor) }, strict)),
        response: { 201: RefundView, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const scope = merchantOf(request);
      const { paymentId } = request.params;
      const amount = request.body?.amountMinor;
      const answer = await idempotent(
        ctx,
        { ...scope, key: request.headers['idempotency-key'], route: `POST /payments/${paymentId}/refunds`, body: request.body ?? null },
        async () => ({
          status: 201,
          body: refundJson(await refundPayment(ctx, scope, paymentId, amount === undefined ? null : BigInt(amount))),
        }),
        asStored<RefundJson>(),
      );
      return reply.code(201).send(answer.body);
    },
  );

  app.get(
    '/api/merchant/v1/payments/:paymentId/refunds',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'A payment’s refunds, newest first',
        params: Params,
        response: { 200: Type.Object({ items: Type.Array(RefundView) }), 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request) => ({ items: (await paymentRefunds(ctx, merchantOf(request), request.params.paymentId)).map(refundJson) }),
  );
}
