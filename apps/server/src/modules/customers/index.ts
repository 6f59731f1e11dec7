/**
 * modules/customers: the staff's side of a customer (issue 13 item 8). The security officers'
 * search (phone, IIN, name → masked matches, audited, capped with the calls' look-ups), and the
 * customer's file with everything in it: the calls' core (who may open it, profile, accounts,
 * operations, sessions, devices: modules/calls) and the parts other modules own, each read
 * through their exports: notifications sent (never a text), disputes, incidents, blocks, and the
 * audit trail (security officers only).
 *
 * Owns no table. Depends on calls, identity, sca, notifications, disputes, incidents, blocks,
 * risk (the transfer limits), audit and staff; nothing depends on it, so the file can gather from modules that themselves ask
 * calls' staffCustomerAccess without an import cycle.
 */
export { customersRoutes } from './customers.routes.js';
