import { randomInt } from 'node:crypto';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { newId } from '../../shared/ids.js';
import type { Keyring } from '../../shared/keyring.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
// The leaf module, not identity/index.ts: identity depends on sca, and phone.ts on nothing of ours.
import { smsCountryAllowed } from '../identity/phone.js';
import { queueCodeSms } from '../notifications/index.js';
import { type Cap, chargeCaps, peekCaps } from './caps.js';
import { ScaProblem } from './sca.errors.js';

// NIST 800-63B 5.1.3.2 allows 10 minutes; RTS and our checklist say 5.
export const CODE_TTL_MS = 5 * 60_000;
export const CODE_ATTEMPTS_MAX = 3;
export const CODE_RESEND_COOLDOWN_MS = 60_000;
const CODE_DIGITS = 6;

/** Stands for a phone in challenges of requests that name nobody; it can never be a real number. */
export const NO_PHONE = '+0';

export type ScaPurpose = 'registration' | 'login' | 'password_reset' | 'transfer' | 'trusted_payee' | 'device_binding';

export interface ScaDeps {
  /** SECURITY.md 39: codes and details are hashed under the current key and checked under every key. */
  keyring: Keyring;
  now: Date;
}

export interface IssuedCode {
  challengeId: string;
  expiresAt: Date;
  resendAvailableAt: Date;
}

/**
 * The HMAC labels (shared/keyring.ts) of what a challenge stores: the operation's details, and the
 * code, bound to its challenge. A label changed here would void every pending code.
 */
function detailsLabel(purpose: ScaPurpose): string {
  return `details:${purpose}`;
}

function codeLabel(challengeId: string): string {
  return `code:${challengeId}`;
}

/**
 * A challenge issued or resent before a new key was put first still verifies under the older key
 * (SECURITY.md 39: a rotation voids no pending code). Both checks are constant time per key.
 */
function detailsMatch(keyring: Keyring, stored: string, purpose: ScaPurpose, details: Record<string, unknown>): boolean {
  return keyring.verifyHmac(stored, detailsLabel(purpose), canonicalJson(details));
}

function codeMatches(keyring: Keyring, stored: string | null, challengeId: string, code: string): boolean {
  return stored !== null && keyring.verifyHmac(stored, codeLabel(challengeId), code);
}

function newCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

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

const CODE_CAP_WINDOW_MS = 3_600_000;
const CODE_CAP_WINDOW_S = CODE_CAP_WINDOW_MS / 1000;

/**
 * Codes that confirm a payment or the right to pay without one (RTS art. 5, 13) go to the phone of
 * a logged-in customer; they have a cap of their own per customer (SECURITY.md 33), in place of
 * the per-phone cap, so a customer's payments cannot use up the codes for his next login.
 */
const PAYMENT_PURPOSES: ReadonlySet<ScaPurpose> = new Set<ScaPurpose>(['transfer', 'trusted_payee']);

/**
 * A login or a reset sends its code only when the password is right or the phone is a customer's,
 * so a per-phone cap refused here would answer differently for the two cases and tell a stranger
 * just that. Their callers check the per-phone cap before anything else, from codes already sent,
 * the same for every caller (checkCodeRateLimit); here the code is only counted per phone. The
 * per-IP cap, charged for every attempt alike, is enforced here for them as for all.
 */
const PHONE_CAP_CHECKED_BY_CALLER: ReadonlySet<ScaPurpose> = new Set<ScaPurpose>(['login', 'password_reset']);

/**
 * SMS pumping caps (SECURITY.md 10, 33): the caps one new or resent code counts against. Every
 * code counts per client IP. A payment code counts per customer. Any other code counts per phone
 * when an SMS really goes out, and a registration always does (a taken number gets a warning SMS
 * instead of a code, and must hit the cap at the same point, or the cap would tell who banks
 * here). A login with a wrong password sends nothing, so it counts only per IP: a stranger cannot
 * use the cap to lock a customer out.
 */
