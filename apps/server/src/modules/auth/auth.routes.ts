import { randomBytes } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Code, CodeStep, Iin, PasswordInput, PhoneInput, Problem, SessionInfo, Timestamp } from '../../shared/schemas.js';
import { recordAuditAlone } from '../audit/index.js';
import { findCustomerById, maskPhoneForDisplay } from '../identity/index.js';
import { authOf, CLIENT_COOKIE, clearSessionCookie, requireCustomer, setSessionCookie } from './authenticate.js';
import { type BindingStarted, resendDeviceBindingCode, startDeviceBinding } from './device-binding.service.js';
import { listDevices, revokeDevice } from './devices.service.js';
import type { P256Jwk } from './devices.shared.js';
import { confirmLogin, type LoginSucceeded, resendLoginCode, startLogin, startSessionAfterRegistration } from './login.service.js';
import { logoutEverywhere } from './logout.service.js';
import { changePassword, completePasswordReset, resendPasswordResetCode, startPasswordReset } from './password.service.js';
import { argon2Stats, configureArgon2Pool } from './passwords.js';
import { bindPinDevice, deviceLoginChallenge, loginWithPin } from './pin-devices.service.js';
import { endSessions, listActiveSessions } from './sessions.js';
import { csrfTokenFor } from './tokens.js';
import { bindWebauthnDevice, loginWithWebauthn, webauthnLoginOptions, webauthnRegistrationOptions } from './webauthn-devices.service.js';

const strict = { additionalProperties: false } as const;
const ClientKind = Type.Union([Type.Literal('web'), Type.Literal('mobile')]);
const LoginId = Type.String({ pattern: '^lgn_[0-9a-f]{32}$' });
const ResetId = Type.String({ pattern: '^rst_[0-9a-f]{32}$' });
const DeviceId = Type.String({ pattern: '^dev_[0-9a-f]{32}$' });
const SessionId = Type.String({ pattern: '^ses_[0-9a-f]{32}$' });
const ChallengeId = Type.String({ pattern: '^ach_[0-9a-f]{32}$' });
const BindingId = Type.String({ pattern: '^dbn_[0-9a-f]{32}$' });
const DeviceKind = Type.Union([Type.Literal('pin'), Type.Literal('webauthn')]);
const DeviceName = Type.String({ minLength: 1, maxLength: 60 });
const PublicKeyJwk = Type.Object(
  { kty: Type.Literal('EC'), crv: Type.Literal('P-256'), x: Type.String({ maxLength: 64 }), y: Type.String({ maxLength: 64 }) },
  { additionalProperties: true },
);
const BindingStep = Type.Intersect([
  Type.Object({ bindingId: Type.String(), kind: DeviceKind, name: Type.String(), maskedPhone: Type.String() }),
  CodeStep,
]);
// Opaque WebAuthn JSON from the browser; @simplewebauthn verifies every field of it.
const WebauthnJson = Type.Object(
  { id: Type.String({ maxLength: 1024 }), type: Type.String({ maxLength: 32 }) },
  { additionalProperties: true },
);
// The mobile app names its install so new-device notices work without cookies.
const INSTALL_ID_HEADER = 'x-kassa-install-id';

const LoginStep = Type.Intersect([Type.Object({ loginId: LoginId, maskedPhone: Type.String() }), CodeStep]);

function clientIdOf(request: FastifyRequest, reply: FastifyReply): string {
  const header = request.headers[INSTALL_ID_HEADER];
  if (typeof header === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(header)) return header;
  const cookie = request.cookies[CLIENT_COOKIE];
  if (cookie && /^[A-Za-z0-9_-]{16,64}$/.test(cookie)) return cookie;
  const fresh = randomBytes(18).toString('base64url');
  void reply.setCookie(CLIENT_COOKIE, fresh, { path: '/', secure: true, httpOnly: true, sameSite: 'strict', maxAge: 400 * 24 * 3600 });
  return fresh;
}

async function sessionBody(
  ctx: AppContext,
  customerId: string,
  session: { sessionId: string; expiresAt: Date; idleExpiresAt: Date; method: string },
) {
  const customer = await findCustomerById(ctx.db, customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  return {
    customer: {
      id: customer.id,
      fullName: customer.fullName,
      maskedPhone: maskPhoneForDisplay(customer.phone),
      language: customer.language,
      agreements: customer.agreements,
    },
    sessionId: session.sessionId,
    method: session.method,
    csrfToken: csrfTokenFor(ctx.config.keyring, session.sessionId),
    expiresAt: session.expiresAt.toISOString(),
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    idleExpiresInMs: Math.max(0, session.idleExpiresAt.getTime() - ctx.clock.now().getTime()),
    expiresInMs: Math.max(0, session.expiresAt.getTime() - ctx.clock.now().getTime()),
  };
}

/** Web: the token goes only into the HttpOnly cookie. Mobile: the token is in the body, never in a URL. */
async function loggedIn(ctx: AppContext, reply: FastifyReply, result: LoginSucceeded, method: string) {
  const body = await sessionBody(ctx, result.customerId, { ...result.session, method });
  if (result.client === 'web') {
    setSessionCookie(reply, result.session.token);
    return body;
  }
  return { ...body, token: result.session.token };
}

export function registrationSessionFactory(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply, customerId: string, client: 'web' | 'mobile') => {
    const result = await startSessionAfterRegistration(ctx, {
      customerId,
      client,
      clientId: clientIdOf(request, reply),
      meta: requestMeta(request),
    });
    return loggedIn(ctx, reply, result, 'password_sms');
  };
}

