import { type Static, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { maskPhoneForDisplay } from '../../shared/phone.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Code, Id, literalUnion, PasswordInput, PhoneInput, Problem, strict, Timestamp } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { phoneCoolingOf } from '../identity/index.js';
import {
  confirmNewNumberCode,
  confirmOldNumberCode,
  type PhoneChangeStep,
  resendPhoneChangeCode,
  startPhoneChange,
} from './phone-change.service.js';
import type { PhoneChanged } from './phone-change.shared.js';
import { phoneChangeStaffRoutes } from './phone-change.staff-routes.js';

const ChangeId = Id('phc');
const ChangeParams = Type.Object({ changeId: ChangeId }, strict);

const Step = Type.Object({
  changeId: Type.String(),
  step: literalUnion(['old-code', 'new-code'], { description: 'Which number the code went to: the current one, or the new one' }),
  sentTo: Type.String({ description: 'That number, masked: +7 701 *** ** 67' }),
  expiresAt: Timestamp,
  resendAvailableAt: Timestamp,
});

const Done = Type.Object({
  maskedPhone: Type.String({ description: 'The new number, masked' }),
  coolingUntil: Timestamp,
});

const Terms = Type.Object({
  coolingHours: Type.Integer({ minimum: 0, description: 'How long the cooling period after a change lasts' }),
  coolingTransferMaxPerDayMinor: Type.Integer({ minimum: 0, description: 'Tiyn a day to others during it' }),
  coolingUntil: Type.Union([Timestamp, Type.Null()], { description: 'The end of the cooling period the customer is in, if any' }),
});

function stepJson(step: PhoneChangeStep): Static<typeof Step> {
  return { ...step, expiresAt: step.expiresAt.toISOString(), resendAvailableAt: step.resendAvailableAt.toISOString() };
}

function doneJson(changed: PhoneChanged): Static<typeof Done> {
  return { maskedPhone: maskPhoneForDisplay(changed.newPhone), coolingUntil: changed.coolingUntil.toISOString() };
}

/**
 * /api/v1/profile/phone-change: the customer changes the number of their access (issue 13 item 5).
 * The cooling period that follows is in GET /api/v1/profile (`cooling`).
 */
export async function phoneChangeRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const authenticated = requireCustomer(ctx);

  app.get(
    '/api/v1/profile/phone-change',
    {
      preHandler: authenticated,
      schema: {
        tags: ['profile'],
        summary: 'What a change of the phone number brings: the cooling period after it, and the one the customer is in',
        response: { 200: Terms, 401: Problem },
      },
    },
    async (request) => {
      const cooling = await phoneCoolingOf(ctx.db, ctx.config, authOf(request).customerId, ctx.clock.now());
      return {
        coolingHours: ctx.config.phoneChange.coolingHours,
        coolingTransferMaxPerDayMinor: Number(ctx.config.phoneChange.coolingTransferMaxPerDayMinor),
        coolingUntil: cooling ? cooling.until.toISOString() : null,
      };
    },
  );

  app.post(
    '/api/v1/profile/phone-change',
    {
      preHandler: authenticated,
      // An Argon2 check of the current password, and an SMS.
      config: { rateLimit: 'password' },
      schema: {
        tags: ['profile'],
        summary: 'Step 1: the new number and the password; a code goes to the current number. Wrong passwords count towards the login lock',
        body: Type.Object({ newPhone: PhoneInput, password: PasswordInput }, strict),
        response: { 201: Step, 400: Problem, 401: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const { newPhone, password } = request.body;
      const step = await startPhoneChange(ctx, authOf(request), { newPhone, password, meta: requestMeta(request) });
      return reply.code(201).send(stepJson(step));
    },
  );

  app.post(
    '/api/v1/profile/phone-change/:changeId/old-code',
    {
      preHandler: authenticated,
      config: { rateLimit: 'code' },
      schema: {
        tags: ['profile'],
        summary: 'Step 2: the code from the current number; a code goes to the new number',
        params: ChangeParams,
        body: Type.Object({ code: Code }, strict),
        response: { 200: Step, 401: Problem, 404: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request) => {
      const { changeId } = request.params;
      const { code } = request.body;
      return stepJson(await confirmOldNumberCode(ctx, authOf(request), { changeId, code, meta: requestMeta(request) }));
    },
  );

  app.post(
    '/api/v1/profile/phone-change/:changeId/new-code',
    {
      preHandler: authenticated,
      config: { rateLimit: 'code' },
      schema: {
        tags: ['profile'],
        summary:
          'Step 3: the code from the new number; the number changes, the old one is told by SMS, every other session ends and the cooling period starts',
        params: ChangeParams,
        body: Type.Object({ code: Code }, strict),
        response: { 200: Done, 401: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const { changeId } = request.params;
      const { code } = request.body;
      return doneJson(await confirmNewNumberCode(ctx, authOf(request), { changeId, code, meta: requestMeta(request) }));
    },
  );

  app.post(
    '/api/v1/profile/phone-change/:changeId/resend',
    {
      preHandler: authenticated,
      config: { rateLimit: 'code' },
      schema: {
        tags: ['profile'],
        summary: 'A new code for the current step (60 s cooldown; the earlier code stops working)',
        params: ChangeParams,
        response: { 200: Step, 401: Problem, 404: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request) => {
      const { changeId } = request.params;
      return stepJson(await resendPhoneChangeCode(ctx, authOf(request), { changeId, meta: requestMeta(request) }));
    },
  );

  // The change by staff on an identified call (phone-change.staff-routes.ts).
  await phoneChangeStaffRoutes(app, { ctx });
}
