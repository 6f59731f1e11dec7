import type { Queryable } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { type Cap, peekCaps } from './caps.js';
import { CODE_CAP_WINDOW_MS, NO_PHONE, type ScaPurpose } from './sca.types.js';

/**
 * The hourly caps on one-time codes (SECURITY.md 10, 33: SMS pumping, toll fraud). What a code
 * counts against is decided here; caps.ts checks and counts it atomically.
 */

export type RateLimitResult = { ok: true } | { ok: false; reason: 'phone' | 'ip'; retryAfterSeconds: number };

export interface CodeRateLimits {
  perPhonePerHourMax: number;
  perIpPerHourMax: number;
  paymentsPerCustomerPerHourMax: number;
}

/** What every code is held to (config): the hourly caps, and the calling codes SMS may go to. */
export interface CodePolicy {
  limits: CodeRateLimits;
  smsAllowedCountryCodes: readonly string[];
}

export function codePolicy(config: { codeRateLimits: CodeRateLimits; smsAllowedCountryCodes: readonly string[] }): CodePolicy {
  return { limits: config.codeRateLimits, smsAllowedCountryCodes: config.smsAllowedCountryCodes };
}

/**
 * Codes that confirm a payment or the right to pay without one (RTS art. 5, 13) go to the phone of
 * a logged-in customer; they have a cap of their own per customer (SECURITY.md 33), in place of
 * the per-phone cap, so a customer's payments cannot use up the codes for his next login.
 */
// A card's codes (its details shown, a limit raised) are the same kind: asked from the signed-in app.
const PAYMENT_PURPOSES: ReadonlySet<ScaPurpose> = new Set<ScaPurpose>([
  'transfer',
  'trusted_payee',
  'card_reveal',
  'card_limit',
  'service_schedule',
]);

/**
 * A login or a reset sends its code only when the password is right or the phone is a customer's,
 * so a per-phone cap refused here would answer differently for the two cases and tell a stranger
 * just that. Their callers check the per-phone cap before anything else, from codes already sent,
 * the same for every caller (checkCodeRateLimit); here the code is only counted per phone. The
 * per-IP cap, charged for every attempt alike, is enforced here for them as for all.
 */
const PHONE_CAP_CHECKED_BY_CALLER: ReadonlySet<ScaPurpose> = new Set<ScaPurpose>(['login', 'password_reset']);

/**
 * Codes to a number that may belong to another customer, who then gets a warning SMS instead of
 * the code (registration; the new number of a phone change): they count per phone whether or not
 * the code went out, so the cap is reached at the same point either way and tells nobody who
 * banks here.
 */
const PHONE_CAP_EVEN_WITHOUT_SMS: ReadonlySet<ScaPurpose> = new Set<ScaPurpose>(['registration', 'phone_change_new']);

/**
 * Codes one staff member may send in an hour (modules/calls: a code per caller to identify). An
 * operator takes a call every few minutes; twice that pace is the most a person can use, and
 * anything beyond it is someone pumping SMS through a staff session.
 */
const STAFF_CODES_PER_HOUR_MAX = 40;

/**
 * SMS pumping caps (SECURITY.md 10, 33): the caps one new or resent code counts against. Every
 * code counts per client IP, but one a staff member sends (`staffId`) counts per staff member
 * instead: the contact center's operators share the bank's address, so a per-IP cap would stop
 * them all at once, and the sender is known. A payment code counts per customer. Any other code counts per phone
 * when an SMS really goes out, and a registration always does (a taken number gets a warning SMS
 * instead of a code, and must hit the cap at the same point, or the cap would tell who banks
 * here). A login with a wrong password sends nothing, so it counts only per IP: a stranger cannot
 * use the cap to lock a customer out.
 */
export function codeCaps(
  limits: CodeRateLimits,
  code: { purpose: ScaPurpose; phone: string; customerId: string | null; ip: string; sendsSms: boolean; staffId?: string | null },
): Cap[] {
  const caps: Cap[] = [
    code.staffId
      ? { scope: 'code-staff', key: code.staffId, max: STAFF_CODES_PER_HOUR_MAX, windowMs: CODE_CAP_WINDOW_MS }
      : { scope: 'code-ip', key: code.ip, max: limits.perIpPerHourMax, windowMs: CODE_CAP_WINDOW_MS },
  ];
  if (PAYMENT_PURPOSES.has(code.purpose)) {
    assert(code.customerId !== null, `a ${code.purpose} code belongs to a customer`);
    caps.push({ scope: 'code-payments', key: code.customerId, max: limits.paymentsPerCustomerPerHourMax, windowMs: CODE_CAP_WINDOW_MS });
  } else if (code.phone !== NO_PHONE && (code.sendsSms || PHONE_CAP_EVEN_WITHOUT_SMS.has(code.purpose))) {
    const max = PHONE_CAP_CHECKED_BY_CALLER.has(code.purpose) ? Number.MAX_SAFE_INTEGER : limits.perPhonePerHourMax;
    caps.push({ scope: 'code-phone', key: code.phone, max, windowMs: CODE_CAP_WINDOW_MS });
  }
  return caps;
}

/**
 * A cheap look at the per-phone and per-IP caps before expensive work (SECURITY.md 37), without
 * counting. It decides nothing: issueCode and resendCode check and count every code themselves,
 * atomically (caps.ts), whether or not their caller looked here first.
 */
export async function checkCodeRateLimit(
  db: Queryable,
  limits: CodeRateLimits,
  phone: string,
  ip: string,
  now: Date,
): Promise<RateLimitResult> {
  const caps: Cap[] = [{ scope: 'code-ip', key: ip, max: limits.perIpPerHourMax, windowMs: CODE_CAP_WINDOW_MS }];
  if (phone !== NO_PHONE) caps.push({ scope: 'code-phone', key: phone, max: limits.perPhonePerHourMax, windowMs: CODE_CAP_WINDOW_MS });
  const decision = await peekCaps(db, caps, now);
  if (decision.ok) return { ok: true };
  return { ok: false, reason: decision.scope === 'code-phone' ? 'phone' : 'ip', retryAfterSeconds: decision.retryAfterSeconds };
}
