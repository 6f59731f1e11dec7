import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Queryable, Tx } from '../../db/database.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { queueSms } from '../notifications/index.js';
import { ScaProblem } from './sca.errors.js';

// NIST 800-63B 5.1.3.2 allows 10 minutes; RTS and our checklist say 5.
export const CODE_TTL_MS = 5 * 60_000;
export const CODE_ATTEMPTS_MAX = 3;
export const CODE_RESEND_COOLDOWN_MS = 60_000;
const CODE_DIGITS = 6;

/** Stands for a phone in challenges of requests that name nobody; it can never be a real number. */
export const NO_PHONE = '+0';

export type ScaPurpose = 'registration' | 'login' | 'password_reset' | 'transfer' | 'trusted_payee';

export interface ScaDeps {
  secretKey: Buffer;
  now: Date;
}

export interface IssuedCode {
  challengeId: string;
  expiresAt: Date;
  resendAvailableAt: Date;
}

function keyedHash(secretKey: Buffer, label: string, value: string): string {
  return createHmac('sha256', secretKey).update(label).update('\0').update(value).digest('hex');
}

export function detailsHash(secretKey: Buffer, purpose: ScaPurpose, details: Record<string, unknown>): string {
  return keyedHash(secretKey, `details:${purpose}`, canonicalJson(details));
}

function codeHash(secretKey: Buffer, challengeId: string, code: string): string {
  return keyedHash(secretKey, `code:${challengeId}`, code);
}

function newCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

export type RateLimitResult = { ok: true } | { ok: false; reason: 'phone' | 'ip' };

export interface CodeRateLimits {
  perPhonePerHourMax: number;
  perIpPerHourMax: number;
}

/**
 * SMS pumping caps (SECURITY.md 10). Per phone, what counts is a code really sent, plus every
 * registration start (a taken number gets a warning SMS instead of a code, and must hit the cap
 * at the same point, or the cap would tell who banks here). A login with a wrong password sends
 * nothing, so it counts only per IP: a stranger cannot use the cap to lock a customer out.
 */
export async function checkCodeRateLimit(
  db: Queryable,
  limits: CodeRateLimits,
  phone: string,
  ip: string,
  now: Date,
): Promise<RateLimitResult> {
  const since = new Date(now.getTime() - 3_600_000);
  const { rows } = await db.query<{ by_phone: bigint; by_ip: bigint }>(
    `SELECT (SELECT count(*) FROM sca_challenges
             WHERE phone = $1 AND created_at > $3 AND (code_hash IS NOT NULL OR purpose = 'registration' OR void_reason = 'resend-marker')) AS by_phone,
            (SELECT count(*) FROM sca_challenges WHERE ip = $2 AND created_at > $3) AS by_ip`,
    [phone, ip, since],
  );
  const row = rows[0];
  if (Number(row?.by_phone ?? 0) >= limits.perPhonePerHourMax) return { ok: false, reason: 'phone' };
  if (Number(row?.by_ip ?? 0) >= limits.perIpPerHourMax) return { ok: false, reason: 'ip' };
  return { ok: true };
}

export interface IssueCodeInput {
  purpose: ScaPurpose;
  phone: string;
  customerId: string | null;
  details: Record<string, unknown>;
  /** The SMS text for a code; null issues a challenge that no code can pass and sends nothing. */
  smsText: ((code: string) => string) | null;
  meta: RequestMeta;
}

/**
 * Issues a one-time code bound to a purpose and to the operation's details. A challenge with no
 * SMS (smsText null) exists so that a login with a wrong password, or a reset for an unknown
 * phone, looks and costs the same as a real one and fails only at the code step.
 */
export async function issueCode(tx: Tx, deps: ScaDeps, input: IssueCodeInput): Promise<IssuedCode> {
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
      detailsHash(deps.secretKey, input.purpose, input.details),
      code ? codeHash(deps.secretKey, challengeId, code) : null,
      input.meta.ip,
      deps.now,
      expiresAt,
      resendAvailableAt,
    ],
  );
  if (code && input.smsText) {
    await queueSms(tx, { to: input.phone, text: input.smsText(code), purpose: `code:${input.purpose}` });
    await recordAudit(tx, {
      event: 'code.sent',
      customerId: input.customerId,
      meta: input.meta,
      details: { purpose: input.purpose, challengeId },
      occurredAt: deps.now,
    });
  }
  return { challengeId, expiresAt, resendAvailableAt };
}

export type ResendResult =
  | { ok: true; code: IssuedCode }
  | { ok: false; reason: 'cooldown'; seconds: number }
  | { ok: false; reason: 'rate-limited' }
  | { ok: false; reason: 'not-pending' };

/**
 * A resend puts a new code into the same challenge: the earlier code stops working at once, the
 * attempt counter starts again, and the 60 s cooldown and the hourly caps hold. The caps are
 * checked here, against the challenge's phone, so no kind of code can be resent past them.
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
  if (!(await checkCodeRateLimit(tx, input.limits, row.phone, input.meta.ip, deps.now)).ok) return { ok: false, reason: 'rate-limited' };
  const code = input.smsText ? newCode() : null;
  const expiresAt = new Date(deps.now.getTime() + CODE_TTL_MS);
  const resendAvailableAt = new Date(deps.now.getTime() + CODE_RESEND_COOLDOWN_MS);
  await tx.query(`UPDATE sca_challenges SET code_hash = $2, attempts = 0, expires_at = $3, resend_available_at = $4 WHERE id = $1`, [
    input.challengeId,
    code ? codeHash(deps.secretKey, input.challengeId, code) : null,
    expiresAt,
    resendAvailableAt,
  ]);
  // A resend counts against the hourly caps like a new code.
  await tx.query(
    `INSERT INTO sca_challenges (id, customer_id, phone, purpose, details_hash, code_hash, status, void_reason, ip, created_at, expires_at, resend_available_at)
     VALUES ($1, $2, $3, $4, '', NULL, 'void', 'resend-marker', $5, $6, $6, $6)`,
    [newId('chl'), row.customer_id, row.phone, row.purpose, input.meta.ip, deps.now],
  );
  await recordAudit(tx, {
    event: 'code.voided',
    customerId: row.customer_id,
    meta: input.meta,
    details: { challengeId: input.challengeId, reason: 'resent' },
    occurredAt: deps.now,
  });
  if (code && input.smsText) {
    await queueSms(tx, { to: row.phone, text: input.smsText(code), purpose: `code:${row.purpose}` });
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
  if (row.details_hash !== detailsHash(deps.secretKey, input.purpose, input.details)) {
    await tx.query("UPDATE sca_challenges SET status = 'void', void_reason = 'details-changed' WHERE id = $1", [input.challengeId]);
    await audit('code.voided', { reason: 'details-changed' });
    return { ok: false, reason: 'details-changed' };
  }
  const expected = row.code_hash ? Buffer.from(row.code_hash, 'hex') : null;
  const given = Buffer.from(codeHash(deps.secretKey, input.challengeId, input.code), 'hex');
  const matches = expected !== null && expected.length === given.length && timingSafeEqual(expected, given);
  if (!matches) {
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
  if (result.reason === 'rate-limited') return rateLimitProblem();
  return new ProblemError(ScaProblem['code-not-valid-anymore']);
}

export function rateLimitProblem(): ProblemError {
  return new ProblemError(ScaProblem['code-limit-reached'], { headers: { 'retry-after': '3600' } });
}
