import type { AppContext } from '../../context.js';
import type { Language } from '../../shared/i18n.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { AuthProblem } from './auth.errors.js';
import { clearFailures, isPasswordPathLocked, registerFailure } from './lockout.js';
import { verifyPassword } from './passwords.js';
import { passwordHashOf } from './passwords.repo.js';

/**
 * The current password, asked again by a signed-in customer before a change of authenticator
 * (modules/phone-change: a new phone number). As in "change password" (password.service.ts):
 * SECURITY.md 36, a wrong one counts towards the login lock, and while the lock holds even the
 * right one is refused (or the lock would be an oracle); SECURITY.md 37, the lock is looked at
 * before the Argon2 work. Throws the problem the customer sees; returns when the password is right.
 */
export async function confirmCurrentPassword(
  ctx: AppContext,
  customer: { id: string; phone: string; language: Language },
  input: { password: string; purpose: 'phone-change'; meta: RequestMeta },
): Promise<void> {
  const now = ctx.clock.now();
  const locked = new ProblemError(AuthProblem['password-change-locked']);
  const isLocked = await ctx.db.transaction(async (tx) => {
    if (!(await isPasswordPathLocked(tx, customer.id, now))) return false;
    await recordAudit(tx, {
      event: 'password.change_refused',
      customerId: customer.id,
      meta: input.meta,
      details: { reason: 'locked', purpose: input.purpose },
      occurredAt: now,
    });
    return true;
  });
  if (isLocked) throw locked;
  if (!(await verifyPassword(await passwordHashOf(ctx.db, customer.id), input.password))) {
    const failure = await ctx.db.transaction((tx) =>
      registerFailure(tx, ctx, { customer, meta: input.meta, now, factor: 'current-password' }),
    );
    throw failure.locked ? locked : new ProblemError(AuthProblem['current-password-wrong']);
  }
  // A right password ends the run of failures, as a login does; it lifts no lock (there is none here).
  await ctx.db.transaction((tx) => clearFailures(tx, customer.id, { unlock: false }));
}
