/**
 * modules/phone-change: changing the phone number of a customer's access (issue 13 item 5; NIST
 * 800-63B 5.1.3.3: the binding of a new authenticator). It drives the steps and their codes: from
 * the app, the password, a code to the old number and a code to the new one; by staff after
 * identifying the caller, a code to the new number. The number itself and the cooling period after
 * it are identity's (phone-number.ts), which risk, transfers and auth ask; the codes are sca's, the
 * current password and the sessions auth's. It owns phone_change_requests (migration 0025).
 * The staff's routes (/api/staff/v1/calls/{callId}/phone-change) ask calls whom the call
 * identified, blocks whether that customer is blocked, and staff for the role.
 */
export { purgeExpired } from './phone-change.retention.js';
export { phoneChangeRoutes } from './phone-change.routes.js';
