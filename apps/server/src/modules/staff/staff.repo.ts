import type { Queryable, Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import type { StaffRole } from './permissions.js';

// ---- staff_users (migration 0020). Status transitions: active -> disabled -> active ----

export type StaffStatus = 'active' | 'disabled';

/** A staff member as every reader sees them: never the password hash nor the TOTP secret. */
export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  language: Language;
  status: StaffStatus;
  totpEnrolledAt: Date | null;
  /** Set by an admin's creation: the initial password must be replaced after the first login (migration 0028). */
  passwordChangeRequired: boolean;
  createdAt: Date;
}

const STAFF_COLUMNS = 'id, username, display_name, role, language, status, totp_enrolled_at, password_change_required, created_at';

interface StaffDbRow {
  id: string;
  username: string;
  display_name: string;
  role: StaffRole;
  language: Language;
  status: StaffStatus;
  totp_enrolled_at: Date | null;
  password_change_required: boolean;
  created_at: Date;
}

function staffOfRow(row: StaffDbRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    language: row.language,
    status: row.status,
    totpEnrolledAt: row.totp_enrolled_at,
    passwordChangeRequired: row.password_change_required,
    createdAt: row.created_at,
  };
}

/** False when the username is taken (the unique constraint decides, so two at once insert one). */
export async function insertStaffUser(
  tx: Tx,
  staff: {
    id: string;
    username: string;
    displayName: string;
    role: StaffRole;
    language: Language;
    passwordHash: string;
    totpSecretSealed: string | null;
    /** Only the demo seeder (demo.ts) sets it. */
    demo: boolean;
    createdBy: string | null;
    /** The password was typed by someone else (an admin): the member replaces it after their first login. */
    passwordChangeRequired: boolean;
    now: Date;
  },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO staff_users (id, username, display_name, role, language, password_hash, totp_secret_sealed, totp_enrolled_at,
                              demo, created_by, password_change_required, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7::text IS NULL THEN NULL ELSE $10::timestamptz END, $8, $9, $11, $10, $10)
     ON CONFLICT (username) DO NOTHING`,
    [
      staff.id,
      staff.username,
      staff.displayName,
      staff.role,
      staff.language,
      staff.passwordHash,
      staff.totpSecretSealed,
      staff.demo,
      staff.createdBy,
      staff.now,
      staff.passwordChangeRequired,
    ],
  );
  return rowCount !== 0;
}

/**
 * Sets the role if it is still `fromRole` (a maker-checker role change approved: modules/approvals);
 * false when it is not, or no such staff member. requireStaff reads the row on every request, so
 * the new role applies from the staff member's next request.
 */
export async function changeStaffRole(
  tx: Tx,
  change: { staffId: string; fromRole: StaffRole; toRole: StaffRole; now: Date },
): Promise<boolean> {
  const { rowCount } = await tx.query('UPDATE staff_users SET role = $3, updated_at = $4 WHERE id = $1 AND role = $2', [
    change.staffId,
    change.fromRole,
    change.toRole,
    change.now,
  ]);
  return rowCount !== 0;
}

/** Disabled or active again (an admin's decision); false when it had that status already or no such staff member. */
export async function setStaffStatus(tx: Tx, staffId: string, status: StaffStatus, now: Date): Promise<boolean> {
  const { rowCount } = await tx.query('UPDATE staff_users SET status = $2, updated_at = $3 WHERE id = $1 AND status <> $2', [
    staffId,
    status,
    now,
  ]);
  return rowCount !== 0;
}

/** The password hash of a staff member, with a lock on the row (their own password change). */
export async function lockStaffPasswordHash(tx: Tx, staffId: string): Promise<{ staff: StaffUser; passwordHash: string } | null> {
  const { rows } = await tx.query<StaffDbRow & { password_hash: string }>(
    `SELECT ${STAFF_COLUMNS}, password_hash FROM staff_users WHERE id = $1 FOR UPDATE`,
    [staffId],
  );
  const row = rows[0];
  return row ? { staff: staffOfRow(row), passwordHash: row.password_hash } : null;
}

/** A password of the member's own: the initial one an admin typed is no longer required to change. */
export async function updateStaffPassword(tx: Tx, staffId: string, passwordHash: string, now: Date): Promise<void> {
  await tx.query('UPDATE staff_users SET password_hash = $2, password_change_required = false, updated_at = $3 WHERE id = $1', [
    staffId,
    passwordHash,
    now,
  ]);
}

export async function findStaffById(db: Queryable, staffId: string): Promise<StaffUser | null> {
  const { rows } = await db.query<StaffDbRow>(`SELECT ${STAFF_COLUMNS} FROM staff_users WHERE id = $1`, [staffId]);
  return rows[0] ? staffOfRow(rows[0]) : null;
}

/** The staff members of these ids, in one statement (the names on a case's timeline, staff-refs.ts). */
export async function findStaffByIds(db: Queryable, staffIds: readonly string[]): Promise<StaffUser[]> {
  if (staffIds.length === 0) return [];
  const { rows } = await db.query<StaffDbRow>(`SELECT ${STAFF_COLUMNS} FROM staff_users WHERE id = ANY($1::text[])`, [staffIds]);
  return rows.map(staffOfRow);
}

/** A staff member and their password hash, for step 1 of a login only. */
export async function findStaffCredentials(db: Queryable, username: string): Promise<{ staff: StaffUser; passwordHash: string } | null> {
  const { rows } = await db.query<StaffDbRow & { password_hash: string }>(
    `SELECT ${STAFF_COLUMNS}, password_hash FROM staff_users WHERE username = $1`,
    [username],
  );
  const row = rows[0];
  return row ? { staff: staffOfRow(row), passwordHash: row.password_hash } : null;
}

/** The demo staff a database holds (production refuses to start on it). */
export async function findDemoStaffUsers(db: Queryable): Promise<StaffUser[]> {
  const { rows } = await db.query<StaffDbRow>(`SELECT ${STAFF_COLUMNS} FROM staff_users WHERE demo ORDER BY username`);
  return rows.map(staffOfRow);
}

export async function listStaffUsers(db: Queryable, limit: number): Promise<StaffUser[]> {
  const { rows } = await db.query<StaffDbRow>(`SELECT ${STAFF_COLUMNS} FROM staff_users ORDER BY username LIMIT $1`, [limit]);
  return rows.map(staffOfRow);
}

/** The sealed TOTP secret of an enrolled staff member, with a lock on the row (the login's code step). */
export async function lockStaffTotp(tx: Tx, staffId: string): Promise<{ staff: StaffUser; totpSecretSealed: string | null } | null> {
  const { rows } = await tx.query<StaffDbRow & { totp_secret_sealed: string | null }>(
    `SELECT ${STAFF_COLUMNS}, totp_secret_sealed FROM staff_users WHERE id = $1 FOR UPDATE`,
    [staffId],
  );
  const row = rows[0];
  return row ? { staff: staffOfRow(row), totpSecretSealed: row.totp_secret_sealed } : null;
}

/** Enrolment confirmed by its first code: the secret and the moment, together (the table's CHECK). */
export async function enrolStaffTotp(tx: Tx, staffId: string, totpSecretSealed: string, now: Date): Promise<void> {
  await tx.query('UPDATE staff_users SET totp_secret_sealed = $2, totp_enrolled_at = $3, updated_at = $3 WHERE id = $1', [
    staffId,
    totpSecretSealed,
    now,
  ]);
}

// ---- staff_totp_used: the highest time step accepted per staff member (RFC 6238 §5.2) ----

/**
 * Records `step` as used unless it, or a later one, was used already: true when this call took it.
 * One statement, so two requests with the same code accept it once.
 */
export async function takeTotpStep(tx: Tx, staffId: string, step: number, now: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO staff_totp_used (staff_id, last_step, used_at) VALUES ($1, $2, $3)
     ON CONFLICT (staff_id) DO UPDATE SET last_step = excluded.last_step, used_at = excluded.used_at
       WHERE staff_totp_used.last_step < excluded.last_step`,
    [staffId, step, now],
  );
  return rowCount !== 0;
}

