/**
 * modules/disputes: "this wasn't me" as a case (issue 13 item 6). Owns the disputes, their
 * timeline and the staff's notes (migration 0022; the reports of before were operations'
 * operation_disputes). The customer reports an operation (POST /api/v1/operations/{id}/dispute),
 * sees their cases and may withdraw one; the staff work the queue (/api/staff/v1/disputes,
 * 'disputes.work'). A refund is a credit from the bank's dispute-loss account through
 * operations' creditFromBank, once per case. The customer is told of each step in the app.
 *
 * Depends on operations (the operation, the refund), auth (the sessions and devices then), staff
 * (who may work cases), identity, notifications, audit. Nothing depends on it.
 */
// The staff's customer file (modules/calls) lists the customer's cases.
export { disputesOfCustomer } from './disputes.of-customer.js';
export { registerDisputeApprovals } from './disputes.refund.js';
export { disputesRoutes } from './disputes.routes.js';
export { StaffDisputeSummary } from './disputes.schemas.js';
export { disputesStaffRoutes } from './disputes.staff-routes.js';
