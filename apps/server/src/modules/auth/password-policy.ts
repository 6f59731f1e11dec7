import { type FieldError, ProblemError } from '../../shared/problem.js';
import { AuthProblem, type AuthProblemCode } from './auth.errors.js';
import type { PasswordProblem } from './passwords.js';

/** Every way a new password can break the policy (ASVS 2.1), and what the customer is told. */
const POLICY_PROBLEMS: Readonly<Record<PasswordProblem, { code: AuthProblemCode; error: FieldError }>> = {
  'too-short': {
    code: 'password-too-short',
    error: { pointer: '/password', detail: { ru: 'Слишком короткий', kk: 'Тым қысқа', en: 'Too short' } },
  },
  'too-long': {
    code: 'password-too-long',
    error: { pointer: '/password', detail: { ru: 'Слишком длинный', kk: 'Тым ұзын', en: 'Too long' } },
  },
  common: {
    code: 'password-common',
    error: {
      pointer: '/password',
      detail: {
        ru: 'Слишком распространённый или уже утёк',
        kk: 'Тым кең таралған немесе бұрын тарап кеткен',
        en: 'Too common, or found in a breach',
      },
    },
  },
};

export function passwordPolicyProblem(problem: PasswordProblem): ProblemError {
  const { code, error } = POLICY_PROBLEMS[problem];
  return new ProblemError(AuthProblem[code], { errors: [error] });
}
