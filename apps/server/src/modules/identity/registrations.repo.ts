import type { Queryable, Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';

// ---- registrations (migration 0002): a registration in progress ----
// Steps: started (a code to the phone) -> phone_verified_at set -> completed_at set, or it expires.

export interface RegistrationRow {
  id: string;
  phone: string;
  language: Language;
  challenge_id: string;
  phone_verified_at: Date | null;
  completed_at: Date | null;
  expires_at: Date;
}

export async function insertRegistration(
  tx: Tx,
  registration: { id: string; phone: string; language: Language; challengeId: string; now: Date; expiresAt: Date },
): Promise<void> {
  await tx.query('INSERT INTO registrations (id, phone, language, challenge_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    registration.id,
    registration.phone,
    registration.language,
    registration.challengeId,
    registration.now,
    registration.expiresAt,
  ]);
}

export async function readRegistration(db: Queryable, registrationId: string): Promise<RegistrationRow | null> {
  const { rows } = await db.query<RegistrationRow>(
    'SELECT id, phone, language, challenge_id, phone_verified_at, completed_at, expires_at FROM registrations WHERE id = $1',
    [registrationId],
  );
  return rows[0] ?? null;
}

export async function markPhoneVerified(tx: Tx, registrationId: string, now: Date): Promise<void> {
  await tx.query('UPDATE registrations SET phone_verified_at = $2 WHERE id = $1', [registrationId, now]);
}

/** The registration's lock, and the keyed hash of the one IIN bound to it (null until step 3 first names one). */
export async function lockRegistrationIin(
  tx: Tx,
  registrationId: string,
): Promise<{ iin_hash: string | null; completed_at: Date | null } | null> {
  const { rows } = await tx.query<{ iin_hash: string | null; completed_at: Date | null }>(
    'SELECT iin_hash, completed_at FROM registrations WHERE id = $1 FOR UPDATE',
    [registrationId],
  );
  return rows[0] ?? null;
}

export async function bindRegistrationIin(tx: Tx, registrationId: string, iinHash: string): Promise<void> {
  await tx.query('UPDATE registrations SET iin_hash = $2 WHERE id = $1', [registrationId, iinHash]);
}

/** False when another request completed it first (two tabs): only one of them creates a customer. */
export async function markRegistrationCompleted(tx: Tx, registrationId: string, now: Date): Promise<boolean> {
  const { rowCount } = await tx.query('UPDATE registrations SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL', [
    registrationId,
    now,
  ]);
  return rowCount === 1;
}
