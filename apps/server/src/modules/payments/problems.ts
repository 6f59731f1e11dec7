import type { AppContext } from '../../context.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import type { FieldError } from './fields.js';
import { PaymentsProblem } from './payments.errors.js';

/** The fields the provider's rules refused, one entry each (`/fields/<name>`), as one 422. */
export function fieldsProblem(errors: readonly FieldError[]): ProblemError {
  return new ProblemError(PaymentsProblem['payment-fields-invalid'], {
    errors: errors.map((error) => ({ pointer: error.pointer, detail: error.detail })),
  });
}

/**
 * Another customer's account, payment, favourite or schedule is answered as none at all
 * (SECURITY.md 23), and the attempt is audited.
 */
export async function notYoursProblem(
  ctx: AppContext,
  customerId: string,
  meta: RequestMeta,
  resource: string,
  id: string,
): Promise<ProblemError> {
  await recordAuditAlone(ctx.db, { event: 'access.denied', customerId, meta, details: { resource, id }, occurredAt: ctx.clock.now() });
  return new ProblemError(CommonProblem['not-found']);
}
