/**
 * The bank's staff (issue 13 item 1): back-office users with a role (operator, security officer,
 * admin), a password under the customers' policy and Argon2id (through auth), TOTP or a WebAuthn
 * security key as the second factor (security-keys.service.ts), sessions of their own
 * (staff_sessions, cookie __Host-kassa_staff, CSRF on every write, idle 15 min, absolute 10 h) and
 * a lock after 10 failures. Every staff route of every module takes `requireStaff(ctx, action)` as
 * its preHandler and reads the staff member with `staffOf`;
 * the role → action table is permissions.ts. Staff never receive a password hash or a TOTP secret
 * (the secret leaves once, as the enrolment QR code).
 *
 * staff depends on auth (passwords, tokens) and audit; no customer module depends on staff.
 * Audit events about staff name the staff member in details.staffId.
 */
export { DEMO_STAFF, DEMO_STAFF_PASSWORD, findDemoStaff, staffDemoSeeder } from './demo.js';
/** @public The contract's list of staff actions, for modules that name one in a type. */
export type { StaffAction } from './permissions.js';
export { roleMay, STAFF_ROLES, type StaffRole } from './permissions.js';
// Cases (modules/disputes, modules/incidents) check whom they are assigned to and show their owner's name.
export { changeStaffRole, findStaffById } from './staff.repo.js';
export { purgeExpired } from './staff.retention.js';
export { staffRoutes } from './staff.routes.js';
export { createStaffUser, normalizeDisplayName, STAFF_USERNAME_PATTERN } from './staff.service.js';
export { requireStaff, type StaffPrincipal, staffOf } from './staff-authenticate.js';
// A case's timeline and notes name who took each step: id, display name and role.
export { type StaffRef, StaffRefSchema, staffRef, staffRefsOf } from './staff-refs.js';
// The browser journeys (e2e) log the demo staff in with codes computed from DEMO_STAFF's secrets.
export { totpCode } from './totp.js';
export { resealTotpSecrets } from './totp-at-rest.js';
