import type { Queryable, Tx } from '../../db/database.js';

// ---- auth_passwords (migration 0014): the customer's one password, as an Argon2id hash ----

export async function passwordHashOf(db: Queryable, customerId: string): Promise<string | null> {
  const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM auth_passwords WHERE customer_id = $1', [
    customerId,
  ]);
  return rows[0]?.password_hash ?? null;
}

/** The first password of a customer created in this transaction. */
export async function insertPasswordHash(tx: Tx, customerId: string, passwordHash: string, now: Date): Promise<void> {
  await tx.query('INSERT INTO auth_passwords (customer_id, password_hash, updated_at) VALUES ($1, $2, $3)', [
    customerId,
    passwordHash,
    now,
  ]);
}

export async function updatePasswordHash(tx: Tx, customerId: string, passwordHash: string, now: Date): Promise<void> {
  await tx.query('UPDATE auth_passwords SET password_hash = $2, updated_at = $3 WHERE customer_id = $1', [customerId, passwordHash, now]);
}

// ---- password_resets (migration 0002): a reset waiting for its code. Status transitions: pending -> done | failed ----

export type PasswordResetStatus = 'pending' | 'done' | 'failed';

export interface PasswordResetRow {
  customer_id: string | null;
  challenge_id: string;
  status: PasswordResetStatus;
  expires_at: Date;
}

export async function insertPasswordReset(
  tx: Tx,
  reset: { id: string; customerId: string | null; challengeId: string; now: Date; expiresAt: Date },
): Promise<void> {
  await tx.query('INSERT INTO password_resets (id, customer_id, challenge_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    reset.id,
    reset.customerId,
    reset.challengeId,
    reset.now,
    reset.expiresAt,
  ]);
}

export async function readPasswordReset(db: Queryable, resetId: string): Promise<PasswordResetRow | null> {
  const { rows } = await db.query<PasswordResetRow>(
    'SELECT customer_id, challenge_id, status, expires_at FROM password_resets WHERE id = $1',
    [resetId],
  );
  return rows[0] ?? null;
}

export async function lockPasswordReset(tx: Tx, resetId: string): Promise<PasswordResetRow | null> {
  const { rows } = await tx.query<PasswordResetRow>(
    'SELECT customer_id, challenge_id, status, expires_at FROM password_resets WHERE id = $1 FOR UPDATE',
    [resetId],
  );
  return rows[0] ?? null;
}

export async function markPasswordReset(tx: Tx, resetId: string, status: Exclude<PasswordResetStatus, 'pending'>): Promise<void> {
  await tx.query('UPDATE password_resets SET status = $2 WHERE id = $1', [resetId, status]);
}

/**
 * Every reset of the customer still waiting for its code fails (the bank reset the password).
 * An expired one cannot complete anyway; naming only the unexpired ones lets the expiry index
 * (migration 0011) find the few rows of the last RESET_TTL_MS. Returns how many failed.
 */
export async function failPendingPasswordResets(tx: Tx, customerId: string, now: Date): Promise<number> {
  const { rowCount } = await tx.query(
    "UPDATE password_resets SET status = 'failed' WHERE customer_id = $1 AND status = 'pending' AND expires_at > $2",
    [customerId, now],
  );
  return rowCount;
}
