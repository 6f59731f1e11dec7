import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Code, CodeStep, Problem, SessionInfo, Timestamp } from '../../shared/schemas.js';
import { authOf, requireCustomer } from './authenticate.js';
import { type BindingStarted, resendDeviceBindingCode, startDeviceBinding } from './device-binding.service.js';
import { listDevices, revokeDevice } from './devices.service.js';
import type { P256Jwk } from './devices.shared.js';
import { ClientKind, clientIdOf, loggedIn, strict } from './login-reply.js';
import { bindPinDevice, deviceLoginChallenge, loginWithPin } from './pin-devices.service.js';
import { bindWebauthnDevice, loginWithWebauthn, webauthnLoginOptions, webauthnRegistrationOptions } from './webauthn-devices.service.js';

const DeviceId = Type.String({ pattern: '^dev_[0-9a-f]{32}$' });
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

/** Bound devices: binding with a code (SECURITY.md 32), PIN and WebAuthn login, listing and revoking. */

function bindingStep(started: BindingStarted) {
  return { ...started, expiresAt: started.expiresAt.toISOString(), resendAvailableAt: started.resendAvailableAt.toISOString() };
}

export async function deviceRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const authenticated = requireCustomer(ctx);
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
