import type { Queryable, Tx } from '../../db/database.js';

// ---- staff_security_keys (migration 0030). Status transitions: active -> revoked ----

export type SecurityKeyStatus = 'active' | 'revoked';

/** A staff member's security key as every reader sees it. */
export interface SecurityKey {
  id: string;
  staffId: string;
  credentialId: string;
  /** The COSE public key, base64url. Public: it verifies signatures and can make none. */
  publicKey: string;
  signCount: number;
  transports: string[];
  name: string;
  status: SecurityKeyStatus;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const KEY_COLUMNS = 'id, staff_id, credential_id, public_key, sign_count, transports, name, status, created_at, last_used_at';

interface KeyDbRow {
  id: string;
  staff_id: string;
  credential_id: string;
  public_key: string;
  sign_count: bigint | number;
  transports: string[];
  name: string;
  status: SecurityKeyStatus;
  created_at: Date;
  last_used_at: Date | null;
}

function keyOfRow(row: KeyDbRow): SecurityKey {
  return {
    id: row.id,
    staffId: row.staff_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    // A WebAuthn counter is a 32-bit number (the table's CHECK): exact as a JS number.
    signCount: Number(row.sign_count),
    transports: row.transports,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

/** False when the credential is an active key already (the unique index decides, so two at once insert one). */
export async function insertSecurityKey(
  tx: Tx,
  key: {
    id: string;
    staffId: string;
    credentialId: string;
    publicKey: string;
    signCount: number;
    transports: string[];
    name: string;
    now: Date;
  },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO staff_security_keys (id, staff_id, credential_id, public_key, sign_count, transports, name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8)
     ON CONFLICT (credential_id) WHERE status = 'active' DO NOTHING`,
    [key.id, key.staffId, key.credentialId, key.publicKey, key.signCount, key.transports, key.name, key.now],
  );
  return rowCount !== 0;
}

/** The active keys of a staff member, oldest first (their own list; the login's allowed credentials). */
export async function listActiveSecurityKeys(db: Queryable, staffId: string, limit: number): Promise<SecurityKey[]> {
  const { rows } = await db.query<KeyDbRow>(
    `SELECT ${KEY_COLUMNS} FROM staff_security_keys WHERE staff_id = $1 AND status = 'active' ORDER BY created_at, id LIMIT $2`,
    [staffId, limit],
  );
  return rows.map(keyOfRow);
}

export async function countActiveSecurityKeys(db: Queryable, staffId: string): Promise<number> {
  const { rows } = await db.query<{ count: bigint | number }>(
    "SELECT count(*) AS count FROM staff_security_keys WHERE staff_id = $1 AND status = 'active'",
    [staffId],
  );
  return Number(rows[0]?.count ?? 0);
}

/** The active key holding this credential, locked (a login's signature check and counter update). */
export async function lockActiveKeyByCredential(tx: Tx, credentialId: string): Promise<SecurityKey | null> {
  const { rows } = await tx.query<KeyDbRow>(
    `SELECT ${KEY_COLUMNS} FROM staff_security_keys WHERE credential_id = $1 AND status = 'active' FOR UPDATE`,
    [credentialId],
  );
  return rows[0] ? keyOfRow(rows[0]) : null;
}

export async function lockSecurityKey(tx: Tx, keyId: string): Promise<SecurityKey | null> {
  const { rows } = await tx.query<KeyDbRow>(`SELECT ${KEY_COLUMNS} FROM staff_security_keys WHERE id = $1 FOR UPDATE`, [keyId]);
  return rows[0] ? keyOfRow(rows[0]) : null;
}

/** A signature accepted: the counter it carried becomes the one the next must exceed. */
export async function recordSecurityKeyUse(tx: Tx, keyId: string, signCount: number, now: Date): Promise<void> {
  await tx.query('UPDATE staff_security_keys SET sign_count = $2, last_used_at = $3 WHERE id = $1', [keyId, signCount, now]);
}

export async function revokeSecurityKey(tx: Tx, keyId: string, now: Date): Promise<void> {
  await tx.query("UPDATE staff_security_keys SET status = 'revoked', revoked_at = $2 WHERE id = $1 AND status = 'active'", [keyId, now]);
}

// ---- staff_webauthn_challenges: single use, short-lived, bound to a session or a pending login ----

export type WebauthnChallengePurpose = 'register' | 'login';

export interface WebauthnChallengeRow {
  id: string;
  purpose: WebauthnChallengePurpose;
  staffId: string;
  loginId: string | null;
  sessionId: string | null;
  challenge: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export async function insertWebauthnChallenge(
  db: Queryable,
  challenge: {
    id: string;
    purpose: WebauthnChallengePurpose;
    staffId: string;
    loginId: string | null;
    sessionId: string | null;
    challenge: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO staff_webauthn_challenges (id, purpose, staff_id, login_id, session_id, challenge, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      challenge.id,
      challenge.purpose,
      challenge.staffId,
      challenge.loginId,
      challenge.sessionId,
      challenge.challenge,
      challenge.now,
      challenge.expiresAt,
    ],
  );
}

/** How many challenges a pending login has been given (each options request makes one). */
export async function countLoginChallenges(db: Queryable, loginId: string): Promise<number> {
  const { rows } = await db.query<{ count: bigint | number }>(
    'SELECT count(*) AS count FROM staff_webauthn_challenges WHERE login_id = $1',
    [loginId],
  );
  return Number(rows[0]?.count ?? 0);
}

/** Takes the challenge for this answer: the row is locked and marked used, whatever the answer turns out to be. */
export async function takeWebauthnChallenge(tx: Tx, challengeId: string, now: Date): Promise<WebauthnChallengeRow | null> {
  const { rows } = await tx.query<{
    id: string;
    purpose: WebauthnChallengePurpose;
    staff_id: string;
    login_id: string | null;
    session_id: string | null;
    challenge: string;
    expires_at: Date;
    used_at: Date | null;
  }>(
    `SELECT id, purpose, staff_id, login_id, session_id, challenge, expires_at, used_at
     FROM staff_webauthn_challenges WHERE id = $1 FOR UPDATE`,
    [challengeId],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.used_at === null) await tx.query('UPDATE staff_webauthn_challenges SET used_at = $2 WHERE id = $1', [challengeId, now]);
  return {
    id: row.id,
    purpose: row.purpose,
    staffId: row.staff_id,
    loginId: row.login_id,
    sessionId: row.session_id,
    challenge: row.challenge,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}
