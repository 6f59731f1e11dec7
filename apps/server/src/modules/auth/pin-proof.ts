import { createPublicKey, verify as verifySignature } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { AuthProblem } from './auth.errors.js';
import { type DeviceRow, updatePinFailures } from './devices.repo.js';
import { revokeDeviceInTx } from './devices.service.js';
import { pinMatches } from './tokens.js';

// Five wrong PINs and the binding is gone: the thief of an unlocked phone gets five guesses of 10^4.
export const PIN_FAILURES_MAX = 5;

export type PinProof = { ok: true } | { ok: false; problem: ProblemError; reason: 'bad-signature' | 'wrong-pin' | 'revoked' };

/**
 * A bound PIN device's two factors, as a login and an in-app approval check them: possession (its
 * non-extractable key signed this server challenge) and knowledge (the PIN). A wrong PIN is
 * counted and audited, and the fifth unbinds the device (RTS 4(4): the customer is told how many
 * tries remain). The device row must be locked by the caller's transaction.
 */
export async function checkPinProof(
  tx: Tx,
  ctx: AppContext,
  input: { device: DeviceRow; challenge: string; signature: string; pin: string; meta: RequestMeta; now: Date },
): Promise<PinProof> {
  const { device } = input;
  if (device.status === 'revoked') return { ok: false, problem: new ProblemError(AuthProblem['device-revoked']), reason: 'revoked' };
  if (!device.public_key_jwk) return { ok: false, problem: new ProblemError(AuthProblem['device-login-failed']), reason: 'bad-signature' };
  const key = createPublicKey({ key: { ...device.public_key_jwk }, format: 'jwk' });
  const signatureOk = verifySignature(
    'sha256',
    Buffer.from(input.challenge),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(input.signature, 'base64url'),
  );
  if (!signatureOk) return { ok: false, problem: new ProblemError(AuthProblem['device-login-failed']), reason: 'bad-signature' };
  // SECURITY.md 39: the PIN is checked under every key of the ring, so a device bound before a
  // new key was put first still works.
  if (device.pin_hash !== null && pinMatches(ctx.config.keyring, device.pin_hash, device.id, input.pin)) return { ok: true };
  const failures = device.pin_failures + 1;
  await recordAudit(tx, {
    event: 'device.pin_failed',
    customerId: device.customer_id,
    meta: input.meta,
    details: { deviceId: device.id, failures },
    occurredAt: input.now,
  });
  if (failures >= PIN_FAILURES_MAX) {
    await revokeDeviceInTx(tx, ctx, { customerId: device.customer_id, device, reason: 'pin-attempts', meta: input.meta, now: input.now });
    return { ok: false, problem: new ProblemError(AuthProblem['device-revoked']), reason: 'wrong-pin' };
  }
  await updatePinFailures(tx, device.id, failures);
  const attemptsLeft = PIN_FAILURES_MAX - failures;
  return {
    ok: false,
    problem: new ProblemError(AuthProblem['device-login-failed'], { extensions: { attemptsLeft } }),
    reason: 'wrong-pin',
  };
}
