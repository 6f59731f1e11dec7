import type { Queryable, Tx } from '../../db/database.js';

// ---- devices (migration 0002): a bound authenticator. Status transitions: active -> revoked ----

export type DeviceKind = 'pin' | 'webauthn';

export interface P256Jwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface DeviceRow {
  id: string;
  customer_id: string;
  kind: DeviceKind;
  name: string;
  public_key_jwk: P256Jwk | null;
  pin_hash: string | null;
  pin_failures: number;
  credential_id: string | null;
  credential_public_key: string | null;
  sign_count: bigint;
  transports: string[] | null;
  status: 'active' | 'revoked';
}

export async function lockDevice(tx: Tx, where: { id?: string; credentialId?: string }): Promise<DeviceRow | null> {
  const { rows } = await tx.query<DeviceRow>(
    `SELECT id, customer_id, kind, name, public_key_jwk, pin_hash, pin_failures, credential_id, credential_public_key, sign_count, transports, status
     FROM devices WHERE ${where.id ? 'id' : 'credential_id'} = $1 FOR UPDATE`,
    [where.id ?? where.credentialId],
  );
  return rows[0] ?? null;
}

export interface DeviceView {
  id: string;
  kind: DeviceKind;
  name: string;
  status: 'active' | 'revoked';
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The customer's active devices, newest first. */
export async function listActiveDevices(db: Queryable, customerId: string, limit: number): Promise<DeviceView[]> {
  const { rows } = await db.query<{
    id: string;
    kind: DeviceKind;
    name: string;
    status: 'active' | 'revoked';
    created_at: Date;
    last_used_at: Date | null;
  }>(
    "SELECT id, kind, name, status, created_at, last_used_at FROM devices WHERE customer_id = $1 AND status = 'active' ORDER BY created_at DESC LIMIT $2",
    [customerId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  }));
}

export async function insertPinDevice(
  tx: Tx,
  device: { id: string; customerId: string; name: string; publicKeyJwk: P256Jwk; pinHash: string; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO devices (id, customer_id, kind, name, public_key_jwk, pin_hash, created_at)
     VALUES ($1, $2, 'pin', $3, $4, $5, $6)`,
    [device.id, device.customerId, device.name, JSON.stringify(device.publicKeyJwk), device.pinHash, device.now],
  );
}

export async function insertWebauthnDevice(
  tx: Tx,
  device: {
    id: string;
    customerId: string;
    name: string;
    credentialId: string;
    credentialPublicKey: string;
    signCount: number;
    transports: readonly string[];
    now: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO devices (id, customer_id, kind, name, credential_id, credential_public_key, sign_count, transports, created_at)
     VALUES ($1, $2, 'webauthn', $3, $4, $5, $6, $7, $8)`,
    [
      device.id,
      device.customerId,
      device.name,
      device.credentialId,
      device.credentialPublicKey,
      device.signCount,
      JSON.stringify(device.transports),
      device.now,
    ],
  );
}

/** The credential ids of the customer's active fingerprint devices (not to be registered twice). */
/** Whether the customer has a bound PIN device that is still active (the app can approve a 3-D Secure challenge on it). */
export async function hasActivePinDevice(db: Queryable, customerId: string): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 FROM devices WHERE customer_id = $1 AND kind = 'pin' AND status = 'active' LIMIT 1", [
    customerId,
  ]);
  return rows.length > 0;
}

export async function activeCredentialIds(db: Queryable, customerId: string): Promise<string[]> {
  const { rows } = await db.query<{ credential_id: string }>(
    "SELECT credential_id FROM devices WHERE customer_id = $1 AND kind = 'webauthn' AND status = 'active'",
    [customerId],
  );
  return rows.map((row) => row.credential_id);
}

/** The credential of an active fingerprint device, for the login prompt of that device. */
export async function activeCredentialsOfDevice(db: Queryable, deviceId: string): Promise<Array<{ id: string; transports: string[] }>> {
  const { rows } = await db.query<{ credential_id: string; transports: string[] | null }>(
    "SELECT credential_id, transports FROM devices WHERE id = $1 AND kind = 'webauthn' AND status = 'active'",
    [deviceId],
  );
  return rows.map((row) => ({ id: row.credential_id, transports: row.transports ?? [] }));
}

/** Revokes one device if still active. */
export async function markDeviceRevoked(tx: Tx, deviceId: string, reason: string, now: Date): Promise<void> {
  await tx.query("UPDATE devices SET status = 'revoked', revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND status = 'active'", [
    deviceId,
    now,
    reason,
  ]);
}

