import type { PasswordPort } from '../../context.js';
import { passwordPolicyProblem } from './password-policy.js';
import { checkPasswordPolicy, hashPassword } from './passwords.js';
import { insertPasswordHash } from './passwords.repo.js';

/**
 * The passwords port (context.ts) that identity uses to give a new customer their first password,
 * at registration and for the demo data: the policy and the Argon2 hash before the transaction,
 * the row of auth_passwords inside it. Changing and resetting a password is password.service.ts.
 */
export const customerPasswords: PasswordPort = {
  async prepare(password) {
    const policy = checkPasswordPolicy(password);
    if (policy) throw passwordPolicyProblem(policy);
    return { passwordHash: await hashPassword(password) };
  },
  async store(tx, customerId, prepared, now) {
    await insertPasswordHash(tx, customerId, prepared.passwordHash, now);
  },
};
