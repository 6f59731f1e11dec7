/**
 * Who among the bank's staff may do what (issue 13 item 1; SECURITY.md 23): a role per action,
 * checked on the server for every staff route by requireStaff (staff-authenticate.ts). The table is
 * exhaustive both ways: every action names the roles allowed it (a new action does not compile
 * until it does), and an action allowed to no role is refused by an assertion at start.
 *
 * Object-level rules (an operator sees a customer's file only on an identified call, a checker is
 * not the maker) are the owning module's, on top of this table.
 */

export const STAFF_ROLES = ['operator', 'security_officer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ACTIONS = [
  'staff.session',
  'customers.search',
  'customers.file',
  'calls.handle',
  'blocks.create',
  'blocks.unblock.request',
  'blocks.unblock.approve',
  'incidents.work',
  'incidents.record',
  'disputes.work',
  'limits.raise.request',
  'audit.view',
  'staff.manage',
  'approvals.decide',
  'merchants.view',
  'merchants.manage',
  'payments.providers.view',
  'payments.providers.manage',
  'payments.providers.settlement.request',
] as const;
/** Every staff action, one per route; the role → actions table is below. */
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** The roles allowed each action. Read by the README's table of roles ("Back office"). */
export const ACTION_ROLES: Readonly<Record<StaffAction, readonly StaffRole[]>> = {
  // Any staff member: read their own session, log out.
  'staff.session': ['operator', 'security_officer', 'admin'],
  // "Exists or not" only, until the caller is identified by the code the call sends.
  'customers.search': ['operator', 'security_officer'],
  // An operator only on an identified call (checked by the calls module); a security officer from a case.
  'customers.file': ['operator', 'security_officer'],
  // Open and close call records, send the caller's verification code.
  'calls.handle': ['operator'],
  // The emergency block: an operator on a call, a security officer from an incident.
  'blocks.create': ['operator', 'security_officer'],
  // Unblocking is maker-checker: one security officer asks, another approves.
  'blocks.unblock.request': ['security_officer'],
  'blocks.unblock.approve': ['security_officer'],
  // Working the security incident queue; operators only record incidents from calls.
  'incidents.work': ['security_officer'],
  'incidents.record': ['operator', 'security_officer'],
  'disputes.work': ['operator', 'security_officer'],
  // Asking a customer's limit raise: an operator on an identified call, a security officer with a
  // reason; another security officer approves it (approvals.decide, APPROVAL_DECIDERS).
  'limits.raise.request': ['operator', 'security_officer'],
  'audit.view': ['security_officer', 'admin'],
  // Create staff, change roles (a role change is maker-checker, approved by another admin).
  'staff.manage': ['admin'],
  // Which kinds of request each role decides is the approvals' own rule.
  'approvals.decide': ['security_officer', 'admin'],
  // Merchants of the payment API (modules/acquiring): the contact center answers merchants' calls
  // and security officers look into fraud, so they read; admins onboard, suspend and issue keys.
  'merchants.view': ['operator', 'security_officer', 'admin'],
  'merchants.manage': ['admin'],
  // Service providers (modules/payments): read like merchants; admins create, edit and suspend.
  // Their settlement details are maker-checker (approvals kind provider_settlement): an admin or a
  // security officer asks, the other of the pair approves (APPROVAL_DECIDERS).
  'payments.providers.view': ['operator', 'security_officer', 'admin'],
  'payments.providers.manage': ['admin'],
  'payments.providers.settlement.request': ['security_officer', 'admin'],
};

for (const action of STAFF_ACTIONS) {
  if (ACTION_ROLES[action].length === 0) throw new Error(`staff action ${action} is allowed to no role`);
}

export function roleMay(role: StaffRole, action: StaffAction): boolean {
  return ACTION_ROLES[action].includes(role);
}
