import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { accessSnapshotAt, endAllSessionsByBank, revokeDeviceByBank } from '../auth/index.js';
import { type BlockReason, emergencyBlock } from '../blocks/index.js';
import { findCustomerById, stripUnsafeCharacters } from '../identity/index.js';
import { type OperationRecord, operationRecord } from '../operations/index.js';
import { findStaffById, type StaffPrincipal } from '../staff/index.js';
import { IncidentProblem } from './incidents.errors.js';
import {
  insertIncidentEvent,
  insertIncidentNote,
  lockIncident,
  selectIncident,
  selectIncidentEvents,
  selectIncidentNotes,
  selectIncidentQueue,
  updateIncidentOwner,
  updateIncidentStatus,
} from './incidents.repo.js';
import { type ActionDone, NOTE_LENGTH_MAX, type StaffIncidentDetails, type StaffIncidentSummary } from './incidents.schemas.js';
import {
  INCIDENT_RESOLUTION_LENGTH_MAX,
  INCIDENT_TRANSITIONS,
  type Incident,
  type IncidentAction,
  type IncidentKind,
  type IncidentPriority,
  type IncidentStatus,
  isOpen,
} from './incidents.types.js';
import { staffIncidentDetails, staffIncidentSummary } from './incidents.views.js';

/**
 * The security officers' side of incidents ('incidents.work'): the queue, one incident with
 * the customer, the operations and how the customer is signed in now, its steps, notes, and the
 * actions on the customer's access. Each step locks the incident first and is audited with the
 * staff member in details.staffId, in the transaction that makes it.
 */

export const TIMELINE_EVENTS_MAX = 200;
export const NOTES_SHOWN_MAX = 200;

/** The block an incident asks for when the officer names no reason. */
const BLOCK_REASON_OF_KIND: Readonly<Record<IncidentKind, BlockReason>> = {
  told_code: 'compromise',
  lost_phone: 'lost_phone',
  fake_bank_call: 'fraud_suspected',
  unknown_operations: 'fraud_suspected',
  other: 'other',
};

async function ownerNames(ctx: AppContext, incidents: readonly Incident[]): Promise<Map<string, string>> {
  const ids = [...new Set(incidents.flatMap((incident) => (incident.ownerStaffId ? [incident.ownerStaffId] : [])))];
  const staff = await Promise.all(ids.map((id) => findStaffById(ctx.db, id)));
  return new Map(staff.flatMap((member) => (member ? [[member.id, member.displayName] as const] : [])));
}

function encodeCursor(incident: Incident): string {
  return Buffer.from(`${incident.priority}|${incident.createdAt.toISOString()}|${incident.id}`).toString('base64url');
}

