/**
 * What a one-time code can be for. Each purpose binds its own details (sca.service.ts).
 * call_verification: the code an operator sends to identify a caller (modules/calls), bound to the
 * call; it proves nothing anywhere else, and no other code proves a call.
 * phone_change_old / phone_change_new: the two codes of a phone number change (modules/phone-change),
 * one to the number in use and one to the new number, each bound to that change and the new number.
 */
export type ScaPurpose =
  | 'registration'
  | 'login'
  | 'password_reset'
  | 'transfer'
  | 'trusted_payee'
  | 'device_binding'
  | 'call_verification'
  | 'phone_change_old'
  | 'phone_change_new'
  // modules/cards: showing a card's details (bound to the card and its last 4 digits), and raising
  // its internet limits above the default or lifting them for a while (bound to the card and the values).
  | 'card_reveal'
  | 'card_limit'
  // modules/payments: setting up a scheduled payment (RTS art. 14), bound to its provider, account, amount and dates.
  | 'service_schedule';

/** sca_challenges.status. Transitions: pending -> used | void (wrong tries, details changed, voided) | expired. */
export type ChallengeStatus = 'pending' | 'used' | 'void' | 'expired';

/** The caps counted in cap_events (caps.ts): who is counted, per hour or per day. */
export type CapScope =
  | 'code-phone'
  | 'code-ip'
  | 'code-payments'
  | 'payee-unknown'
  | 'registration-iin'
  // Codes a staff member sends, and customers a staff member looks up, per staff member (modules/calls).
  | 'code-staff'
  | 'staff-lookup'
  // Emergency block forms sent per login named (a keyed hash of the phone or IIN; modules/blocks).
  | 'emergency-block-login'
  // Card details shown per customer per hour (modules/cards).
  | 'card-reveal';

/** A code step's answer: the challenge to confirm, and when it expires and may be resent. */
export interface IssuedCode {
  challengeId: string;
  expiresAt: Date;
  resendAvailableAt: Date;
}

// ---- The closed sets of failures (sca.errors.ts maps each to what the customer sees) ----

export type IssueResult =
  | { ok: true; code: IssuedCode }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'country-not-allowed'; allowedCountryCodes: readonly string[] };

export type ResendResult =
  | { ok: true; code: IssuedCode }
  | { ok: false; reason: 'cooldown'; seconds: number }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'not-pending' };

export type VerifyResult =
  | { ok: true; customerId: string | null; phone: string }
  | { ok: false; reason: 'invalid'; attemptsLeft: number }
  | { ok: false; reason: 'expired' | 'attempts-exceeded' | 'not-pending' | 'details-changed' };

/** Stands for a phone in challenges of requests that name nobody; it can never be a real number. */
export const NO_PHONE = '+0';

/** The window of the hourly code caps; a 429 with no better figure says to wait this long. */
export const CODE_CAP_WINDOW_MS = 3_600_000;
