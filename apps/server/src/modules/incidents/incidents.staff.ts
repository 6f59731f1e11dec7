import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { accessSnapshotAt } from '../auth/index.js';
import { findCustomerById, stripUnsafeCharacters } from '../identity/index.js';
import { type OperationRecord, operationRecord } from '../operations/index.js';
import { findStaffById, type StaffPrincipal, staffRefsOf } from '../staff/index.js';
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
import { NOTE_LENGTH_MAX, type StaffIncidentDetails, type StaffIncidentSummary } from './incidents.schemas.js';
import {
  INCIDENT_RESOLUTION_LENGTH_MAX,
  INCIDENT_TRANSITIONS,
  type Incident,
  type IncidentPriority,
  type IncidentStatus,
} from './incidents.types.js';
import { staffIncidentDetails, staffIncidentSummary } from './incidents.views.js';

/**
 * The security officers' side of incidents ('incidents.work'): the queue, one incident with
 * the customer, the operations and how the customer is signed in now, its steps and notes (the
 * actions on the customer's access are incidents.actions.ts). Each step locks the incident first
 * and is audited with the staff member in details.staffId, in the transaction that makes it.
 */

export const TIMELINE_EVENTS_MAX = 200;
export const NOTES_SHOWN_MAX = 200;

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
  // Who took each step and wrote each note, by name and role (staff's lookup, not its table).
  const staff = await staffRefsOf(ctx.db, [
    ...events.flatMap((event) => (event.staffId ? [event.staffId] : [])),
    ...notes.map((note) => note.staffId),
  ]);
  return staffIncidentDetails(incident, {
    owners,
    customer,
    operations: operations.filter((record): record is OperationRecord => record !== null),
    access,
    events,
    notes,
    staff,
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

/** A step on one incident: its row locked first, the work in the same transaction, then the incident as it is now. */
export async function onIncident<T>(
  ctx: AppContext,
  incidentId: string,
  work: Work<T>,
): Promise<{ incident: StaffIncidentDetails; result: T }> {
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
