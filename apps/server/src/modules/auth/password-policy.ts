import { ProblemError } from '../../shared/problem.js';
import { AuthProblem } from './auth.errors.js';
import type { PasswordProblem } from './passwords.js';

export function passwordPolicyProblem(problem: PasswordProblem): ProblemError {
  switch (problem) {
    case 'too-short':
      return new ProblemError(AuthProblem['password-too-short'], { errors: [{ pointer: '/password', detail: 'too short' }] });
    case 'too-long':
      return new ProblemError(AuthProblem['password-too-long'], { errors: [{ pointer: '/password', detail: 'too long' }] });
    case 'common':
      return new ProblemError(AuthProblem['password-common'], { errors: [{ pointer: '/password', detail: 'common or breached' }] });
  }
}
