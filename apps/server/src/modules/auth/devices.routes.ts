import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { ClientKind, Code, CodeStep, codeStepJson, literalUnion, Problem, SessionInfo, strict, Timestamp } from '../../shared/schemas.js';
import { authOf, requireCustomer } from './authenticate.js';
import { resendDeviceBindingCode, startDeviceBinding } from './device-binding.service.js';
import { listDevices, revokeDevice } from './devices.service.js';
import { clientIdOf, loggedIn } from './login-reply.js';
import { bindPinDevice, deviceLoginChallenge, loginWithPin } from './pin-devices.service.js';
import { bindWebauthnDevice, loginWithWebauthn, webauthnLoginOptions, webauthnRegistrationOptions } from './webauthn-devices.service.js';

const DeviceId = Type.String({ pattern: '^dev_[0-9a-f]{32}$' });
const ChallengeId = Type.String({ pattern: '^ach_[0-9a-f]{32}$' });
const BindingId = Type.String({ pattern: '^dbn_[0-9a-f]{32}$' });
const DeviceKind = literalUnion(['pin', 'webauthn']);
const DeviceStatus = literalUnion(['active', 'revoked']);
const DeviceName = Type.String({ minLength: 1, maxLength: 60 });
const PublicKeyJwk = Type.Object(
  { kty: Type.Literal('EC'), crv: Type.Literal('P-256'), x: Type.String({ maxLength: 64 }), y: Type.String({ maxLength: 64 }) },
  { additionalProperties: true },
);
const BindingStep = Type.Intersect([
  Type.Object({ bindingId: Type.String(), kind: DeviceKind, name: Type.String(), maskedPhone: Type.String() }),
  CodeStep,
]);
// Opaque WebAuthn JSON from the browser: the schema only bounds it and @simplewebauthn verifies
// every field of it, so a malformed credential fails the ceremony as a wrong one does. Type.Unsafe
// gives it the library's static type and leaves the schema, and the OpenAPI document, as they are.
const WebauthnJson = Type.Object(
  { id: Type.String({ maxLength: 1024 }), type: Type.String({ maxLength: 32 }) },
  { additionalProperties: true },
);
const RegistrationResponse = Type.Unsafe<RegistrationResponseJSON>(WebauthnJson);
const AuthenticationResponse = Type.Unsafe<AuthenticationResponseJSON>(WebauthnJson);

/** Bound devices: binding with a code (SECURITY.md 32), PIN and WebAuthn login, listing and revoking. */

export async function deviceRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const authenticated = requireCustomer(ctx);
  // ---- devices ----

  const DeviceView = Type.Object({
    id: Type.String(),
    kind: DeviceKind,
    name: Type.String(),
    status: DeviceStatus,
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
      await revokeDevice(ctx, authOf(request), request.params.deviceId, requestMeta(request));
      return reply.code(204).send(null);
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
      const started = await startDeviceBinding(ctx, authOf(request), { ...request.body, meta: requestMeta(request) });
      return reply.code(201).send(codeStepJson(started));
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
      codeStepJson(
        await resendDeviceBindingCode(ctx, authOf(request), {
          bindingId: request.params.bindingId,
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
      return reply.code(201).send(await bindPinDevice(ctx, authOf(request), { ...request.body, meta: requestMeta(request) }));
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
    async (request) => deviceLoginChallenge(ctx, request.body.deviceId),
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
      const { body } = request;
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
        bindingId: request.body.bindingId,
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
        body: Type.Object(
          { bindingId: BindingId, code: Code, challengeId: ChallengeId, name: DeviceName, response: RegistrationResponse },
          strict,
        ),
        response: { 201: Type.Object({ deviceId: Type.String() }), 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      return reply.code(201).send(await bindWebauthnDevice(ctx, authOf(request), { ...request.body, meta: requestMeta(request) }));
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
    async (request) => webauthnLoginOptions(ctx, { deviceId: request.body.deviceId ?? null }),
  );

  app.post(
    '/api/v1/auth/webauthn/login',
    {
      config: { rateLimit: 'login' },
      schema: {
        tags: ['devices'],
        summary: 'Fingerprint / face login',
        body: Type.Object({ challengeId: ChallengeId, response: AuthenticationResponse, client: Type.Optional(ClientKind) }, strict),
        response: { 200: SessionInfo, 401: Problem },
      },
    },
    async (request, reply) => {
      const { body } = request;
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
