import type { Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { queueSms } from '../notifications/index.js';
import { lockNotice } from './auth.messages.js';

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

interface LockoutRow {
  failures: number;
  locks: number;
  locked_until: Date | null;
}

/** Locks the customer's counter row for this transaction: parallel attempts count one by one. */
async function lockRow(tx: Tx, customerId: string): Promise<LockoutRow> {
  await tx.query('INSERT INTO auth_lockouts (customer_id) VALUES ($1) ON CONFLICT (customer_id) DO NOTHING', [customerId]);
  const { rows } = await tx.query<LockoutRow>('SELECT failures, locks, locked_until FROM auth_lockouts WHERE customer_id = $1 FOR UPDATE', [
    customerId,
  ]);
  return rows[0] as LockoutRow;
}

/**
 * The lock closes the password path (login, and the current password in "change password"), not
 * the customer: a device bound to them still logs in with its key and PIN or biometrics, which a
 * stranger who only knows the phone number cannot do (SECURITY.md 38, docs/adr/0003).
 */
export async function isPasswordPathLocked(tx: Tx, customerId: string, now: Date): Promise<boolean> {
  const row = await lockRow(tx, customerId);
  return row.locked_until !== null && row.locked_until > now;
}

export interface FailureContext {
  customerId: string;
  phone: string;
  language: Language;
  domain: string;
  contactPhone: string;
  meta: RequestMeta;
  now: Date;
  factor: 'password' | 'code' | 'current-password';
}

/** Counts one failure; the fifth in a row locks the customer and tells them by SMS. */
export async function registerFailure(tx: Tx, input: FailureContext): Promise<{ locked: boolean }> {
  const row = await lockRow(tx, input.customerId);
  await recordAudit(tx, {
    event: 'login.failed',
    customerId: input.customerId,
    meta: input.meta,
    details: { factor: input.factor, consecutive: row.failures + 1 },
    occurredAt: input.now,
  });
  if (row.locked_until && row.locked_until > input.now) return { locked: true };
  const failures = row.failures + 1;
  if (failures < LOGIN_FAILURES_MAX) {
    await tx.query('UPDATE auth_lockouts SET failures = $2 WHERE customer_id = $1', [input.customerId, failures]);
    return { locked: false };
  }
  const lockedUntil = new Date(input.now.getTime() + lockDurationMs(row.locks));
  await tx.query('UPDATE auth_lockouts SET failures = 0, locks = locks + 1, locked_until = $2 WHERE customer_id = $1', [
    input.customerId,
    lockedUntil,
  ]);
  await recordAudit(tx, {
    event: 'login.locked',
    customerId: input.customerId,
    meta: input.meta,
    details: { lockedUntil: lockedUntil.toISOString() },
    occurredAt: input.now,
  });
  await queueSms(tx, {
    to: input.phone,
    text: lockNotice(input.language, input.domain, input.contactPhone, lockedUntil),
    purpose: 'login-locked',
  });
  return { locked: true };
}

export async function clearFailures(tx: Tx, customerId: string, options: { unlock: boolean }): Promise<void> {
  await tx.query(
    `UPDATE auth_lockouts SET failures = 0 ${options.unlock ? ', locked_until = NULL, locks = 0' : ''} WHERE customer_id = $1`,
    [customerId],
  );
}
