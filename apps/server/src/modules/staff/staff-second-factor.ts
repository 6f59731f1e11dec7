import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { StaffProblem } from './staff.errors.js';
import { lockStaffLogin, lockStaffTotp, readStaffLockedUntil, type StaffLoginRow, type StaffUser, updateStaffLogin } from './staff.repo.js';
import { clearStaffFailures, isLocked, lockedProblem, registerStaffFailure, type StaffFailureFactor } from './staff-lockout.js';
import { createStaffSession, type NewStaffSession } from './staff-sessions.js';

/**
 * Step 2 of a staff login, whichever the factor (a TOTP code, staff-login.service.ts, or a security
 * key, security-key-login.service.ts): the same pending login, the same lock, the same count of
 * tries, and the same session at the end. Lock order: the login row, then the staff row, then (for
 * a key) the key row.
 */

// Wrong answers on one step 1 before it must be started again; each also counts towards the lock.
export const STAFF_SECOND_FACTOR_TRIES_PER_LOGIN_MAX = 5;

export type SecondFactor = 'totp' | 'security-key';

export interface StaffLoggedIn {
  staff: StaffUser;
  session: NewStaffSession;
}

export type SecondFactorOutcome =
  | { kind: 'ok'; result: StaffLoggedIn }
  | { kind: 'expired' }
  | { kind: 'invalid' }
  | { kind: 'locked'; lockedUntil: Date };

export type OpenedLogin =
  | { kind: 'open'; login: StaffLoginRow; staff: StaffUser; totpSecretSealed: string | null }
  | Exclude<SecondFactorOutcome, { kind: 'ok' | 'invalid' }>;

/**
 * Locks the pending login and its staff member, and checks that both can still log in: the login
 * pending and in time, the member active, and no lock taken since step 1 (by this login's answers
 * or by passwords tried on the name).
 */
export async function openSecondFactor(tx: Tx, loginId: string, now: Date): Promise<OpenedLogin> {
  const login = await lockStaffLogin(tx, loginId);
  if (login?.status !== 'pending' || login.expiresAt <= now) return { kind: 'expired' };
  const holder = await lockStaffTotp(tx, login.staffId);
  if (holder?.staff.status !== 'active') {
    await updateStaffLogin(tx, login.id, { codeTries: login.codeTries, status: 'failed' });
    return { kind: 'expired' };
  }
  const lockedUntil = await readStaffLockedUntil(tx, holder.staff.username);
  if (isLocked(lockedUntil, now)) {
    await updateStaffLogin(tx, login.id, { codeTries: login.codeTries, status: 'failed' });
    return { kind: 'locked', lockedUntil };
  }
  return { kind: 'open', login, staff: holder.staff, totpSecretSealed: holder.totpSecretSealed };
}

/** The factor was right: the count starts again, the login is done, and the staff session starts. */
export async function completeStaffLogin(
  tx: Tx,
  ctx: AppContext,
  input: { login: StaffLoginRow; staff: StaffUser; factor: SecondFactor; meta: RequestMeta; now: Date; details?: Record<string, unknown> },
): Promise<SecondFactorOutcome> {
  const { login, staff, now } = input;
  await clearStaffFailures(tx, staff.username, now);
  await updateStaffLogin(tx, login.id, { codeTries: login.codeTries, status: 'succeeded' });
  const session = await createStaffSession(tx, ctx, { staffId: staff.id, meta: input.meta, now });
  await recordAudit(tx, {
    event: 'staff.login.succeeded',
    meta: input.meta,
    details: { staffId: staff.id, sessionId: session.sessionId, role: staff.role, factor: input.factor, ...input.details },
    occurredAt: now,
  });
  return { kind: 'ok', result: { staff, session } };
}

/**
 * A wrong answer: it counts towards the lock (audited by its factor's event) and towards this
 * login's tries; the fifth, or a lock, ends the login. Committed before the answer goes out.
 */
export async function refuseSecondFactor(
  tx: Tx,
  input: {
    login: StaffLoginRow;
    staff: StaffUser;
    factor: StaffFailureFactor;
    meta: RequestMeta;
    now: Date;
    details?: Record<string, unknown>;
  },
): Promise<SecondFactorOutcome> {
  const { login, staff, now } = input;
  const failed = await registerStaffFailure(tx, {
    username: staff.username,
    staffId: staff.id,
    factor: input.factor,
    meta: input.meta,
    now,
    details: { loginId: login.id, ...input.details },
  });
  const codeTries = login.codeTries + 1;
  const over = codeTries >= STAFF_SECOND_FACTOR_TRIES_PER_LOGIN_MAX || isLocked(failed.lockedUntil, now);
  await updateStaffLogin(tx, login.id, { codeTries, status: over ? 'failed' : 'pending' });
  return isLocked(failed.lockedUntil, now) ? { kind: 'locked', lockedUntil: failed.lockedUntil } : { kind: 'invalid' };
}

/** The outcome as the route needs it: the session, or the problem (`invalid` says which factor failed). */
export function loggedInOrThrow(outcome: SecondFactorOutcome, now: Date, invalid: ProblemError): StaffLoggedIn {
  switch (outcome.kind) {
    case 'ok':
      return outcome.result;
    case 'expired':
      throw new ProblemError(StaffProblem['staff-login-expired']);
    case 'invalid':
      throw invalid;
    case 'locked':
      throw lockedProblem(outcome.lockedUntil, now);
  }
}