function bindingStep(started: BindingStarted) {
  return { ...started, expiresAt: started.expiresAt.toISOString(), resendAvailableAt: started.resendAvailableAt.toISOString() };
}

export async function authRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
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
      const body = request.body as { login: string; password: string; client?: 'web' | 'mobile' };
      clientIdOf(request, reply);
      return startLogin(ctx, { login: body.login, password: body.password, client: body.client ?? 'web', meta: requestMeta(request) });
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
    async (request) => resendLoginCode(ctx, { loginId: (request.params as { loginId: string }).loginId, meta: requestMeta(request) }),
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
        loginId: (request.params as { loginId: string }).loginId,
        code: (request.body as { code: string }).code,
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
      return reply.code(204).send();
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
      return reply.code(204).send();
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
                client: Type.String(),
                method: Type.String(),
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
      const { sessionId } = request.params as { sessionId: string };
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
      return reply.code(204).send();
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
      const body = request.body as { currentPassword: string; newPassword: string };
      await changePassword(ctx, authOf(request), { ...body, meta: requestMeta(request) });
      return reply.code(204).send();
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
      reply.code(201).send(await startPasswordReset(ctx, { phone: (request.body as { phone: string }).phone, meta: requestMeta(request) })),
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
    async (request) =>
      resendPasswordResetCode(ctx, { resetId: (request.params as { resetId: string }).resetId, meta: requestMeta(request) }),
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
      const { resetId } = request.params as { resetId: string };
      const body = request.body as { code: string; iin: string; newPassword: string };
      await completePasswordReset(ctx, { resetId, ...body, meta: requestMeta(request) });
      return reply.code(204).send();
    },
  );

  // ---- devices ----

  const DeviceView = Type.Object({
    id: Type.String(),
    kind: Type.String(),
    name: Type.String(),
    status: Type.String(),
    createdAt: Timestamp,
    lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  });

  app.get(
    '/api/v1/devices',
    {
      preHandler: authenticated,
      schema: {
        tags: ['devices'],
        summary: 'Bound devices (PIN and fingerprint)',
        response: { 200: Type.Object({ items: Type.Array(DeviceView) }) },
      },
    },
    async (request) => ({
      items: (await listDevices(ctx.db, authOf(request).customerId)).map((device) => ({
        ...device,
        createdAt: device.createdAt.toISOString(),
        lastUsedAt: device.lastUsedAt?.toISOString() ?? null,
      })),
    }),
  );

  app.delete(
    '/api/v1/devices/:deviceId',
    {
      preHandler: authenticated,
      schema: {
        tags: ['devices'],
        summary: 'Unbind a device; its sessions end',
        params: Type.Object({ deviceId: DeviceId }, strict),
        response: { 204: Type.Null(), 404: Problem },
      },
    },
    async (request, reply) => {
      await revokeDevice(ctx, authOf(request), (request.params as { deviceId: string }).deviceId, requestMeta(request));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/devices/bindings',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['devices'],
        summary:
          'Binding step 1 (needs a password + SMS session): an SMS code naming the device; for PIN, the device P-256 public key the code is bound to',
        body: Type.Object({ kind: DeviceKind, name: DeviceName, publicKeyJwk: Type.Optional(PublicKeyJwk) }, strict),
        response: { 201: BindingStep, 400: Problem, 403: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const body = request.body as { kind: 'pin' | 'webauthn'; name: string; publicKeyJwk?: P256Jwk };
      return reply.code(201).send(bindingStep(await startDeviceBinding(ctx, authOf(request), { ...body, meta: requestMeta(request) })));
    },
  );

  app.post(
    '/api/v1/devices/bindings/:bindingId/resend',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['devices'],
        summary: 'A new binding code (60 s cooldown, hourly caps); the old one stops working',
        params: Type.Object({ bindingId: BindingId }, strict),
        response: { 200: BindingStep, 404: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request) =>
      bindingStep(
        await resendDeviceBindingCode(ctx, authOf(request), {
          bindingId: (request.params as { bindingId: string }).bindingId,
          meta: requestMeta(request),
        }),
      ),
  );

  app.post(
    '/api/v1/devices/pin',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['devices'],
        summary:
          'Binding step 2 for PIN login: the code from the SMS with the same name and public key, and a 4–6 digit PIN (3 tries per code)',
        body: Type.Object(
          {
            bindingId: BindingId,
            code: Code,
            name: DeviceName,
            pin: Type.String({ pattern: '^[0-9]{4,6}$' }),
            publicKeyJwk: PublicKeyJwk,
          },
          strict,
        ),
        response: { 201: Type.Object({ deviceId: Type.String() }), 400: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const body = request.body as { bindingId: string; code: string; name: string; pin: string; publicKeyJwk: P256Jwk };
      return reply.code(201).send(await bindPinDevice(ctx, authOf(request), { ...body, meta: requestMeta(request) }));
    },
  );

  app.post(
    '/api/v1/auth/device/challenge',
    {
      config: { rateLimit: 'login' },
      schema: {
        tags: ['devices'],
        summary: 'A fresh single-use challenge for the device key to sign (PIN login)',
        body: Type.Object({ deviceId: DeviceId }, strict),
        response: { 200: Type.Object({ challengeId: Type.String(), challenge: Type.String() }) },
      },
    },
    async (request) => deviceLoginChallenge(ctx, (request.body as { deviceId: string }).deviceId),
  );

  app.post(
    '/api/v1/auth/device/login',
    {
      config: { rateLimit: 'login' },
      schema: {
        tags: ['devices'],
        summary: 'PIN login: the signed challenge and the PIN; 5 wrong PINs unbind the device',
        body: Type.Object(
          {
            deviceId: DeviceId,
            challengeId: ChallengeId,
            signature: Type.String({
              pattern: '^[A-Za-z0-9_-]{40,200}$',
              description: 'ECDSA P-256 SHA-256 signature (IEEE P1363) of the challenge, base64url',
            }),
            pin: Type.String({ pattern: '^[0-9]{4,6}$' }),
            client: Type.Optional(ClientKind),
          },
          strict,
        ),
        response: { 200: SessionInfo, 401: Problem },
      },
    },
    async (request, reply) => {
      const body = request.body as { deviceId: string; challengeId: string; signature: string; pin: string; client?: 'web' | 'mobile' };
      const result = await loginWithPin(ctx, {
        ...body,
        client: body.client ?? 'web',
        clientId: clientIdOf(request, reply),
        meta: requestMeta(request),
      });
      return loggedIn(ctx, reply, result, 'pin');
    },
  );

  app.post(
    '/api/v1/devices/webauthn/options',
    {
      preHandler: authenticated,
      schema: {
        tags: ['devices'],
        summary: 'WebAuthn registration options for a pending fingerprint binding (platform authenticator, user verification required)',
        body: Type.Object({ bindingId: BindingId }, strict),
      },
    },
    async (request) =>
      webauthnRegistrationOptions(ctx, authOf(request), {
        bindingId: (request.body as { bindingId: string }).bindingId,
        meta: requestMeta(request),
      }),
  );

  app.post(
    '/api/v1/devices/webauthn',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['devices'],
        summary: 'Binding step 2 for fingerprint / face login: the credential and the code from the SMS, with the same name',
        body: Type.Object({ bindingId: BindingId, code: Code, challengeId: ChallengeId, name: DeviceName, response: WebauthnJson }, strict),
        response: { 201: Type.Object({ deviceId: Type.String() }), 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        bindingId: string;
        code: string;
        challengeId: string;
        name: string;
        response: RegistrationResponseJSON;
      };
      return reply.code(201).send(await bindWebauthnDevice(ctx, authOf(request), { ...body, meta: requestMeta(request) }));
    },
  );

  app.post(
    '/api/v1/auth/webauthn/options',
    {
      config: { rateLimit: 'login' },
      schema: {
        tags: ['devices'],
        summary: 'WebAuthn login options; name the bound device, or none for a discoverable credential',
        body: Type.Object({ deviceId: Type.Optional(DeviceId) }, strict),
      },
    },
    async (request) => webauthnLoginOptions(ctx, { deviceId: (request.body as { deviceId?: string }).deviceId ?? null }),
  );

  app.post(
    '/api/v1/auth/webauthn/login',
    {
      config: { rateLimit: 'login' },
      schema: {
        tags: ['devices'],
        summary: 'Fingerprint / face login',
        body: Type.Object({ challengeId: ChallengeId, response: WebauthnJson, client: Type.Optional(ClientKind) }, strict),
        response: { 200: SessionInfo, 401: Problem },
      },
    },
    async (request, reply) => {
      const body = request.body as { challengeId: string; response: AuthenticationResponseJSON; client?: 'web' | 'mobile' };
      const result = await loginWithWebauthn(ctx, {
        ...body,
        client: body.client ?? 'web',
        clientId: clientIdOf(request, reply),
        meta: requestMeta(request),
      });
      return loggedIn(ctx, reply, result, 'webauthn');
    },
  );
}
