import { ProblemError } from '../../shared/problem.js';
import type { FieldError } from './fields.js';
import { PaymentsProblem } from './payments.errors.js';

/** The fields the provider's rules refused, one entry each (`/fields/<name>`), as one 422. */
export function fieldsProblem(errors: readonly FieldError[]): ProblemError {
  return new ProblemError(PaymentsProblem['payment-fields-invalid'], {
    errors: errors.map((error) => ({ pointer: error.pointer, detail: error.detail })),
  });
}
