import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { queueSms } from '../notifications/index.js';
import { revokedNotice } from './auth.messages.js';
import { lockDevice } from './devices.shared.js';
import { type ActiveSession, endSessionsInTx } from './sessions.js';

// ---- Listing and revoking ----

export const DEVICES_LISTED_MAX = 50;

export interface DeviceView {
  id: string;
  kind: 'pin' | 'webauthn';
  name: string;
  status: 'active' | 'revoked';
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listDevices(db: Queryable, customerId: string): Promise<DeviceView[]> {
  const { rows } = await db.query<{
    id: string;
    kind: 'pin' | 'webauthn';
    name: string;
    status: 'active' | 'revoked';
    created_at: Date;
    last_used_at: Date | null;
  }>(
    "SELECT id, kind, name, status, created_at, last_used_at FROM devices WHERE customer_id = $1 AND status = 'active' ORDER BY created_at DESC LIMIT $2",
    [customerId, DEVICES_LISTED_MAX],
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

export async function revokeDeviceInTx(
  tx: Tx,
  ctx: AppContext,
  input: { customerId: string; device: { id: string; name: string }; reason: string; meta: RequestMeta | null; now: Date },
): Promise<void> {
  await tx.query("UPDATE devices SET status = 'revoked', revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND status = 'active'", [
    input.device.id,
    input.now,
    input.reason,
  ]);
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM sessions WHERE device_id = $1 AND ended_at IS NULL', [input.device.id]);
  if (rows.length)
    await endSessionsInTx(tx, {
      customerId: input.customerId,
      sessionIds: rows.map((row) => row.id),
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
  const { rows } = await tx.query<{ id: string; name: string }>(
    `SELECT id, name FROM devices WHERE customer_id = $1 AND status = 'active' AND ($2::text IS NULL OR id <> $2)
     ORDER BY id FOR UPDATE`,
    [input.customerId, input.exceptDeviceId ?? null],
  );
  for (const device of rows) {
    await tx.query("UPDATE devices SET status = 'revoked', revoked_at = $2, revoke_reason = $3 WHERE id = $1", [
      device.id,
      input.now,
      input.reason,
    ]);
    await recordAudit(tx, {
      event: 'device.revoked',
      customerId: input.customerId,
      meta: input.meta,
      details: { deviceId: device.id, reason: input.reason },
      occurredAt: input.now,
    });
  }
  return rows.length;
}
