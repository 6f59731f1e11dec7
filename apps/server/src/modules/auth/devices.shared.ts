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
import {
  type AuthChallengePurpose,
  insertAuthChallenge,
  lockAuthChallenge,
  lockDevice,
  markAuthChallengeUsed,
  type P256Jwk,
} from './devices.repo.js';
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

export type { P256Jwk };

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
  input: { purpose: AuthChallengePurpose; customerId: string | null; deviceId: string | null; challenge: string; now: Date },
): Promise<string> {
  const id = newId('ach');
  await insertAuthChallenge(db, { id, ...input, expiresAt: new Date(input.now.getTime() + CHALLENGE_TTL_MS) });
  return id;
}

/** Single use: the challenge is spent by the first attempt, right or wrong. */
export async function spendChallenge(
  tx: Tx,
  id: string,
  purpose: AuthChallengePurpose,
  now: Date,
): Promise<{ challenge: string; customer_id: string | null; device_id: string | null } | null> {
  const row = await lockAuthChallenge(tx, id);
  if (!row || row.purpose !== purpose || row.used_at || row.expires_at <= now) return null;
  await markAuthChallengeUsed(tx, id, now);
  return row;
}

export { lockDevice };

export interface DeviceLoginResult {
  customerId: string;
  client: SessionClient;
  session: NewSession;
}
