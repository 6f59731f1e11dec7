import type { AppContext } from '../../context.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { StaffProblem } from './staff.errors.js';
import {
  findStaffById,
  lockStaffLockout,
  readStaffLocks,
  type StaffStatus,
  type StaffUser,
  setStaffStatus,
  updateStaffLockout,
} from './staff.repo.js';
import { listStaff } from './staff.service.js';
import { endLiveStaffSessions } from './staff-sessions.repo.js';

/**
 * An admin's work on the staff (issue 13 item 1, 'staff.manage'): the list with the locks holding
 * now, disabling and enabling a member, and lifting a lock. The role change is maker-checker and
 * lives in modules/approvals (role-change.ts). Every decision is audited with the admin and the
 * reason, in the transaction that makes it.
 */

/** Why an admin disables, enables or unlocks someone: kept in the audit log, for the auditors. */
export const STAFF_ADMIN_REASON_LENGTH_MAX = 500;

export interface StaffMemberView extends StaffUser {
  /** The login is locked (10 failures) until then; null when it is open. */
  lockedUntil: Date | null;
}

export async function listStaffWithLocks(ctx: AppContext): Promise<StaffMemberView[]> {
  const staff = await listStaff(ctx.db);
  const locks = await readStaffLocks(
    ctx.db,
    staff.map((member) => member.username),
    ctx.clock.now(),
  );
  return staff.map((member) => ({ ...member, lockedUntil: locks.get(member.username) ?? null }));
}

interface AdminDecision {
  adminStaffId: string;
  staffId: string;
  reason: string;
  meta: RequestMeta;
}

async function memberView(ctx: AppContext, staffId: string): Promise<StaffMemberView> {
  const staff = await findStaffById(ctx.db, staffId);
  if (!staff) throw new ProblemError(CommonProblem['not-found']);
  const locks = await readStaffLocks(ctx.db, [staff.username], ctx.clock.now());
  return { ...staff, lockedUntil: locks.get(staff.username) ?? null };
}

/**
 * Disabled: every live session of theirs ends in the same transaction, so their very next request
 * is 401 (requireStaff also reads the status on every request, for a session that slipped past),
 * and a login answers as a wrong password does. Enabled: they log in again with their password and
 * TOTP. Asking for the status they have already changes nothing and is not audited again.
 */
export async function setStaffMemberStatus(ctx: AppContext, decision: AdminDecision & { status: StaffStatus }): Promise<StaffMemberView> {
  if (decision.staffId === decision.adminStaffId) throw new ProblemError(StaffProblem['staff-own-account']);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const staff = await findStaffById(tx, decision.staffId);
    if (!staff) throw new ProblemError(CommonProblem['not-found']);
    if (!(await setStaffStatus(tx, staff.id, decision.status, now))) return;
    const sessionsEnded =
      decision.status === 'disabled'
        ? await endLiveStaffSessions(tx, { staffId: staff.id, reason: 'staff-disabled', keepSessionId: null, now })
        : [];
    await recordAudit(tx, {
      event: decision.status === 'disabled' ? 'staff.disabled' : 'staff.enabled',
      meta: decision.meta,
      details: { staffId: staff.id, by: decision.adminStaffId, reason: decision.reason, sessionsEnded },
      occurredAt: now,
    });
  });
  return memberView(ctx, decision.staffId);
}

/**
 * Lifts the lock of a member's username (PCI DSS 8.3.4 allows "until an administrator unlocks"),
 * after the admin has made sure it is the member who failed, and sets the count of failures back to
 * zero. A username that is not locked is answered as it stands, without an audit event.
 */
export async function unlockStaffMember(ctx: AppContext, decision: AdminDecision): Promise<StaffMemberView> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const staff = await findStaffById(tx, decision.staffId);
    if (!staff) throw new ProblemError(CommonProblem['not-found']);
    const lock = await lockStaffLockout(tx, staff.username, now);
    if (lock.lockedUntil === null || lock.lockedUntil <= now) return;
    await updateStaffLockout(tx, staff.username, { failures: 0, lockedUntil: null, now });
    await recordAudit(tx, {
      event: 'staff.unlocked',
      meta: decision.meta,
      details: { staffId: staff.id, by: decision.adminStaffId, reason: decision.reason, wasLockedUntil: lock.lockedUntil.toISOString() },
      occurredAt: now,
    });
  });
  return memberView(ctx, decision.staffId);
}
