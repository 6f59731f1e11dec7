import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, Problem, strict } from '../../shared/schemas.js';
import { AMOUNT_MINOR_MAX } from '../ledger/index.js';
import { requireStaff, staffOf } from '../staff/index.js';
import { refundDispute } from './disputes.refund.js';
import {
  CUSTOMER_MESSAGE_LENGTH_MAX,
  DisputeId,
  NOTE_LENGTH_MAX,
  QueueFilters,
  RejectReasonSchema,
  StaffDisputeDetails,
  StaffDisputeSummary,
} from './disputes.schemas.js';
import { addDisputeNote, assignDispute, disputeQueue, investigateDispute, rejectDispute, staffDispute } from './disputes.staff.js';

const Params = Type.Object({ disputeId: DisputeId }, strict);
const QUEUE_PAGE_DEFAULT = 50;
const CustomerMessage = Type.Optional(
  Type.String({ minLength: 1, maxLength: CUSTOMER_MESSAGE_LENGTH_MAX, description: 'Shown to the customer in their timeline, as written' }),
);
const staffErrors = { 401: Problem, 403: Problem, 404: Problem };

/** /api/staff/v1/disputes: the staff's queue of disputes and the steps of a case, all under 'disputes.work'. */
export async function disputesStaffRoutes(parent: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const working = requireStaff(ctx, 'disputes.work');

  app.get(
    '/api/staff/v1/disputes',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'The dispute queue: open cases by default, the one due first on top',
        querystring: QueueFilters,
        response: {
          200: Type.Object({ items: Type.Array(StaffDisputeSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      const query = request.query;
      const staff = staffOf(request);
      return disputeQueue(ctx, {
        status: query.status ?? null,
        ownerStaffId: query.owner === 'me' ? staff.staffId : (query.owner ?? null),
        customerId: query.customerId ?? null,
        overdue: query.overdue ?? false,
        cursor: query.cursor ?? null,
        limit: query.limit ?? QUEUE_PAGE_DEFAULT,
      });
    },
  );

  app.get(
    '/api/staff/v1/disputes/:disputeId',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'One dispute: the operation, the customer (masked), their sessions and devices then, the timeline and notes',
        params: Params,
        response: { 200: StaffDisputeDetails, ...staffErrors },
      },
    },
    async (request) => staffDispute(ctx, staffOf(request), request.params.disputeId, requestMeta(request)),
  );

  app.post(
    '/api/staff/v1/disputes/:disputeId/assign',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'Give an open dispute an owner: the staff member named, or yourself',
        params: Params,
        body: Type.Object({ staffId: Type.Optional(Id('stf')) }, strict),
        response: { 200: StaffDisputeDetails, ...staffErrors, 409: Problem, 422: Problem },
      },
    },
    async (request) =>
      assignDispute(ctx, staffOf(request), request.params.disputeId, { staffId: request.body.staffId ?? null }, requestMeta(request)),
  );

  app.post(
    '/api/staff/v1/disputes/:disputeId/investigate',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'Start investigating a new dispute (new → investigating); the customer is told',
        params: Params,
        body: Type.Object({ customerMessage: CustomerMessage }, strict),
        response: { 200: StaffDisputeDetails, ...staffErrors, 409: Problem },
      },
    },
    async (request) => investigateDispute(ctx, staffOf(request), request.params.disputeId, request.body, requestMeta(request)),
  );

  app.post(
    '/api/staff/v1/disputes/:disputeId/notes',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'Add a staff note (never shown to the customer)',
        params: Params,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: NOTE_LENGTH_MAX }) }, strict),
        response: { 200: StaffDisputeDetails, ...staffErrors, 400: Problem },
      },
    },
    async (request) => addDisputeNote(ctx, staffOf(request), request.params.disputeId, request.body, requestMeta(request)),
  );

  app.post(
    '/api/staff/v1/disputes/:disputeId/refund',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary:
          'Refund the customer (investigating → refunded): up to the operation’s amount, credited from the bank’s dispute-loss account. ' +
          'From the approval threshold up, 202: a maker-checker request another staff member approves (/api/staff/v1/approvals)',
        params: Params,
        body: Type.Object(
          {
            amountMinor: Type.Integer({ minimum: 1, maximum: Number(AMOUNT_MINOR_MAX) }),
            customerMessage: CustomerMessage,
            approvalReason: Type.Optional(
              Type.String({ minLength: 1, maxLength: 500, description: 'For the checker, when the refund needs an approval' }),
            ),
          },
          strict,
        ),
        response: {
          200: StaffDisputeDetails,
          202: Type.Object({ approvalId: Type.String(), expiresAt: Type.String(), dispute: StaffDisputeDetails }),
          ...staffErrors,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (request, reply) => {
      const { amountMinor, customerMessage, approvalReason } = request.body;
      const answer = await refundDispute(
        ctx,
        staffOf(request),
        request.params.disputeId,
        {
          amountMinor: BigInt(amountMinor),
          ...(customerMessage ? { customerMessage } : {}),
          ...(approvalReason ? { approvalReason } : {}),
        },
        requestMeta(request),
      );
      return answer.status === 202 ? reply.code(202).send(answer.body) : reply.code(200).send(answer.body);
    },
  );

  app.post(
    '/api/staff/v1/disputes/:disputeId/reject',
    {
      preHandler: working,
      schema: {
        tags: ['staff'],
        summary: 'Refuse the dispute (investigating → rejected) with a reason the customer reads; `other` needs a message to them',
        params: Params,
        body: Type.Object({ reason: RejectReasonSchema, customerMessage: CustomerMessage }, strict),
        response: { 200: StaffDisputeDetails, ...staffErrors, 400: Problem, 409: Problem },
      },
    },
    async (request) => rejectDispute(ctx, staffOf(request), request.params.disputeId, request.body, requestMeta(request)),
  );
}
