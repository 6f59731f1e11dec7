import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { findStaffById, type StaffRole } from '../staff/index.js';
import { ApprovalProblem, requestFailureProblem } from './approvals.errors.js';
import { requestApproval } from './approvals.service.js';
import type { Approval, ApprovalExecutor } from './approvals.types.js';

/**
 * The role change (issue 13 item 10): an admin asks ('staff.manage'), another admin approves
 * (APPROVAL_DECIDERS), and the role changes in the approval's transaction. The request lives here
 * rather than in staff because staff must not depend on approvals (approvals' routes use staff's
 * guard: the two would import each other).
 */

/**
 * Sets a staff member's role if it is still `fromRole`, in the caller's transaction; false when it
 * is not (changed since the request, or no such staff member). staff owns staff_users, so app.ts
 * plugs in staff's function (roleChangeExecutor); a test plugs in its own.
 */
export type SetStaffRole = (tx: Tx, change: { staffId: string; fromRole: StaffRole; toRole: StaffRole; now: Date }) => Promise<boolean>;

/** The executor of role_change over staff's SetStaffRole: a stale request is refused, and undoes the approval. */
export function roleChangeExecutor(setRole: SetStaffRole): ApprovalExecutor<'role_change'> {
  return async (tx, request) => {
    const { fromRole, toRole } = request.payload;
    const changed = await setRole(tx, { staffId: request.subjectId, fromRole, toRole, now: request.decidedAt ?? new Date() });
    if (!changed) throw new ProblemError(ApprovalProblem['approval-stale']);
    return { staffId: request.subjectId, fromRole, toRole };
  };
}

export interface RoleChangeInput {
  makerStaffId: string;
  staffId: string;
  toRole: StaffRole;
  reason: string;
  meta: RequestMeta;
}

/**
 * An admin's request to give a staff member another role. The role they have now is written into
 * the request, so the checker sees "from → to" and an approval after someone else changed it is
 * refused as stale. Nobody asks about their own role: a request about yourself is refused.
 */
export async function requestRoleChange(ctx: AppContext, input: RoleChangeInput): Promise<Approval> {
  const now = ctx.clock.now();
  if (input.staffId === input.makerStaffId) throw new ProblemError(ApprovalProblem['approval-own-subject']);
  const asked = await ctx.db.transaction(async (tx) => {
    const staff = await findStaffById(tx, input.staffId);
    if (staff?.status !== 'active') throw new ProblemError(CommonProblem['not-found']);
    if (staff.role === input.toRole) throw new ProblemError(ApprovalProblem['approval-role-unchanged']);
    return requestApproval(tx, {
      kind: 'role_change',
      subjectId: staff.id,
      payload: { fromRole: staff.role, toRole: input.toRole },
      makerStaffId: input.makerStaffId,
      reason: input.reason,
      now,
      ttlHours: ctx.config.approvals.ttlHours,
      meta: input.meta,
    });
  });
  if (!asked.ok) throw requestFailureProblem(asked);
  return asked.approval;
}
