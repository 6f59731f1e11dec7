import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { formatMoney } from '../../shared/money.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { type Approval, type ApprovalExecutor, requestApproval } from '../approvals/index.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import type { Currency } from '../ledger/index.js';
import { notifyInApp, queueSms } from '../notifications/index.js';
import type { StaffPrincipal } from '../staff/index.js';
import { effectiveLimits } from './customer-limits.js';
import { upsertRaisedLimit } from './customer-limits.repo.js';
import { type EffectiveLimit, TRANSFER_LIMITS_CURRENCY, type TransferLimit } from './customer-limits.types.js';
import { type LimitRaiseRefusal, limitRaiseRefusalProblem, RiskProblem } from './risk.errors.js';
import { limitRaisedNotice, limitRaisedSms } from './risk.messages.js';

/**
 * Raising a customer's transfer limit is maker-checker (issue 13 item 10): an operator on an
 * identified call of the customer, or a security officer from the file with a reason, asks; another
 * security officer approves in the approvals queue (APPROVAL_DECIDERS), and the executor registered
 * here writes the limit in the decision's transaction, audits it and tells the customer by SMS and
 * in the app. A raise never goes above its ceiling (TRANSFER_LIMIT_RAISE_CEILING_*), checked when
 * asked and again when approved (the setting may have changed meanwhile); it never lifts the
 * e-money caps nor the cooling period after a phone change (limits.ts).
 *
 * risk may not import calls (calls reads operations' history, operations asks risk), so calls'
 * gate of staff routes about a customer is handed in by app.ts, as it is to blocks.
 */

/** Who may act on the customer now (calls' staffCustomerAccess): 404, audited by the gate, for anyone else. */
export type CustomerAccessGate = (
  ctx: AppContext,
  staff: StaffPrincipal,
  customerId: string,
  reason: string | null,
  meta: RequestMeta,
) => Promise<{ via: 'call'; callId: string } | { via: 'officer'; reason: string }>;

export interface LimitRaiseInput {
  staff: StaffPrincipal;
  customerId: string;
  limit: TransferLimit;
  amountMinor: bigint;
  currency: Currency;
  /** What the customer asked and why: the checker reads it, the audit keeps it. */
  reason: string;
  meta: RequestMeta;
}

type Asked = { ok: true; approval: Approval } | { ok: false; refusal: LimitRaiseRefusal };

/** Why this raise may not be asked now, or null. The order is the order of the checks. */
function refusalOf(input: LimitRaiseInput, current: EffectiveLimit): LimitRaiseRefusal | null {
  if (input.currency !== TRANSFER_LIMITS_CURRENCY) return { reason: 'currency' };
  if (input.amountMinor <= current.amountMinor) return { reason: 'not-higher' };
  if (input.amountMinor > current.ceilingMinor) {
    const ceiling = formatMoney(current.ceilingMinor, TRANSFER_LIMITS_CURRENCY, input.meta.language);
    return { reason: 'over-ceiling', ceiling, ceilingMinor: current.ceilingMinor };
  }
  return null;
}

/**
 * The maker's step. The gate first (an operator without an identified call of theirs on this
 * customer gets the same 404 as for no customer, audited there), then the checks and the request
 * in one transaction, so the limit the request names as "from" is the one in force when it was
 * made. A refusal is audited on its own and thrown as its problem.
 */
