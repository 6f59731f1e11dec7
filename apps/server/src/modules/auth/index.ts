export { AuthProblem } from './auth.errors.js';
export { purgeExpired } from './auth.retention.js';
export { authRoutes, registrationSessionFactory } from './auth.routes.js';
export { authOf, CSRF_HEADER, PASSIVE_HEADER, requireCustomer, SESSION_COOKIE } from './authenticate.js';
export { type ActiveSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './sessions.js';
