/**
 * How customers get in and stay in: passwords (auth_passwords), the login steps, sessions, bound
 * devices and the lock of the password path. auth depends on identity (who the customer is), sca
 * (the codes) and notifications (the SMS notices); identity reaches auth's passwords only through
 * the passwords port (context.ts), implemented here by customerPasswords.
 */
export { purgeExpired } from './auth.retention.js';
export { authRoutes, registrationSessionFactory } from './auth.routes.js';
export { authOf, requireCustomer } from './authenticate.js';
export { customerPasswords } from './customer-passwords.js';
