import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { type Static, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { FileBody, Id, literalUnion, Problem, strict, Timestamp } from '../../shared/schemas.js';
import type { AuditFilter } from './audit.repo.js';
import { AUDIT_PAGE_ROWS_DEFAULT, AUDIT_PAGE_ROWS_MAX, exportAuditCsv, listAudit, verifyAuditChainFor } from './audit.viewer.js';

const TAGS = ['staff'];

export interface AuditRoutesOptions {
  ctx: AppContext;
  /**
   * staff's `requireStaff(ctx, 'audit.view')`. staff writes to the audit log, so audit cannot
   * import staff (an import cycle): app.ts hands the guard in, as it hands requireCustomer to
   * notifications.
   */
  requireAuditViewer: preHandlerAsyncHookHandler;
  /** staff's `staffOf(request).staffId`: whom the audit rows of an export and a verification name. */
  staffIdOf: (request: FastifyRequest) => string;
}

const Filters = {
  customerId: Type.Optional(Id('cus')),
  staffId: Type.Optional(Id('stf')),
  event: Type.Optional(
    Type.String({ pattern: '^[a-z][a-z_.]{0,63}$', description: 'An event or its start: "staff." finds every staff event' }),
  ),
  from: Type.Optional(Timestamp),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Exclusive' })),
};

function filterOf(query: { customerId?: string; staffId?: string; event?: string; from?: string; to?: string }): AuditFilter {
  return {
    customerId: query.customerId ?? null,
    staffId: query.staffId ?? null,
    eventPrefix: query.event ?? null,
    from: query.from ? new Date(query.from) : null,
    to: query.to ? new Date(query.to) : null,
  };
}

const AuditRowView = Type.Object({
  seq: Type.String({ description: 'The row’s place in the chain' }),
  occurredAt: Timestamp,
  event: Type.String(),
  customerId: Type.Union([Type.String(), Type.Null()]),
  staffId: Type.Union([Type.String(), Type.Null()], { description: 'The staff member who acted, for a staff event' }),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'Masked: no secret, IINs and phone numbers shortened' }),
});

const ChainVerification = Type.Object({
  ok: Type.Boolean(),
  count: Type.Integer({ description: 'Rows checked: all when ok, up to the first broken one otherwise' }),
  firstBroken: Type.Union([
    Type.Object({
      seq: Type.String(),
      event: Type.Union([Type.String(), Type.Null()]),
      occurredAt: Type.Union([Type.String(), Type.Null()]),
      link: literalUnion(['row-hash', 'previous-hash', 'head'], {
        description:
          'row-hash: the row was edited; previous-hash: a row before it was removed or inserted; head: the newest rows were removed',
      }),
      expectedHash: Type.String(),
      foundHash: Type.String(),
    }),
    Type.Null(),
  ]),
});

const Refusals = { 400: Problem, 401: Problem, 403: Problem };

/** The audit viewer under /api/staff/v1/audit (security officers and admins: 'audit.view'). */
export async function auditRoutes(app: TypedApp, { ctx, requireAuditViewer, staffIdOf }: AuditRoutesOptions): Promise<void> {
  app.get(
    '/api/staff/v1/audit',
    {
      preHandler: requireAuditViewer,
      schema: {
        tags: TAGS,
        summary: 'Audit log rows, newest first, by customer, staff member, event and time (masked)',
        querystring: Type.Object(
          {
            ...Filters,
            cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'nextCursor of the page before' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_ROWS_MAX, default: AUDIT_PAGE_ROWS_DEFAULT })),
          },
          strict,
        ),
        response: {
          200: Type.Object({ items: Type.Array(AuditRowView), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...Refusals,
        },
      },
    },
    async (request) => {
      const { cursor, limit = AUDIT_PAGE_ROWS_DEFAULT } = request.query;
      return listAudit(ctx.db, { filter: filterOf(request.query), cursor: cursor ?? null, limit });
    },
  );

  app.get(
    '/api/staff/v1/audit.csv',
    {
      preHandler: requireAuditViewer,
      schema: {
        tags: TAGS,
        summary: 'The same search as CSV, masked (IP addresses by network too), at most 10 000 rows; audited',
        querystring: Type.Object(Filters, strict),
        response: {
          200: {
            description: 'The rows as CSV; X-Kassa-Export-Truncated: true when the search had more',
            content: { 'text/csv': { schema: FileBody } },
          },
          ...Refusals,
        },
      },
    },
    async (request, reply) => {
      const now = ctx.clock.now();
      const exported = await exportAuditCsv(ctx.db, {
        filter: filterOf(request.query),
        staffId: staffIdOf(request),
        meta: requestMeta(request),
        now,
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${now.toISOString().slice(0, 10)}.csv"`)
        .header('x-kassa-export-truncated', String(exported.truncated))
        .send(exported.csv);
    },
  );

  app.post(
    '/api/staff/v1/audit/verify',
    {
      preHandler: requireAuditViewer,
      schema: {
        tags: TAGS,
        summary: 'Re-computes the audit chain: ok, or its first broken link; audited',
        response: { 200: ChainVerification, ...Refusals },
      },
    },
    async (request): Promise<Static<typeof ChainVerification>> => {
      const verification = await verifyAuditChainFor(ctx.db, {
        staffId: staffIdOf(request),
        meta: requestMeta(request),
        now: ctx.clock.now(),
      });
      return { ok: verification.ok, count: verification.count, firstBroken: verification.firstBroken };
    },
  );
}
