import { type Env, integer } from './config-parse.js';

/**
 * The route classes that cost the bank something (an Argon2 hash, an SMS, a PDF, a look-up that
 * tells whether someone is a customer, a new account). A route names its class in its options
 * (`config: { rateLimit: 'login' }`); http/rate-limit.ts counts it.
 */
export const RATE_LIMIT_CLASSES = [
  'login',
  'registration',
  'code',
  'password',
  'account-opening',
  'statement',
  'lookup',
  'emergency-block',
  'checkout',
  'merchant-key',
] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];

export interface RateLimitPolicy {
  /** A fixed window, named in the variables: RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE_MAX. */
  windowS: number;
  perIpMax: number;
  /** null: the class has no customer yet (its routes come before a login). */
  perCustomerMax: number | null;
}

function rateLimit(
  env: Env,
  windowS: number,
  perIp: [variable: string, fallback: number],
  perCustomer: [variable: string, fallback: number] | null,
): RateLimitPolicy {
  return {
    windowS,
    perIpMax: integer(env, perIp[0], perIp[1], 1, 10_000_000),
    perCustomerMax: perCustomer ? integer(env, perCustomer[0], perCustomer[1], 1, 10_000_000) : null,
  };
}

const MINUTE_S = 60;
const HOUR_S = 3600;
const DAY_S = 86_400;

/**
 * SECURITY.md 33. Per IP the limits are wide: mobile operators put many customers behind one
 * address (carrier-grade NAT), so an IP limit only stops floods; the per-customer limits and the
 * business caps (login lock, codes per phone, 3 tries per code) are the tight ones. Each window
 * is fixed and named in its variables.
 */
export function rateLimits(env: Env): Record<RateLimitClass, RateLimitPolicy> {
  return {
    // Each request is an Argon2 verification (password or PIN) or a WebAuthn check.
    login: rateLimit(env, MINUTE_S, ['RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE_MAX', 30], null),
    // Start and completion (an Argon2 hash, an IIN check) of new customers.
    registration: rateLimit(env, HOUR_S, ['RATE_LIMIT_REGISTRATION_PER_IP_PER_HOUR_MAX', 60], null),
    // Confirming and resending one-time codes; each challenge also allows only 3 tries.
    code: rateLimit(env, MINUTE_S, ['RATE_LIMIT_CODES_PER_IP_PER_MINUTE_MAX', 60], ['RATE_LIMIT_CODES_PER_CUSTOMER_PER_MINUTE_MAX', 20]),
    // Password reset (start, completion) and change: Argon2 and an SMS.
    password: rateLimit(
      env,
      HOUR_S,
      ['RATE_LIMIT_PASSWORD_PER_IP_PER_HOUR_MAX', 30],
      ['RATE_LIMIT_PASSWORD_PER_CUSTOMER_PER_HOUR_MAX', 10],
    ),
    // Each account is a ledger row and an IBAN for life; the audit opened 15 in a row unhindered.
    'account-opening': rateLimit(
      env,
      DAY_S,
      ['RATE_LIMIT_ACCOUNT_OPENING_PER_IP_PER_DAY_MAX', 100],
      ['RATE_LIMIT_ACCOUNT_OPENING_PER_CUSTOMER_PER_DAY_MAX', 15],
    ),
    // PDF statements and receipts: a good part of a CPU second each.
    statement: rateLimit(
      env,
      MINUTE_S,
      ['RATE_LIMIT_STATEMENTS_PER_IP_PER_MINUTE_MAX', 60],
      ['RATE_LIMIT_STATEMENTS_PER_CUSTOMER_PER_MINUTE_MAX', 10],
    ),
    // A phone → name look-up tells whether someone is a customer (SECURITY.md 36); the public receipt
    // check (/r/<code>, no login) tells whether a code is genuine: counted per IP only.
    lookup: rateLimit(
      env,
      MINUTE_S,
      ['RATE_LIMIT_LOOKUPS_PER_IP_PER_MINUTE_MAX', 60],
      ['RATE_LIMIT_LOOKUPS_PER_CUSTOMER_PER_MINUTE_MAX', 20],
    ),
    // The emergency block (modules/blocks): each form sent is an Argon2 check that must not become
    // a password oracle; a real customer sends it once or twice. Per customer: the signed-in button.
    'emergency-block': rateLimit(
      env,
      HOUR_S,
      ['RATE_LIMIT_EMERGENCY_BLOCK_PER_IP_PER_HOUR_MAX', 20],
      ['RATE_LIMIT_EMERGENCY_BLOCK_PER_CUSTOMER_PER_HOUR_MAX', 5],
    ),
    // The hosted checkout's card submissions (acquiring/checkout): each is a 3-D Secure
    // authentication and an authorisation, and a page that answers "declined" is what card testers
    // look for. A buyer submits a card once or twice.
    checkout: rateLimit(
      env,
      MINUTE_S,
      ['RATE_LIMIT_CHECKOUT_PER_IP_PER_MINUTE_MAX', 20],
      ['RATE_LIMIT_CHECKOUT_PER_CUSTOMER_PER_MINUTE_MAX', 10],
    ),
    // Payment API requests with a key that is missing, malformed, unknown or revoked, counted per
    // IP (a valid key is never counted): a key is not guessable, but every refusal is a look-up and
    // an audit row, and a flood of them must stop costing either.
    'merchant-key': rateLimit(env, MINUTE_S, ['RATE_LIMIT_MERCHANT_KEY_FAILURES_PER_IP_PER_MINUTE_MAX', 30], null),
  };
}
