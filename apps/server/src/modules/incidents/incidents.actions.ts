import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { endAllSessionsByBank, prepareBankPasswordReset, resetPasswordByBank, revokeDeviceByBank } from '../auth/index.js';
import { type BlockReason, emergencyBlock } from '../blocks/index.js';
import type { StaffPrincipal } from '../staff/index.js';
import { IncidentProblem } from './incidents.errors.js';
import { insertIncidentEvent, selectIncident } from './incidents.repo.js';
import type { ActionDone } from './incidents.schemas.js';
import { onIncident } from './incidents.staff.js';
import { type Incident, type IncidentAction, type IncidentKind, isOpen } from './incidents.types.js';

/**
 * A security officer's actions on the customer's access from an open incident ('incidents.work'):
 * end every session, revoke one device, reset the password (auth), the emergency block
 * (modules/blocks). Each is put on the incident's timeline and in the audit with who took it.
 */

/** The block an incident asks for when the officer names no reason. */
const BLOCK_REASON_OF_KIND: Readonly<Record<IncidentKind, BlockReason>> = {
  told_code: 'compromise',
  lost_phone: 'lost_phone',
  fake_bank_call: 'fraud_suspected',
  unknown_operations: 'fraud_suspected',
  other: 'other',
};

/**
 * An action on the customer's access from an open incident: end every session, revoke one
 * device, reset the password (auth), or the emergency block (modules/blocks: sessions, devices,
 * codes and outgoing money at once).
 */
export async function takeIncidentAction(
  ctx: AppContext,
  staff: StaffPrincipal,
  incidentId: string,
  input: { action: IncidentAction; deviceId?: string; blockReason?: BlockReason },
  meta: RequestMeta,
): Promise<ActionDone> {
  if (input.action === 'block') return blockFromIncident(ctx, staff, incidentId, input.blockReason ?? null, meta);
  if (input.action === 'reset-password') return resetPasswordFromIncident(ctx, staff, incidentId, meta);
  const done = await onIncident(ctx, incidentId, async (tx, incident, now): Promise<ActionDone['result']> => {
    if (!isOpen(incident.status)) throw new ProblemError(IncidentProblem['incident-step-refused']);
    let result: ActionDone['result'];
    if (input.action === 'end-sessions') {
      result = { sessionsEnded: await endAllSessionsByBank(tx, { customerId: incident.customerId, meta, now }) };
    } else {
      const revoked = input.deviceId
        ? await revokeDeviceByBank(tx, ctx, { customerId: incident.customerId, deviceId: input.deviceId, caseId: incident.id, meta, now })
        : false;
      if (!revoked) throw new ProblemError(IncidentProblem['incident-device-not-found']);
      result = { devicesRevoked: 1 };
    }
    await actionRecorded(tx, staff, incident, { action: input.action, deviceId: input.deviceId ?? null, ...result }, meta, now);
    return result;
  });
  return { incident: done.incident, result: done.result };
}

async function actionRecorded(
  tx: Tx,
  staff: StaffPrincipal,
  incident: Incident,
  details: Record<string, unknown>,
  meta: RequestMeta,
  now: Date,
) {
  await insertIncidentEvent(tx, { incidentId: incident.id, kind: 'action', staffId: staff.staffId, details, now });
  await recordAudit(tx, {
    event: 'incident.action',
    customerId: incident.customerId,
    meta,
    details: { staffId: staff.staffId, incidentId: incident.id, ...details },
    occurredAt: now,
  });
}

/**
 * The emergency block runs in its own transaction (blocks takes its locks in an order of its own,
 * before any audit row), so it is not inside the incident's lock: the incident is checked open
 * first, the block made (idempotent: a customer blocked already stays so), then the action is
 * put on the incident.
 */
async function blockFromIncident(
  ctx: AppContext,
  staff: StaffPrincipal,
  incidentId: string,
  blockReason: BlockReason | null,
  meta: RequestMeta,
): Promise<ActionDone> {
  const incident = await selectIncident(ctx.db, incidentId);
  if (!incident) throw new ProblemError(IncidentProblem['incident-not-found']);
  if (!isOpen(incident.status)) throw new ProblemError(IncidentProblem['incident-step-refused']);
  const blocked = await emergencyBlock(ctx, {
    customerId: incident.customerId,
    source: 'security',
    reason: blockReason ?? BLOCK_REASON_OF_KIND[incident.kind],
    note: `incident ${incident.id}`,
    staffId: staff.staffId,
    meta,
  });
  const result = { sessionsEnded: blocked.sessionsEnded, devicesRevoked: blocked.devicesRevoked, alreadyBlocked: blocked.alreadyBlocked };
  const done = await onIncident(ctx, incidentId, async (tx, locked, now) => {
    await actionRecorded(tx, staff, locked, { action: 'block', blockId: blocked.block.id, ...result }, meta, now);
  });
  return { incident: done.incident, result };
}

/**
 * The password stops working now and every session ends (auth/bank-password-reset.ts says why
 * the bound devices stay); the customer is told by SMS how to set a new one. The Argon2 hash is
 * made before the incident's transaction (SECURITY.md 37), once the cheap checks passed; the
 * locked row is checked again, as another officer may have closed the incident meanwhile.
 */
async function resetPasswordFromIncident(
  ctx: AppContext,
  staff: StaffPrincipal,
  incidentId: string,
  meta: RequestMeta,
): Promise<ActionDone> {
  const incident = await selectIncident(ctx.db, incidentId);
  if (!incident) throw new ProblemError(IncidentProblem['incident-not-found']);
  if (!isOpen(incident.status)) throw new ProblemError(IncidentProblem['incident-step-refused']);
  const prepared = await prepareBankPasswordReset();
  const done = await onIncident(ctx, incidentId, async (tx, locked, now): Promise<ActionDone['result']> => {
    if (!isOpen(locked.status)) throw new ProblemError(IncidentProblem['incident-step-refused']);
    const reset = await resetPasswordByBank(tx, ctx, {
      customerId: locked.customerId,
      caseId: locked.id,
      staffId: staff.staffId,
      prepared,
      meta,
      now,
    });
    if (!reset) throw new ProblemError(IncidentProblem['incident-customer-not-found']);
    const result = { sessionsEnded: reset.sessionsEnded };
    await actionRecorded(tx, staff, locked, { action: 'reset-password', ...result }, meta, now);
    return result;
  });
  return { incident: done.incident, result: done.result };
}
