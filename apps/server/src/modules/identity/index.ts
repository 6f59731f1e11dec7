export { createCustomer } from './customers.service.js';
export { findDemoCustomers } from './demo.js';
export { IdentityProblem } from './identity.errors.js';
export {
  type AgreementKind,
  type Customer,
  findCustomerById,
  findCustomerByPhone,
  passwordHashOf,
  updateLanguage,
  updatePasswordHash,
} from './identity.repo.js';
export { purgeExpired } from './identity.retention.js';
export { identityRoutes } from './identity.routes.js';
export { makeIin, parseIin } from './iin.js';
export { customerIinMatches, findCustomerByIin, prepareIinsAtRest, rekeyIins, revealIin } from './iin-at-rest.js';
export { maskName, normalizeFullName, stripUnsafeCharacters } from './names.js';
export { maskPhoneForDisplay, normalizePhone, phoneCallingCode, smsCountryAllowed } from './phone.js';
