import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import { qrMatrix, qrSvg } from '../../shared/qr.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { verifyPassword } from '../auth/index.js';
import { StaffProblem } from './staff.errors.js';
import { ENROLMENT_QR_LABEL } from './staff.messages.js';
import {
  enrolStaffTotp,
  findStaffCredentials,
  insertStaffLogin,
  lockStaffLogin,
  lockStaffTotp,
  readStaffLockedUntil,
  type StaffLoginRow,
  type StaffUser,
  takeTotpStep,
  updateStaffLogin,
} from './staff.repo.js';
import { clearStaffFailures, isLocked, lockedProblem, registerStaffFailure, type StaffFailureFactor } from './staff-lockout.js';
import { createStaffSession, type NewStaffSession } from './staff-sessions.js';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.js';
import { openTotpSecret, sealTotpSecret } from './totp-at-rest.js';

/**
 * A staff login: username and password (step 1), then the TOTP code (step 2), which for a staff
 * member not enrolled yet is the first code of the secret shown at step 1 by QR, and confirms it.
 */

// Long enough to open an authenticator app (or scan the QR code and read the first code).
const STAFF_LOGIN_STEP_TTL_MS = 5 * 60_000;
// Wrong codes on one step 1 before it must be started again; each also counts towards the lock.
const STAFF_CODE_TRIES_PER_LOGIN_MAX = 5;
// The enrolment QR code's side in CSS pixels: an authenticator reads it from across a desk.
const ENROLMENT_QR_SIZE_PX = 240;

/** The longest login the step 1 takes: a username is at most 64 characters. */
export const STAFF_LOGIN_LENGTH_MAX = 64;

/**
 * The username as it is stored and locked: what was typed, trimmed and lowercased, and cut to the
 * longest username (lowercasing can lengthen a few letters, and the lock is kept for any name).
 */
export function normalizeUsername(login: string): string {
  return login.trim().toLowerCase().slice(0, STAFF_LOGIN_LENGTH_MAX);
}

export type StaffLoginStarted =
  | { loginId: string; next: 'totp' }
  | { loginId: string; next: 'enroll-totp'; otpauthUri: string; qrSvg: string };

/**
 * Step 1. A lock is checked first (the cheap check, SECURITY.md 37), then the password through the
 * Argon2 pool, against a dummy hash for an unknown username (verifyPassword), so an unknown name,
 * a disabled account and a wrong password cost the same and answer the same: 401, and 423 once
 * ten failures have locked the name as typed.
 */
export async function startStaffLogin(
  ctx: AppContext,
  input: { login: string; password: string; meta: RequestMeta },
): Promise<StaffLoginStarted> {
  const username = normalizeUsername(input.login);
  const now = ctx.clock.now();
  const lockedUntil = await readStaffLockedUntil(ctx.db, username);
  if (isLocked(lockedUntil, now)) throw lockedProblem(lockedUntil, now);
  const found = await findStaffCredentials(ctx.db, username);
  const passwordOk = await verifyPassword(found?.passwordHash ?? null, input.password);
  const staff = found && passwordOk && found.staff.status === 'active' ? found.staff : null;
  if (!staff) {
    const failed = await ctx.db.transaction((tx) =>
      registerStaffFailure(tx, {
        username,
        staffId: found?.staff.id ?? null,
        factor: 'password',
        meta: input.meta,
        now,
        details: found ? { passwordOk, status: found.staff.status } : {},
      }),
    );
    if (isLocked(failed.lockedUntil, now)) throw lockedProblem(failed.lockedUntil, now);
    throw new ProblemError(StaffProblem['staff-login-failed']);
  }
  const loginId = newId('stl');
  const enrolSecret = staff.totpEnrolledAt ? null : newTotpSecret();
  await ctx.db.transaction(async (tx) => {
    await insertStaffLogin(tx, {
      id: loginId,
      staffId: staff.id,
      enrolSecretSealed: enrolSecret ? sealTotpSecret(ctx.config.keyring, staff.id, enrolSecret) : null,
      ip: input.meta.ip,
      now,
      expiresAt: new Date(now.getTime() + STAFF_LOGIN_STEP_TTL_MS),
    });
    await recordAudit(tx, {
      event: 'staff.login.password_ok',
      meta: input.meta,
      details: { staffId: staff.id, loginId, enrolment: enrolSecret !== null },
      occurredAt: now,
    });
  });
  if (!enrolSecret) return { loginId, next: 'totp' };
  // The secret leaves the server this once, to the person who just proved the password.
  const uri = otpauthUri(enrolSecret, staff.username);
  return {
    loginId,
    next: 'enroll-totp',
    otpauthUri: uri,
    qrSvg: qrSvg(await qrMatrix(uri), ENROLMENT_QR_SIZE_PX, ENROLMENT_QR_LABEL[staff.language]),
  };
}

