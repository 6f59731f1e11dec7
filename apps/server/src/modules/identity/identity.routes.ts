import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import {
  ClientKind,
  Code,
  CodeStep,
  codeStepJson,
  Iin,
  Language,
  literalUnion,
  PasswordInput,
  PhoneInput,
  Problem,
  SessionInfo,
  strict,
} from '../../shared/schemas.js';
import { completeRegistration, resendRegistrationCode, startRegistration, verifyRegistrationPhone } from './registration.service.js';

const RegistrationId = Type.String({ pattern: '^reg_[0-9a-f]{32}$' });
const RegistrationStep = Type.Intersect([Type.Object({ registrationId: RegistrationId }), CodeStep]);

/** Registration ends logged in; the auth module makes the session (identity does not know how). */
export type OnRegistered = (
  request: FastifyRequest,
  reply: FastifyReply,
  customerId: string,
  client: Static<typeof ClientKind>,
) => Promise<Static<typeof SessionInfo>>;

export async function identityRoutes(app: TypedApp, { ctx, onRegistered }: { ctx: AppContext; onRegistered: OnRegistered }): Promise<void> {
  app.post(
    '/api/v1/registration',
    {
      config: { rateLimit: 'registration' },
      schema: {
        tags: ['registration'],
        summary: 'Step 1: send a code to the phone being registered',
        body: Type.Object({ phone: PhoneInput, language: Type.Optional(Language) }, strict),
        response: { 201: RegistrationStep, 400: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const meta = requestMeta(request);
      const started = await startRegistration(ctx, { phone: body.phone, language: body.language ?? meta.language, meta });
      return reply.code(201).send(codeStepJson(started));
    },
  );

  app.post(
    '/api/v1/registration/:registrationId/resend',
    {
      config: { rateLimit: 'code' },
      schema: {
        tags: ['registration'],
        summary: 'Send a new code (60 s cooldown; the earlier code stops working)',
        params: Type.Object({ registrationId: RegistrationId }, strict),
        response: { 200: RegistrationStep, 404: Problem, 429: Problem },
      },
    },
    async (request) => {
      const { registrationId } = request.params;
      return codeStepJson(await resendRegistrationCode(ctx, { registrationId, meta: requestMeta(request) }));
    },
  );

  app.post(
    '/api/v1/registration/:registrationId/phone',
    {
      config: { rateLimit: 'code' },
      schema: {
        tags: ['registration'],
        summary: 'Step 2: prove the phone with the code',
        params: Type.Object({ registrationId: RegistrationId }, strict),
        body: Type.Object({ code: Code }, strict),
        response: { 204: Type.Null(), 404: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { registrationId } = request.params;
      const { code } = request.body;
      await verifyRegistrationPhone(ctx, { registrationId, code, meta: requestMeta(request) });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/registration/:registrationId/complete',
    {
      config: { rateLimit: 'registration' },
      schema: {
        tags: ['registration'],
        summary: 'Step 3: IIN, name, password, agreement and consents; creates the customer and logs in',
        params: Type.Object({ registrationId: RegistrationId }, strict),
        body: Type.Object(
          {
            iin: Iin,
            fullName: Type.String({ minLength: 2, maxLength: 120 }),
            password: PasswordInput,
            agreement: literalUnion(['emoney', 'banking', 'both']),
            consent: Type.Object(
              {
                version: Type.String({
                  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
                  description: 'The version (date) of the documents shown and accepted',
                }),
                agreement: Type.Literal(true, { description: "The agreement's text was accepted" }),
                personalData: Type.Literal(true, { description: 'Consent to the processing of personal data' }),
              },
              strict,
            ),
            language: Type.Optional(Language),
            client: Type.Optional(ClientKind),
          },
          strict,
        ),
        response: { 201: SessionInfo, 400: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { registrationId } = request.params;
      const { body } = request;
      const meta = requestMeta(request);
      const { customerId } = await completeRegistration(ctx, { registrationId, ...body, language: body.language ?? meta.language, meta });
      const session = await onRegistered(request, reply, customerId, body.client ?? 'web');
      return reply.code(201).send(session);
    },
  );
}
