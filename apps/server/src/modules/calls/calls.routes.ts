import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Problem, strict } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { requireStaff, type StaffPrincipal, staffOf } from '../staff/index.js';
import {
  ActiveCallView,
  CallId,
  CallView,
  ConfirmBody,
  callView,
  LookupAnswerView,
  LookupBody,
  OpenInboundBody,
  OpenOutboundBody,
  SentCodeView,
} from './calls.schemas.js';
import { activeCallFor, closeCall, getCall, listOwnCalls, openInboundCall, openOutboundCall } from './calls.service.js';
import { type CallStaff, LOOKUPS_PER_CALL_MAX } from './calls.types.js';
import { lookupCaller } from './lookup.js';
import { confirmVerificationCode, sendVerificationCode } from './verification.js';

const TAGS = ['calls'];
const Params = Type.Object({ callId: CallId }, strict);

function callStaff(principal: StaffPrincipal): CallStaff {
  return { staffId: principal.staffId, displayName: principal.displayName, role: principal.role };
}

const view = (call: Parameters<typeof callView>[0]) => callView(call, LOOKUPS_PER_CALL_MAX);

/**
 * The contact center's calls (issue 13 items 2 and 3). The customer's file these calls open is
 * served by modules/customers (with the parts of the file other modules own). Staff routes under /api/staff/v1 (the
 * staff cookie, CSRF on writes, the role per action: permissions.ts), and the customer's one
 * question, GET /api/v1/calls/active.
 *
 * The staff routes name no per-IP rate-limit class: the contact center's operators share the
 * bank's address, so such a limit would stop them all together. They are held per staff member
 * instead, where it counts: look-ups and codes per hour (lookup.ts, sca's codeCaps), look-ups per
 * call, 3 tries per code.
 */
export async function callsRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const handle = requireStaff(ctx, 'calls.handle');

  app.post(
    '/api/staff/v1/calls',
    {
      preHandler: handle,
      schema: {
        tags: TAGS,
        summary: 'Open an inbound call (phone, chat or branch) with the number the caller gives; nobody is identified yet',
        body: OpenInboundBody,
        response: { 201: CallView, 400: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const call = await openInboundCall(
        ctx,
        callStaff(staffOf(request)),
        { channel: request.body.channel, callerPhone: request.body.callerPhone ?? null },
        requestMeta(request),
      );
      return reply.code(201).send(view(call));
    },
  );

  app.post(
    '/api/staff/v1/calls/outbound',
    {
      preHandler: handle,
      schema: {
        tags: TAGS,
        summary:
          'Register a call the bank makes to a customer (from a case), so the customer can check it; no code is ever sent on it and it opens no file',
        body: OpenOutboundBody,
        response: { 201: CallView, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const call = await openOutboundCall(ctx, callStaff(staffOf(request)), request.body, requestMeta(request));
      return reply.code(201).send(view(call));
    },
  );

  app.get(
    '/api/staff/v1/calls',
    {
      preHandler: handle,
      schema: {
        tags: TAGS,
        summary: 'Your calls not closed, newest first',
        response: { 200: Type.Object({ items: Type.Array(CallView) }) },
      },
    },
    async (request) => ({ items: (await listOwnCalls(ctx, callStaff(staffOf(request)))).map(view) }),
  );

  app.get(
    '/api/staff/v1/calls/:callId',
    {
      preHandler: handle,
      schema: { tags: TAGS, summary: 'One of your calls', params: Params, response: { 200: CallView, 404: Problem } },
    },
    async (request) => view(await getCall(ctx, callStaff(staffOf(request)), request.params.callId, requestMeta(request))),
  );

  app.post(
    '/api/staff/v1/calls/:callId/lookup',
    {
      preHandler: requireStaff(ctx, 'customers.search'),
      schema: {
        tags: TAGS,
        summary: 'Find the caller by phone, IIN or name: only whether a customer exists, the same shape either way; audited',
        params: Params,
        body: LookupBody,
        response: { 200: LookupAnswerView, 400: Problem, 404: Problem, 409: Problem, 429: Problem },
      },
    },
    async (request) => lookupCaller(ctx, callStaff(staffOf(request)), request.params.callId, request.body, requestMeta(request)),
  );

  app.post(
    '/api/staff/v1/calls/:callId/verification',
    {
      preHandler: handle,
      schema: {
        tags: TAGS,
        summary: "Send the verification code by SMS to the matched customer's phone on file; 202 whether or not anyone matched",
        params: Params,
        response: { 202: SentCodeView, 404: Problem, 409: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const sent = await sendVerificationCode(ctx, callStaff(staffOf(request)), request.params.callId, requestMeta(request));
      return reply.code(202).send({ expiresAt: sent.expiresAt.toISOString(), resendAvailableAt: sent.resendAvailableAt.toISOString() });
    },
  );

  app.post(
    '/api/staff/v1/calls/:callId/verification/confirm',
    {
      preHandler: handle,
      schema: {
        tags: TAGS,
        summary: 'The code the caller reads back: identifies the customer on this call (3 tries, this call only)',
        params: Params,
        body: ConfirmBody,
        response: { 200: CallView, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) =>
      view(await confirmVerificationCode(ctx, callStaff(staffOf(request)), request.params.callId, request.body.code, requestMeta(request))),
  );

  app.post(
    '/api/staff/v1/calls/:callId/close',
    {
      preHandler: handle,
      schema: {
        tags: TAGS,
        summary: 'Close the call: its code stops working and the customer file it opened closes',
        params: Params,
        response: { 200: CallView, 404: Problem },
      },
    },
    async (request) => view(await closeCall(ctx, callStaff(staffOf(request)), request.params.callId, requestMeta(request))),
  );

  app.get(
    '/api/v1/calls/active',
    {
      preHandler: requireCustomer(ctx),
      schema: {
        tags: TAGS,
        summary: 'Is Kassa calling me? Whether a staff member is on an identified call with you now, and who',
        response: { 200: ActiveCallView },
      },
    },
    async (request) => {
      const active = await activeCallFor(ctx, authOf(request).customerId);
      return active.active
        ? { active: true, staffName: active.staffName, startedAt: active.startedAt.toISOString(), direction: active.direction }
        : { active: false };
    },
  );
}
