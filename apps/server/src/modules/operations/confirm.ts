import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { resetLowValueAllowance, takeLock } from '../risk/index.js';
import { resendCode, resendFailureProblem, verifyCode, verifyFailureProblem } from '../sca/index.js';
import { linkedDetails, operationCodeSms } from './code-sms.js';
import { operationsEnded } from './ended.js';
import { execute } from './execute.js';
import { notifyOutcome } from './notify.js';
import type { OperationKindHandler } from './operation-kind.js';
import { OperationProblem } from './operations.errors.js';
import { codeEndedDetail } from './operations.messages.js';
import { extendConfirmation, lockOperation, settleOperation } from './operations.repo.js';
import type { OperationView } from './operations.schemas.js';
import type { OperationRecord } from './operations.types.js';
import { toView } from './view.js';

export interface OperationInput {
  customerId: string;
  operationId: string;
  meta: RequestMeta;
}

/** The customer's own operation of this handler's kinds, locked; null for anyone else's. */
export async function lockOwn<Request, Details>(
  tx: Tx,
  kind: OperationKindHandler<Request, Details>,
  input: OperationInput,
): Promise<OperationRecord | null> {
  takeLock(tx, 'operation');
  const record = await lockOperation(tx, input.operationId);
  return record && record.customerId === input.customerId && kind.kinds.includes(record.kind) ? record : null;
}

export async function deniedAccess(ctx: AppContext, input: OperationInput, now: Date): Promise<ProblemError> {
  await recordAuditAlone(ctx.db, {
    event: 'access.denied',
    customerId: input.customerId,
    meta: input.meta,
    details: { resource: 'transfer', id: input.operationId },
    occurredAt: now,
  });
  return new ProblemError(OperationProblem['transfer-not-found']);
}

/**
 * The code confirms exactly this operation: its amount, currency and payee (dynamic linking).
 * Three wrong codes or five minutes decline it with that reason.
 */
export async function confirmOperation<Request, Details>(
  ctx: AppContext,
  kind: OperationKindHandler<Request, Details>,
  input: OperationInput & { code: string },
): Promise<OperationView> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const record = await lockOwn(tx, kind, input);
    if (!record) return { ok: false as const, problem: null };
    if (record.status !== 'awaiting_confirmation' || !record.challengeId)
      return { ok: false as const, problem: new ProblemError(OperationProblem['transfer-not-awaiting-confirmation']) };
    // Issue 13 item 4: the block cancels what waits for a code; one created while it was landing
    // is refused here, and its code no longer passes anyway (sca holds the customer's codes).
    const blocked = await ctx.blocks.outgoingRefusal(tx, record.customerId);
    if (blocked) return { ok: false as const, problem: blocked };
    takeLock(tx, 'sca-challenge');
    const verified = await verifyCode(
      tx,
      { keyring: ctx.config.keyring, now },
      { challengeId: record.challengeId, code: input.code, purpose: 'transfer', details: linkedDetails(record), meta: input.meta },
    );
    if (!verified.ok) {
      // A wrong code leaves tries; anything else ends the operation (RTS art. 4(3)(b): 3 tries).
      if (verified.reason !== 'invalid') {
        await settleOperation(tx, record, {
          status: 'declined',
          reason: verified.reason === 'expired' ? 'expired' : 'wrong-code',
          at: now,
        });
        await operationsEnded(tx, ctx, [record]);
        await notifyOutcome(tx, ctx, record);
      }
      return { ok: false as const, problem: codeFailureProblem(ctx, verified) };
    }
    // The customer has just authenticated strongly: low-value exemptions count again from zero
    // (RTS art. 16), whatever the bank then makes of the operation itself.
    await resetLowValueAllowance(tx, record.customerId, now);
    await settleOperation(tx, record, await execute(tx, ctx, kind, record, now));
    await operationsEnded(tx, ctx, [record]);
    await notifyOutcome(tx, ctx, record);
    return { ok: true as const, record };
  });
  if (!outcome.ok) throw outcome.problem ?? (await deniedAccess(ctx, input, now));
  return toView(outcome.record, input.customerId, input.meta.language);
}

/**
 * A failed code in the customer's words. A wrong one says how many tries remain (sca). The last
 * wrong one, or a code past its time, has declined the operation, so no new code can come for
 * it: the answer says what to do next (start again; call the bank if the customer never asked
 * for a code, the memo's advice), and `nextStep` lets a client show the way.
 */
function codeFailureProblem(ctx: AppContext, verified: Parameters<typeof verifyFailureProblem>[0]): ProblemError {
  const problem = verifyFailureProblem(verified);
  if (verified.reason !== 'attempts-exceeded' && verified.reason !== 'expired') return problem;
  return new ProblemError(problem.code, {
    ...problem.options,
    detail: codeEndedDetail(verified.reason, ctx.config.contactCenterPhone),
    extensions: { ...problem.options.extensions, nextStep: 'start-again' },
  });
}

/** A new code for a waiting operation, after the resend pause and within the hourly caps. */
export async function resendOperationCode<Request, Details>(
  ctx: AppContext,
  kind: OperationKindHandler<Request, Details>,
  input: OperationInput,
): Promise<OperationView> {
  const now = ctx.clock.now();
  const customer = await findCustomerById(ctx.db, input.customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  const result = await ctx.db.transaction(async (tx) => {
    const record = await lockOwn(tx, kind, input);
    if (record?.status !== 'awaiting_confirmation' || !record.challengeId) return { record, resend: null };
    takeLock(tx, 'sca-challenge');
    const resend = await resendCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        challengeId: record.challengeId,
        smsText: operationCodeSms(ctx, record, customer),
        limits: ctx.config.codeRateLimits,
        meta: input.meta,
      },
    );
    if (resend.ok) await extendConfirmation(tx, record.id, resend.code.expiresAt);
    return { record, resend };
  });
  if (!result.record) throw new ProblemError(OperationProblem['transfer-not-found']);
  if (!result.resend) throw new ProblemError(OperationProblem['transfer-not-awaiting-confirmation']);
  if (!result.resend.ok) throw resendFailureProblem(result.resend);
  return toView(result.record, input.customerId, input.meta.language, {
    confirmation: {
      expiresAt: result.resend.code.expiresAt.toISOString(),
      resendAvailableAt: result.resend.code.resendAvailableAt.toISOString(),
    },
  });
}
