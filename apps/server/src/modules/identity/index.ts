/**
 * Who the customers are: their records, agreements and registration, and their IIN sealed at rest.
 * A customer's password is auth's, reached through the passwords port (context.ts): identity never
 * imports auth, which depends on it.
 */

// The phone rules live below the modules (sca and notifications need them too); identity re-exports them.
export { maskPhoneForDisplay, normalizePhone } from '../../shared/phone.js';
export { DEMO_CUSTOMERS, DEMO_PASSWORD, findDemoCustomers, identityDemoSeeder } from './demo.js';
export { documentHolder } from './document-holder.js';
export { type Customer, findCustomerById, findCustomerByPhone } from './identity.repo.js';
export { purgeExpired } from './identity.retention.js';
export { identityRoutes } from './identity.routes.js';
export { makeIin } from './iin.js';
export { customerIinMatches, prepareIinsAtRest, rekeyIins } from './iin-at-rest.js';
export { REGISTRATION_CONSENT } from './legal-documents.js';
export { givenName, maskName, stripUnsafeCharacters } from './names.js';
export { profileRoutes } from './profile.routes.js';
