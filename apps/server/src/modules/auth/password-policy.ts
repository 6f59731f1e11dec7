import { type FieldError, ProblemError } from '../../shared/problem.js';
import { AuthProblem, type AuthProblemCode } from './auth.errors.js';
import type { PasswordProblem } from './passwords.js';

/** Every way a new password can break the policy (ASVS 2.1), and what the customer is told. */
const POLICY_PROBLEMS: Readonly<Record<PasswordProblem, { code: AuthProblemCode; error: FieldError }>> = {
  'too-short': { code: 'password-too-short', error: { pointer: '/password', detail: 'too short' } },
  'too-long': { code: 'password-too-long', error: { pointer: '/password', detail: 'too long' } },
  common: { code: 'password-common', error: { pointer: '/password', detail: 'common or breached' } },
};

export function passwordPolicyProblem(problem: PasswordProblem): ProblemError {
  const { code, error } = POLICY_PROBLEMS[problem];
  return new ProblemError(AuthProblem[code], { errors: [error] });
}
