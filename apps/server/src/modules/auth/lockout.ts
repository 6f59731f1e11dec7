import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { queueSms } from '../notifications/index.js';
import { lockNotice } from './auth.messages.js';
import { lockLockout, lockPasswordPath, resetLockout, updateLockoutFailures } from './login.repo.js';

// RTS 4(3)(b): no more than 5 failed attempts in a row before a temporary block.
export const LOGIN_FAILURES_MAX = 5;
// Each lock lasts longer than the one before: 5 min, 15 min, 45 min ... capped at 24 h. A lock
// never becomes permanent; a password reset by SMS code and IIN lifts it (RTS 4(4)).
const LOCK_BASE_MS = 5 * 60_000;
const LOCK_GROWTH = 3;
const LOCK_CAP_MS = 24 * 60 * 60_000;

export function lockDurationMs(previousLocks: number): number {
  return Math.min(LOCK_CAP_MS, LOCK_BASE_MS * LOCK_GROWTH ** Math.min(previousLocks, 10));
}

/**
 * The lock closes the password path (login, and the current password in "change password"), not
 * the customer: a device bound to them still logs in with its key and PIN or biometrics, which a
 * stranger who only knows the phone number cannot do (SECURITY.md 38, docs/adr/0003).
 */
export async function isPasswordPathLocked(tx: Tx, customerId: string, now: Date): Promise<boolean> {
  const row = await lockLockout(tx, customerId);
  return row.locked_until !== null && row.locked_until > now;
}

export interface FailedAttempt {
  customer: { id: string; phone: string; language: Language };
  meta: RequestMeta;
  now: Date;
  factor: 'password' | 'code' | 'current-password';
}

/**
 * Counts one failure; the fifth in a row locks the customer and tells them by SMS, naming the end
 * of the lock on the bank's clock (BANK_TIME_ZONE), the domain and whom to call.
 */
export async function registerFailure(tx: Tx, ctx: AppContext, attempt: FailedAttempt): Promise<{ locked: boolean }> {
  const { customer, meta, now } = attempt;
  const row = await lockLockout(tx, customer.id);
  await recordAudit(tx, {
    event: 'login.failed',
    customerId: customer.id,
    meta,
    details: { factor: attempt.factor, consecutive: row.failures + 1 },
    occurredAt: now,
  });
  if (row.locked_until && row.locked_until > now) return { locked: true };
  const failures = row.failures + 1;
  if (failures < LOGIN_FAILURES_MAX) {
    await updateLockoutFailures(tx, customer.id, failures);
    return { locked: false };
  }
  const lockedUntil = new Date(now.getTime() + lockDurationMs(row.locks));
  await lockPasswordPath(tx, customer.id, lockedUntil);
  await recordAudit(tx, {
    event: 'login.locked',
    customerId: customer.id,
    meta,
    details: { lockedUntil: lockedUntil.toISOString() },
    occurredAt: now,
  });
  const { officialDomain, contactCenterPhone, bankTimeZone } = ctx.config;
  await queueSms(tx, {
    to: customer.phone,
    text: lockNotice(customer.language, officialDomain, contactCenterPhone, lockedUntil, bankTimeZone),
    purpose: 'login-locked',
  });
  return { locked: true };
}

export async function clearFailures(tx: Tx, customerId: string, options: { unlock: boolean }): Promise<void> {
  await resetLockout(tx, customerId, options);
}