// ---- staff_login_attempts: step 1 done, waiting for the code. pending -> succeeded | failed ----

export type StaffLoginStatus = 'pending' | 'succeeded' | 'failed';

export interface StaffLoginRow {
  id: string;
  staffId: string;
  status: StaffLoginStatus;
  enrolSecretSealed: string | null;
  codeTries: number;
  expiresAt: Date;
}

export async function insertStaffLogin(
  tx: Tx,
  login: { id: string; staffId: string; enrolSecretSealed: string | null; ip: string; now: Date; expiresAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO staff_login_attempts (id, staff_id, enrol_secret_sealed, ip, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [login.id, login.staffId, login.enrolSecretSealed, login.ip, login.now, login.expiresAt],
  );
}

export async function lockStaffLogin(tx: Tx, loginId: string): Promise<StaffLoginRow | null> {
  const { rows } = await tx.query<{
    id: string;
    staff_id: string;
    status: StaffLoginStatus;
    enrol_secret_sealed: string | null;
    code_tries: number;
    expires_at: Date;
  }>('SELECT id, staff_id, status, enrol_secret_sealed, code_tries, expires_at FROM staff_login_attempts WHERE id = $1 FOR UPDATE', [
    loginId,
  ]);
  const row = rows[0];
  return row
    ? {
        id: row.id,
        staffId: row.staff_id,
        status: row.status,
        enrolSecretSealed: row.enrol_secret_sealed,
        codeTries: row.code_tries,
        expiresAt: row.expires_at,
      }
    : null;
}

/** One more wrong code; with `status` the login ends too. The enrolment secret goes once the login is over. */
export async function updateStaffLogin(tx: Tx, loginId: string, change: { codeTries: number; status: StaffLoginStatus }): Promise<void> {
  await tx.query(
    `UPDATE staff_login_attempts SET code_tries = $2, status = $3,
       enrol_secret_sealed = CASE WHEN $3 = 'pending' THEN enrol_secret_sealed ELSE NULL END
     WHERE id = $1`,
    [loginId, change.codeTries, change.status],
  );
}

// ---- staff_lockouts: failures per username as typed, known or not ----

export interface StaffLockoutRow {
  failures: number;
  lockedUntil: Date | null;
}

/** Locks the username's counter row for this transaction, making it first: parallel attempts count one by one. */
export async function lockStaffLockout(tx: Tx, username: string, now: Date): Promise<StaffLockoutRow> {
  await tx.query('INSERT INTO staff_lockouts (username, updated_at) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING', [username, now]);
  const { rows } = await tx.query<{ failures: number; locked_until: Date | null }>(
    'SELECT failures, locked_until FROM staff_lockouts WHERE username = $1 FOR UPDATE',
    [username],
  );
  const row = rows[0];
  if (!row) throw new Error('staff lockout row just inserted is missing');
  return { failures: row.failures, lockedUntil: row.locked_until };
}

export async function updateStaffLockout(
  tx: Tx,
  username: string,
  change: { failures: number; lockedUntil: Date | null; now: Date },
): Promise<void> {
  await tx.query('UPDATE staff_lockouts SET failures = $2, locked_until = $3, updated_at = $4 WHERE username = $1', [
    username,
    change.failures,
    change.lockedUntil,
    change.now,
  ]);
}

/** The locks holding now on the given usernames (the admin's staff list shows them, with "unlock"). */
export async function readStaffLocks(db: Queryable, usernames: readonly string[], now: Date): Promise<Map<string, Date>> {
  const { rows } = await db.query<{ username: string; locked_until: Date }>(
    'SELECT username, locked_until FROM staff_lockouts WHERE username = ANY($1::text[]) AND locked_until > $2',
    [usernames, now],
  );
  return new Map(rows.map((row) => [row.username, row.locked_until]));
}

/** The lock as it stands, without taking the row: the cheap check before any Argon2 work. */
export async function readStaffLockedUntil(db: Queryable, username: string): Promise<Date | null> {
  const { rows } = await db.query<{ locked_until: Date | null }>('SELECT locked_until FROM staff_lockouts WHERE username = $1', [username]);
  return rows[0]?.locked_until ?? null;
}

/** Enrolled staff whose TOTP secret is sealed under another key than the current one (keys:rotate). */
export async function lockTotpSecretsToReseal(
  tx: Tx,
  currentPrefix: string,
  limit: number,
): Promise<Array<{ staffId: string; sealed: string }>> {
  const { rows } = await tx.query<{ id: string; totp_secret_sealed: string }>(
    `SELECT id, totp_secret_sealed FROM staff_users
     WHERE totp_secret_sealed IS NOT NULL AND NOT starts_with(totp_secret_sealed, $1::text)
     ORDER BY id LIMIT $2 FOR UPDATE`,
    [currentPrefix, limit],
  );
  return rows.map((row) => ({ staffId: row.id, sealed: row.totp_secret_sealed }));
}

export async function updateTotpSecretSealed(tx: Tx, staffId: string, sealed: string): Promise<void> {
  await tx.query('UPDATE staff_users SET totp_secret_sealed = $2 WHERE id = $1', [staffId, sealed]);
}
