import { Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import type { TypedApp } from '../../../http/typed-routes.js';
import { requestMeta } from '../../../shared/request-meta.js';
import { FileBody, Problem, strict } from '../../../shared/schemas.js';
import { requireStaff, staffOf } from '../../staff/index.js';
import { ProviderId } from '../payments.schemas.js';
import { listReconciliationsAudited, RECONCILIATIONS_PAGE_MAX, runReconciliation } from './reconciliation.js';
import { listRegistriesAudited, REGISTRIES_PAGE_MAX, registryFileAudited } from './registry.js';
import { BankDay, ReconciliationView, RegistryPage, reconciliationJson, registryJson } from './registry.schemas.js';

const TAGS = ['payments-staff'];
const BASE = '/api/staff/v1/payment-providers/:providerId';
const Params = Type.Object({ providerId: ProviderId }, strict);
const REFUSALS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const REGISTRIES_PAGE_DEFAULT = 30;
const RECONCILIATIONS_PAGE_DEFAULT = 20;

/**
 * The provider's side in the back office (issue 16 item 6): everyone with
 * 'payments.providers.view' reads a provider's daily registries, downloads one, and reads the
 * reconciliation reports; running a reconciliation (it calls the provider) takes
 * 'payments.providers.manage'. Every route is audited with the staff member (registry.ts,
 * reconciliation.ts).
 */
export async function registryStaffRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const reader = requireStaff(ctx, 'payments.providers.view');
  const admin = requireStaff(ctx, 'payments.providers.manage');

  app.get(
    `${BASE}/registries`,
    {
      preHandler: reader,
      schema: {
        tags: TAGS,
        summary: 'A provider’s daily registries, newest day first, without their files; audited',
        params: Params,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: REGISTRIES_PAGE_MAX, default: REGISTRIES_PAGE_DEFAULT })),
            before: Type.Optional(BankDay),
          },
          strict,
        ),
        response: { 200: RegistryPage, ...REFUSALS },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? REGISTRIES_PAGE_DEFAULT;
      const registries = await listRegistriesAudited(ctx, {
        staffId: staffOf(request).staffId,
        meta: requestMeta(request),
        providerId: request.params.providerId,
        beforeDay: request.query.before ?? null,
        limit,
      });
      const last = registries.at(-1);
      return { items: registries.map(registryJson), nextCursor: registries.length === limit && last ? last.day : null };
    },
  );

  app.get(
    `${BASE}/registries/:day.csv`,
    {
      preHandler: reader,
      schema: {
        tags: TAGS,
        summary: 'One day’s registry file, byte for byte as it was made (docs/payments-providers.md); audited',
        params: Type.Object({ providerId: ProviderId, day: BankDay }, strict),
        response: {
          200: {
            description: 'The registry as CSV; X-Kassa-Registry-Sha256 is the digest of these bytes',
            content: { 'text/csv': { schema: FileBody } },
          },
          ...REFUSALS,
        },
      },
    },
    async (request, reply) => {
      const file = await registryFileAudited(ctx, { staffId: staffOf(request).staffId, meta: requestMeta(request), ...request.params });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="registry-${file.providerId}-${file.day}.csv"`)
        .header('x-kassa-registry-sha256', file.sha256)
        .send(file.csv);
    },
  );

  app.post(
    `${BASE}/reconciliations`,
    {
      preHandler: admin,
      schema: {
        tags: TAGS,
        summary:
          'Reconcile a day that is over (admins): the provider’s confirmations against the ledger’s payments; stored and audited. 503 when the provider does not answer',
        params: Params,
        body: Type.Object({ day: BankDay }, strict),
        response: { 201: ReconciliationView, ...REFUSALS, 422: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const report = await runReconciliation(ctx, {
        staffId: staffOf(request).staffId,
        meta: requestMeta(request),
        providerId: request.params.providerId,
        day: request.body.day,
      });
      return reply.code(201).send(reconciliationJson(report));
    },
  );

  app.get(
    `${BASE}/reconciliations`,
    {
      preHandler: reader,
      schema: {
        tags: TAGS,
        summary: 'A provider’s latest reconciliation reports, newest first; audited',
        params: Params,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: RECONCILIATIONS_PAGE_MAX, default: RECONCILIATIONS_PAGE_DEFAULT })),
          },
          strict,
        ),
        response: { 200: Type.Object({ items: Type.Array(ReconciliationView) }), ...REFUSALS },
      },
    },
    async (request) => {
      const reports = await listReconciliationsAudited(ctx, {
        staffId: staffOf(request).staffId,
        meta: requestMeta(request),
        providerId: request.params.providerId,
        limit: request.query.limit ?? RECONCILIATIONS_PAGE_DEFAULT,
      });
      return { items: reports.map(reconciliationJson) };
    },
  );
}
