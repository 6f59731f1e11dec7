import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Code, Id, literalUnion, Problem, strict } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { addTrustedPayee, confirmTrustedPayee, listTrustedPayees, removeTrustedPayee, resendTrustedPayeeCode } from './trusted-payees.js';

const PayeeId = Id('tpy');
const TrustedPayee = Type.Object({
  id: Type.String(),
  kind: literalUnion(['phone', 'iban']),
  label: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  iban: Type.Union([Type.String(), Type.Null()]),
  status: literalUnion(['awaiting_confirmation', 'active', 'removed']),
  createdAt: Type.String(),
});
const TrustedPayeeAwaitingCode = Type.Intersect([
  TrustedPayee,
  Type.Object({ confirmation: Type.Object({ expiresAt: Type.String(), resendAvailableAt: Type.String() }) }),
]);

/** /api/v1/trusted-payees: payees the customer confirmed once with a code (RTS art. 13). */
export async function trustedPayeesRoutes(parent: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const authenticated = requireCustomer(ctx);

  app.get(
    '/api/v1/trusted-payees',
    {
      preHandler: authenticated,
      schema: {
        tags: ['trusted payees'],
        summary: 'Payees that need no code',
        response: { 200: Type.Object({ items: Type.Array(TrustedPayee) }) },
      },
    },
    async (request) => ({ items: await listTrustedPayees(ctx.db, authOf(request).customerId) }),
  );

  app.post(
    '/api/v1/trusted-payees',
    {
      preHandler: authenticated,
      schema: {
        tags: ['trusted payees'],
        summary: 'Add a trusted payee; an SMS code naming the payee confirms it',
        body: Type.Object(
          {
            kind: literalUnion(['phone', 'iban']),
            phone: Type.Optional(Type.String({ minLength: 5, maxLength: 32 })),
            iban: Type.Optional(Type.String({ minLength: 15, maxLength: 40 })),
            label: Type.String({ minLength: 1, maxLength: 60 }),
          },
          strict,
        ),
        response: {
          201: TrustedPayeeAwaitingCode,
          400: Problem,
          429: Problem,
        },
      },
    },
    async (request, reply) => {
      return reply
        .code(201)
        .send(await addTrustedPayee(ctx, { customerId: authOf(request).customerId, ...request.body, meta: requestMeta(request) }));
    },
  );

  app.post(
    '/api/v1/trusted-payees/:payeeId/confirm',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['trusted payees'],
        summary: 'Confirm a trusted payee with the code',
        params: Type.Object({ payeeId: PayeeId }, strict),
        body: Type.Object({ code: Code }, strict),
        response: { 200: TrustedPayee, 404: Problem, 422: Problem },
      },
    },
    async (request) =>
      confirmTrustedPayee(ctx, {
        customerId: authOf(request).customerId,
        payeeId: request.params.payeeId,
        code: request.body.code,
        meta: requestMeta(request),
      }),
  );

  app.post(
    '/api/v1/trusted-payees/:payeeId/resend',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['trusted payees'],
        summary: 'A new code for a payee awaiting confirmation (60 s cooldown)',
        params: Type.Object({ payeeId: PayeeId }, strict),
        response: { 200: TrustedPayeeAwaitingCode, 404: Problem, 409: Problem, 429: Problem },
      },
    },
    async (request) =>
      resendTrustedPayeeCode(ctx, {
        customerId: authOf(request).customerId,
        payeeId: request.params.payeeId,
        meta: requestMeta(request),
      }),
  );

  app.delete(
    '/api/v1/trusted-payees/:payeeId',
    {
      preHandler: authenticated,
      schema: {
        tags: ['trusted payees'],
        summary: 'Remove a trusted payee',
        params: Type.Object({ payeeId: PayeeId }, strict),
        response: { 204: Type.Null(), 404: Problem },
      },
    },
    async (request, reply) => {
      await removeTrustedPayee(ctx, {
        customerId: authOf(request).customerId,
        payeeId: request.params.payeeId,
        meta: requestMeta(request),
      });
      return reply.code(204).send(null);
    },
  );
}
