import { Compile } from 'typebox/compile';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { holdAuditChain, recordAudit } from '../audit/index.js';
import type { StaffRole } from '../staff/index.js';
import { decideFailureProblem } from './approvals.errors.js';
import type { ApprovalExecutors } from './approvals.executors.js';
import {
  expireSubjectApprovals,
  findApproval,
  findPendingApprovalId,
  insertApproval,
  lockApproval,
  markApprovalDecided,
  markApprovalExpired,
} from './approvals.repo.js';
import {
  APPROVAL_KIND_RULES,
  APPROVAL_PAYLOAD_SCHEMAS,
  APPROVAL_TRANSITIONS,
  type Approval,
  type ApprovalDecision,
  type ApprovalKind,
  type ApprovalPayload,
  type ApprovalStatus,
  type DecideFailure,
  type DecideResult,
  type RequestResult,
  roleMayDecide,
} from './approvals.types.js';

const MS_PER_HOUR = 3_600_000;
/** The maker's reason and the checker's note: a sentence or two, as the table's CHECKs allow. */
export const APPROVAL_TEXT_LENGTH_MAX = 500;

// Compiled once: a payload is checked on every request against its kind's schema.
const PAYLOAD_CHECKS: Readonly<Record<ApprovalKind, { Check(value: unknown): boolean }>> = {
  unblock: Compile(APPROVAL_PAYLOAD_SCHEMAS.unblock),
  limit_raise: Compile(APPROVAL_PAYLOAD_SCHEMAS.limit_raise),
  refund_above_threshold: Compile(APPROVAL_PAYLOAD_SCHEMAS.refund_above_threshold),
  role_change: Compile(APPROVAL_PAYLOAD_SCHEMAS.role_change),
  provider_settlement: Compile(APPROVAL_PAYLOAD_SCHEMAS.provider_settlement),
};

export interface RequestApprovalInput<Kind extends ApprovalKind> {
  kind: Kind;
  subjectId: string;
  payload: ApprovalPayload<Kind>;
  makerStaffId: string;
  reason: string;
  now: Date;
  /** How long it waits for a checker: ctx.config.approvals.ttlHours (APPROVAL_TTL_HOURS). */
  ttlHours: number;
  /** The customer of a case or block kind (refund_above_threshold, unblock); a customer kind's is its subject. */
  customerId?: string | null;
  meta?: Partial<RequestMeta> | null;
}

function assertTransition(from: ApprovalStatus, to: ApprovalStatus): void {
  assert(APPROVAL_TRANSITIONS[from].includes(to), `approval status ${from} -> ${to} is not a transition`);
}

/**
 * A maker asks, in the caller's transaction, so the request exists exactly when the caller's own
 * change does (a block's "unblock requested" mark, say). The payload must match its kind's schema:
 * the calling route validates what staff typed, so a mismatch here is a programmer's error. One
 * request per kind and subject may be pending: a second is refused as a value (its pending id
 * with it), after the ones past their time have been expired.
 */
export async function requestApproval<Kind extends ApprovalKind>(tx: Tx, input: RequestApprovalInput<Kind>): Promise<RequestResult> {
  assert(tx.inTransaction, 'requestApproval runs in the caller transaction');
  assert(PAYLOAD_CHECKS[input.kind].Check(input.payload), `the payload of a ${input.kind} request matches its schema`);
  const reason = input.reason.trim();
  assert(reason.length > 0 && reason.length <= APPROVAL_TEXT_LENGTH_MAX, 'the maker gives a reason of at most 500 characters');
  assert(input.ttlHours > 0, 'an approval request has a time to wait');
  const customerId = APPROVAL_KIND_RULES[input.kind].subject === 'customer' ? input.subjectId : (input.customerId ?? null);
  await holdAuditChain(tx);
  await expireSubjectApprovals(tx, input.kind, input.subjectId, input.now);
  const approval: Approval = {
    id: newId('apr'),
    kind: input.kind,
    subjectId: input.subjectId,
    customerId,
    payload: input.payload,
    makerStaffId: input.makerStaffId,
    reason,
    status: 'pending',
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.ttlHours * MS_PER_HOUR),
    checkerStaffId: null,
    decidedAt: null,
    decisionNote: null,
    expiredAt: null,
    result: null,
  };
  if (!(await insertApproval(tx, approval))) {
    const pendingId = await findPendingApprovalId(tx, input.kind, input.subjectId);
    assert(pendingId, 'the request that won the unique index is pending');
    return { ok: false, reason: 'already-pending', pendingId };
  }
  await recordAudit(tx, {
    event: 'approval.requested',
    customerId,
    meta: input.meta ?? null,
    details: {
      staffId: input.makerStaffId,
      makerStaffId: input.makerStaffId,
      approvalId: approval.id,
      kind: approval.kind,
      subjectId: approval.subjectId,
      reason,
      expiresAt: approval.expiresAt.toISOString(),
    },
    occurredAt: input.now,
  });
  return { ok: true, approval };
}