function codeCaps(
  limits: CodeRateLimits,
  code: { purpose: ScaPurpose; phone: string; customerId: string | null; ip: string; sendsSms: boolean },
): Cap[] {
  const caps: Cap[] = [{ scope: 'code-ip', key: code.ip, max: limits.perIpPerHourMax, windowMs: CODE_CAP_WINDOW_MS }];
  if (PAYMENT_PURPOSES.has(code.purpose)) {
    assert(code.customerId !== null, `a ${code.purpose} code belongs to a customer`);
    caps.push({ scope: 'code-payments', key: code.customerId, max: limits.paymentsPerCustomerPerHourMax, windowMs: CODE_CAP_WINDOW_MS });
  } else if (code.phone !== NO_PHONE && (code.sendsSms || code.purpose === 'registration')) {
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

interface IssueCodeFields {
  phone: string;
  customerId: string | null;
  details: Record<string, unknown>;
  /** The SMS text for a code; null issues a challenge that no code can pass and sends nothing. */
  smsText: ((code: string) => string) | null;
  meta: RequestMeta;
}

export type IssueCodeInput = IssueCodeFields & { purpose: ScaPurpose; policy: CodePolicy };

export type IssueResult =
  | { ok: true; code: IssuedCode }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'country-not-allowed'; allowedCountryCodes: readonly string[] };

/**
 * Issues a one-time code bound to a purpose and to the operation's details. A challenge with no
 * SMS (smsText null) exists so that a login with a wrong password, or a reset for an unknown
 * phone, looks and costs the same as a real one and fails only at the code step.
 *
 * SECURITY.md 33: no challenge at all for a phone outside the allowed calling codes (with or
 * without an SMS, so the refusal says nothing about who banks here), and the hourly caps are
 * checked and counted in this transaction, atomically (codeCaps, caps.ts). A refusal is a value,
 * audited in the caller's transaction; nothing else is written.
 */
export async function tryIssueCode(tx: Tx, deps: ScaDeps, input: IssueCodeInput): Promise<IssueResult> {
  const policy = input.policy;
  if (input.phone !== NO_PHONE && !smsCountryAllowed(input.phone, policy.smsAllowedCountryCodes)) {
    await recordAudit(tx, {
      event: 'code.country_refused',
      customerId: input.customerId,
      meta: input.meta,
      details: { purpose: input.purpose },
      occurredAt: deps.now,
    });
    return { ok: false, reason: 'country-not-allowed', allowedCountryCodes: policy.smsAllowedCountryCodes };
  }
  const caps = codeCaps(policy.limits, {
    purpose: input.purpose,
    phone: input.phone,
    customerId: input.customerId,
    ip: input.meta.ip,
    sendsSms: input.smsText !== null,
  });
  const charged = await chargeCaps(tx, caps, deps.now);
  if (!charged.ok) {
    await recordAudit(tx, {
      event: 'code.rate_limited',
      customerId: input.customerId,
      meta: input.meta,
      details: { purpose: input.purpose, cap: charged.scope },
      occurredAt: deps.now,
    });
    return { ok: false, reason: 'rate-limited', retryAfterSeconds: charged.retryAfterSeconds };
  }
  const challengeId = newId('chl');
  const expiresAt = new Date(deps.now.getTime() + CODE_TTL_MS);
  const resendAvailableAt = new Date(deps.now.getTime() + CODE_RESEND_COOLDOWN_MS);
  const code = input.smsText ? newCode() : null;
  await tx.query(
    `INSERT INTO sca_challenges (id, customer_id, phone, purpose, details_hash, code_hash, ip, created_at, expires_at, resend_available_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      challengeId,
      input.customerId,
      input.phone,
      input.purpose,
      deps.keyring.hmacHex(detailsLabel(input.purpose), canonicalJson(input.details)),
      code ? deps.keyring.hmacHex(codeLabel(challengeId), code) : null,
      input.meta.ip,
      deps.now,
      expiresAt,
      resendAvailableAt,
    ],
  );
  if (code && input.smsText) {
    // SECURITY.md 35: the text carries the code, so the outbox keeps it sealed and erases it once sent.
    await queueCodeSms(tx, deps.keyring, { to: input.phone, text: input.smsText(code), purpose: `code:${input.purpose}` });
    await recordAudit(tx, {
      event: 'code.sent',
      customerId: input.customerId,
      meta: input.meta,
      details: { purpose: input.purpose, challengeId },
      occurredAt: deps.now,
    });
  }
  return { ok: true, code: { challengeId, expiresAt, resendAvailableAt } };
}

/**
 * tryIssueCode for callers that give up the whole use case on a refusal: it throws the problem,
 * and the transaction, the refusal's audit row with it, rolls back.
 */
export async function issueCode(tx: Tx, deps: ScaDeps, input: IssueCodeInput): Promise<IssuedCode> {
  const result = await tryIssueCode(tx, deps, input);
  if (!result.ok) throw issueFailureProblem(result);
  return result.code;
}

export type ResendResult =
  | { ok: true; code: IssuedCode }
  | { ok: false; reason: 'cooldown'; seconds: number }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'not-pending' };

/**
 * A resend puts a new code into the same challenge: the earlier code stops working at once, the
 * attempt counter starts again, and the 60 s cooldown and the hourly caps hold. The caps are
 * checked and counted here, for the challenge's purpose, phone and customer (codeCaps), so no
 * kind of code can be resent past them.
 */
export async function resendCode(
  tx: Tx,
  deps: ScaDeps,
  input: { challengeId: string; smsText: ((code: string) => string) | null; limits: CodeRateLimits; meta: RequestMeta },
): Promise<ResendResult> {
  const { rows } = await tx.query<{
    status: string;
    resend_available_at: Date;
    expires_at: Date;
    phone: string;
    customer_id: string | null;
    purpose: string;
  }>('SELECT status, resend_available_at, expires_at, phone, customer_id, purpose FROM sca_challenges WHERE id = $1 FOR UPDATE', [
    input.challengeId,
  ]);
  const row = rows[0];
  if (row?.status !== 'pending') return { ok: false, reason: 'not-pending' };
  if (row.resend_available_at > deps.now) {
    return { ok: false, reason: 'cooldown', seconds: Math.ceil((row.resend_available_at.getTime() - deps.now.getTime()) / 1000) };
  }
  // SECURITY.md 10, 33: a resend counts against the hourly caps like a new code, checked and
  // counted here, atomically, under the challenge's row lock taken above (lock order: caps.ts).
  const charged = await chargeCaps(
    tx,
    codeCaps(input.limits, {
      purpose: row.purpose as ScaPurpose,
      phone: row.phone,
      customerId: row.customer_id,
      ip: input.meta.ip,
      sendsSms: input.smsText !== null,
    }),
    deps.now,
  );
  if (!charged.ok) {
    await recordAudit(tx, {
      event: 'code.rate_limited',
      customerId: row.customer_id,
      meta: input.meta,
      details: { purpose: row.purpose, challengeId: input.challengeId, cap: charged.scope },
      occurredAt: deps.now,
    });
    return { ok: false, reason: 'rate-limited', retryAfterSeconds: charged.retryAfterSeconds };
  }
  const code = input.smsText ? newCode() : null;
  const expiresAt = new Date(deps.now.getTime() + CODE_TTL_MS);
  const resendAvailableAt = new Date(deps.now.getTime() + CODE_RESEND_COOLDOWN_MS);
  await tx.query(`UPDATE sca_challenges SET code_hash = $2, attempts = 0, expires_at = $3, resend_available_at = $4 WHERE id = $1`, [
    input.challengeId,
    code ? deps.keyring.hmacHex(codeLabel(input.challengeId), code) : null,
    expiresAt,
    resendAvailableAt,
  ]);
  await recordAudit(tx, {
    event: 'code.voided',
    customerId: row.customer_id,
    meta: input.meta,
    details: { challengeId: input.challengeId, reason: 'resent' },
    occurredAt: deps.now,
  });
  if (code && input.smsText) {
    await queueCodeSms(tx, deps.keyring, { to: row.phone, text: input.smsText(code), purpose: `code:${row.purpose}` });
    await recordAudit(tx, {
      event: 'code.sent',
      customerId: row.customer_id,
      meta: input.meta,
      details: { purpose: row.purpose, challengeId: input.challengeId, resend: true },
      occurredAt: deps.now,
    });
  }
  return { ok: true, code: { challengeId: input.challengeId, expiresAt, resendAvailableAt } };
}

export type VerifyResult =
  | { ok: true; customerId: string | null; phone: string }
  | { ok: false; reason: 'invalid'; attemptsLeft: number }
  | { ok: false; reason: 'expired' | 'attempts-exceeded' | 'not-pending' | 'details-changed' };

/**
 * Checks a code under a row lock, so parallel guesses are counted one after another and at most
 * CODE_ATTEMPTS_MAX of them are ever compared. Returns a value rather than throwing: the caller
 * must COMMIT the counted attempt, then report the failure.
 */
export async function verifyCode(
  tx: Tx,
  deps: ScaDeps,
  input: { challengeId: string; code: string; purpose: ScaPurpose; details: Record<string, unknown>; meta: RequestMeta },
): Promise<VerifyResult> {
  const { rows } = await tx.query<{
    customer_id: string | null;
    phone: string;
    purpose: string;
    details_hash: string;
    code_hash: string | null;
    attempts: number;
    status: string;
    expires_at: Date;
  }>(
    'SELECT customer_id, phone, purpose, details_hash, code_hash, attempts, status, expires_at FROM sca_challenges WHERE id = $1 FOR UPDATE',
    [input.challengeId],
  );
  const row = rows[0];
  // A code issued for another purpose is no code at all for this one.
  if (!row || row.purpose !== input.purpose || row.status !== 'pending') return { ok: false, reason: 'not-pending' };
  const audit = (event: 'code.failed' | 'code.voided', details: Record<string, unknown>) =>
    recordAudit(tx, {
      event,
      customerId: row.customer_id,
      meta: input.meta,
      details: { challengeId: input.challengeId, ...details },
      occurredAt: deps.now,
    });

  if (row.expires_at <= deps.now) {
    await tx.query("UPDATE sca_challenges SET status = 'expired' WHERE id = $1", [input.challengeId]);
    await audit('code.failed', { reason: 'expired' });
    return { ok: false, reason: 'expired' };
  }
  // RTS art. 5(1)(c)-(d): any change to the amount or payee makes the code void.
  if (!detailsMatch(deps.keyring, row.details_hash, input.purpose, input.details)) {
    await tx.query("UPDATE sca_challenges SET status = 'void', void_reason = 'details-changed' WHERE id = $1", [input.challengeId]);
    await audit('code.voided', { reason: 'details-changed' });
    return { ok: false, reason: 'details-changed' };
  }
  if (!codeMatches(deps.keyring, row.code_hash, input.challengeId, input.code)) {
    const attempts = row.attempts + 1;
    const exhausted = attempts >= CODE_ATTEMPTS_MAX;
    await tx.query(
      `UPDATE sca_challenges SET attempts = $2, status = CASE WHEN $3 THEN 'void' ELSE status END,
         void_reason = CASE WHEN $3 THEN 'attempts-exceeded' ELSE void_reason END WHERE id = $1`,
      [input.challengeId, attempts, exhausted],
    );
    await audit('code.failed', { reason: 'wrong-code', attempts });
    return exhausted
      ? { ok: false, reason: 'attempts-exceeded' }
      : { ok: false, reason: 'invalid', attemptsLeft: CODE_ATTEMPTS_MAX - attempts };
  }
  await tx.query("UPDATE sca_challenges SET status = 'used', used_at = $2 WHERE id = $1", [input.challengeId, deps.now]);
  return { ok: true, customerId: row.customer_id, phone: row.phone };
}

/** Voids a pending code (the operation it guards was changed or cancelled). */
export async function voidCode(tx: Tx, challengeId: string, reason: string): Promise<void> {
  await tx.query("UPDATE sca_challenges SET status = 'void', void_reason = $2 WHERE id = $1 AND status = 'pending'", [challengeId, reason]);
}

/** The problem a failed verification shows the customer. */
export function verifyFailureProblem(result: Exclude<VerifyResult, { ok: true }>): ProblemError {
  switch (result.reason) {
    case 'invalid':
      return new ProblemError(ScaProblem['code-invalid'], {
        values: { attemptsLeft: result.attemptsLeft },
        extensions: { attemptsLeft: result.attemptsLeft },
      });
    case 'expired':
      return new ProblemError(ScaProblem['code-expired']);
    case 'attempts-exceeded':
      return new ProblemError(ScaProblem['code-attempts-exceeded']);
    case 'not-pending':
    case 'details-changed':
      return new ProblemError(ScaProblem['code-not-valid-anymore']);
  }
}

export function resendFailureProblem(result: Exclude<ResendResult, { ok: true }>): ProblemError {
  if (result.reason === 'cooldown') {
    return new ProblemError(ScaProblem['code-resend-cooldown'], {
      values: { seconds: result.seconds },
      headers: { 'retry-after': String(result.seconds) },
      extensions: { retryAfterSeconds: result.seconds },
    });
  }
  if (result.reason === 'rate-limited') return rateLimitProblem(result.retryAfterSeconds);
  return new ProblemError(ScaProblem['code-not-valid-anymore']);
}

export function issueFailureProblem(result: Exclude<IssueResult, { ok: true }>): ProblemError {
  switch (result.reason) {
    case 'rate-limited':
      return rateLimitProblem(result.retryAfterSeconds);
    case 'country-not-allowed':
      return smsCountryProblem(result.allowedCountryCodes);
  }
}

/** RFC 9110 §10.2.3: the 429 says when a code can be had again (when the oldest counted one leaves the hour). */
export function rateLimitProblem(retryAfterSeconds: number = CODE_CAP_WINDOW_S): ProblemError {
  return new ProblemError(ScaProblem['code-limit-reached'], {
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}

/** SECURITY.md 33: this number is outside the calling codes SMS may go to. */
export function smsCountryProblem(allowedCountryCodes: readonly string[]): ProblemError {
  return new ProblemError(ScaProblem['sms-country-not-allowed'], {
    values: { countryCodes: allowedCountryCodes.map((code) => `+${code}`).join(', ') },
  });
}
