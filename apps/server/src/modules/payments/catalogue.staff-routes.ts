import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Problem, strict } from '../../shared/schemas.js';
import { requireStaff, roleMay, staffOf } from '../staff/index.js';
import {
  createProviderByStaff,
  editProvider,
  listProvidersAudited,
  type ProviderFile,
  providerAnswer,
  providerFile,
  setProviderStatus,
} from './catalogue.admin.js';
import {
  CreateProviderBody,
  EditProviderBody,
  ProviderListQuery,
  ReasonBody,
  SettlementChangeBody,
  SettlementRequestView,
  StaffProviderList,
  StaffProviderView,
  staffProviderSummary,
  staffProviderView,
} from './catalogue.staff-schemas.js';
import { ProviderId } from './payments.schemas.js';
import { requestSettlementChange } from './provider-settlement-approval.js';
import { categoryView } from './views.js';

const TAGS = ['payments-staff'];
const BASE = '/api/staff/v1/payment-providers';
const Params = Type.Object({ providerId: ProviderId }, strict);
const REFUSALS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

function answer(file: ProviderFile) {
  return staffProviderView(file.provider, { endpointUrl: file.endpointUrl, pending: file.pending });
}

/**
 * The back office's service providers (issue 16 item 1): operators, security officers and admins
 * read them ('payments.providers.view'); admins create, edit, suspend and reactivate them
 * ('payments.providers.manage'); an admin or a security officer asks for new settlement details,
 * which another approves in the approvals queue (provider-settlement-approval.ts). Every route is
 * audited with the staff member (catalogue.admin.ts). The endpoint secret is never in an answer.
 */
export async function catalogueStaffRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const reader = requireStaff(ctx, 'payments.providers.view');
  const admin = requireStaff(ctx, 'payments.providers.manage');
  const settlementMaker = requireStaff(ctx, 'payments.providers.settlement.request');

  app.get(
    BASE,
    {
      preHandler: reader,
      schema: {
        tags: TAGS,
        summary: 'Service providers, active and suspended, by section and position; filtered; audited',
        querystring: ProviderListQuery,
        response: { 200: StaffProviderList, ...REFUSALS },
      },
    },
    async (request) => {
      const listed = await listProvidersAudited(ctx, {
        staffId: staffOf(request).staffId,
        meta: requestMeta(request),
        filter: request.query,
      });
      return {
        items: listed.providers.map(staffProviderSummary),
        categories: listed.categories.map(categoryView),
        truncated: listed.truncated,
      };
    },
  );

  app.get(
    `${BASE}/:providerId`,
    {
      preHandler: reader,
      schema: {
        tags: TAGS,
        summary: 'A provider’s whole definition and any pending settlement change; the endpoint URL to admins only; audited',
        params: Params,
        response: { 200: StaffProviderView, ...REFUSALS },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const file = await providerFile(ctx, {
        staffId: staff.staffId,
        meta: requestMeta(request),
        providerId: request.params.providerId,
        showEndpoint: roleMay(staff.role, 'payments.providers.manage'),
      });
      return answer(file);
    },
  );

  app.post(
    BASE,
    {
      preHandler: admin,
      schema: {
        tags: TAGS,
        summary: 'Create a provider (admins) with its settlement account: 422 names every part at fault, 409 a slug taken; audited',
        body: CreateProviderBody,
        response: { 201: StaffProviderView, ...REFUSALS, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const provider = await createProviderByStaff(ctx, {
        staffId: staffOf(request).staffId,
        meta: requestMeta(request),
        body: request.body,
      });
      return reply.code(201).send(answer(await providerAnswer(ctx, provider, true)));
    },
  );

  app.patch(
    `${BASE}/:providerId`,
    {
      preHandler: admin,
      schema: {
        tags: TAGS,
        summary:
          'Edit a provider (admins) at the version read (409 when stale); never the settlement details (POST …/settlement-change); audited',
        params: Params,
        body: EditProviderBody,
        response: { 200: StaffProviderView, ...REFUSALS, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const { version, ...edit } = request.body;
      const provider = await editProvider(ctx, {
        staffId: staffOf(request).staffId,
        meta: requestMeta(request),
        providerId: request.params.providerId,
        version,
        edit,
      });
      return answer(await providerAnswer(ctx, provider, true));
    },
  );

  app.post(
    `${BASE}/:providerId/settlement-change`,
    {
      preHandler: settlementMaker,
      schema: {
        tags: TAGS,
        summary:
          'Ask for new settlement details (an admin or a security officer): another staff member approves them in the approvals queue; audited',
        params: Params,
        body: SettlementChangeBody,
        response: { 202: SettlementRequestView, ...REFUSALS, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const approval = await requestSettlementChange(ctx, {
        staff: staffOf(request),
        providerId: request.params.providerId,
        ...request.body,
        meta: requestMeta(request),
      });
      return reply.code(202).send({ approvalId: approval.id, status: 'pending' as const, expiresAt: approval.expiresAt.toISOString() });
    },
  );

  for (const status of ['suspended', 'active'] as const) {
    const verb = status === 'suspended' ? 'suspend' : 'reactivate';
    app.post(
      `${BASE}/:providerId/${verb}`,
      {
        preHandler: admin,
        schema: {
          tags: TAGS,
          summary:
            status === 'suspended'
              ? 'Suspend a provider (admins): it leaves the customers’ catalogue and refuses new payments at once; audited with the reason'
              : 'Reactivate a suspended provider (admins); audited with the reason',
          params: Params,
          body: ReasonBody,
          response: { 200: StaffProviderView, ...REFUSALS, 409: Problem },
        },
      },
      async (request) => {
        const changed = await setProviderStatus(ctx, {
          staffId: staffOf(request).staffId,
          meta: requestMeta(request),
          providerId: request.params.providerId,
          status,
          reason: request.body.reason,
        });
        return answer(await providerAnswer(ctx, changed, true));
      },
    );
  }
}
