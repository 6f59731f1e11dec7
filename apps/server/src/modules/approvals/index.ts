/**
 * Maker-checker for the risky staff actions (issue 13 item 10): unblock, limit raise, refund above
 * a threshold, role change. A maker asks with a reason (`requestApproval`, in the owning module's
 * transaction; a refusal maps to its problem with `requestFailureProblem`); another staff member
 * of a role allowed for the kind (approvals.types.ts APPROVAL_DECIDERS) approves or rejects
 * (`decideApproval`, or the routes under /api/staff/v1/approvals). An approval runs the kind's
 * executor, registered by the owning module in the app's own registry (`createApprovalExecutors`,
 * held as ctx.approvalExecutors), in the decision's transaction: exactly once. Pending requests
 * expire after APPROVAL_TTL_HOURS (`expireApprovals`, run by the retention worker). Every request,
 * decision and refused decision is audited with the maker and the checker.
 *
 * The functions and types marked @public are the API the owning modules (blocks, disputes, risk)
 * call; they are exported before those modules use them, so the lint's unused-export check is told.
 *
 * approvals depends on staff (requireStaff, the roles) and audit; staff must not depend on
 * approvals (the role change's request and executor live here, role-change.ts).
 */
export { requestFailureProblem } from './approvals.errors.js';
export { createApprovalExecutors } from './approvals.executors.js';
export { expireApprovals } from './approvals.retention.js';
export { approvalsRoutes } from './approvals.routes.js';
/** @public */
export {
  type DecideApprovalInput,
  decideApproval,
  pendingApprovalOf,
  type RequestApprovalInput,
  requestApproval,
} from './approvals.service.js';
/** @public */
export {
  APPROVAL_PAYLOAD_SCHEMAS,
  type Approval,
  type ApprovalExecutor,
  type ApprovalKind,
  type ApprovalPayload,
  type ApprovalPreLock,
  isApprovalOf,
  type RequestResult,
} from './approvals.types.js';
/** @public */
export { roleChangeExecutor, type SetStaffRole } from './role-change.js';
