import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { lockDevice } from './devices.repo.js';
import { revokeDeviceInTx } from './devices.service.js';
import { endSessionsInTx } from './sessions.js';

/**
 * What the bank's staff may do to a customer's access from a security case (modules/incidents):
 * end every session, revoke one bound device (the password reset is bank-password-reset.ts). The
 * staff route has checked the staff member's right and the case, and the case's module audits
 * who did it in the same transaction; here the customer's own rules apply as when the customer
 * does it (the device's sessions end with it, the customer is told of the revoked device by SMS),
 * and auth audits what it changed.
 */

/** Every live session of the customer ends now; their next request is 401. Returns how many ended. */
export function endAllSessionsByBank(tx: Tx, input: { customerId: string; meta: RequestMeta; now: Date }): Promise<number> {
  return endSessionsInTx(tx, {
    customerId: input.customerId,
    sessionIds: 'all',
    reason: 'ended-by-bank',
    meta: input.meta,
    now: input.now,
  });
}

/** False when the device is not the customer's or no longer active: nothing is done. */
export async function revokeDeviceByBank(
  tx: Tx,
  ctx: AppContext,
  input: { customerId: string; deviceId: string; caseId: string; meta: RequestMeta; now: Date },
): Promise<boolean> {
  const device = await lockDevice(tx, { id: input.deviceId });
  if (!device || device.customer_id !== input.customerId || device.status !== 'active') return false;
  await revokeDeviceInTx(tx, ctx, {
    customerId: input.customerId,
    device,
    reason: `by-bank:${input.caseId}`,
    meta: input.meta,
    now: input.now,
  });
  return true;
}
