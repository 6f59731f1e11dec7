import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, PasswordInput, Problem, strict } from '../../shared/schemas.js';
import { memberJson, StaffMember } from './staff.schemas.js';
import { STAFF_ADMIN_REASON_LENGTH_MAX, setStaffMemberStatus, unlockStaffMember } from './staff-admin.service.js';
import { requireStaff, staffOf } from './staff-authenticate.js';
import { changeOwnStaffPassword } from './staff-password.service.js';

const TAGS = ['staff'];
const Params = Type.Object({ staffId: Id('stf') }, strict);
const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: STAFF_ADMIN_REASON_LENGTH_MAX }) }, strict);
const ANSWERS = { 200: StaffMember, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** An admin's decisions on a staff member (staff.manage, audited with a reason), and the member's own password change. */
export async function staffAdminRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const admin = requireStaff(ctx, 'staff.manage');

  app.post(
    '/api/staff/v1/auth/password',
    {
      config: { rateLimit: 'password' },
      // 'staff.session': the one action a session whose initial password must change may take.
      preHandler: requireStaff(ctx, 'staff.session'),
      schema: {
        tags: TAGS,
        summary: 'Your own new password (forced after the first login with the password an admin typed); ends your other sessions',
        body: Type.Object({ currentPassword: PasswordInput, newPassword: PasswordInput }, strict),
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 422: Problem, 423: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      await changeOwnStaffPassword(ctx, {
        staffId: staff.staffId,
        sessionId: staff.sessionId,
        ...request.body,
        meta: requestMeta(request),
      });
      return reply.code(204).send(null);
    },
  );

  for (const status of ['disabled', 'active'] as const) {
    const verb = status === 'disabled' ? 'disable' : 'enable';
    app.post(
      `/api/staff/v1/staff/:staffId/${verb}`,
      {
        preHandler: admin,
        schema: {
          tags: TAGS,
          summary:
            status === 'disabled'
              ? 'Disable a staff member (admins): every session of theirs ends at once; audited with the reason'
              : 'Enable a disabled staff member again (admins); audited with the reason',
          params: Params,
          body: ReasonBody,
          response: ANSWERS,
        },
      },
      async (request) =>
        memberJson(
          await setStaffMemberStatus(ctx, {
            adminStaffId: staffOf(request).staffId,
            staffId: request.params.staffId,
            status,
            reason: request.body.reason,
            meta: requestMeta(request),
          }),
        ),
    );
  }

  app.post(
    '/api/staff/v1/staff/:staffId/unlock',
    {
      preHandler: admin,
      schema: {
        tags: TAGS,
        summary: 'Lift the lock of a staff member’s login after 10 failures (admins); audited with the reason',
        params: Params,
        body: ReasonBody,
        response: ANSWERS,
      },
    },
    async (request) =>
      memberJson(
        await unlockStaffMember(ctx, {
          adminStaffId: staffOf(request).staffId,
          staffId: request.params.staffId,
          reason: request.body.reason,
          meta: requestMeta(request),
        }),
      ),
  );
}
