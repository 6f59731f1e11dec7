/** What a one-time code can be for. Each purpose binds its own details (sca.service.ts). */
export type ScaPurpose = 'registration' | 'login' | 'password_reset' | 'transfer' | 'trusted_payee' | 'device_binding';

/** sca_challenges.status. Transitions: pending -> used | void (wrong tries, details changed, voided) | expired. */
export type ChallengeStatus = 'pending' | 'used' | 'void' | 'expired';

/** The caps counted in cap_events (caps.ts): who is counted, per hour or per day. */
export type CapScope = 'code-phone' | 'code-ip' | 'code-payments' | 'payee-unknown' | 'registration-iin';

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
