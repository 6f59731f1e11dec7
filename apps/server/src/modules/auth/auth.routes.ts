import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import {
  ClientKind,
  Code,
  CodeStep,
  codeStepJson,
  Iin,
  PasswordInput,
  PhoneInput,
  Problem,
  SessionInfo,
  SessionMethod,
  strict,
  Timestamp,
} from '../../shared/schemas.js';
import { recordAuditAlone } from '../audit/index.js';
import { authOf, clearSessionCookie, requireCustomer } from './authenticate.js';
import { deviceRoutes } from './devices.routes.js';
import { confirmLogin, resendLoginCode, startLogin, startSessionAfterRegistration } from './login.service.js';
import { clientIdOf, loggedIn, sessionBody } from './login-reply.js';
import { logoutEverywhere } from './logout.service.js';
import { changePassword, completePasswordReset, resendPasswordResetCode, startPasswordReset } from './password.service.js';
import { argon2Stats, configureArgon2Pool } from './passwords.js';
import { endSessions, listActiveSessions, type SessionClient } from './sessions.js';

const LoginId = Type.String({ pattern: '^lgn_[0-9a-f]{32}$' });
const ResetId = Type.String({ pattern: '^rst_[0-9a-f]{32}$' });
const LoginStep = Type.Intersect([Type.Object({ loginId: LoginId, maskedPhone: Type.String() }), CodeStep]);
const SessionId = Type.String({ pattern: '^ses_[0-9a-f]{32}$' });

export function registrationSessionFactory(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply, customerId: string, client: SessionClient) => {
    const result = await startSessionAfterRegistration(ctx, {
      customerId,
      client,
      clientId: clientIdOf(request, reply),
      meta: requestMeta(request),
    });
    return loggedIn(ctx, reply, result, 'password_sms');
  };
}

