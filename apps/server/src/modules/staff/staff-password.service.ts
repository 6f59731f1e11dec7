import type { AppContext } from '../../context.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { checkPasswordPolicy, hashPassword, passwordPolicyProblem, verifyPassword } from '../auth/index.js';
import { StaffProblem } from './staff.errors.js';
import { findStaffById, findStaffCredentials, lockStaffPasswordHash, readStaffLockedUntil, updateStaffPassword } from './staff.repo.js';
import { isLocked, lockedProblem, registerStaffFailure } from './staff-lockout.js';
import { endLiveStaffSessions } from './staff-sessions.repo.js';

/**
 * A staff member sets a password of their own: forced after the first login of a member an admin
 * created (the admin typed the initial one), allowed any time after. SECURITY.md 36: the current
 * password counts towards the username's lock, and while a lock holds even the right one is
 * refused; SECURITY.md 37: the lock is looked at before any Argon2 work. SECURITY.md 16: the
 * change ends every other session of theirs; this one goes on.
 */
export async function changeOwnStaffPassword(
  ctx: AppContext,
  input: { staffId: string; sessionId: string; currentPassword: string; newPassword: string; meta: RequestMeta },
): Promise<void> {
  const now = ctx.clock.now();
  const staff = await findStaffById(ctx.db, input.staffId);
  if (!staff) throw new Error('a staff session without its staff member');
  const lockedUntil = await readStaffLockedUntil(ctx.db, staff.username);
  if (isLocked(lockedUntil, now)) throw lockedProblem(lockedUntil, now);
  const policy = checkPasswordPolicy(input.newPassword);
  if (policy) throw passwordPolicyProblem(policy);
  if (input.newPassword === input.currentPassword) throw new ProblemError(StaffProblem['staff-password-unchanged']);
  const current = await findStaffCredentials(ctx.db, staff.username);
  if (!current || !(await verifyPassword(current.passwordHash, input.currentPassword))) {
    const failed = await ctx.db.transaction((tx) =>
      registerStaffFailure(tx, {
        username: staff.username,
        staffId: staff.id,
        factor: 'password',
        meta: input.meta,
        now,
        details: { purpose: 'password-change' },
      }),
    );
    if (isLocked(failed.lockedUntil, now)) throw lockedProblem(failed.lockedUntil, now);
    throw new ProblemError(StaffProblem['staff-current-password-wrong']);
  }
  // Argon2 outside the transaction (it is slow); the row is written under its lock below.
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await lockStaffPasswordHash(tx, staff.id);
    await updateStaffPassword(tx, staff.id, passwordHash, now);
    const sessionsEnded = await endLiveStaffSessions(tx, {
      staffId: staff.id,
      reason: 'password-changed',
      keepSessionId: input.sessionId,
      now,
    });
    await recordAudit(tx, {
      event: 'staff.password.changed',
      meta: input.meta,
      details: { staffId: staff.id, wasRequired: staff.passwordChangeRequired, sessionsEnded },
      occurredAt: now,
    });
  });
}
