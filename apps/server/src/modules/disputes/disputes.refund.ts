import type { Config } from '../../config.js';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { chargebackCeiling, closeChargeback } from '../acquiring/index.js';
import { requestApproval, requestFailureProblem } from '../approvals/index.js';
import { holdAuditChain, recordAudit } from '../audit/index.js';
import { creditFromBank, operationRecord } from '../operations/index.js';
import type { StaffPrincipal } from '../staff/index.js';
import { DisputeProblem } from './disputes.errors.js';
import { notifyStep } from './disputes.notify.js';
import { insertEvent, lockDispute } from './disputes.repo.js';
import { CUSTOMER_MESSAGE_LENGTH_MAX, type StaffDisputeDetails } from './disputes.schemas.js';
import { cleanMessage, onCase, step } from './disputes.staff.js';
import { DISPUTE_TRANSITIONS, type Dispute } from './disputes.types.js';

/**
 * investigating → refunded: the bank credits the customer's account the operation debited, from
 * its dispute-loss account (operations creditFromBank), at most the operation's amount. A refund
 * from DISPUTE_REFUND_APPROVAL_THRESHOLD_MINOR up is a maker-checker request (modules/approvals,
 * kind refund_above_threshold): the staff member asks, another approves, and the approval's
 * executor refunds in the decision's transaction.
 *
 * Exactly once: the case's lock makes a second, concurrent refund wait and then find the case
 * refunded (a retry of the same refund answers the case as it is, any other is refused); and the
 * credit's ids are derived from the case, so even a credit that got past the lock could not post.
 */

/** The maker's reason on a refund that needs a checker, when the staff member gives none. */
const APPROVAL_REASON_DEFAULT = 'Refund on a dispute above the approval threshold';
const APPROVAL_REASON_LENGTH_MAX = 500;

export function refundNeedsApproval(config: Pick<Config, 'disputes'>, amountMinor: bigint): boolean {
  return amountMinor >= config.disputes.refundApprovalThresholdMinor;
}

/**
 * Whether the case may be refunded this amount now; throws the refusal. At most the operation's
 * amount, and for a purchase Kassa acquired at most its chargeback's (what the merchant had not
 * refunded itself when the case opened).
 */
async function checkRefundable(q: Queryable, dispute: Dispute, amountMinor: bigint): Promise<void> {
  if (!DISPUTE_TRANSITIONS[dispute.status].includes('refunded')) throw new ProblemError(DisputeProblem['dispute-step-refused']);
  const ceiling = (await chargebackCeiling(q, dispute.id)) ?? dispute.operationAmountMinor;
  if (amountMinor > ceiling || amountMinor > dispute.operationAmountMinor)
    throw new ProblemError(DisputeProblem['dispute-refund-too-large']);
}

interface RefundStep {
  amountMinor: bigint;
  customerMessage: string | null;
  /** Who carries it out: the staff member, or the checker who approved it. */
  staffId: string;
  approval: { id: string; makerStaffId: string } | null;
  meta: Partial<RequestMeta> | null;
  now: Date;
}

/** The credit and the step, in the caller's transaction, on the case it has locked and checked. */
async function refundInTx(tx: Tx, ctx: AppContext, dispute: Dispute, refund: RefundStep): Promise<string> {
  const record = await operationRecord(tx, dispute.operationId);
  // Only money that left the customer's account comes back to it: not a declined operation, not one paid to them.
  const sourceAccountId =
    record?.customerId === dispute.customerId && ['completed', 'sent'].includes(record.status) ? record.sourceAccountId : null;
  if (!sourceAccountId) throw new ProblemError(DisputeProblem['dispute-refund-not-applicable']);
  // A purchase Kassa acquired: the merchant's chargeback is lost, the refund charged back from it
  // (before the credit: the chargeback's row, then the ledger's accounts, as the payout run takes them).
  await closeChargeback(tx, { disputeId: dispute.id, outcome: { to: 'lost', refundedMinor: refund.amountMinor }, now: refund.now });
  const credit = await creditFromBank(tx, {
    kind: 'refund.dispute',
    reference: dispute.id,
    customerId: dispute.customerId,
    accountId: sourceAccountId,
    currency: dispute.currency,
    amountMinor: refund.amountMinor,
    now: refund.now,
  });
  if (!credit.ok) throw new ProblemError(DisputeProblem['dispute-refund-declined']);
  await step(tx, dispute, {
    to: 'refunded',
    ownerStaffId: dispute.ownerStaffId ?? refund.staffId,
    refundAmountMinor: refund.amountMinor,
    refundOperationId: credit.operationId,
    rejectReason: null,
    now: refund.now,
  });
  const details = {
    amountMinor: refund.amountMinor.toString(),
    operationId: credit.operationId,
    ...(refund.approval ? { approvalId: refund.approval.id, makerStaffId: refund.approval.makerStaffId } : {}),
  };
  await insertEvent(tx, {
    disputeId: dispute.id,
    kind: 'refunded',
    actor: 'staff',
    staffId: refund.staffId,
    customerMessage: refund.customerMessage,
    details,
    now: refund.now,
  });
  await recordAudit(tx, {
    event: 'dispute.refunded',
    customerId: dispute.customerId,
    meta: refund.meta,
    details: { staffId: refund.staffId, disputeId: dispute.id, ...details },
    occurredAt: refund.now,
  });
  await notifyStep(tx, ctx, { ...dispute, status: 'refunded', refundAmountMinor: refund.amountMinor }, 'refunded');
  return credit.operationId;
}

