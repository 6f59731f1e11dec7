import type { AccessSnapshot } from '../auth/index.js';
import { type Customer, maskName, maskPhoneForDisplay } from '../identity/index.js';
import { type OperationRecord, staffOperationView } from '../operations/index.js';
import { type StaffRef, staffRef } from '../staff/index.js';
import type { IncidentView, StaffIncidentDetails, StaffIncidentSummary } from './incidents.schemas.js';
import type { Incident, IncidentEvent, IncidentNote } from './incidents.types.js';

/** Incidents as JSON: the customer's view of their report, and the security officers'. */

/** The customer sees what they reported and where it stands, never the priority or who works it. */
export function incidentView(incident: Incident): IncidentView {
  return {
    id: incident.id,
    kind: incident.kind,
    status: incident.status,
    source: incident.source,
    text: incident.description,
    operationIds: incident.operationIds,
    createdAt: incident.createdAt.toISOString(),
    closedAt: incident.closedAt?.toISOString() ?? null,
  };
}

export function staffIncidentSummary(incident: Incident, owners: ReadonlyMap<string, string>): StaffIncidentSummary {
  return {
    id: incident.id,
    kind: incident.kind,
    priority: incident.priority,
    status: incident.status,
    source: incident.source,
    customerId: incident.customerId,
    owner: incident.ownerStaffId ? { staffId: incident.ownerStaffId, displayName: owners.get(incident.ownerStaffId) ?? '' } : null,
    operationCount: incident.operationIds.length,
    createdAt: incident.createdAt.toISOString(),
  };
}

export function staffIncidentDetails(
  incident: Incident,
  parts: {
    owners: ReadonlyMap<string, string>;
    customer: Customer | null;
    operations: readonly OperationRecord[];
    access: AccessSnapshot;
    events: readonly IncidentEvent[];
    notes: readonly IncidentNote[];
    /** Everyone the events and notes name (staffRefsOf). */
    staff: ReadonlyMap<string, StaffRef>;
    contacts: { contactPhone: string; securityEmail: string };
  },
): StaffIncidentDetails {
  const { customer } = parts;
  return {
    ...staffIncidentSummary(incident, parts.owners),
    text: incident.description,
    callId: incident.callId,
    recordedByStaffId: incident.recordedByStaffId,
    resolution: incident.resolution,
    closedAt: incident.closedAt?.toISOString() ?? null,
    customer: customer
      ? { id: customer.id, maskedName: maskName(customer.fullName), maskedPhone: maskPhoneForDisplay(customer.phone) }
      : null,
    operations: parts.operations.map(staffOperationView),
    access: parts.access,
    contactCenterPhone: parts.contacts.contactPhone,
    securityEmail: parts.contacts.securityEmail,
    timeline: parts.events.map((event) => ({
      kind: event.kind,
      staffId: event.staffId,
      staff: event.staffId ? staffRef(parts.staff, event.staffId) : null,
      details: event.details,
      at: event.createdAt.toISOString(),
    })),
    notes: parts.notes.map((note) => ({
      id: note.id,
      staffId: note.staffId,
      staff: staffRef(parts.staff, note.staffId),
      text: note.text,
      at: note.createdAt.toISOString(),
    })),
  };
}
