/**
 * Who the customers are: their records, agreements and registration, and their IIN sealed at rest.
 * A customer's password is auth's, reached through the passwords port (context.ts): identity never
 * imports auth, which depends on it.
 */

// The phone rules live below the modules (sca and notifications need them too); identity re-exports them.
export { maskPhoneForDisplay, normalizePhone } from '../../shared/phone.js';
export { DEMO_CUSTOMERS, DEMO_PASSWORD, findDemoCustomers, identityDemoSeeder } from './demo.js';
export { documentHolder } from './document-holder.js';
export {
  type Customer,
  findCustomerById,
  findCustomerByPhone,
  findCustomersByFullName,
  listActiveCustomersAfter,
} from './identity.repo.js';
export { purgeExpired } from './identity.retention.js';
export { identityRoutes } from './identity.routes.js';
export { iinCheckDigit, makeIin } from './iin.js';
export { customerBirthDate, customerIinMatches, findCustomerByIin, prepareIinsAtRest, rekeyIins } from './iin-at-rest.js';
export { REGISTRATION_CONSENT } from './legal-documents.js';
export { givenName, maskName, normalizeFullName, stripUnsafeCharacters } from './names.js';
// The phone number change (modules/phone-change drives its steps) and the cooling period after it.
export {
  changeCustomerPhoneInTx,
  isPhoneTakenError,
  phoneCoolingOf,
  phoneCoolingProblem,
  refuseDuringPhoneCooling,
} from './phone-number.js';
export { profileRoutes } from './profile.routes.js';
export { getProfile, type Profile } from './profile.service.js';
