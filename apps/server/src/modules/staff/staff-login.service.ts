import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import { qrMatrix, qrSvg } from '../../shared/qr.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { verifyPassword } from '../auth/index.js';
import { countActiveSecurityKeys } from './security-keys.repo.js';
import { StaffProblem } from './staff.errors.js';
import { ENROLMENT_QR_LABEL } from './staff.messages.js';
import { enrolStaffTotp, findStaffCredentials, insertStaffLogin, readStaffLockedUntil, takeTotpStep } from './staff.repo.js';
import { isLocked, lockedProblem, registerStaffFailure } from './staff-lockout.js';
import {
  completeStaffLogin,
  loggedInOrThrow,
  openSecondFactor,
  refuseSecondFactor,
  type SecondFactorOutcome,
  type StaffLoggedIn,
} from './staff-second-factor.js';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.js';
import { openTotpSecret, sealTotpSecret } from './totp-at-rest.js';

/**
 * A staff login: username and password (step 1), then the second factor (step 2): the TOTP code,
 * which for a staff member not enrolled yet is the first code of the secret shown at step 1 by QR
 * and confirms it, or a security key the member added (security-key-login.service.ts).
 */

// Long enough to open an authenticator app (or scan the QR code and read the first code).
const STAFF_LOGIN_STEP_TTL_MS = 5 * 60_000;
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

/**
 * What step 2 offers: the TOTP code (and a security key too when the member has one), a security
 * key only (a member with keys and no TOTP), or, with neither, the TOTP enrolment by QR code.
 */
export type StaffLoginStarted =
  | { loginId: string; next: 'totp'; securityKey: boolean }
  | { loginId: string; next: 'security-key' }
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
  const securityKey = (await countActiveSecurityKeys(ctx.db, staff.id)) > 0;
  // SECURITY.md 7: a member with no second factor at all enrols TOTP now, before any session exists.
  const enrolSecret = staff.totpEnrolledAt || securityKey ? null : newTotpSecret();
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
  if (!enrolSecret) return staff.totpEnrolledAt ? { loginId, next: 'totp', securityKey } : { loginId, next: 'security-key' };
  // The secret leaves the server this once, to the person who just proved the password.
  const uri = otpauthUri(enrolSecret, staff.username);
  return {
    loginId,
    next: 'enroll-totp',
    otpauthUri: uri,
    qrSvg: qrSvg(await qrMatrix(uri), ENROLMENT_QR_SIZE_PX, ENROLMENT_QR_LABEL[staff.language]),
  };
}

/**
 * Step 2 by TOTP. RFC 6238 §5.2: a code is accepted once, so the step it matched is taken
 * (staff_totp_used) in the transaction that opens the session; a second use, or a code of a step
 * before the one last used, is refused and audited (staff.totp.reused). Every wrong or reused code
 * counts towards the lock, and is committed before the answer goes out.
 */
export async function confirmStaffTotp(
  ctx: AppContext,
  input: { loginId: string; code: string; meta: RequestMeta },
): Promise<StaffLoggedIn> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<SecondFactorOutcome> => {
    const opened = await openSecondFactor(tx, input.loginId, now);
    if (opened.kind !== 'open') return opened;
    const { login, staff } = opened;
    const sealed = login.enrolSecretSealed ?? opened.totpSecretSealed;
    // A member who signs in with security keys only has no secret to check a code against: a wrong code.
    const step = sealed === null ? null : matchTotp(openTotpSecret(ctx.config.keyring, staff.id, sealed), input.code, now.getTime());
    const taken = step !== null && (await takeTotpStep(tx, staff.id, step, now));
    if (!taken) {
      const factor = step === null ? 'totp' : 'totp-reused';
      return refuseSecondFactor(tx, { login, staff, factor, meta: input.meta, now, details: step === null ? {} : { step } });
    }
    if (login.enrolSecretSealed) {
      await enrolStaffTotp(tx, staff.id, login.enrolSecretSealed, now);
      await recordAudit(tx, { event: 'staff.totp.enrolled', meta: input.meta, details: { staffId: staff.id }, occurredAt: now });
    }
    return completeStaffLogin(tx, ctx, { login, staff, factor: 'totp', meta: input.meta, now });
  });
  return loggedInOrThrow(outcome, now, new ProblemError(StaffProblem['staff-code-invalid']));
}
