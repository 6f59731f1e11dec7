import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, Problem, strict, Timestamp } from '../../shared/schemas.js';
import { confirmStaffSecurityKey, securityKeyLoginOptions } from './security-key-login.service.js';
import type { SecurityKey } from './security-keys.repo.js';
import {
  addSecurityKey,
  listOwnSecurityKeys,
  removeSecurityKey,
  SECURITY_KEY_NAME_LENGTH_MAX,
  securityKeyRegistrationOptions,
} from './security-keys.service.js';
import { StaffProblem } from './staff.errors.js';
import { StaffSession, sessionJson } from './staff.schemas.js';
import { requireStaff, setStaffCookie, staffOf, staffSessionOf } from './staff-authenticate.js';

const TAGS = ['staff'];
const LoginId = Id('stl');
const ChallengeId = Id('swc');

// Opaque WebAuthn JSON, as on the customers' side (auth/devices.routes.ts): the schema only bounds
// it and @simplewebauthn verifies every field, so a malformed answer fails as a wrong one does.
// Type.Unsafe gives it the library's static type and leaves the schema, and the document, as they are.
const WebauthnJson = Type.Object(
  { id: Type.String({ maxLength: 1024 }), type: Type.String({ maxLength: 32 }) },
  { additionalProperties: true },
);
const RegistrationResponse = Type.Unsafe<RegistrationResponseJSON>(WebauthnJson);
const AuthenticationResponse = Type.Unsafe<AuthenticationResponseJSON>(WebauthnJson);
// The options go to @simplewebauthn/browser as they are: the document names the challenge only.
const OptionsJson = Type.Object({ challenge: Type.String() }, { additionalProperties: true });
const CreationOptions = Type.Object({
  challengeId: ChallengeId,
  options: Type.Unsafe<PublicKeyCredentialCreationOptionsJSON>(OptionsJson),
});
const RequestOptions = Type.Object({ challengeId: ChallengeId, options: Type.Unsafe<PublicKeyCredentialRequestOptionsJSON>(OptionsJson) });

const SecurityKeyView = Type.Object({
  id: Id('ssk'),
  name: Type.String(),
  transports: Type.Array(Type.String(), { description: 'How the browser reaches it (usb, nfc, ble, …), as the key said' }),
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
});

function keyJson(key: SecurityKey): Static<typeof SecurityKeyView> {
  return {
    id: key.id,
    name: key.name,
    transports: key.transports,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * After requireStaff('staff.session'): a session whose initial password must still change reaches
 * its own session, logout and the change only (staff-authenticate.ts), and not its keys either.
 */
async function passwordChanged(request: FastifyRequest): Promise<void> {
  if (staffSessionOf(request).passwordChangeRequired) throw new ProblemError(StaffProblem['staff-password-change-required']);
}

/** Step 2 of a login by a security key, and the member's own keys (list, add, remove). */
export async function securityKeyRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  // 'staff.session': every role manages their own second factor; no one else's.
  const ownKeys = [requireStaff(ctx, 'staff.session'), passwordChanged];

  app.post(
    '/api/staff/v1/auth/login/:loginId/security-key/options',
    {
      config: { rateLimit: 'code' },
      schema: {
        tags: TAGS,
        summary: 'Staff login step 2 by a security key: WebAuthn options bound to this pending login (its staff member’s keys only)',
        params: Type.Object({ loginId: LoginId }, strict),
        response: { 200: RequestOptions, 400: Problem, 401: Problem },
      },
    },
    async (request) => securityKeyLoginOptions(ctx, request.params.loginId),
  );

  app.post(
    '/api/staff/v1/auth/login/:loginId/security-key',
    {
      config: { rateLimit: 'code' },
      schema: {
        tags: TAGS,
        summary:
          'Staff login step 2 by a security key: the signed answer to the challenge; starts the session. A refusal counts towards the lock as a wrong code',
        params: Type.Object({ loginId: LoginId }, strict),
        body: Type.Object({ challengeId: ChallengeId, response: AuthenticationResponse }, strict),
        response: { 200: StaffSession, 400: Problem, 401: Problem, 423: Problem },
      },
    },
    async (request, reply) => {
      const { staff, session } = await confirmStaffSecurityKey(ctx, { ...request.params, ...request.body, meta: requestMeta(request) });
      setStaffCookie(reply, session.token);
      return sessionJson(staff, { ...session, passwordChangeRequired: staff.passwordChangeRequired });
    },
  );

  app.get(
    '/api/staff/v1/auth/security-keys',
    {
      preHandler: ownKeys,
      schema: {
        tags: TAGS,
        summary: 'Your own security keys (active ones), and whether you have TOTP too',
        response: {
          200: Type.Object({
            items: Type.Array(SecurityKeyView),
            totpEnrolled: Type.Boolean({ description: 'Without TOTP the last key cannot be removed' }),
          }),
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      const { items, totpEnrolled } = await listOwnSecurityKeys(ctx, staffOf(request).staffId);
      return { items: items.map(keyJson), totpEnrolled };
    },
  );

  app.post(
    '/api/staff/v1/auth/security-keys/options',
    {
      preHandler: ownKeys,
      schema: {
        tags: TAGS,
        summary: 'WebAuthn registration options for a new security key of yours (a roaming authenticator), bound to this session',
        response: { 200: CreationOptions, 401: Problem, 403: Problem, 409: Problem },
      },
    },
    async (request) => securityKeyRegistrationOptions(ctx, staffOf(request)),
  );

  app.post(
    '/api/staff/v1/auth/security-keys',
    {
      config: { rateLimit: 'code' },
      preHandler: ownKeys,
      schema: {
        tags: TAGS,
        summary: 'Adds the security key that answered the registration options, under a name of yours; audited',
        body: Type.Object(
          {
            challengeId: ChallengeId,
            name: Type.String({ minLength: 1, maxLength: SECURITY_KEY_NAME_LENGTH_MAX }),
            response: RegistrationResponse,
          },
          strict,
        ),
        response: { 201: SecurityKeyView, 400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const key = await addSecurityKey(ctx, staffOf(request), { ...request.body, meta: requestMeta(request) });
      return reply.code(201).send(keyJson(key));
    },
  );

  app.delete(
    '/api/staff/v1/auth/security-keys/:keyId',
    {
      preHandler: ownKeys,
      schema: {
        tags: TAGS,
        summary: 'Removes one of your security keys (never your last second factor); another’s key answers 404; audited',
        params: Type.Object({ keyId: Id('ssk') }, strict),
        response: { 204: Type.Null(), 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      await removeSecurityKey(ctx, staffOf(request), request.params.keyId, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
}