export interface StaffLoggedIn {
  staff: StaffUser;
  session: NewStaffSession;
}

type CodeOutcome =
  | { kind: 'ok'; result: StaffLoggedIn }
  | { kind: 'expired' }
  | { kind: 'invalid' }
  | { kind: 'locked'; lockedUntil: Date };

/**
 * Step 2: the TOTP code. RFC 6238 §5.2: a code is accepted once, so the step it matched is taken
 * (staff_totp_used) in the transaction that opens the session; a second use, or a code of a step
 * before the one last used, is refused and audited (staff.totp.reused). Every wrong or reused code
 * counts towards the lock, and is committed before the answer goes out.
 */
export async function confirmStaffTotp(
  ctx: AppContext,
  input: { loginId: string; code: string; meta: RequestMeta },
): Promise<StaffLoggedIn> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<CodeOutcome> => {
    const login = await lockStaffLogin(tx, input.loginId);
    if (login?.status !== 'pending' || login.expiresAt <= now) return { kind: 'expired' };
    const holder = await lockStaffTotp(tx, login.staffId);
    if (holder?.staff.status !== 'active') {
      await updateStaffLogin(tx, login.id, { codeTries: login.codeTries, status: 'failed' });
      return { kind: 'expired' };
    }
    const { staff } = holder;
    // A lock taken since step 1 (by this login's codes or by passwords tried on the name) holds here too.
    const lockedUntil = await readStaffLockedUntil(tx, staff.username);
    if (isLocked(lockedUntil, now)) {
      await updateStaffLogin(tx, login.id, { codeTries: login.codeTries, status: 'failed' });
      return { kind: 'locked', lockedUntil };
    }
    const sealed = login.enrolSecretSealed ?? holder.totpSecretSealed;
    assert(sealed !== null, 'a staff login step 1 without a TOTP secret to check');
    const step = matchTotp(openTotpSecret(ctx.config.keyring, staff.id, sealed), input.code, now.getTime());
    const taken = step !== null && (await takeTotpStep(tx, staff.id, step, now));
    if (!taken) return refuseCode(tx, { login, staff, factor: step === null ? 'totp' : 'totp-reused', step, meta: input.meta, now });
    if (login.enrolSecretSealed) {
      await enrolStaffTotp(tx, staff.id, login.enrolSecretSealed, now);
      await recordAudit(tx, { event: 'staff.totp.enrolled', meta: input.meta, details: { staffId: staff.id }, occurredAt: now });
    }
    await clearStaffFailures(tx, staff.username, now);
    await updateStaffLogin(tx, login.id, { codeTries: login.codeTries, status: 'succeeded' });
    const session = await createStaffSession(tx, ctx, { staffId: staff.id, meta: input.meta, now });
    await recordAudit(tx, {
      event: 'staff.login.succeeded',
      meta: input.meta,
      details: { staffId: staff.id, sessionId: session.sessionId, role: staff.role },
      occurredAt: now,
    });
    return { kind: 'ok', result: { staff, session } };
  });
  switch (outcome.kind) {
    case 'ok':
      return outcome.result;
    case 'expired':
      throw new ProblemError(StaffProblem['staff-login-expired']);
    case 'invalid':
      throw new ProblemError(StaffProblem['staff-code-invalid']);
    case 'locked':
      throw lockedProblem(outcome.lockedUntil, now);
  }
}

async function refuseCode(
  tx: Tx,
  input: { login: StaffLoginRow; staff: StaffUser; factor: StaffFailureFactor; step: number | null; meta: RequestMeta; now: Date },
): Promise<CodeOutcome> {
  const { login, staff, now } = input;
  const failed = await registerStaffFailure(tx, {
    username: staff.username,
    staffId: staff.id,
    factor: input.factor,
    meta: input.meta,
    now,
    details: { loginId: login.id, ...(input.step === null ? {} : { step: input.step }) },
  });
  const codeTries = login.codeTries + 1;
  const over = codeTries >= STAFF_CODE_TRIES_PER_LOGIN_MAX || isLocked(failed.lockedUntil, now);
  await updateStaffLogin(tx, login.id, { codeTries, status: over ? 'failed' : 'pending' });
  return isLocked(failed.lockedUntil, now) ? { kind: 'locked', lockedUntil: failed.lockedUntil } : { kind: 'invalid' };
}
