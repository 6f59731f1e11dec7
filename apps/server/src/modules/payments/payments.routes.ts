import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Code, Problem, strict } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { AMOUNT_MINOR_MAX } from '../ledger/index.js';
import { IDEMPOTENCY_KEY_LENGTH_MAX, OperationProblem, OperationView } from '../operations/index.js';
import { selectProvider } from './catalogue.repo.js';
import { activeCatalogue } from './catalogue.service.js';
import { checkAccount } from './check.js';
import { serviceFee } from './fees.js';
import {
  Catalogue,
  CheckView,
  CreateServicePayment,
  FeeQuote,
  FieldValues,
  PaymentId,
  ProviderId,
  ProviderSummary,
  ProviderView,
  ServicePaymentView,
} from './payments.schemas.js';
import { cancelServicePayment, confirmServicePayment, createServicePayment, resendServicePaymentCode } from './payments.service.js';
import { activeProvider } from './resolve.js';
import { searchProviders } from './search.js';
import { categoryView, checkView, providerSummary, providerView, servicePaymentView } from './views.js';

/** At most this many providers in one search answer: a phone screen's worth. */
const SEARCH_RESULTS_MAX = 20;

const tags = ['payments'];

/**
 * Paying for services (issue 16): the catalogue and its search are public (a guest browses it
 * too), everything that asks a provider or moves money needs a signed-in customer.
 */
export async function servicePaymentsRoutes(parent: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const authenticated = requireCustomer(ctx);

  app.get(
    '/api/v1/payments/catalogue',
    { schema: { tags, summary: 'The categories and the active providers, in the order the app shows them', response: { 200: Catalogue } } },
    async () => {
      const { categories, providers } = await activeCatalogue(ctx.db);
      return { categories: categories.map(categoryView), providers: providers.map(providerSummary) };
    },
  );

  app.get(
    '/api/v1/payments/search',
    {
      schema: {
        tags,
        summary: 'Providers by name in Russian, Kazakh or English, tolerant of the keyboard layout ("ntktrjv" finds "телеком")',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 60 }) }, strict),
        response: { 200: Type.Object({ providers: Type.Array(ProviderSummary) }), 400: Problem },
      },
    },
    async (request) => {
      const { categories, providers } = await activeCatalogue(ctx.db);
      return { providers: searchProviders(providers, categories, request.query.q, SEARCH_RESULTS_MAX).map(providerSummary) };
    },
  );

  app.get(
    '/api/v1/payments/providers/:providerId',
    {
      schema: {
        tags,
        summary: "A provider's form: its fields with their rules, the amount and fee rules",
        params: Type.Object({ providerId: ProviderId }, strict),
        response: { 200: ProviderView, 404: Problem, 422: Problem },
      },
    },
    async (request) => providerView(activeProvider(await selectProvider(ctx.db, request.params.providerId))),
  );

  app.get(
    '/api/v1/payments/providers/:providerId/fee',
    {
      schema: {
        tags,
        summary: 'The fee and the total for an amount, before anything is created',
        params: Type.Object({ providerId: ProviderId }, strict),
        querystring: Type.Object({ amountMinor: Type.Integer({ minimum: 1, maximum: Number(AMOUNT_MINOR_MAX) }) }, strict),
        response: { 200: FeeQuote, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const provider = activeProvider(await selectProvider(ctx.db, request.params.providerId));
      const amountMinor = BigInt(request.query.amountMinor);
      const feeMinor = serviceFee(provider.feeRule, amountMinor);
      return {
        amountMinor: Number(amountMinor),
        feeMinor: Number(feeMinor),
        totalMinor: Number(amountMinor + feeMinor),
        currency: provider.currency,
      };
    },
  );

  // Every check is a call to the provider: counted like the payee look-ups (per customer and IP).
  app.post(
    '/api/v1/payments/providers/:providerId/check',
    {
      config: { rateLimit: 'lookup' },
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Check the account with the provider (validate) or fetch its bill (fetch); nothing is paid',
        params: Type.Object({ providerId: ProviderId }, strict),
        body: Type.Object({ fields: FieldValues }, strict),
        response: { 200: CheckView, 401: Problem, 404: Problem, 422: Problem, 429: Problem, 503: Problem },
      },
    },
    async (request) => {
      const answer = await checkAccount(ctx, {
        customerId: authOf(request).customerId,
        providerId: request.params.providerId,
        fields: request.body.fields,
      });
      return checkView(answer, requestMeta(request).language);
    },
  );

  app.post(
    '/api/v1/payments',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Pay a provider. Needs an Idempotency-Key; a retry returns the first answer',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: IDEMPOTENCY_KEY_LENGTH_MAX })) }),
        body: CreateServicePayment,
        response: { 201: OperationView, 400: Problem, 401: Problem, 404: Problem, 422: Problem, 423: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length === 0 || key.length > IDEMPOTENCY_KEY_LENGTH_MAX)
        throw new ProblemError(OperationProblem['idempotency-key-required']);
      const { lines, ...body } = request.body;
      const response = await createServicePayment(ctx, {
        customerId: authOf(request).customerId,
        idempotencyKey: key,
        body: {
          ...body,
          amountMinor: BigInt(body.amountMinor),
          ...(lines ? { lines: lines.map((line) => ({ id: line.id, amountMinor: BigInt(line.amountMinor) })) } : {}),
        },
        rawBody: request.body,
        meta: requestMeta(request),
      });
      return reply.code(response.status).send(response.body);
    },
  );

  app.get(
    '/api/v1/payments/:paymentId',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'One service payment: the operation, the provider, the account and lines paid, and where the provider stands',
        params: Type.Object({ paymentId: PaymentId }, strict),
        response: { 200: ServicePaymentView, 401: Problem, 404: Problem },
      },
    },
    async (request) =>
      servicePaymentView(ctx, { customerId: authOf(request).customerId, paymentId: request.params.paymentId, meta: requestMeta(request) }),
  );

  app.post(
    '/api/v1/payments/:paymentId/confirm',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Confirm with the SMS code bound to this amount, provider and account',
        params: Type.Object({ paymentId: PaymentId }, strict),
        body: Type.Object({ code: Code }, strict),
        response: { 200: OperationView, 404: Problem, 409: Problem, 422: Problem, 423: Problem },
      },
    },
    async (request) =>
      confirmServicePayment(ctx, {
        customerId: authOf(request).customerId,
        paymentId: request.params.paymentId,
        code: request.body.code,
        meta: requestMeta(request),
      }),
  );

  app.post(
    '/api/v1/payments/:paymentId/resend',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'A new code for this payment (60 s cooldown)',
        params: Type.Object({ paymentId: PaymentId }, strict),
        response: { 200: OperationView, 404: Problem, 429: Problem },
      },
    },
    async (request) =>
      resendServicePaymentCode(ctx, {
        customerId: authOf(request).customerId,
        paymentId: request.params.paymentId,
        meta: requestMeta(request),
      }),
  );

  app.post(
    '/api/v1/payments/:paymentId/cancel',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Cancel a payment awaiting its code: the code stops working and no money moves',
        params: Type.Object({ paymentId: PaymentId }, strict),
        response: { 200: OperationView, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      cancelServicePayment(ctx, {
        customerId: authOf(request).customerId,
        paymentId: request.params.paymentId,
        meta: requestMeta(request),
      }),
  );
}
