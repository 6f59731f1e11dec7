import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { AuthProblem } from './auth.errors.js';
import { type BindOutcome, bindingNotFound, confirmBindingCode, ownPendingBinding } from './device-binding.service.js';
import { insertPinDevice, markBound, readBinding, recordPinLogin } from './devices.repo.js';
import {
  checkedPublicKey,
  cleanName,
  type DeviceLoginResult,
  insertChallenge,
  lockDevice,
  notifyBound,
  type P256Jwk,
  requireFullLogin,
  spendChallenge,
} from './devices.shared.js';
import { startSession } from './login.service.js';
import { checkPinProof } from './pin-proof.js';
import type { ActiveSession, SessionClient } from './sessions.js';
import { pinHash } from './tokens.js';

export { PIN_FAILURES_MAX } from './pin-proof.js';

// ---- PIN binding: a P-256 key made on the device + a PIN ----

/** Finishes a PIN binding: the code from the SMS, with the same name and key it was issued for. */
export async function bindPinDevice(
  ctx: AppContext,
  session: ActiveSession,
  input: { bindingId: string; code: string; name: string; publicKeyJwk: P256Jwk; pin: string; meta: RequestMeta },
): Promise<{ deviceId: string }> {
  requireFullLogin(session);
  const publicKeyJwk = checkedPublicKey(input.publicKeyJwk);
  const now = ctx.clock.now();
  const deviceId = newId('dev');
  const name = cleanName(input.name);
  const outcome = await ctx.db.transaction(async (tx): Promise<BindOutcome> => {
    const found = ownPendingBinding(await readBinding(tx, input.bindingId, { forUpdate: true }), session, now);
    if (!found.ok) return found;
    const confirmed = await confirmBindingCode(tx, ctx, found.binding, {
      code: input.code,
      kind: 'pin',
      name,
      publicKeyJwk,
      meta: input.meta,
      now,
    });
    if (!confirmed.ok) return confirmed;
    await insertPinDevice(tx, {
      id: deviceId,
      customerId: session.customerId,
      name,
      publicKeyJwk,
      pinHash: pinHash(ctx.config.keyring, deviceId, input.pin),
      now,
    });
    await markBound(tx, found.binding.id, deviceId);
    await notifyBound(tx, ctx, session.customerId, deviceId, name, 'pin', input.meta, now);
    return { ok: true, deviceId };
  });
  if (!outcome.ok) throw outcome.problem ?? (await bindingNotFound(ctx, session, input.bindingId, input.meta));
  return { deviceId: outcome.deviceId };
}

export async function deviceLoginChallenge(ctx: AppContext, deviceId: string): Promise<{ challengeId: string; challenge: string }> {
  const challenge = randomBytes(32).toString('base64url');
  const challengeId = await insertChallenge(ctx.db, {
    purpose: 'device_login',
    customerId: null,
    deviceId,
    challenge,
    now: ctx.clock.now(),
  });
  return { challengeId, challenge };
}

type Outcome = { ok: true; result: DeviceLoginResult } | { ok: false; problem: ProblemError };

/**
 * Quick login: the device proves possession by signing a fresh server challenge with its
 * non-extractable key, and the customer proves knowledge with the PIN. Two factors, bound to
 * this device only (the memo: PIN login only on your own device).
 */
export async function loginWithPin(
  ctx: AppContext,
  input: {
    deviceId: string;
    challengeId: string;
    signature: string;
    pin: string;
    client: SessionClient;
    clientId: string | null;
    meta: RequestMeta;
  },
): Promise<DeviceLoginResult> {
  const now = ctx.clock.now();
  const generic = new ProblemError(AuthProblem['device-login-failed']);
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    const challenge = await spendChallenge(tx, input.challengeId, 'device_login', now);
    const device = await lockDevice(tx, { id: input.deviceId });
    const audit = (reason: string) =>
      recordAudit(tx, {
        event: 'device.login_failed',
        customerId: device?.customer_id ?? null,
        meta: input.meta,
        details: { deviceId: input.deviceId, reason },
        occurredAt: now,
      });
    if (!challenge || challenge.device_id !== input.deviceId || !device || device.kind !== 'pin' || !device.public_key_jwk) {
      await audit('challenge-or-device');
      return { ok: false, problem: generic };
    }
    const proof = await checkPinProof(tx, ctx, {
      device,
      challenge: challenge.challenge,
      signature: input.signature,
      pin: input.pin,
      meta: input.meta,
      now,
    });
    if (!proof.ok) {
      if (proof.reason !== 'wrong-pin') await audit(proof.reason);
      return { ok: false, problem: proof.problem };
    }
    // SECURITY.md 38: a lock of the password path (five wrong passwords, perhaps typed by a
    // stranger who knows the phone number) does not lock out the customer's own bound device,
    // which proves possession of its key and the PIN, with its own limit of PIN_FAILURES_MAX.
    const customer = await findCustomerById(tx, device.customer_id);
    if (customer?.status !== 'active') {
      await audit('customer-unavailable');
      return { ok: false, problem: generic };
    }
    // A PIN that matched under an older key is hashed again under the current one, now that it
    // is at hand: each device moves to the new key at its next login, and the older key can go
    // once the devices bound before the rotation have logged in (docs/OPERATIONS.md).
    await recordPinLogin(tx, device.id, pinHash(ctx.config.keyring, device.id, input.pin), now);
    const result = await startSession(tx, ctx, {
      customer,
      client: input.client,
      method: 'pin',
      deviceId: device.id,
      clientId: input.clientId,
      meta: input.meta,
      now,
    });
    return { ok: true, result };
  });
  if (!outcome.ok) throw outcome.problem;
  return outcome.result;
}
