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
export { callsPurge } from './calls.retention.js';
export { callsRoutes } from './calls.routes.js';
/**
 * @public For the staff routes of other modules about one customer (a block, an incident, a phone
 * change): ask before acting; a staff principal (staffOf) is a CallStaff as it is.
 */
export { type CustomerAccess, staffCustomerAccess } from './customer-file.js';
