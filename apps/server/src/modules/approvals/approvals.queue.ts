import type { AppContext } from '../../context.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import type { StaffPrincipal } from '../staff/index.js';
import { ApprovalProblem } from './approvals.errors.js';
import { findApproval, listApprovals } from './approvals.repo.js';
import { type Approval, type ApprovalStatus, kindsDecidedBy, roleMayDecide } from './approvals.types.js';
import { type ApprovalViewJson, approvalViews } from './approvals.views.js';

export const APPROVALS_PAGE_MAX = 100;
export const APPROVALS_PAGE_DEFAULT = 50;
/** "<createdAt ms>.<id>": where the next page starts, oldest first. */
export const APPROVALS_CURSOR_PATTERN = '^[0-9]{1,15}\\.apr_[0-9a-f]{32}$';

type Viewer = Pick<StaffPrincipal, 'staffId' | 'role'>;

/** A staff member sees the requests of the kinds their role decides, and their own as a maker. */
function mayView(approval: Approval, viewer: Viewer): boolean {
  return roleMayDecide(viewer.role, approval.kind) || approval.makerStaffId === viewer.staffId;
}

function cursorOf(approval: Approval): string {
  return `${approval.createdAt.getTime()}.${approval.id}`;
}

function afterOf(cursor: string | null): { createdAt: Date; id: string } | null {
  if (cursor === null) return null;
  const [ms = '', id = ''] = cursor.split('.');
  return { createdAt: new Date(Number(ms)), id };
}

/**
 * The queue: requests of one status, oldest first (worked in order), of the kinds the viewer's
 * role decides and the viewer's own. Pending means not past its time: one the sweep has not
 * reached yet is not offered to a checker who could only be refused.
 */
export async function listApprovalQueue(
  ctx: AppContext,
  viewer: Viewer,
  query: { status: ApprovalStatus; cursor: string | null; limit: number },
): Promise<{ items: ApprovalViewJson[]; nextCursor: string | null }> {
  const now = ctx.clock.now();
  const limit = Math.min(Math.max(1, query.limit), APPROVALS_PAGE_MAX);
  const rows = await listApprovals(ctx.db, {
    status: query.status,
    kinds: kindsDecidedBy(viewer.role),
    orMadeBy: viewer.staffId,
    liveAt: query.status === 'pending' ? now : null,
    after: afterOf(query.cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: await approvalViews(ctx.db, page, viewer, now), nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** One request, for a viewer who may see it: unknown is 404, another kind's 403 (audited). */
export async function getApprovalFor(ctx: AppContext, viewer: Viewer, approvalId: string, meta: RequestMeta): Promise<ApprovalViewJson> {
  const approval = await findApproval(ctx.db, approvalId);
  if (!approval) throw new ProblemError(ApprovalProblem['approval-not-found']);
  const now = ctx.clock.now();
  if (!mayView(approval, viewer)) {
    await recordAuditAlone(ctx.db, {
      event: 'access.denied',
      customerId: approval.customerId,
      meta,
      details: { staffId: viewer.staffId, role: viewer.role, resource: 'approval', id: approval.id, kind: approval.kind },
      occurredAt: now,
    });
    throw new ProblemError(ApprovalProblem['approval-role-not-allowed']);
  }
  const [view] = await approvalViews(ctx.db, [approval], viewer, now);
  if (!view) throw new Error('a view per request');
  return view;
}

/** A decided request as the checker sees it afterwards. */
export async function approvalViewFor(ctx: AppContext, viewer: Viewer, approval: Approval): Promise<ApprovalViewJson> {
  const [view] = await approvalViews(ctx.db, [approval], viewer, ctx.clock.now());
  if (!view) throw new Error('a view per request');
  return view;
}
