import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import type { Language } from '../../../shared/i18n.js';
import { CommonProblem, ProblemError } from '../../../shared/problem.js';
import { requestMeta } from '../../../shared/request-meta.js';
import { Problem, strict } from '../../../shared/schemas.js';
import { authOf, requireCustomer } from '../../auth/index.js';
import { findCustomerById } from '../../identity/index.js';
import { IDEMPOTENCY_KEY_LENGTH_MAX, OperationProblem } from '../../operations/index.js';
import { checkAccount } from '../check.js';
import { CheckView, FieldValues, ProviderId } from '../payments.schemas.js';
import { checkView } from '../views.js';
import { CreateCardServicePayment, CreateGuestPayment, GuestPaymentCreated, GuestPaymentId, GuestPaymentView } from './guest.schemas.js';
import { type CreateGuestPaymentInput, createGuestPayment, type GuestPaymentAnswer, guestPaymentForToken } from './guest.service.js';
import { guestPaymentView } from './guest.views.js';

const tags = ['payments'];
export const GUEST_TOKEN_HEADER = 'x-guest-payment-token';

/**
 * Guests pay a provider by card without an agreement (issue 16 item 5): no login; the catalogue,
 * a provider's form and its fee are the public routes of payments.routes.ts. A check asks the
 * provider (counted per IP like the look-ups) and tells a guest no holder's name: anyone could
 * read names by trying account numbers. A payment is a card payment (counted like the checkout's
 * card submissions); its status is read only with the token its creation gave.
 */
export async function guestPaymentsRoutes(parent: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/guest/payments/providers/:providerId/check',
    {
      config: { rateLimit: 'lookup' },
      schema: {
        tags,
        summary: "A guest's check of the account with the provider, or its bill; no holder's name is given",
        params: Type.Object({ providerId: ProviderId }, strict),
        body: Type.Object({ fields: FieldValues }, strict),
        response: { 200: CheckView, 404: Problem, 422: Problem, 429: Problem, 503: Problem },
      },
    },
    async (request) => {
      const answer = await checkAccount(ctx, { customerId: null, providerId: request.params.providerId, fields: request.body.fields });
      return { ...checkView(answer, requestMeta(request).language), holderName: null };
    },
  );

  app.post(
    '/api/v1/guest/payments',
    {
      config: { rateLimit: 'checkout' },
      schema: {
        tags,
        summary: 'A guest pays a provider by card: the hosted checkout link and a status token (Idempotency-Key required)',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: IDEMPOTENCY_KEY_LENGTH_MAX })) }),
        body: CreateGuestPayment,
        response: { 201: GuestPaymentCreated, 400: Problem, 404: Problem, 422: Problem, 429: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const { language } = requestMeta(request);
      const answer = await createGuestPayment(ctx, {
        idempotencyKey: idempotencyKeyOf(request.headers['idempotency-key']),
        language,
        body: paymentInput(request.body, request.body.receiptPhone),
      });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await createdView(ctx, answer, language));
    },
  );

  // A signed-in customer pays from a card, theirs at Kassa or another bank's, the same way; the
  // receipt goes to their own phone, which the web app never holds in full.
  app.post(
    '/api/v1/payments/by-card',
    {
      config: { rateLimit: 'checkout' },
      preHandler: requireCustomer(ctx),
      schema: {
        tags,
        summary:
          'A customer pays a provider by card through the hosted checkout; the receipt by SMS to their phone (Idempotency-Key required)',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: IDEMPOTENCY_KEY_LENGTH_MAX })) }),
        body: CreateCardServicePayment,
        response: { 201: GuestPaymentCreated, 400: Problem, 401: Problem, 404: Problem, 422: Problem, 429: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const customer = await findCustomerById(ctx.db, authOf(request).customerId);
      if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
      const { language } = requestMeta(request);
      const answer = await createGuestPayment(ctx, {
        idempotencyKey: idempotencyKeyOf(request.headers['idempotency-key']),
        language,
        body: paymentInput(request.body, customer.phone),
      });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await createdView(ctx, answer, language));
    },
  );

  app.get(
    '/api/v1/guest/payments/:guestPaymentId',
    {
      config: { rateLimit: 'lookup' },
      schema: {
        tags,
        summary: "A guest's payment, for the browser holding its status token (X-Guest-Payment-Token)",
        params: Type.Object({ guestPaymentId: GuestPaymentId }, strict),
        headers: Type.Object({ [GUEST_TOKEN_HEADER]: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: GuestPaymentView, 404: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const payment = await guestPaymentForToken(ctx, request.params.guestPaymentId, request.headers[GUEST_TOKEN_HEADER]);
      reply.header('cache-control', 'no-store');
      return guestPaymentView(ctx, payment, requestMeta(request).language);
    },
  );
}

function idempotencyKeyOf(key: string | undefined): string {
  if (typeof key !== 'string' || key.length === 0) throw new ProblemError(OperationProblem['idempotency-key-required']);
  return key;
}

type PaymentRequest = Omit<Static<typeof CreateGuestPayment>, 'receiptPhone'>;

function paymentInput(body: PaymentRequest, receiptPhone: string): CreateGuestPaymentInput {
  const { lines, providerId, fields, checkId, amountMinor } = body;
  return {
    providerId,
    fields,
    ...(checkId ? { checkId } : {}),
    amountMinor: BigInt(amountMinor),
    receiptPhone,
    ...(lines ? { lines: lines.map((line) => ({ id: line.id, amountMinor: BigInt(line.amountMinor) })) } : {}),
  };
}

async function createdView(ctx: AppContext, answer: GuestPaymentAnswer, language: Language) {
  return {
    payment: await guestPaymentView(ctx, answer.payment, language),
    checkoutUrl: answer.checkoutUrl,
    statusToken: answer.statusToken,
  };
}
