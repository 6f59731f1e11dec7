/**
 * How customers get in and stay in: passwords (auth_passwords), the login steps, sessions, bound
 * devices and the lock of the password path. auth depends on identity (who the customer is), sca
 * (the codes) and notifications (the SMS notices); identity reaches auth's passwords only through
 * the passwords port (context.ts), implemented here by customerPasswords.
 */

export { type AccessSnapshot, AccessSnapshotSchema, accessSnapshotAt } from './access-snapshot.js';
export { purgeExpired } from './auth.retention.js';
export { authRoutes, registrationSessionFactory } from './auth.routes.js';
// The back office's staff (modules/staff) log in with the same password policy, Argon2id pool,
// token hashing and CSRF binding as customers, into tables of their own.
// The emergency block (modules/blocks): everything a login can use ends in its transaction.
export { authOf, CSRF_HEADER, clearSessionCookie, PASSIVE_HEADER, requireCustomer } from './authenticate.js';
// A security officer's "reset password" from an incident: Argon2 before the case's transaction, the reset inside it.
export { prepareBankPasswordReset, resetPasswordByBank } from './bank-password-reset.js';
// The phone number change (modules/phone-change) asks for the current password again.
export { confirmCurrentPassword } from './current-password.js';
export { customerPasswords } from './customer-passwords.js';
// Approving in the app on the bound PIN device (3-D Secure challenges, modules/acs).
export { checkDeviceApproval, deviceApprovalChallenge, hasActivePinDevice } from './device-approval.js';
export { type DeviceView, listDevices, revokeAllDevicesInTx } from './devices.service.js';
export { lockAuthenticatorsOf, passwordMatches } from './lost-phone.js';
export { passwordPolicyProblem } from './password-policy.js';
export { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
export { endSessionsInTx, listActiveSessions, type SessionView } from './sessions.js';
export { endAllSessionsByBank, revokeDeviceByBank } from './staff-actions.js';
export { csrfTokenFor, csrfTokenMatches, newToken, tokenHash, tokenHashCandidates } from './tokens.js';
