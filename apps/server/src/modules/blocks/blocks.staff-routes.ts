import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, literalUnion, Problem, strict } from '../../shared/schemas.js';
import { requireStaff, staffOf } from '../staff/index.js';
import {
  BLOCKS_CURSOR_PATTERN,
  BLOCKS_PAGE_DEFAULT,
  BLOCKS_PAGE_MAX,
  blockCustomerByStaff,
  blockOnCall,
  getBlock,
  listActiveBlocks,
  type StaffBlockGates,
} from './blocks.staff.service.js';
import { StaffBlockView, staffBlockViews } from './blocks.staff-views.js';
import { BLOCK_NOTE_LENGTH_MAX, BLOCK_REASONS } from './blocks.types.js';
import { requestUnblock } from './unblock.service.js';

const TAGS = ['staff'];
const BlockParams = Type.Object({ blockId: Id('blk') }, strict);
// calls' REASON_LENGTH_MIN: a security officer's note is also the reason for acting on the customer.
const Note = Type.String({
  minLength: 5,
  maxLength: BLOCK_NOTE_LENGTH_MAX,
  description: 'For staff only: what the caller said, the incident',
});
const Reason = literalUnion(BLOCK_REASONS);
const Day = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'YYYY-MM-DD, the bank’s calendar day',
});

const WeakChecks = Type.Object(
  {
    iin: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'Compared exactly' })),
    fullName: Type.Optional(Type.String({ minLength: 2, maxLength: 200, description: 'Compared normalised: spaces, case, ё/е' })),
    birthDate: Type.Optional(Day),
    recentOperation: Type.Optional(
      Type.Object({ amountMinor: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), day: Day }, strict),
    ),
  },
  { ...strict, minProperties: 2, description: 'At least two; the caller must agree with at least two of those given' },
);

/**
 * The staff's routes of the emergency block (issue 13 item 4 (b), (c); item 10 for the unblock).
 *
 * Reading blocks is 'blocks.unblock.request' (security officers): the list of every customer
 * blocked is the unblock makers' work list, and an operator sees a customer only on an identified
 * call (the customer's file shows its blocks there); an admin runs staff, not customers.
 *
 * calls' gates come from app.ts (StaffBlockGates): blocks may not import calls (calls' customer
 * file imports blocks).
 */
export async function blocksStaffRoutes(app: TypedApp, { ctx, gates }: { ctx: AppContext; gates: StaffBlockGates }): Promise<void> {
  const reader = requireStaff(ctx, 'blocks.unblock.request');
  const blocker = requireStaff(ctx, 'blocks.create');

  app.get(
    '/api/staff/v1/blocks',
    {
      preHandler: reader,
      schema: {
        tags: TAGS,
        summary: 'The blocks in force, newest first (security officers)',
        querystring: Type.Object(
          {
            cursor: Type.Optional(Type.String({ pattern: BLOCKS_CURSOR_PATTERN })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: BLOCKS_PAGE_MAX, default: BLOCKS_PAGE_DEFAULT })),
          },
          strict,
        ),
        response: {
          200: Type.Object({ items: Type.Array(StaffBlockView), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      const page = await listActiveBlocks(ctx, { cursor: request.query.cursor ?? null, limit: request.query.limit ?? BLOCKS_PAGE_DEFAULT });
      return { items: await staffBlockViews(ctx.db, page.items, ctx.clock.now()), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/staff/v1/blocks/:blockId',
    {
      preHandler: reader,
      schema: {
        tags: TAGS,
        summary: 'One block, lifted or not, with the unblock request waiting on it',
        params: BlockParams,
        response: { 200: StaffBlockView, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const [view] = await staffBlockViews(ctx.db, [await getBlock(ctx, request.params.blockId)], ctx.clock.now());
      if (!view) throw new Error('a view per block');
      return view;
    },
  );

  app.post(
    '/api/staff/v1/customers/:customerId/block',
    {
      preHandler: blocker,
      schema: {
        tags: TAGS,
        summary:
          'Block a customer’s access now: an operator on an identified call of theirs with this customer, a security officer with the note as the reason; anyone else 404 (audited)',
        params: Type.Object({ customerId: Id('cus') }, strict),
        body: Type.Object({ reason: Reason, note: Note }, strict),
        response: {
          200: Type.Object({ block: StaffBlockView, alreadyBlocked: Type.Boolean() }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
    },
    async (request) => {
      const blocked = await blockCustomerByStaff(ctx, gates, {
        staff: staffOf(request),
        customerId: request.params.customerId,
        reason: request.body.reason,
        note: request.body.note,
        meta: requestMeta(request),
      });
      const [block] = await staffBlockViews(ctx.db, [blocked.block], ctx.clock.now());
      if (!block) throw new Error('a view per block');
      return { block, alreadyBlocked: blocked.alreadyBlocked };
    },
  );

  app.post(
    '/api/staff/v1/calls/:callId/block',
    {
      preHandler: blocker,
      schema: {
        tags: TAGS,
        summary:
          'Lost phone, no SMS can reach it: block the customer this inbound call’s look-up matched, on weaker identification (at least two checks must match). Always 202 with the same answer',
        params: Type.Object({ callId: Id('call') }, strict),
        body: Type.Object({ reason: Reason, note: Note, checks: WeakChecks }, strict),
        response: { 202: Type.Object({ message: Type.String() }), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const answer = await blockOnCall(ctx, gates, {
        staff: staffOf(request),
        callId: request.params.callId,
        reason: request.body.reason,
        note: request.body.note,
        checks: request.body.checks,
        meta: requestMeta(request),
      });
      return reply.code(202).send(answer);
    },
  );

  app.post(
    '/api/staff/v1/blocks/:blockId/unblock-request',
    {
      preHandler: reader,
      schema: {
        tags: TAGS,
        summary:
          'Ask for the unblock after checking the customer’s identity (the maker); another security officer approves it in the approvals queue',
        params: BlockParams,
        body: Type.Object(
          { note: Type.String({ minLength: 1, maxLength: BLOCK_NOTE_LENGTH_MAX, description: 'How the identity was checked' }) },
          strict,
        ),
        response: {
          201: Type.Object({ approvalId: Id('apr'), expiresAt: Type.String({ format: 'date-time' }) }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request, reply) => {
      const approval = await requestUnblock(ctx, {
        blockId: request.params.blockId,
        staffId: staffOf(request).staffId,
        note: request.body.note,
        meta: requestMeta(request),
      });
      return reply.code(201).send({ approvalId: approval.id, expiresAt: approval.expiresAt.toISOString() });
    },
  );
}
