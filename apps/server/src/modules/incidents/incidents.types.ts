/**
 * A security incident: the customer tells the bank something is wrong with their access (from
 * the app), or a staff member records what a caller said (source operator). It lands in the
 * security officers' queue with a priority by its kind.
 *
 * Status transitions, written once (the repository's UPDATE names the states each step may come
 * from, so a step not listed here changes no row and is refused):
 *   new         -> in_progress
 *   in_progress -> resolved | rejected
 *   resolved, rejected: final.
 */
export const INCIDENT_STATUSES = ['new', 'in_progress', 'resolved', 'rejected'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  new: ['in_progress'],
  in_progress: ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

export function statesBefore(to: IncidentStatus): IncidentStatus[] {
  return INCIDENT_STATUSES.filter((from) => INCIDENT_TRANSITIONS[from].includes(to));
}

export function isOpen(status: IncidentStatus): boolean {
  return INCIDENT_TRANSITIONS[status].length > 0;
}

/** What the customer reports, in their words (the app shows each as one plain line). */
export const INCIDENT_KINDS = ['told_code', 'lost_phone', 'fake_bank_call', 'unknown_operations', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_PRIORITIES = ['high', 'normal'] as const;
export type IncidentPriority = (typeof INCIDENT_PRIORITIES)[number];

/**
 * High: someone else may be able to move the customer's money now. A code told to someone, or
 * operations the customer did not make, say so outright; a lost phone is where the codes arrive
 * (memo: report it and block as fast as possible). A call from someone posing as the bank is
 * urgent only if a code was told, which is its own kind.
 */
export const PRIORITY_OF_KIND: Readonly<Record<IncidentKind, IncidentPriority>> = {
  told_code: 'high',
  unknown_operations: 'high',
  lost_phone: 'high',
  fake_bank_call: 'normal',
  other: 'normal',
};

export const INCIDENT_SOURCES = ['customer', 'operator'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** What a security officer may do to the customer's access from an incident. */
export const INCIDENT_ACTIONS = ['end-sessions', 'revoke-device', 'reset-password', 'block'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export const INCIDENT_EVENT_KINDS = ['reported', 'recorded', 'assigned', 'in_progress', 'resolved', 'rejected', 'action'] as const;
export type IncidentEventKind = (typeof INCIDENT_EVENT_KINDS)[number];

/** The operations a report may point at: a handful, enough for "these three are not mine". */
export const INCIDENT_OPERATIONS_MAX = 20;
export const INCIDENT_DESCRIPTION_LENGTH_MAX = 2000;
export const INCIDENT_RESOLUTION_LENGTH_MAX = 1000;

export interface Incident {
  id: string;
  customerId: string;
  kind: IncidentKind;
  priority: IncidentPriority;
  status: IncidentStatus;
  source: IncidentSource;
  recordedByStaffId: string | null;
  callId: string | null;
  description: string | null;
  operationIds: string[];
  ownerStaffId: string | null;
  resolution: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export interface IncidentEvent {
  id: string;
  incidentId: string;
  kind: IncidentEventKind;
  staffId: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export interface IncidentNote {
  id: string;
  incidentId: string;
  staffId: string;
  text: string;
  createdAt: Date;
}