export interface DecideApprovalInput {
  approvalId: string;
  checkerStaffId: string;
  checkerRole: StaffRole;
  decision: ApprovalDecision;
  note: string | null;
  meta?: Partial<RequestMeta> | null;
}

/** Why `checker` may not decide `approval` now, or null; the order is the order of the checks. */
function refusal(approval: Approval | null, input: DecideApprovalInput, now: Date, executors: ApprovalExecutors): DecideFailure | null {
  if (!approval) return 'not-found';
  if (!roleMayDecide(input.checkerRole, approval.kind)) return 'role-not-allowed';
  if (approval.makerStaffId === input.checkerStaffId) return 'own-request';
  if (APPROVAL_KIND_RULES[approval.kind].subject === 'staff' && approval.subjectId === input.checkerStaffId) return 'own-subject';
  if (approval.status !== 'pending') return 'already-decided';
  // The sweep may not have come by yet: a request past its time is expired whoever looks first.
  if (approval.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (input.decision === 'approve' && !executors.executorOf(approval.kind)) return 'no-executor';
  return null;
}

/**
 * One decision in one transaction: the executor's locks that must come before the chain's
 * (ApprovalPreLock: a customer's block lock), then the audit chain's lock (every writer takes it first,
 * audit.service.ts holdAuditChain), then the request's row FOR UPDATE, so two checkers approving
 * at once decide one after the other and the second finds it decided: the executor runs once.
 * On approve the owning module's executor runs in this same transaction; a refusal it throws
 * undoes the decision with it. A refused decision is audited and committed, then thrown as its
 * problem (approvals.errors.ts).
 */
export async function decideApproval(ctx: AppContext, input: DecideApprovalInput): Promise<Approval> {
  const note = input.note?.trim() || null;
  assert(note === null || note.length <= APPROVAL_TEXT_LENGTH_MAX, 'a decision note has at most 500 characters');
  const now = ctx.clock.now();
  const decided = await ctx.db.transaction((tx) => decideIn(tx, ctx.approvalExecutors, { ...input, note }, now));
  if (!decided.ok) throw decideFailureProblem(decided.reason);
  return decided.approval;
}

async function decideIn(tx: Tx, executors: ApprovalExecutors, input: DecideApprovalInput, now: Date): Promise<DecideResult> {
  // Only an approval runs the executor, so only an approval needs its locks (ApprovalPreLock).
  if (input.decision === 'approve') {
    const unlocked = await findApproval(tx, input.approvalId);
    const preLock = unlocked ? executors.preLockOf(unlocked.kind) : null;
    if (unlocked && preLock) await preLock(tx, unlocked);
  }
  await holdAuditChain(tx);
  const approval = await lockApproval(tx, input.approvalId);
  const refused = refusal(approval, input, now, executors);
  const parties = approval
    ? { approvalId: approval.id, kind: approval.kind, subjectId: approval.subjectId, makerStaffId: approval.makerStaffId }
    : { approvalId: input.approvalId };
  if (refused) {
    if (refused === 'expired' && approval) {
      assertTransition(approval.status, 'expired');
      await markApprovalExpired(tx, approval.id, now);
    }
    await recordAudit(tx, {
      event: 'approval.refused',
      customerId: approval?.customerId ?? null,
      meta: input.meta ?? null,
      details: {
        staffId: input.checkerStaffId,
        checkerStaffId: input.checkerStaffId,
        ...parties,
        decision: input.decision,
        reason: refused,
      },
      occurredAt: now,
    });
    return { ok: false, reason: refused, approval };
  }
  assert(approval, 'a request without a refusal exists');
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  assertTransition(approval.status, status);
  const decided: Approval = { ...approval, status, checkerStaffId: input.checkerStaffId, decidedAt: now, decisionNote: input.note };
  let result: Record<string, unknown> | null = null;
  if (status === 'approved') {
    const execute = executors.executorOf(approval.kind);
    assert(execute, 'an approved kind has its executor (checked in refusal)');
    result = await execute(tx, decided);
  }
  await markApprovalDecided(tx, approval.id, { status, checkerStaffId: input.checkerStaffId, decidedAt: now, note: input.note, result });
  await recordAudit(tx, {
    event: status === 'approved' ? 'approval.approved' : 'approval.rejected',
    customerId: approval.customerId,
    meta: input.meta ?? null,
    details: {
      staffId: input.checkerStaffId,
      checkerStaffId: input.checkerStaffId,
      ...parties,
      note: input.note,
      ...(result ? { result } : {}),
    },
    occurredAt: now,
  });
  return { ok: true, approval: { ...decided, result } };
}

/** The request of `kind` about `subjectId` waiting for a checker now, if any (a block's screen shows it). */
export async function pendingApprovalOf(db: Queryable, kind: ApprovalKind, subjectId: string, now: Date): Promise<Approval | null> {
  const id = await findPendingApprovalId(db, kind, subjectId);
  const approval = id ? await findApproval(db, id) : null;
  return approval && approval.expiresAt.getTime() > now.getTime() ? approval : null;
}
