import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { queueSms } from '../notifications/index.js';
import { revokedNotice } from './auth.messages.js';
import { type DeviceView, listActiveDevices, lockActiveDevices, markDeviceRevoked } from './devices.repo.js';
import { lockDevice } from './devices.shared.js';
import { type ActiveSession, endSessionsInTx } from './sessions.js';
import { liveSessionIdsOfDevice } from './sessions.repo.js';

export type { DeviceView };

// ---- Listing and revoking ----

export const DEVICES_LISTED_MAX = 50;

export async function listDevices(db: Queryable, customerId: string): Promise<DeviceView[]> {
  return listActiveDevices(db, customerId, DEVICES_LISTED_MAX);
}

export async function revokeDeviceInTx(
  tx: Tx,
  ctx: AppContext,
  input: { customerId: string; device: { id: string; name: string }; reason: string; meta: RequestMeta | null; now: Date },
): Promise<void> {
  await markDeviceRevoked(tx, input.device.id, input.reason, input.now);
  const sessionIds = await liveSessionIdsOfDevice(tx, input.device.id);
  if (sessionIds.length)
    await endSessionsInTx(tx, {
      customerId: input.customerId,
      sessionIds,
      reason: 'device-revoked',
      meta: input.meta,
      now: input.now,
    });
  await recordAudit(tx, {
    event: 'device.revoked',
    customerId: input.customerId,
    meta: input.meta,
    details: { deviceId: input.device.id, reason: input.reason },
    occurredAt: input.now,
  });
  const customer = await findCustomerById(tx, input.customerId);
  if (customer)
    await queueSms(tx, {
      to: customer.phone,
      text: revokedNotice(customer.language, ctx.config.officialDomain, input.device.name),
      purpose: 'device-revoked',
    });
}

/** Another customer's device id answers 404, exactly like a missing one, and is audited. */
export async function revokeDevice(ctx: AppContext, session: ActiveSession, deviceId: string, meta: RequestMeta): Promise<void> {
  const now = ctx.clock.now();
  const found = await ctx.db.transaction(async (tx) => {
    const device = await lockDevice(tx, { id: deviceId });
    if (!device || device.customer_id !== session.customerId || device.status !== 'active') return false;
    await revokeDeviceInTx(tx, ctx, { customerId: session.customerId, device, reason: 'by-customer', meta, now });
    return true;
  });
  if (!found) {
    await recordAuditAlone(ctx.db, {
      event: 'access.denied',
      customerId: session.customerId,
      meta,
      details: { resource: 'device', id: deviceId },
      occurredAt: now,
    });
    throw new ProblemError(CommonProblem['not-found']);
  }
}

/**
 * Lost phone, password reset, password change, "log out everywhere": every binding goes at once
 * (SECURITY.md 6, 32), except `exceptDeviceId`, the device the request came from, if any.
 * The caller ends the sessions and tells the customer, once for all the devices.
 */
export async function revokeAllDevicesInTx(
  tx: Tx,
  input: { customerId: string; exceptDeviceId?: string | null; reason: string; meta: RequestMeta | null; now: Date },
): Promise<number> {
  const devices = await lockActiveDevices(tx, input.customerId, input.exceptDeviceId ?? null);
  for (const device of devices) {
    await markDeviceRevoked(tx, device.id, input.reason, input.now);
    await recordAudit(tx, {
      event: 'device.revoked',
      customerId: input.customerId,
      meta: input.meta,
      details: { deviceId: device.id, reason: input.reason },
      occurredAt: input.now,
    });
  }
  return devices.length;
}
