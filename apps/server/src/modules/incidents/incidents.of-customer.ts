import type { AppContext } from '../../context.js';
import { findStaffById } from '../staff/index.js';
import { selectCustomerIncidents } from './incidents.repo.js';
import type { StaffIncidentSummary } from './incidents.schemas.js';
import { staffIncidentSummary } from './incidents.views.js';

/** The customer file shows the latest incidents; older ones are in the queue's filter by customer. */
export const CUSTOMER_FILE_INCIDENTS_MAX = 20;

/**
 * A customer's incidents, open and closed, as the security officers' queue shows them, newest
 * first, for the customer file (issue 13 item 8; modules/calls). Who may see them is the caller's
 * check (staffCustomerAccess).
 */
export async function incidentsOfCustomer(ctx: AppContext, customerId: string): Promise<StaffIncidentSummary[]> {
  const incidents = await selectCustomerIncidents(ctx.db, customerId, CUSTOMER_FILE_INCIDENTS_MAX);
  const ownerIds = [...new Set(incidents.flatMap((incident) => (incident.ownerStaffId ? [incident.ownerStaffId] : [])))];
  const owners = await Promise.all(ownerIds.map((id) => findStaffById(ctx.db, id)));
  const names = new Map(owners.flatMap((owner) => (owner ? [[owner.id, owner.displayName] as const] : [])));
  return incidents.map((incident) => staffIncidentSummary(incident, names));
}
