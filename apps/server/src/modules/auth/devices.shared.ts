import { createPublicKey } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { findCustomerById, stripUnsafeCharacters } from '../identity/index.js';
import { queueSms } from '../notifications/index.js';
import { AuthProblem } from './auth.errors.js';
import { boundNotice } from './auth.messages.js';
import type { ActiveSession, NewSession, SessionClient } from './sessions.js';

const CHALLENGE_TTL_MS = 2 * 60_000;
const DEVICE_NAME_LENGTH_MAX = 60;

export function cleanName(name: string): string {
  // Shown back in SMS texts: no control or bidi characters.
  return stripUnsafeCharacters(name).trim().slice(0, DEVICE_NAME_LENGTH_MAX) || 'device';
}

/** Binding a device is allowed only from a session that used both factors (password + SMS). */
export function requireFullLogin(session: ActiveSession): void {
  if (session.method !== 'password_sms') throw new ProblemError(AuthProblem['full-login-required']);
}

export async function notifyBound(
  tx: Tx,
  ctx: AppContext,
  customerId: string,
  deviceId: string,
  name: string,
  kind: string,
  meta: RequestMeta,
  now: Date,
): Promise<void> {
  const customer = await findCustomerById(tx, customerId);
  if (!customer) throw new Error('session customer vanished');
  await recordAudit(tx, { event: 'device.bound', customerId, meta, details: { deviceId, kind, name }, occurredAt: now });
  await queueSms(tx, {
    to: customer.phone,
    text: boundNotice(customer.language, ctx.config.officialDomain, ctx.config.contactCenterPhone, name),
    purpose: 'device-bound',
  });
}

export interface P256Jwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export type DeviceKind = 'pin' | 'webauthn';

export function checkedPublicKey(jwk: P256Jwk | undefined): P256Jwk {
  try {
    if (!jwk) throw new Error('missing');
    createPublicKey({ key: { ...jwk }, format: 'jwk' });
  } catch {
    throw new ProblemError(CommonProblem['validation-failed'], {
      errors: [{ pointer: '/publicKeyJwk', detail: 'not a P-256 public key' }],
    });
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

export async function insertChallenge(
  db: Queryable,
  input: {
    purpose: 'device_login' | 'webauthn_register' | 'webauthn_login';
    customerId: string | null;
    deviceId: string | null;
    challenge: string;
    now: Date;
  },
): Promise<string> {
  const id = newId('ach');
  await db.query(
    'INSERT INTO auth_challenges (id, customer_id, device_id, purpose, challenge, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, input.customerId, input.deviceId, input.purpose, input.challenge, input.now, new Date(input.now.getTime() + CHALLENGE_TTL_MS)],
  );
  return id;
}

/** Single use: the challenge is spent by the first attempt, right or wrong. */
export async function spendChallenge(
  tx: Tx,
  id: string,
  purpose: string,
  now: Date,
): Promise<{ challenge: string; customer_id: string | null; device_id: string | null } | null> {
  const { rows } = await tx.query<{
    challenge: string;
    customer_id: string | null;
    device_id: string | null;
    purpose: string;
    expires_at: Date;
    used_at: Date | null;
  }>('SELECT challenge, customer_id, device_id, purpose, expires_at, used_at FROM auth_challenges WHERE id = $1 FOR UPDATE', [id]);
  const row = rows[0];
  if (!row || row.purpose !== purpose || row.used_at || row.expires_at <= now) return null;
  await tx.query('UPDATE auth_challenges SET used_at = $2 WHERE id = $1', [id, now]);
  return row;
}

export interface DeviceRow {
  id: string;
  customer_id: string;
  kind: 'pin' | 'webauthn';
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

export interface DeviceLoginResult {
  customerId: string;
  client: SessionClient;
  session: NewSession;
}
