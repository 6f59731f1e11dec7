import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Problem, strict } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { OperationId } from '../operations/index.js';
import { DisputeDetailsView, DisputeId, DisputeOpened, DisputeView } from './disputes.schemas.js';
import { DISPUTE_COMMENT_LENGTH_MAX, getDispute, listDisputes, openDispute, withdrawDispute } from './disputes.service.js';

const Params = Type.Object({ disputeId: DisputeId }, strict);

/** The customer's disputes: "this wasn't me" on an operation, their cases, withdrawing one. */
export async function disputesRoutes(parent: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const authenticated = requireCustomer(ctx);

  app.post(
    '/api/v1/operations/:transferId/dispute',
    {
      preHandler: authenticated,
      schema: {
        tags: ['disputes'],
        summary: '"This wasn’t me": report an operation you do not recognise. Opens a case; a second report adds to the open one',
        params: Type.Object({ transferId: OperationId }, strict),
        body: Type.Object({ comment: Type.Optional(Type.String({ maxLength: DISPUTE_COMMENT_LENGTH_MAX })) }, strict),
        response: { 201: DisputeOpened, 404: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await openDispute(ctx, {
          customerId: authOf(request).customerId,
          operationId: request.params.transferId,
          comment: request.body.comment ?? null,
          meta: requestMeta(request),
        }),
      ),
  );

  app.get(
    '/api/v1/disputes',
    {
      preHandler: authenticated,
      schema: {
        tags: ['disputes'],
        summary: 'Your disputes, newest first',
        response: { 200: Type.Object({ items: Type.Array(DisputeView) }) },
      },
    },
    async (request) => ({ items: await listDisputes(ctx, authOf(request).customerId, requestMeta(request)) }),
  );

  app.get(
    '/api/v1/disputes/:disputeId',
    {
      preHandler: authenticated,
      schema: {
        tags: ['disputes'],
        summary: 'One of your disputes, with the operation and the timeline',
        params: Params,
        response: { 200: DisputeDetailsView, 404: Problem },
      },
    },
    async (request) => getDispute(ctx, authOf(request).customerId, request.params.disputeId, requestMeta(request)),
  );

  app.post(
    '/api/v1/disputes/:disputeId/withdraw',
    {
      preHandler: authenticated,
      schema: {
        tags: ['disputes'],
        summary: 'Withdraw your dispute while it is new or being investigated',
        params: Params,
        response: { 200: DisputeDetailsView, 404: Problem, 409: Problem },
      },
    },
    async (request) => withdrawDispute(ctx, authOf(request).customerId, request.params.disputeId, requestMeta(request)),
  );
}
