export { createCustomer } from './customers.service.js';
export { IdentityProblem } from './identity.errors.js';
export {
  type AgreementKind,
  type Customer,
  findCustomerById,
  findCustomerByIin,
  findCustomerByPhone,
  passwordHashOf,
  updateLanguage,
  updatePasswordHash,
} from './identity.repo.js';
export { identityRoutes } from './identity.routes.js';
export { makeIin, parseIin } from './iin.js';
export { maskName, normalizeFullName, stripUnsafeCharacters } from './names.js';
export { maskPhoneForDisplay, normalizePhone } from './phone.js';
