import { type Static, Type } from 'typebox';
import { Id, Language, literalUnion, Timestamp } from '../../shared/schemas.js';
import { STAFF_ROLES } from './permissions.js';
import type { StaffUser } from './staff.repo.js';
import type { StaffMemberView } from './staff-admin.service.js';

/** The staff member as the admins' screen sees them: never a password hash nor a TOTP secret. */

export const StaffRoleSchema = literalUnion(STAFF_ROLES);

export const StaffMember = Type.Object({
  id: Id('stf'),
  username: Type.String(),
  displayName: Type.String(),
  role: StaffRoleSchema,
  language: Language,
  status: literalUnion(['active', 'disabled']),
  totpEnrolled: Type.Boolean({ description: 'False until their first login enrols the authenticator app' }),
  passwordChangeRequired: Type.Boolean({ description: 'The initial password an admin typed has not been replaced yet' }),
  lockedUntil: Type.Union([Timestamp, Type.Null()], { description: 'Login locked after 10 failures until then; an admin may unlock' }),
  createdAt: Timestamp,
});

export function memberJson(staff: StaffMemberView): Static<typeof StaffMember> {
  return {
    id: staff.id,
    username: staff.username,
    displayName: staff.displayName,
    role: staff.role,
    language: staff.language,
    status: staff.status,
    totpEnrolled: staff.totpEnrolledAt !== null,
    passwordChangeRequired: staff.passwordChangeRequired,
    lockedUntil: staff.lockedUntil?.toISOString() ?? null,
    createdAt: staff.createdAt.toISOString(),
  };
}

/** A staff session as login (by TOTP or by a security key) and GET /auth/session answer it. */
export const StaffSession = Type.Object({
  staff: Type.Object({ id: Id('stf'), displayName: Type.String(), role: StaffRoleSchema, language: Language }),
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every staff write' }),
  idleExpiresAt: Timestamp,
  absoluteExpiresAt: Timestamp,
  passwordChangeRequired: Type.Boolean({
    description:
      'The initial password an admin typed is still theirs: until POST /auth/password, only this session, logout and the change work',
  }),
});

export function sessionJson(
  staff: { id: string; displayName: string; role: StaffUser['role']; language: StaffUser['language'] },
  session: { csrfToken: string; idleExpiresAt: Date; absoluteExpiresAt: Date; passwordChangeRequired: boolean },
): Static<typeof StaffSession> {
  return {
    staff: { id: staff.id, displayName: staff.displayName, role: staff.role, language: staff.language },
    csrfToken: session.csrfToken,
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
    passwordChangeRequired: session.passwordChangeRequired,
  };
}