export async function requestLimitRaise(ctx: AppContext, gate: CustomerAccessGate, input: LimitRaiseInput): Promise<Approval> {
  const access = await gate(ctx, input.staff, input.customerId, input.reason, input.meta);
  const reason = input.reason.trim();
  const now = ctx.clock.now();
  const asked = await ctx.db.transaction(async (tx): Promise<Asked> => {
    const current = (await effectiveLimits(tx, ctx.config, input.customerId))[input.limit];
    const refusal = refusalOf(input, current);
    if (refusal) return { ok: false, refusal };
    const result = await requestApproval(tx, {
      kind: 'limit_raise',
      subjectId: input.customerId,
      payload: {
        limit: input.limit,
        amountMinor: Number(input.amountMinor),
        currency: TRANSFER_LIMITS_CURRENCY,
        previousAmountMinor: Number(current.amountMinor),
      },
      makerStaffId: input.staff.staffId,
      reason,
      now,
      ttlHours: ctx.config.approvals.ttlHours,
      meta: input.meta,
    });
    if (!result.ok) return { ok: false, refusal: { reason: 'already-pending', pendingId: result.pendingId } };
    // approval.requested has the request; this row has how the maker came to the customer.
    await recordAudit(tx, {
      event: 'customer.limit_raise_requested',
      customerId: input.customerId,
      meta: input.meta,
      details: {
        staffId: input.staff.staffId,
        role: input.staff.role,
        approvalId: result.approval.id,
        limit: input.limit,
        amountMinor: input.amountMinor.toString(),
        previousAmountMinor: current.amountMinor.toString(),
        ...(access.via === 'call' ? { via: 'call', callId: access.callId } : { via: 'officer' }),
      },
      occurredAt: now,
    });
    return result;
  });
  if (asked.ok) return asked.approval;
  await recordAuditAlone(ctx.db, {
    event: 'customer.limit_raise_refused',
    customerId: input.customerId,
    meta: input.meta,
    details: {
      staffId: input.staff.staffId,
      step: 'request',
      refusal: asked.refusal.reason,
      limit: input.limit,
      amountMinor: input.amountMinor.toString(),
    },
    occurredAt: now,
  });
  throw limitRaiseRefusalProblem(asked.refusal);
}

/** The customer hears of it on their phone and in the app, in their language, through the outbox of this transaction. */
async function tellCustomer(tx: Tx, ctx: AppContext, customerId: string, limit: TransferLimit, amountMinor: bigint): Promise<void> {
  const customer = await findCustomerById(tx, customerId);
  if (!customer) return;
  const words = {
    limit,
    amount: formatMoney(amountMinor, TRANSFER_LIMITS_CURRENCY, customer.language),
    domain: ctx.config.officialDomain,
    contactPhone: ctx.config.contactCenterPhone,
  };
  await queueSms(tx, { to: customer.phone, text: limitRaisedSms(customer.language, words), purpose: 'limit-raised' });
  const notice = limitRaisedNotice(customer.language, words);
  await notifyInApp(tx, { customerId, kind: 'limit.raised', title: notice.title, body: notice.body });
}

/**
 * The executor of an approved limit_raise. Checked again under the decision: the limit in force
 * must still be the one the request was made against (else stale), and the amount within today's
 * ceiling; a refusal undoes the decision. The limit row is written without the customer's limit
 * lock: the decision holds the audit chain's lock, a money transaction holds the limit lock and
 * never the chain's, and taking both here would be the one place the two orders cross.
 */
const limitRaiseExecutor =
  (ctx: AppContext): ApprovalExecutor<'limit_raise'> =>
  async (tx, request) => {
    assert(request.checkerStaffId && request.decidedAt, 'an executed request is approved, with its checker');
    const { limit, amountMinor, previousAmountMinor } = request.payload;
    const current = (await effectiveLimits(tx, ctx.config, request.subjectId))[limit];
    if (current.amountMinor !== BigInt(previousAmountMinor)) throw new ProblemError(RiskProblem['limit-raise-stale']);
    if (BigInt(amountMinor) > current.ceilingMinor) throw new ProblemError(RiskProblem['limit-raise-over-ceiling']);
    const raised = {
      limit,
      amountMinor: BigInt(amountMinor),
      currency: TRANSFER_LIMITS_CURRENCY,
      approvalId: request.id,
      setAt: request.decidedAt,
    };
    await upsertRaisedLimit(tx, request.subjectId, raised);
    await recordAudit(tx, {
      event: 'customer.limit_raised',
      customerId: request.subjectId,
      meta: null,
      details: {
        staffId: request.checkerStaffId,
        makerStaffId: request.makerStaffId,
        checkerStaffId: request.checkerStaffId,
        approvalId: request.id,
        limit,
        amountMinor: String(amountMinor),
        previousAmountMinor: String(previousAmountMinor),
      },
      occurredAt: request.decidedAt,
    });
    await tellCustomer(tx, ctx, request.subjectId, limit, raised.amountMinor);
    return { customerId: request.subjectId, limit, amountMinor, previousAmountMinor, currency: TRANSFER_LIMITS_CURRENCY };
  };

/** Puts risk's executor of limit_raise in the app's registry (app.ts, at start); returns the undo, for tests. */
export function registerLimitRaiseExecutor(ctx: AppContext): () => void {
  return ctx.approvalExecutors.register('limit_raise', limitRaiseExecutor(ctx));
}
