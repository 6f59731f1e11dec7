import { type Static, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { maskPhoneForDisplay } from '../../shared/phone.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Code, Id, PhoneInput, Problem, strict, Timestamp } from '../../shared/schemas.js';
import { activeBlockOf } from '../blocks/index.js';
import { liveCallMatch, staffCustomerAccess } from '../calls/index.js';
import { requireStaff, type StaffPrincipal, staffOf } from '../staff/index.js';
import { PhoneChangeProblem } from './phone-change.errors.js';
import {
  changePhoneByStaff,
  confirmPhoneChangeByStaff,
  resendPhoneChangeCodeByStaff,
  type StaffPhoneChangeStarted,
} from './phone-change.staff.js';

const TAGS = ['staff'];
const CallParams = Type.Object({ callId: Id('call') }, strict);
const ChangeParams = Type.Object({ callId: Id('call'), changeId: Id('phc') }, strict);

const Started = Type.Object({
  changeId: Type.String(),
  sentTo: Type.String({ description: 'The new number the code went to, masked' }),
  expiresAt: Timestamp,
  resendAvailableAt: Timestamp,
});

const Changed = Type.Object({
  maskedPhone: Type.String({ description: 'The new number, masked' }),
  coolingUntil: Timestamp,
});

function startedJson(started: StaffPhoneChangeStarted): Static<typeof Started> {
  return { ...started, expiresAt: started.expiresAt.toISOString(), resendAvailableAt: started.resendAvailableAt.toISOString() };
}

/**
 * Who the change is for: the customer identified by the code on this live inbound call of the
 * operator's own (calls' staffCustomerAccess, the one gate of staff routes about a customer; 404,
 * audited, otherwise), and not blocked (modules/blocks). Asked again at every step, so a call that
 * ended, or a block that landed meanwhile, stops the change there.
 */
async function customerOnCall(ctx: AppContext, staff: StaffPrincipal, callId: string, meta: RequestMeta): Promise<string> {
  const { customerId } = await liveCallMatch(ctx, staff, callId, meta);
  // No customer matched: the same 404 (and audit) staffCustomerAccess gives any customer without a call.
  const access = await staffCustomerAccess(ctx, staff, customerId ?? 'cus_none', null, meta);
  if (access.via !== 'call' || !customerId) throw new Error('an operator’s access to a customer is by call');
  if (await activeBlockOf(ctx.db, customerId)) throw new ProblemError(PhoneChangeProblem['phone-change-customer-blocked']);
  return customerId;
}

/**
 * The phone change by staff on an identified call (issue 13 item 5, "or by staff after
 * identification"): the operator types the new number the caller gives, a code goes to it, and the
 * caller reads it back (its SMS says so). No code goes to the old number, which may be the lost
 * one. Operators only ('calls.handle'): a security officer has no call.
 */
export async function phoneChangeStaffRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const operator = requireStaff(ctx, 'calls.handle');

  app.post(
    '/api/staff/v1/calls/:callId/phone-change',
    {
      config: { rateLimit: 'code' },
      preHandler: operator,
      schema: {
        tags: TAGS,
        summary: 'Change the identified caller’s phone number: a code goes to the new number, for the caller to read back',
        params: CallParams,
        body: Type.Object({ newPhone: PhoneInput }, strict),
        response: { 201: Started, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const meta = requestMeta(request);
      const customerId = await customerOnCall(ctx, staff, request.params.callId, meta);
      const started = await changePhoneByStaff(ctx, {
        customerId,
        newPhone: request.body.newPhone,
        staffId: staff.staffId,
        callId: request.params.callId,
        meta,
      });
      return reply.code(201).send(startedJson(started));
    },
  );

  app.post(
    '/api/staff/v1/calls/:callId/phone-change/:changeId/confirm',
    {
      config: { rateLimit: 'code' },
      preHandler: operator,
      schema: {
        tags: TAGS,
        summary:
          'The code the caller read back from the new number: the number changes, every session of theirs ends, the cooling period starts',
        params: ChangeParams,
        body: Type.Object({ code: Code }, strict),
        response: { 200: Changed, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const meta = requestMeta(request);
      await customerOnCall(ctx, staff, request.params.callId, meta);
      const changed = await confirmPhoneChangeByStaff(ctx, {
        changeId: request.params.changeId,
        code: request.body.code,
        staffId: staff.staffId,
        meta,
      });
      return { maskedPhone: maskPhoneForDisplay(changed.newPhone), coolingUntil: changed.coolingUntil.toISOString() };
    },
  );

  app.post(
    '/api/staff/v1/calls/:callId/phone-change/:changeId/resend',
    {
      config: { rateLimit: 'code' },
      preHandler: operator,
      schema: {
        tags: TAGS,
        summary: 'A new code to the new number (the SMS did not come); the cooldown and caps of every code',
        params: ChangeParams,
        response: { 200: Started, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const meta = requestMeta(request);
      await customerOnCall(ctx, staff, request.params.callId, meta);
      return startedJson(await resendPhoneChangeCodeByStaff(ctx, { changeId: request.params.changeId, staffId: staff.staffId, meta }));
    },
  );
}
