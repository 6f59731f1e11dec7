/**
 * modules/incidents: security incidents (issue 13 item 7). Owns incidents, their timeline and the
 * staff's notes (migration 0022). A customer reports from the app ("I told someone my code", "I
 * lost my phone", "someone called claiming to be the bank", "I see operations I didn't make") and
 * is told what to do now; operators record what callers report ('incidents.record'). Security
 * officers work the queue by priority ('incidents.work') and act on the customer's access from
 * an incident: end sessions, revoke a device and reset the password (auth), the emergency block
 * (modules/blocks).
 *
 * Depends on auth, blocks, operations, identity, staff, notifications, audit. Nothing depends on it.
 */
// The staff's customer file (modules/calls) lists the customer's incidents.
export { incidentsOfCustomer } from './incidents.of-customer.js';
export { incidentsRoutes } from './incidents.routes.js';
export { StaffIncidentSummary } from './incidents.schemas.js';
export { incidentsStaffRoutes } from './incidents.staff-routes.js';
