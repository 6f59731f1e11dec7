/**
 * The contact center's calls (issue 13 items 2 and 3): a call record per inbound or outbound call,
 * the caller found by phone, IIN or name ("exists or not" only), identified by an SMS code sent to
 * the phone on file and read back (sca, purpose call_verification, bound to the call), and only
 * then the customer's file, for that call only. The customer asks "Is Kassa calling me?" at
 * GET /api/v1/calls/active.
 *
 * Owns the calls table (migration 0023). Reads customers (identity), accounts (ledger), history
 * (operations), sessions and devices (auth) only through their exports; staff through staffOf.
 * Other modules' staff routes about a customer (a block, a dispute) ask staffCustomerAccess first:
 * an operator needs an identified call of theirs on that customer, or gets 404, audited.
 */
/** @public The matched customer of the staff member's live inbound call (blocks' weak-identification block, through app.ts). */
export { liveCallMatch } from './call-match.js';
export { callsPurge } from './calls.retention.js';
export { callsRoutes } from './calls.routes.js';
// The staff's customer file (modules/customers serves it, with the parts other modules own):
// who may open it, the core read through identity, ledger, operations and auth, and its schema.
export { CustomerFileView, CustomerId, customerFileView, Reason } from './calls.schemas.js';
export { LOOKUP_WINDOW_MS, LOOKUPS_PER_STAFF_PER_HOUR_MAX } from './calls.types.js';
/**
 * @public For the staff routes of other modules about one customer (a block, an incident, a phone
 * change): ask before acting; a staff principal (staffOf) is a CallStaff as it is.
 */
export { type CustomerAccess, type CustomerFile, callCustomerFile, customerFile, staffCustomerAccess } from './customer-file.js';
