import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import {
  type Incident,
  type IncidentEvent,
  type IncidentEventKind,
  type IncidentKind,
  type IncidentNote,
  type IncidentPriority,
  type IncidentSource,
  type IncidentStatus,
  statesBefore,
} from './incidents.types.js';

/** All SQL of the incidents tables (migration 0022). The column list of each is written once, here. */

const COLUMNS = `id, customer_id, kind, priority, status, source, recorded_by_staff_id, call_id, description, operation_ids,
  owner_staff_id, resolution, created_at, updated_at, closed_at`;

interface IncidentRow {
  id: string;
  customer_id: string;
  kind: IncidentKind;
  priority: IncidentPriority;
  status: IncidentStatus;
  source: IncidentSource;
  recorded_by_staff_id: string | null;
  call_id: string | null;
  description: string | null;
  operation_ids: string[];
  owner_staff_id: string | null;
  resolution: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind,
    priority: row.priority,
    status: row.status,
    source: row.source,
    recordedByStaffId: row.recorded_by_staff_id,
    callId: row.call_id,
    description: row.description,
    operationIds: row.operation_ids,
    ownerStaffId: row.owner_staff_id,
    resolution: row.resolution,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

export async function insertIncident(tx: Tx, incident: Incident): Promise<void> {
  await tx.query(`INSERT INTO incidents (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`, [
    incident.id,
    incident.customerId,
    incident.kind,
    incident.priority,
    incident.status,
    incident.source,
    incident.recordedByStaffId,
    incident.callId,
    incident.description,
    incident.operationIds,
    incident.ownerStaffId,
    incident.resolution,
    incident.createdAt,
    incident.updatedAt,
    incident.closedAt,
  ]);
}

export async function selectIncident(q: Queryable, id: string): Promise<Incident | null> {
  const { rows } = await q.query<IncidentRow>(`SELECT ${COLUMNS} FROM incidents WHERE id = $1`, [id]);
  return rows[0] ? toIncident(rows[0]) : null;
}

export async function lockIncident(tx: Tx, id: string): Promise<Incident | null> {
  const { rows } = await tx.query<IncidentRow>(`SELECT ${COLUMNS} FROM incidents WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ? toIncident(rows[0]) : null;
}

export async function selectCustomerIncidents(q: Queryable, customerId: string, limit: number): Promise<Incident[]> {
  const { rows } = await q.query<IncidentRow>(
    `SELECT ${COLUMNS} FROM incidents WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows.map(toIncident);
}

/** How many reports the customer made themselves since `since` (the day's cap). */
export async function countCustomerReportsSince(q: Queryable, customerId: string, since: Date): Promise<number> {
  const { rows } = await q.query<{ count: string }>(
    "SELECT count(*)::text AS count FROM incidents WHERE customer_id = $1 AND source = 'customer' AND created_at >= $2",
    [customerId, since],
  );
  return Number(rows[0]?.count ?? 0);
}

export interface IncidentQueueQuery {
  /** One status; null: the open ones (new and in progress). */
  status: IncidentStatus | null;
  priority: IncidentPriority | null;
  ownerStaffId: string | null;
  customerId: string | null;
  /** The last incident of the previous page, in queue order. */
  after: { high: boolean; createdAt: Date; id: string } | null;
  limit: number;
}

/** The security officers' queue: high priority first, then the oldest report first. */
export async function selectIncidentQueue(q: Queryable, query: IncidentQueueQuery): Promise<Incident[]> {
  const { rows } = await q.query<IncidentRow>(
    `SELECT ${COLUMNS} FROM incidents
     WHERE (CASE WHEN $1::text IS NULL THEN closed_at IS NULL ELSE status = $1 END)
       AND ($2::text IS NULL OR priority = $2) AND ($3::text IS NULL OR owner_staff_id = $3) AND ($4::text IS NULL OR customer_id = $4)
       AND ($5::boolean IS NULL OR (priority <> 'high', created_at, id) > (NOT $5, $6::timestamptz, $7::text))
     ORDER BY priority <> 'high', created_at, id LIMIT $8`,
    [
      query.status,
      query.priority,
      query.ownerStaffId,
      query.customerId,
      query.after ? query.after.high : null,
      query.after?.createdAt ?? null,
      query.after?.id ?? null,
      query.limit,
    ],
  );
  return rows.map(toIncident);
}

/** Moves an incident to `to`; the WHERE names the states it may come from, so any other step changes nothing. */
export async function updateIncidentStatus(
  tx: Tx,
  step: { id: string; to: IncidentStatus; ownerStaffId: string | null; resolution: string | null; closed: boolean; now: Date },
): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE incidents SET status = $2, owner_staff_id = coalesce($3, owner_staff_id), resolution = coalesce($4, resolution), updated_at = $5,
       closed_at = CASE WHEN $6 THEN $5::timestamptz END
     WHERE id = $1 AND status = ANY($7::text[]) RETURNING 1`,
    [step.id, step.to, step.ownerStaffId, step.resolution, step.now, step.closed, statesBefore(step.to)],
  );
  return rows.length === 1;
}

export async function updateIncidentOwner(tx: Tx, input: { id: string; ownerStaffId: string; now: Date }): Promise<boolean> {
  const { rows } = await tx.query(
    'UPDATE incidents SET owner_staff_id = $2, updated_at = $3 WHERE id = $1 AND closed_at IS NULL RETURNING 1',
    [input.id, input.ownerStaffId, input.now],
  );
  return rows.length === 1;
}

export async function insertIncidentEvent(
  tx: Tx,
  event: { incidentId: string; kind: IncidentEventKind; staffId: string | null; details: Record<string, unknown>; now: Date },
): Promise<void> {
  await tx.query('INSERT INTO incident_events (incident_id, kind, staff_id, details, created_at) VALUES ($1, $2, $3, $4, $5)', [
    event.incidentId,
    event.kind,
    event.staffId,
    JSON.stringify(event.details),
    event.now,
  ]);
}

export async function selectIncidentEvents(q: Queryable, incidentId: string, limit: number): Promise<IncidentEvent[]> {
  const { rows } = await q.query<{
    id: string;
    incident_id: string;
    kind: IncidentEventKind;
    staff_id: string | null;
    details: Record<string, unknown>;
    created_at: Date;
  }>(
    'SELECT id::text AS id, incident_id, kind, staff_id, details, created_at FROM incident_events WHERE incident_id = $1 ORDER BY id LIMIT $2',
    [incidentId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    incidentId: row.incident_id,
    kind: row.kind,
    staffId: row.staff_id,
    details: row.details,
    createdAt: row.created_at,
  }));
}

export async function insertIncidentNote(tx: Tx, note: IncidentNote): Promise<void> {
  assert(note.text.length > 0, 'a note has text');
  await tx.query('INSERT INTO incident_notes (id, incident_id, staff_id, text, created_at) VALUES ($1, $2, $3, $4, $5)', [
    note.id,
    note.incidentId,
    note.staffId,
    note.text,
    note.createdAt,
  ]);
}

export async function selectIncidentNotes(q: Queryable, incidentId: string, limit: number): Promise<IncidentNote[]> {
  const { rows } = await q.query<{ id: string; incident_id: string; staff_id: string; text: string; created_at: Date }>(
    'SELECT id, incident_id, staff_id, text, created_at FROM incident_notes WHERE incident_id = $1 ORDER BY created_at, id LIMIT $2',
    [incidentId, limit],
  );
  return rows.map((row) => ({ id: row.id, incidentId: row.incident_id, staffId: row.staff_id, text: row.text, createdAt: row.created_at }));
}