export type RefundAnswer =
  | { status: 200; body: StaffDisputeDetails }
  | { status: 202; body: { approvalId: string; expiresAt: string; dispute: StaffDisputeDetails } };

export async function refundDispute(
  ctx: AppContext,
  staff: StaffPrincipal,
  disputeId: string,
  input: { amountMinor: bigint; customerMessage?: string; approvalReason?: string },
  meta: RequestMeta,
): Promise<RefundAnswer> {
  const asked: { pending: { approvalId: string; expiresAt: string } | null } = { pending: null };
  const details = await onCase(ctx, disputeId, async (tx, dispute, now) => {
    if (dispute.status === 'refunded' && dispute.refundAmountMinor === input.amountMinor) return;
    await checkRefundable(tx, dispute, input.amountMinor);
    const customerMessage = cleanMessage(input.customerMessage, CUSTOMER_MESSAGE_LENGTH_MAX);
    if (refundNeedsApproval(ctx.config, input.amountMinor)) {
      // The customer's words go with the refund when it is approved; the checker reads the reason.
      const request = await requestApproval(tx, {
        kind: 'refund_above_threshold',
        subjectId: dispute.id,
        customerId: dispute.customerId,
        payload: { amountMinor: Number(input.amountMinor), currency: dispute.currency },
        makerStaffId: staff.staffId,
        reason: cleanMessage(input.approvalReason, APPROVAL_REASON_LENGTH_MAX) ?? APPROVAL_REASON_DEFAULT,
        now,
        ttlHours: ctx.config.approvals.ttlHours,
        meta,
      });
      if (!request.ok) throw requestFailureProblem(request);
      asked.pending = { approvalId: request.approval.id, expiresAt: request.approval.expiresAt.toISOString() };
      return;
    }
    await refundInTx(tx, ctx, dispute, {
      amountMinor: input.amountMinor,
      customerMessage,
      staffId: staff.staffId,
      approval: null,
      meta,
      now,
    });
  });
  return asked.pending ? { status: 202, body: { ...asked.pending, dispute: details } } : { status: 200, body: details };
}

/**
 * The executor of an approved refund_above_threshold request (modules/approvals): in the
 * decision's transaction, which holds the audit chain's lock already, the case is locked and
 * checked again (it may have been withdrawn meanwhile: the refusal undoes the approval), then
 * refunded by the checker. Registered in the app's registry by buildApp; the function returned
 * unregisters it.
 */
export function registerDisputeApprovals(ctx: AppContext): () => void {
  return ctx.approvalExecutors.register('refund_above_threshold', async (tx, approval) => {
    const checkerStaffId = approval.checkerStaffId;
    assert(checkerStaffId, 'an approved request names its checker');
    await holdAuditChain(tx);
    const dispute = await lockDispute(tx, approval.subjectId);
    if (!dispute) throw new ProblemError(DisputeProblem['dispute-not-found']);
    const amountMinor = BigInt(approval.payload.amountMinor);
    await checkRefundable(tx, dispute, amountMinor);
    const operationId = await refundInTx(tx, ctx, dispute, {
      amountMinor,
      customerMessage: null,
      staffId: checkerStaffId,
      approval: { id: approval.id, makerStaffId: approval.makerStaffId },
      meta: null,
      now: approval.decidedAt ?? ctx.clock.now(),
    });
    return { disputeId: dispute.id, refundOperationId: operationId, amountMinor: amountMinor.toString() };
  });
}