function decodeCursor(cursor: string | null): { high: boolean; createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [priority, at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  return id && !Number.isNaN(createdAt.getTime()) ? { high: priority === 'high', createdAt, id } : null;
}

export async function incidentQueue(
  ctx: AppContext,
  input: {
    status: IncidentStatus | null;
    priority: IncidentPriority | null;
    ownerStaffId: string | null;
    customerId: string | null;
    cursor: string | null;
    limit: number;
  },
): Promise<{ items: StaffIncidentSummary[]; nextCursor: string | null }> {
  const rows = await selectIncidentQueue(ctx.db, { ...input, after: decodeCursor(input.cursor), limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const owners = await ownerNames(ctx, page);
  const last = page[page.length - 1];
  return {
    items: page.map((incident) => staffIncidentSummary(incident, owners)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
  };
}

async function incidentDetails(ctx: AppContext, incident: Incident): Promise<StaffIncidentDetails> {
  const [customer, operations, access, events, notes, owners] = await Promise.all([
    findCustomerById(ctx.db, incident.customerId),
    Promise.all(incident.operationIds.map((id) => operationRecord(ctx.db, id))),
    accessSnapshotAt(ctx.db, incident.customerId, ctx.clock.now()),
    selectIncidentEvents(ctx.db, incident.id, TIMELINE_EVENTS_MAX),
    selectIncidentNotes(ctx.db, incident.id, NOTES_SHOWN_MAX),
    ownerNames(ctx, [incident]),
  ]);
  return staffIncidentDetails(incident, {
    owners,
    customer,
    operations: operations.filter((record): record is OperationRecord => record !== null),
    access,
    events,
    notes,
    contacts: { contactPhone: ctx.config.contactCenterPhone, securityEmail: ctx.config.securityEmail },
  });
}

/** One incident; each view is audited with who looked (it shows the customer's sessions and devices). */
export async function staffIncident(
  ctx: AppContext,
  staff: StaffPrincipal,
  incidentId: string,
  meta: RequestMeta,
): Promise<StaffIncidentDetails> {
  const incident = await selectIncident(ctx.db, incidentId);
  if (!incident) throw new ProblemError(IncidentProblem['incident-not-found']);
  await ctx.db.transaction((tx) =>
    recordAudit(tx, {
      event: 'incident.viewed',
      customerId: incident.customerId,
      meta,
      details: { staffId: staff.staffId, incidentId },
      occurredAt: ctx.clock.now(),
    }),
  );
  return incidentDetails(ctx, incident);
}

type Work<T> = (tx: Tx, incident: Incident, now: Date) => Promise<T>;

async function onIncident<T>(ctx: AppContext, incidentId: string, work: Work<T>): Promise<{ incident: StaffIncidentDetails; result: T }> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    // The incident's row, then what the action locks (devices, sessions), then the audit chain:
    // the order auth's own steps take them (a device login locks its device, then audits).
    const incident = await lockIncident(tx, incidentId);
    if (!incident) throw new ProblemError(IncidentProblem['incident-not-found']);
    return work(tx, incident, now);
  });
  const after = await selectIncident(ctx.db, incidentId);
  if (!after) throw new ProblemError(IncidentProblem['incident-not-found']);
  return { incident: await incidentDetails(ctx, after), result };
}

function cleanText(text: string | undefined, lengthMax: number): string | null {
  const cleaned = text ? stripUnsafeCharacters(text).trim().slice(0, lengthMax) : '';
  return cleaned === '' ? null : cleaned;
}

export async function assignIncident(
  ctx: AppContext,
  staff: StaffPrincipal,
  incidentId: string,
  input: { staffId: string | null },
  meta: RequestMeta,
): Promise<StaffIncidentDetails> {
  const done = await onIncident(ctx, incidentId, async (tx, incident, now) => {
    const ownerId = input.staffId ?? staff.staffId;
    const owner = ownerId === staff.staffId ? { status: 'active' } : await findStaffById(tx, ownerId);
    if (owner?.status !== 'active') throw new ProblemError(IncidentProblem['incident-assignee-unknown']);
    if (!(await updateIncidentOwner(tx, { id: incident.id, ownerStaffId: ownerId, now })))
      throw new ProblemError(IncidentProblem['incident-step-refused']);
    await insertIncidentEvent(tx, {
      incidentId: incident.id,
      kind: 'assigned',
      staffId: staff.staffId,
      details: { ownerStaffId: ownerId },
      now,
    });
    await recordAudit(tx, {
      event: 'incident.assigned',
      customerId: incident.customerId,
      meta,
      details: { staffId: staff.staffId, incidentId: incident.id, ownerStaffId: ownerId },
      occurredAt: now,
    });
  });
  return done.incident;
}

/** new → in_progress (the incident becomes the officer's if nobody owned it) → resolved | rejected, with how it ended. */
export async function changeIncidentStatus(
  ctx: AppContext,
  staff: StaffPrincipal,
  incidentId: string,
  input: { status: Exclude<IncidentStatus, 'new'>; resolution?: string },
  meta: RequestMeta,
): Promise<StaffIncidentDetails> {
  const done = await onIncident(ctx, incidentId, async (tx, incident, now) => {
    const resolution = cleanText(input.resolution, INCIDENT_RESOLUTION_LENGTH_MAX);
    const closing = INCIDENT_TRANSITIONS[input.status].length === 0;
    if (closing && !resolution) throw new ProblemError(IncidentProblem['incident-resolution-required']);
    if (!INCIDENT_TRANSITIONS[incident.status].includes(input.status)) throw new ProblemError(IncidentProblem['incident-step-refused']);
    const moved = await updateIncidentStatus(tx, {
      id: incident.id,
      to: input.status,
      ownerStaffId: incident.ownerStaffId ?? staff.staffId,
      resolution,
      closed: closing,
      now,
    });
    if (!moved) throw new ProblemError(IncidentProblem['incident-step-refused']);
    await insertIncidentEvent(tx, { incidentId: incident.id, kind: input.status, staffId: staff.staffId, details: {}, now });
    await recordAudit(tx, {
      event: 'incident.status_changed',
      customerId: incident.customerId,
      meta,
      details: { staffId: staff.staffId, incidentId: incident.id, from: incident.status, to: input.status },
      occurredAt: now,
    });
  });
  return done.incident;
}

export async function addIncidentNote(
  ctx: AppContext,
  staff: StaffPrincipal,
  incidentId: string,
  input: { text: string },
  meta: RequestMeta,
): Promise<StaffIncidentDetails> {
  const done = await onIncident(ctx, incidentId, async (tx, incident, now) => {
    const text = cleanText(input.text, NOTE_LENGTH_MAX);
    if (!text) throw new ProblemError(IncidentProblem['incident-note-empty']);
    await insertIncidentNote(tx, { id: newId('inn'), incidentId: incident.id, staffId: staff.staffId, text, createdAt: now });
    await recordAudit(tx, {
      event: 'incident.note_added',
      customerId: incident.customerId,
      meta,
      details: { staffId: staff.staffId, incidentId: incident.id },
      occurredAt: now,
    });
  });
  return done.incident;
}

/**
 * An action on the customer's access from an open incident: end every session, revoke one
 * device (auth), or the emergency block (modules/blocks: sessions, devices, codes and outgoing
 * money at once). The action and who took it are on the incident's timeline and in the audit.
 */
export async function takeIncidentAction(
  ctx: AppContext,
  staff: StaffPrincipal,
  incidentId: string,
  input: { action: IncidentAction; deviceId?: string; blockReason?: BlockReason },
  meta: RequestMeta,
): Promise<ActionDone> {
  if (input.action === 'block') return blockFromIncident(ctx, staff, incidentId, input.blockReason ?? null, meta);
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