/** Locks the customer's active devices but `exceptDeviceId`, by id (one lock order for all callers). */
export async function lockActiveDevices(
  tx: Tx,
  customerId: string,
  exceptDeviceId: string | null,
): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await tx.query<{ id: string; name: string }>(
    `SELECT id, name FROM devices WHERE customer_id = $1 AND status = 'active' AND ($2::text IS NULL OR id <> $2)
     ORDER BY id FOR UPDATE`,
    [customerId, exceptDeviceId],
  );
  return rows;
}

export async function updatePinFailures(tx: Tx, deviceId: string, failures: number): Promise<void> {
  await tx.query('UPDATE devices SET pin_failures = $2 WHERE id = $1', [deviceId, failures]);
}

/** After a PIN login: the failures start again, and the PIN hash is the one under the current key. */
export async function recordPinLogin(tx: Tx, deviceId: string, pinHash: string, now: Date): Promise<void> {
  await tx.query('UPDATE devices SET pin_failures = 0, last_used_at = $2, pin_hash = $3 WHERE id = $1', [deviceId, now, pinHash]);
}

/** After a fingerprint login: the authenticator's counter never goes back. */
export async function recordWebauthnLogin(tx: Tx, deviceId: string, signCount: number, now: Date): Promise<void> {
  await tx.query('UPDATE devices SET sign_count = GREATEST(sign_count, $2), last_used_at = $3 WHERE id = $1', [deviceId, signCount, now]);
}

// ---- device_bindings (migration 0008): binding in progress. Status transitions: pending -> bound | failed ----

export interface BindingRow {
  id: string;
  customer_id: string;
  session_id: string;
  kind: DeviceKind;
  name: string;
  challenge_id: string;
  status: 'pending' | 'bound' | 'failed';
  expires_at: Date;
}

export async function insertBinding(
  tx: Tx,
  binding: {
    id: string;
    customerId: string;
    sessionId: string;
    kind: DeviceKind;
    name: string;
    publicKeyJwk: P256Jwk | null;
    challengeId: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO device_bindings (id, customer_id, session_id, kind, name, public_key_jwk, challenge_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      binding.id,
      binding.customerId,
      binding.sessionId,
      binding.kind,
      binding.name,
      binding.publicKeyJwk ? JSON.stringify(binding.publicKeyJwk) : null,
      binding.challengeId,
      binding.now,
      binding.expiresAt,
    ],
  );
}

export async function readBinding(db: Queryable, bindingId: string, options: { forUpdate: boolean }): Promise<BindingRow | null> {
  const { rows } = await db.query<BindingRow>(
    `SELECT id, customer_id, session_id, kind, name, challenge_id, status, expires_at FROM device_bindings WHERE id = $1${
      options.forUpdate ? ' FOR UPDATE' : ''
    }`,
    [bindingId],
  );
  return rows[0] ?? null;
}

export async function markBindingFailed(tx: Tx, bindingId: string): Promise<void> {
  await tx.query("UPDATE device_bindings SET status = 'failed' WHERE id = $1", [bindingId]);
}

export async function markBound(tx: Tx, bindingId: string, deviceId: string): Promise<void> {
  await tx.query("UPDATE device_bindings SET status = 'bound', device_id = $2 WHERE id = $1", [bindingId, deviceId]);
}

// ---- auth_challenges: a server challenge a device signs (PIN login) or a WebAuthn ceremony answers ----

export type AuthChallengePurpose = 'device_login' | 'webauthn_register' | 'webauthn_login' | 'device_approval';

export async function insertAuthChallenge(
  db: Queryable,
  challenge: {
    id: string;
    purpose: AuthChallengePurpose;
    customerId: string | null;
    deviceId: string | null;
    challenge: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.query(
    'INSERT INTO auth_challenges (id, customer_id, device_id, purpose, challenge, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [challenge.id, challenge.customerId, challenge.deviceId, challenge.purpose, challenge.challenge, challenge.now, challenge.expiresAt],
  );
}

export interface AuthChallengeRow {
  challenge: string;
  customer_id: string | null;
  device_id: string | null;
  purpose: string;
  expires_at: Date;
  used_at: Date | null;
}

export async function lockAuthChallenge(tx: Tx, id: string): Promise<AuthChallengeRow | null> {
  const { rows } = await tx.query<AuthChallengeRow>(
    'SELECT challenge, customer_id, device_id, purpose, expires_at, used_at FROM auth_challenges WHERE id = $1 FOR UPDATE',
    [id],
  );
  return rows[0] ?? null;
}

export async function markAuthChallengeUsed(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.query('UPDATE auth_challenges SET used_at = $2 WHERE id = $1', [id, now]);
}
