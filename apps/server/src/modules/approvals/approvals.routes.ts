import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, literalUnion, Problem, strict } from '../../shared/schemas.js';
import { requireStaff, STAFF_ROLES, staffOf } from '../staff/index.js';
import {
  APPROVALS_CURSOR_PATTERN,
  APPROVALS_PAGE_DEFAULT,
  APPROVALS_PAGE_MAX,
  approvalViewFor,
  getApprovalFor,
  listApprovalQueue,
} from './approvals.queue.js';
import { APPROVAL_TEXT_LENGTH_MAX, decideApproval } from './approvals.service.js';
import { APPROVAL_STATUSES } from './approvals.types.js';
import { ApprovalView } from './approvals.views.js';
import { requestRoleChange } from './role-change.js';

const TAGS = ['staff'];
const Params = Type.Object({ approvalId: Id('apr') }, strict);
const Text = Type.String({ minLength: 1, maxLength: APPROVAL_TEXT_LENGTH_MAX });

/**
 * The maker-checker queue under /api/staff/v1/approvals. requireStaff lets in the roles that decide
 * some kind ('approvals.decide'); which kinds each decides is APPROVAL_DECIDERS, checked again by
 * the service under the row's lock. The role change's request is here too (see role-change.ts).
 */
export async function approvalsRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const decider = requireStaff(ctx, 'approvals.decide');

  app.get(
    '/api/staff/v1/approvals',
    {
      preHandler: decider,
      schema: {
        tags: TAGS,
        summary: 'Maker-checker requests of one status, oldest first: the kinds your role decides, and your own',
        querystring: Type.Object(
          {
            status: literalUnion(APPROVAL_STATUSES, { default: 'pending' }),
            cursor: Type.Optional(Type.String({ pattern: APPROVALS_CURSOR_PATTERN })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: APPROVALS_PAGE_MAX, default: APPROVALS_PAGE_DEFAULT })),
          },
          strict,
        ),
        response: {
          200: Type.Object({ items: Type.Array(ApprovalView), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      const { status = 'pending', cursor, limit = APPROVALS_PAGE_DEFAULT } = request.query;
      return listApprovalQueue(ctx, staffOf(request), { status, cursor: cursor ?? null, limit });
    },
  );

  app.get(
    '/api/staff/v1/approvals/:approvalId',
    {
      preHandler: decider,
      schema: {
        tags: TAGS,
        summary: 'One maker-checker request',
        params: Params,
        response: { 200: ApprovalView, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => getApprovalFor(ctx, staffOf(request), request.params.approvalId, requestMeta(request)),
  );

  app.post(
    '/api/staff/v1/approvals/:approvalId/approve',
    {
      preHandler: decider,
      schema: {
        tags: TAGS,
        summary: 'Approve a request someone else made: it is carried out at once, in the same transaction',
        params: Params,
        body: Type.Object({ note: Type.Optional(Text) }, strict),
        response: { 200: ApprovalView, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const approval = await decideApproval(ctx, {
        approvalId: request.params.approvalId,
        checkerStaffId: staff.staffId,
        checkerRole: staff.role,
        decision: 'approve',
        note: request.body.note ?? null,
        meta: requestMeta(request),
      });
      return approvalViewFor(ctx, staff, approval);
    },
  );

  app.post(
    '/api/staff/v1/approvals/:approvalId/reject',
    {
      preHandler: decider,
      schema: {
        tags: TAGS,
        summary: 'Reject a request someone else made, saying why',
        params: Params,
        body: Type.Object({ note: Text }, strict),
        response: { 200: ApprovalView, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const approval = await decideApproval(ctx, {
        approvalId: request.params.approvalId,
        checkerStaffId: staff.staffId,
        checkerRole: staff.role,
        decision: 'reject',
        note: request.body.note,
        meta: requestMeta(request),
      });
      return approvalViewFor(ctx, staff, approval);
    },
  );

  app.post(
    '/api/staff/v1/approvals/role-change',
    {
      preHandler: requireStaff(ctx, 'staff.manage'),
      schema: {
        tags: TAGS,
        summary: 'Ask for a staff member’s new role (admins); another admin approves it',
        body: Type.Object({ staffId: Id('stf'), role: literalUnion(STAFF_ROLES), reason: Text }, strict),
        response: { 201: ApprovalView, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const approval = await requestRoleChange(ctx, {
        makerStaffId: staff.staffId,
        staffId: request.body.staffId,
        toRole: request.body.role,
        reason: request.body.reason,
        meta: requestMeta(request),
      });
      return reply.code(201).send(await approvalViewFor(ctx, staff, approval));
    },
  );
}
