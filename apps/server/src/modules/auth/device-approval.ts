import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { AuthProblem } from './auth.errors.js';
import { lockDevice } from './devices.repo.js';
import { insertChallenge, spendChallenge } from './devices.shared.js';
import { checkPinProof } from './pin-proof.js';
import type { ActiveSession } from './sessions.js';

export { hasActivePinDevice } from './devices.repo.js';

/**
 * Approving something in the app on the customer's own bound device (the memo: PIN or fingerprint
 * only on your own device), for another module (3-D Secure, modules/acs): the session must be one
 * the device itself opened by its PIN, and the approval is that device's two factors again — its
 * key signs a fresh challenge that names what is approved (dynamic linking: the text is the
 * caller's, e.g. the purchase's id, amount, currency and merchant) and the PIN goes with it, with
 * the PIN login's count of failures. One challenge, one use, its own purpose.
 */

function pinSessionDevice(session: ActiveSession): string {
  if (session.method !== 'pin' || !session.deviceId) throw new ProblemError(AuthProblem['device-approval-unavailable']);
  return session.deviceId;
}

export async function deviceApprovalChallenge(
  ctx: AppContext,
  session: ActiveSession,
  subject: string,
): Promise<{ challengeId: string; challenge: string }> {
  const deviceId = pinSessionDevice(session);
  const challenge = `${subject}\n${randomBytes(32).toString('base64url')}`;
  const challengeId = await insertChallenge(ctx.db, {
    purpose: 'device_approval',
    customerId: session.customerId,
    deviceId,
    challenge,
    now: ctx.clock.now(),
  });
  return { challengeId, challenge };
}

export type DeviceApproval = { ok: true; subject: string; deviceId: string } | { ok: false; problem: ProblemError };

/**
 * Checks an approval in the caller's transaction (whose row locks come before the device's), and
 * answers the subject the device signed: the caller compares it with what it is about to approve.
 * A refusal is returned, not thrown, so a wrong PIN's count commits with the caller's transaction.
 */
export async function checkDeviceApproval(
  tx: Tx,
  ctx: AppContext,
  input: { session: ActiveSession; challengeId: string; signature: string; pin: string; meta: RequestMeta; now: Date },
): Promise<DeviceApproval> {
  const deviceId = pinSessionDevice(input.session);
  const failed = { ok: false as const, problem: new ProblemError(AuthProblem['device-login-failed']) };
  const challenge = await spendChallenge(tx, input.challengeId, 'device_approval', input.now);
  if (!challenge || challenge.device_id !== deviceId || challenge.customer_id !== input.session.customerId) return failed;
  const device = await lockDevice(tx, { id: deviceId });
  if (device?.kind !== 'pin' || device.customer_id !== input.session.customerId) return failed;
  const proof = await checkPinProof(tx, ctx, {
    device,
    challenge: challenge.challenge,
    signature: input.signature,
    pin: input.pin,
    meta: input.meta,
    now: input.now,
  });
  if (!proof.ok) return { ok: false, problem: proof.problem };
  return { ok: true, subject: challenge.challenge.slice(0, challenge.challenge.lastIndexOf('\n')), deviceId };
}
