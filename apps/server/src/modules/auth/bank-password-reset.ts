import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { queueSms } from '../notifications/index.js';
import { bankPasswordResetNotice } from './auth.messages.js';
import { failPendingLogins } from './login.repo.js';
import { hashPassword } from './passwords.js';
import { failPendingPasswordResets, updatePasswordHash } from './passwords.repo.js';
import { endSessionsInTx } from './sessions.js';
import { lockLiveSessionsOf } from './sessions.repo.js';

/**
 * "Reset password" from a security case (modules/incidents, issue 13 item 7): the customer's
 * password may be known to someone else, so it stops working now, and the customer sets a new
 * one themselves through "forgot password" (password.service.ts: a code to the phone and the
 * IIN), which the bank tells them by SMS.
 *
 * The password is not removed but replaced by the Argon2id hash of 32 random bytes that are
 * thrown away. A login with the old password then takes the very path of any wrong password:
 * the same Argon2 cost, the same failure counted towards the lock, the same answer, no code
 * sent (RTS 4(3)(a)). A missing or malformed hash would instead answer faster, or look like an
 * unknown phone (login.service.ts), and so tell a tester "this password was reset by the bank".
 *
 * Bound devices (PIN, fingerprint) stay. A device login never uses the password: it needs the
 * device's private key and the PIN or the fingerprint on that device, and binding a new device
 * needs a fresh SMS code bound to it (SECURITY.md 32), so knowing the password never made a
 * device. Revoking them would take from the customer the one way in that still works while they
 * wait for the reset (SECURITY.md 38), and give a thief nothing. When the case suggests a device
 * is not the customer's (a code was told, the phone was lost), the officer revokes that device
 * or blocks from the same case; those are separate actions on purpose.
 */

/** Made before the transaction: Argon2 is never computed while row locks are held (SECURITY.md 37). */
export interface PreparedBankPasswordReset {
  readonly passwordHash: string;
}

// As many random bytes as a session token: nobody will guess them, and nobody keeps them.
const UNUSABLE_SECRET_BYTES = 32;

/** May throw the 503 problem `password-check-busy` (the bounded Argon2 pool), like any hash. */
export async function prepareBankPasswordReset(): Promise<PreparedBankPasswordReset> {
  return { passwordHash: await hashPassword(randomBytes(UNUSABLE_SECRET_BYTES).toString('base64url')) };
}

export interface BankPasswordResetDone {
  sessionsEnded: number;
  /** Logins and "forgot password" resets that were waiting for their code, now failed. */
  pendingStepsFailed: number;
}

/**
 * Inside the case's transaction (the caller has checked the staff member's right and the case,
 * and records the case's own step). Null when the customer does not exist. Repeating it is
 * harmless: the password is unusable again, nothing is left to end, and the customer is told again.
 */
export async function resetPasswordByBank(
  tx: Tx,
  ctx: AppContext,
  input: { customerId: string; caseId: string; staffId: string; prepared: PreparedBankPasswordReset; meta: RequestMeta; now: Date },
): Promise<BankPasswordResetDone | null> {
  assert(tx.inTransaction, 'the password is reset in the transaction of the case step that asks for it');
  const customer = await findCustomerById(tx, input.customerId);
  if (!customer) return null;
  // Lock order: the pending steps (as confirmLogin and completePasswordReset lock their own row
  // first), then the sessions by id (as changePassword does before it writes the password), then
  // the password, then the audit chain.
  // A login whose password step passed a moment ago, or a reset whose code someone has, must not
  // finish with the password the bank just took away: both fail now.
  const pendingStepsFailed =
    (await failPendingLogins(tx, customer.id, input.now)) + (await failPendingPasswordResets(tx, customer.id, input.now));
  await lockLiveSessionsOf(tx, customer.id);
  await updatePasswordHash(tx, customer.id, input.prepared.passwordHash, input.now);
  const sessionsEnded = await endSessionsInTx(tx, {
    customerId: customer.id,
    sessionIds: 'all',
    reason: 'password-reset-by-bank',
    meta: input.meta,
    now: input.now,
  });
  await recordAudit(tx, {
    event: 'password.reset_by_bank',
    customerId: customer.id,
    meta: input.meta,
    details: { staffId: input.staffId, caseId: input.caseId, sessionsEnded, pendingStepsFailed },
    occurredAt: input.now,
  });
  await queueSms(tx, {
    to: customer.phone,
    text: bankPasswordResetNotice(customer.language, ctx.config.officialDomain, ctx.config.contactCenterPhone),
    purpose: 'password-reset-by-bank',
  });
  return { sessionsEnded, pendingStepsFailed };
}
