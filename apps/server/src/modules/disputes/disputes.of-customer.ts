import type { AppContext } from '../../context.js';
import { findStaffById } from '../staff/index.js';
import { selectCustomerDisputes } from './disputes.repo.js';
import type { StaffDisputeSummary } from './disputes.schemas.js';
import { staffSummary } from './disputes.views.js';

/** The customer file shows the latest cases; older ones are in the queue's filter by customer. */
export const CUSTOMER_FILE_DISPUTES_MAX = 20;

/**
 * A customer's disputes as the staff's queue shows them, newest first, for the customer file
 * (issue 13 item 8; modules/calls). Who may see them is the caller's check (staffCustomerAccess).
 */
export async function disputesOfCustomer(ctx: AppContext, customerId: string): Promise<StaffDisputeSummary[]> {
  const disputes = await selectCustomerDisputes(ctx.db, customerId, CUSTOMER_FILE_DISPUTES_MAX);
  const ownerIds = [...new Set(disputes.flatMap((dispute) => (dispute.ownerStaffId ? [dispute.ownerStaffId] : [])))];
  const owners = await Promise.all(ownerIds.map((id) => findStaffById(ctx.db, id)));
  const names = new Map(owners.flatMap((owner) => (owner ? [[owner.id, owner.displayName] as const] : [])));
  const now = ctx.clock.now();
  return disputes.map((dispute) => staffSummary(dispute, names, now));
}