export async function authRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const authenticated = requireCustomer(ctx);
  // SECURITY.md 37: the process's one Argon2 pool takes its limits from configuration, and its
  // load is on /metrics.
  configureArgon2Pool(ctx.config.argon2);
  ctx.metrics.addGauges(async () => {
    const stats = argon2Stats();
    return [
      { name: 'argon2_in_flight', help: 'Argon2 computations running now (at most ARGON2_CONCURRENCY_MAX).', value: stats.inFlight },
      { name: 'argon2_queued', help: 'Argon2 computations waiting for a slot (at most ARGON2_QUEUE_MAX).', value: stats.queued },
    ];
  });

  app.post(
    '/api/v1/auth/login',
    {
      config: { rateLimit: 'login' },
      schema: {
        tags: ['auth'],
        summary: 'Step 1: phone and password. Always answers the same way; a code is sent only if both are right',
        body: Type.Object({ login: PhoneInput, password: PasswordInput, client: Type.Optional(ClientKind) }, strict),
        response: { 200: LoginStep, 400: Problem, 429: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const { body } = request;
      clientIdOf(request, reply);
      const started = await startLogin(ctx, {
        login: body.login,
        password: body.password,
        client: body.client ?? 'web',
        meta: requestMeta(request),
      });
      return codeStepJson(started);
    },
  );

  app.post(
    '/api/v1/auth/login/:loginId/resend',
    {
      config: { rateLimit: 'code' },
      schema: {
        tags: ['auth'],
        summary: 'Send a new login code (60 s cooldown, hourly caps)',
        params: Type.Object({ loginId: LoginId }, strict),
        response: { 200: LoginStep, 401: Problem, 429: Problem },
      },
    },
    async (request) => codeStepJson(await resendLoginCode(ctx, { loginId: request.params.loginId, meta: requestMeta(request) })),
  );

  app.post(
    '/api/v1/auth/login/:loginId/confirm',
    {
      config: { rateLimit: 'code' },
      schema: {
        tags: ['auth'],
        summary: 'Step 2: the SMS code; starts the session',
        params: Type.Object({ loginId: LoginId }, strict),
        body: Type.Object({ code: Code }, strict),
        response: { 200: SessionInfo, 401: Problem },
      },
    },
    async (request, reply) => {
      const result = await confirmLogin(ctx, {
        loginId: request.params.loginId,
        code: request.body.code,
        clientId: clientIdOf(request, reply),
        meta: requestMeta(request),
      });
      return loggedIn(ctx, reply, result, 'password_sms');
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      preHandler: authenticated,
      schema: {
        tags: ['auth'],
        summary: 'The current session (send X-Kassa-Passive: 1 to not count as activity)',
        response: { 200: SessionInfo, 401: Problem },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return sessionBody(ctx, auth.customerId, auth);
    },
  );

  app.post(
    '/api/v1/auth/session/extend',
    {
      preHandler: authenticated,
      schema: { tags: ['auth'], summary: 'Counts as activity: the idle timer starts again', response: { 200: SessionInfo, 401: Problem } },
    },
    async (request) => {
      const auth = authOf(request);
      return sessionBody(ctx, auth.customerId, auth);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      preHandler: authenticated,
      schema: { tags: ['auth'], summary: 'Ends this session on the server', response: { 204: Type.Null(), 401: Problem } },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await endSessions(ctx, {
        customerId: auth.customerId,
        sessionIds: [auth.sessionId],
        reason: 'logout',
        meta: requestMeta(request),
        now: ctx.clock.now(),
      });
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/logout-all',
    {
      preHandler: authenticated,
      schema: {
        tags: ['auth'],
        summary: 'Ends every session of the customer, this one too, and unbinds every device except the one this session logged in with',
        response: { 204: Type.Null(), 401: Problem },
      },
    },
    async (request, reply) => {
      await logoutEverywhere(ctx, authOf(request), requestMeta(request));
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/sessions',
    {
      preHandler: authenticated,
      schema: {
        tags: ['auth'],
        summary: 'Active sessions of the customer',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                current: Type.Boolean(),
                client: ClientKind,
                method: SessionMethod,
                deviceId: Type.Union([Type.String(), Type.Null()]),
                ip: Type.Union([Type.String(), Type.Null()]),
                userAgent: Type.Union([Type.String(), Type.Null()]),
                createdAt: Timestamp,
                lastSeenAt: Timestamp,
              }),
            ),
          }),
          401: Problem,
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const sessions = await listActiveSessions(ctx.db, auth.customerId, ctx.clock.now());
      return {
        items: sessions.map((session) => ({
          ...session,
          current: session.id === auth.sessionId,
          createdAt: session.createdAt.toISOString(),
          lastSeenAt: session.lastSeenAt.toISOString(),
        })),
      };
    },
  );

  app.delete(
    '/api/v1/sessions/:sessionId',
    {
      preHandler: authenticated,
      schema: {
        tags: ['auth'],
        summary: 'Ends one of the customer’s sessions',
        params: Type.Object({ sessionId: SessionId }, strict),
        response: { 204: Type.Null(), 404: Problem },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { sessionId } = request.params;
      const meta = requestMeta(request);
      const ended = await endSessions(ctx, {
        customerId: auth.customerId,
        sessionIds: [sessionId],
        reason: 'ended-by-customer',
        meta,
        now: ctx.clock.now(),
      });
      if (ended === 0) {
        await recordAuditAlone(ctx.db, {
          event: 'access.denied',
          customerId: auth.customerId,
          meta,
          details: { resource: 'session', id: sessionId },
          occurredAt: ctx.clock.now(),
        });
        throw new ProblemError(CommonProblem['not-found']);
      }
      if (sessionId === auth.sessionId) clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { rateLimit: 'password' },
      preHandler: authenticated,
      schema: {
        tags: ['auth'],
        summary:
          'Change the password; every other session ends and every device but the one this session logged in with is unbound. Wrong current passwords count towards the login lock',
        body: Type.Object({ currentPassword: PasswordInput, newPassword: PasswordInput }, strict),
        response: { 204: Type.Null(), 400: Problem, 422: Problem, 429: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, authOf(request), { ...request.body, meta: requestMeta(request) });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { rateLimit: 'password' },
      schema: {
        tags: ['auth'],
        summary: 'Reset step 1: a code to the registered phone (same answer for unknown phones)',
        body: Type.Object({ phone: PhoneInput }, strict),
        response: { 201: Type.Intersect([Type.Object({ resetId: Type.String() }), CodeStep]), 429: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(codeStepJson(await startPasswordReset(ctx, { phone: request.body.phone, meta: requestMeta(request) }))),
  );

  app.post(
    '/api/v1/auth/password-reset/:resetId/resend',
    {
      config: { rateLimit: 'code' },
      schema: {
        tags: ['auth'],
        summary: 'A new reset code (60 s cooldown, hourly caps; same answer for unknown phones)',
        params: Type.Object({ resetId: ResetId }, strict),
        response: { 200: Type.Intersect([Type.Object({ resetId: Type.String() }), CodeStep]), 401: Problem, 429: Problem },
      },
    },
    async (request) => codeStepJson(await resendPasswordResetCode(ctx, { resetId: request.params.resetId, meta: requestMeta(request) })),
  );

  app.post(
    '/api/v1/auth/password-reset/:resetId/complete',
    {
      config: { rateLimit: 'password' },
      schema: {
        tags: ['auth'],
        summary: 'Reset step 2: code, IIN and a new password; ends all sessions and unbinds all devices',
        params: Type.Object({ resetId: ResetId }, strict),
        body: Type.Object({ code: Code, iin: Iin, newPassword: PasswordInput }, strict),
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 422: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      await completePasswordReset(ctx, { resetId: request.params.resetId, ...request.body, meta: requestMeta(request) });
      return reply.code(204).send(null);
    },
  );

  await deviceRoutes(app, { ctx });
}
