import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, Language, PasswordInput, Problem, strict } from '../../shared/schemas.js';
import { csrfTokenFor } from '../auth/index.js';
import { securityKeyRoutes } from './security-keys.routes.js';
import { memberJson, StaffMember, StaffRoleSchema, StaffSession, sessionJson } from './staff.schemas.js';
import { createStaffUser, STAFF_DISPLAY_NAME_LENGTH_MAX, STAFF_USERNAME_PATTERN } from './staff.service.js';
import { staffAdminRoutes } from './staff-admin.routes.js';
import { listStaffWithLocks } from './staff-admin.service.js';
import { clearStaffCookie, requireStaff, setStaffCookie, staffOf, staffSessionOf } from './staff-authenticate.js';
import { confirmStaffTotp, STAFF_LOGIN_LENGTH_MAX, startStaffLogin } from './staff-login.service.js';
import { endStaffSessionAudited } from './staff-sessions.js';
import { TOTP_DIGITS } from './totp.js';

const TAGS = ['staff'];
const LoginId = Id('stl');

const LoginStarted = Type.Union([
  Type.Object({
    loginId: LoginId,
    next: Type.Literal('totp'),
    securityKey: Type.Boolean({ description: 'The member has a security key too: step 2 may use it instead of the code' }),
  }),
  Type.Object({ loginId: LoginId, next: Type.Literal('security-key') }),
  Type.Object({
    loginId: LoginId,
    next: Type.Literal('enroll-totp'),
    otpauthUri: Type.String({ description: 'The otpauth:// URI of the new secret: shown once, at the first login' }),
    qrSvg: Type.String({ description: 'The same URI as an SVG QR code, for the authenticator app to scan' }),
  }),
]);

/** The staff's own way in (login, TOTP or security key, session, logout) and the admin's staff list. Prefix /api/staff/v1. */
export async function staffRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  app.post(
    '/api/staff/v1/auth/login',
    {
      config: { rateLimit: 'login' },
      schema: {
        tags: TAGS,
        summary: 'Staff login step 1: username and password. Unknown usernames answer the same; 10 failures lock the username for 30 min',
        body: Type.Object(
          // Control characters name nobody, and PostgreSQL text cannot hold NUL: refused as a malformed field.
          {
            login: Type.String({ minLength: 1, maxLength: STAFF_LOGIN_LENGTH_MAX, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
            password: PasswordInput,
          },
          strict,
        ),
        response: { 200: LoginStarted, 400: Problem, 401: Problem, 423: Problem, 503: Problem },
      },
    },
    async (request) => startStaffLogin(ctx, { ...request.body, meta: requestMeta(request) }),
  );

  app.post(
    '/api/staff/v1/auth/login/:loginId/totp',
    {
      config: { rateLimit: 'code' },
      schema: {
        tags: TAGS,
        summary: 'Staff login step 2: the TOTP code (at the first login it confirms the enrolment); starts the session',
        params: Type.Object({ loginId: LoginId }, strict),
        body: Type.Object({ code: Type.String({ pattern: `^[0-9]{${TOTP_DIGITS}}$` }) }, strict),
        response: { 200: StaffSession, 400: Problem, 401: Problem, 423: Problem },
      },
    },
    async (request, reply) => {
      const { staff, session } = await confirmStaffTotp(ctx, { ...request.params, ...request.body, meta: requestMeta(request) });
      setStaffCookie(reply, session.token);
      return sessionJson(staff, { ...session, passwordChangeRequired: staff.passwordChangeRequired });
    },
  );

  app.get(
    '/api/staff/v1/auth/session',
    {
      preHandler: requireStaff(ctx, 'staff.session'),
      schema: {
        tags: TAGS,
        summary: 'The current staff session (send X-Kassa-Passive: 1 to not count as activity)',
        response: { 200: StaffSession, 401: Problem },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      return sessionJson(
        { ...staff, id: staff.staffId },
        { ...staffSessionOf(request), csrfToken: csrfTokenFor(ctx.config.keyring, staff.sessionId) },
      );
    },
  );

  app.post(
    '/api/staff/v1/auth/logout',
    {
      preHandler: requireStaff(ctx, 'staff.session'),
      schema: { tags: TAGS, summary: 'Ends this staff session on the server', response: { 204: Type.Null(), 401: Problem, 403: Problem } },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const now = ctx.clock.now();
      await ctx.db.transaction((tx) =>
        endStaffSessionAudited(tx, {
          staffId: staff.staffId,
          sessionId: staff.sessionId,
          reason: 'logout',
          meta: requestMeta(request),
          now,
        }),
      );
      clearStaffCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/staff/v1/staff',
    {
      preHandler: requireStaff(ctx, 'staff.manage'),
      schema: {
        tags: TAGS,
        summary: 'Every staff member (admins)',
        response: { 200: Type.Object({ items: Type.Array(StaffMember) }), 401: Problem, 403: Problem },
      },
    },
    async () => ({ items: (await listStaffWithLocks(ctx)).map(memberJson) }),
  );

  app.post(
    '/api/staff/v1/staff',
    {
      config: { rateLimit: 'password' },
      preHandler: requireStaff(ctx, 'staff.manage'),
      schema: {
        tags: TAGS,
        summary: 'A new staff member (admins): the customers’ password policy; TOTP is enrolled at their first login',
        body: Type.Object(
          {
            username: Type.String({ pattern: STAFF_USERNAME_PATTERN }),
            displayName: Type.String({ minLength: 1, maxLength: STAFF_DISPLAY_NAME_LENGTH_MAX }),
            role: StaffRoleSchema,
            language: Language,
            password: PasswordInput,
          },
          strict,
        ),
        response: { 201: StaffMember, 400: Problem, 401: Problem, 403: Problem, 409: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const created = await createStaffUser(ctx.db, {
        ...request.body,
        createdBy: staffOf(request).staffId,
        meta: requestMeta(request),
        now: ctx.clock.now(),
      });
      return reply.code(201).send(memberJson({ ...created, lockedUntil: null }));
    },
  );

  // The admin's other decisions on staff and the member's own password change (staff-admin.routes.ts).
  await staffAdminRoutes(app, { ctx });
  // Step 2 by a security key, and the member's own keys (security-keys.routes.ts).
  await securityKeyRoutes(app, { ctx });
}
