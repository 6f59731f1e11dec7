import type { Queryable, Tx } from '../../db/database.js';
import type { SessionClient } from '../../shared/request-auth.js';

// ---- login_attempts (migration 0002): step 1 done, waiting for the code ----
// Status transitions: pending -> succeeded | failed.

export type LoginAttemptStatus = 'pending' | 'succeeded' | 'failed';

export interface LoginAttemptRow {
  id: string;
  customer_id: string | null;
  password_ok: boolean;
  client: SessionClient;
  challenge_id: string;
  status: LoginAttemptStatus;
  expires_at: Date;
}

export async function insertLoginAttempt(
  tx: Tx,
  attempt: {
    id: string;
    customerId: string | null;
    passwordOk: boolean;
    client: SessionClient;
    challengeId: string;
    ip: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO login_attempts (id, customer_id, password_ok, client, challenge_id, ip, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [attempt.id, attempt.customerId, attempt.passwordOk, attempt.client, attempt.challengeId, attempt.ip, attempt.now, attempt.expiresAt],
  );
}

const LOGIN_ATTEMPT_COLUMNS = 'id, customer_id, password_ok, client, challenge_id, status, expires_at';

export async function readLoginAttempt(db: Queryable, loginId: string): Promise<LoginAttemptRow | null> {
  const { rows } = await db.query<LoginAttemptRow>(`SELECT ${LOGIN_ATTEMPT_COLUMNS} FROM login_attempts WHERE id = $1`, [loginId]);
  return rows[0] ?? null;
}

export async function lockLoginAttempt(tx: Tx, loginId: string): Promise<LoginAttemptRow | null> {
  const { rows } = await tx.query<LoginAttemptRow>(`SELECT ${LOGIN_ATTEMPT_COLUMNS} FROM login_attempts WHERE id = $1 FOR UPDATE`, [
    loginId,
  ]);
  return rows[0] ?? null;
}

export async function markLoginAttempt(tx: Tx, loginId: string, status: Exclude<LoginAttemptStatus, 'pending'>): Promise<void> {
  await tx.query('UPDATE login_attempts SET status = $2 WHERE id = $1', [loginId, status]);
}

/**
 * Every login of the customer still waiting for its code fails: its password step may have
 * passed with a password that is no longer the customer's. Only the unexpired ones, found
 * through the expiry index (migration 0011). Returns how many failed.
 */
export async function failPendingLogins(tx: Tx, customerId: string, now: Date): Promise<number> {
  const { rowCount } = await tx.query(
    "UPDATE login_attempts SET status = 'failed' WHERE customer_id = $1 AND status = 'pending' AND expires_at > $2",
    [customerId, now],
  );
  return rowCount;
}

// ---- auth_lockouts (migration 0002): the failure counter and the lock of the password path ----

export interface LockoutRow {
  failures: number;
  locks: number;
  locked_until: Date | null;
}

/** Locks the customer's counter row for this transaction, making it first: parallel attempts count one by one. */
export async function lockLockout(tx: Tx, customerId: string): Promise<LockoutRow> {
  await tx.query('INSERT INTO auth_lockouts (customer_id) VALUES ($1) ON CONFLICT (customer_id) DO NOTHING', [customerId]);
  const { rows } = await tx.query<LockoutRow>('SELECT failures, locks, locked_until FROM auth_lockouts WHERE customer_id = $1 FOR UPDATE', [
    customerId,
  ]);
  return rows[0] as LockoutRow;
}

export async function updateLockoutFailures(tx: Tx, customerId: string, failures: number): Promise<void> {
  await tx.query('UPDATE auth_lockouts SET failures = $2 WHERE customer_id = $1', [customerId, failures]);
}

/** One more lock: the counter starts again, and the path stays closed until `lockedUntil`. */
export async function lockPasswordPath(tx: Tx, customerId: string, lockedUntil: Date): Promise<void> {
  await tx.query('UPDATE auth_lockouts SET failures = 0, locks = locks + 1, locked_until = $2 WHERE customer_id = $1', [
    customerId,
    lockedUntil,
  ]);
}

/** The counter back to zero; with `unlock`, the lock and the growth of the next one go too. */
export async function resetLockout(tx: Tx, customerId: string, options: { unlock: boolean }): Promise<void> {
  await tx.query(
    `UPDATE auth_lockouts SET failures = 0 ${options.unlock ? ', locked_until = NULL, locks = 0' : ''} WHERE customer_id = $1`,
    [customerId],
  );
}
