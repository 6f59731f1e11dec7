import type { Tx } from '../../db/database.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { StaffProblem } from './staff.errors.js';
import { lockStaffLockout, updateStaffLockout } from './staff.repo.js';

// PCI DSS 8.3.4: after at most 10 failed attempts the account is locked for at least 30 minutes.
export const STAFF_FAILURES_MAX = 10;
export const STAFF_LOCK_MS = 30 * 60_000;
const MS_PER_S = 1000;
const S_PER_MINUTE = 60;

export type StaffFailureFactor = 'password' | 'totp' | 'totp-reused' | 'security-key' | 'security-key-cloned';

const FAILURE_EVENTS = {
  password: 'staff.login.failed',
  totp: 'staff.totp.failed',
  'totp-reused': 'staff.totp.reused',
  'security-key': 'staff.security_key.failed',
  // A valid signature whose counter went backwards: the key may have been copied (SECURITY.md 4).
  'security-key-cloned': 'staff.security_key.sign_count_regressed',
} as const satisfies Record<StaffFailureFactor, string>;

/**
 * Counts one failure (a wrong password, a wrong or reused code, a refused security key) against
 * the username as typed, whether it names a staff member or not, and the tenth in a row locks it
 * for 30 minutes. The same rows and writes either way, so neither the answers nor their timing
 * tell which usernames exist. A lock that has run out starts the count again.
 */
export async function registerStaffFailure(
  tx: Tx,
  attempt: {
    username: string;
    staffId: string | null;
    factor: StaffFailureFactor;
    meta: RequestMeta;
    now: Date;
    details?: Record<string, unknown>;
  },
): Promise<{ lockedUntil: Date | null }> {
  const { username, now } = attempt;
  const row = await lockStaffLockout(tx, username, now);
  const lockHolds = row.lockedUntil !== null && row.lockedUntil > now;
  // The lock set the count to 0, so a lock that has run out starts it again from there.
  const failures = lockHolds ? row.failures : row.failures + 1;
  await recordAudit(tx, {
    event: FAILURE_EVENTS[attempt.factor],
    meta: attempt.meta,
    details: { staffId: attempt.staffId, username, knownLogin: attempt.staffId !== null, consecutive: failures, ...attempt.details },
    occurredAt: now,
  });
  if (lockHolds) return { lockedUntil: row.lockedUntil };
  if (failures < STAFF_FAILURES_MAX) {
    await updateStaffLockout(tx, username, { failures, lockedUntil: null, now });
    return { lockedUntil: null };
  }
  const lockedUntil = new Date(now.getTime() + STAFF_LOCK_MS);
  await updateStaffLockout(tx, username, { failures: 0, lockedUntil, now });
  await recordAudit(tx, {
    event: 'staff.login.locked',
    meta: attempt.meta,
    details: { staffId: attempt.staffId, username, lockedUntil: lockedUntil.toISOString() },
    occurredAt: now,
  });
  return { lockedUntil };
}

/** A full login: the count starts again. */
export async function clearStaffFailures(tx: Tx, username: string, now: Date): Promise<void> {
  await lockStaffLockout(tx, username, now);
  await updateStaffLockout(tx, username, { failures: 0, lockedUntil: null, now });
}

export function isLocked(lockedUntil: Date | null, now: Date): lockedUntil is Date {
  return lockedUntil !== null && lockedUntil > now;
}

/** 423 with Retry-After (RFC 9110 §10.2.3), in whole seconds and, in the title, minutes. */
export function lockedProblem(lockedUntil: Date, now: Date): ProblemError {
  const retryAfterS = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / MS_PER_S));
  return new ProblemError(StaffProblem['staff-locked'], {
    headers: { 'retry-after': String(retryAfterS) },
    values: { minutes: Math.ceil(retryAfterS / S_PER_MINUTE) },
    extensions: { retryAfterSeconds: retryAfterS },
  });
}
