import { randomInt } from 'node:crypto';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { newId } from '../../shared/ids.js';
import type { Keyring } from '../../shared/keyring.js';
import { smsCountryAllowed } from '../../shared/phone.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { queueCodeSms } from '../notifications/index.js';
import { chargeCaps } from './caps.js';
import { type CodePolicy, type CodeRateLimits, codeCaps } from './code-caps.js';
import { codesHeldFor } from './holds.js';
import { issueFailureProblem, resendFailureProblem } from './sca.errors.js';
import {
  countWrongCode,
  insertChallenge,
  lockChallenge,
  markChallengeExpired,
  markChallengeUsed,
  readChallengeState,
  renewChallengeCode,
  voidChallenge,
} from './sca.repo.js';
import {
  type ChallengeStatus,
  type IssuedCode,
  type IssueResult,
  NO_PHONE,
  type ResendResult,
  type ScaPurpose,
  type VerifyResult,
} from './sca.types.js';

// NIST 800-63B 5.1.3.2 allows 10 minutes; RTS and our checklist say 5.
export const CODE_TTL_MS = 5 * 60_000;
export const CODE_ATTEMPTS_MAX = 3;
export const CODE_RESEND_COOLDOWN_MS = 60_000;
const CODE_DIGITS = 6;

export interface ScaDeps {
  /** SECURITY.md 39: codes and details are hashed under the current key and checked under every key. */
  keyring: Keyring;
  now: Date;
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

/** The text of the SMS that carries a code, given the code (sca.messages.ts codeSmsText). */
export type SmsText = (code: string) => string;

export interface IssueCodeInput {
  purpose: ScaPurpose;
  phone: string;
  customerId: string | null;
  details: Record<string, unknown>;
  /** The SMS text for a code; null issues a challenge that no code can pass and sends nothing. */
  smsText: SmsText | null;
  meta: RequestMeta;
  policy: CodePolicy;
  /** The staff member who sends this code (a call's verification): counted per staff member, not per IP (codeCaps). */
  staffId?: string;
}

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
  // A blocked customer's phone gets no code (holds.ts): the challenge is the one a wrong password
  // gets, counted against the caps as that one is, so nothing tells the two apart.
  const smsText = (await codesHeldFor(tx, input)) ? null : input.smsText;
  const caps = codeCaps(policy.limits, {
    purpose: input.purpose,
    phone: input.phone,
    customerId: input.customerId,
    ip: input.meta.ip,
    sendsSms: smsText !== null,
    staffId: input.staffId ?? null,
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
  const code = smsText ? newCode() : null;
  await insertChallenge(tx, {
    id: challengeId,
    customerId: input.customerId,
    phone: input.phone,
    purpose: input.purpose,
    detailsHash: deps.keyring.hmacHex(detailsLabel(input.purpose), canonicalJson(input.details)),
    codeHash: code ? deps.keyring.hmacHex(codeLabel(challengeId), code) : null,
    ip: input.meta.ip,
    now: deps.now,
    expiresAt,
    resendAvailableAt,
  });
  if (code && smsText) {
    // SECURITY.md 35: the text carries the code, so the outbox keeps it sealed and erases it once sent.
    await queueCodeSms(tx, deps.keyring, { to: input.phone, text: smsText(code), purpose: `code:${input.purpose}` });
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

export interface ResendCodeInput {
  challengeId: string;
  /** As for issueCode: null renews the challenge with no code that can pass, and sends nothing. */
  smsText: SmsText | null;
  limits: CodeRateLimits;
  meta: RequestMeta;
  /** As for issueCode: the staff member who resends it. */
  staffId?: string;
}

/**
 * A resend puts a new code into the same challenge: the earlier code stops working at once, the
 * attempt counter starts again, and the 60 s cooldown and the hourly caps hold. The caps are
 * checked and counted here, for the challenge's purpose, phone and customer (codeCaps), so no
 * kind of code can be resent past them.
 */
export async function resendCode(tx: Tx, deps: ScaDeps, input: ResendCodeInput): Promise<ResendResult> {
  const row = await lockChallenge(tx, input.challengeId);
  if (row?.status !== 'pending') return { ok: false, reason: 'not-pending' };
  if (row.resendAvailableAt > deps.now) {
    return { ok: false, reason: 'cooldown', seconds: Math.ceil((row.resendAvailableAt.getTime() - deps.now.getTime()) / 1000) };
  }
  // As for a new code: a held phone gets a renewed challenge that no code can pass (holds.ts).
  const smsText = (await codesHeldFor(tx, row)) ? null : input.smsText;
  // SECURITY.md 10, 33: a resend counts against the hourly caps like a new code, checked and
  // counted here, atomically, under the challenge's row lock taken above (lock order: caps.ts).
  const charged = await chargeCaps(
    tx,
    codeCaps(input.limits, {
      purpose: row.purpose,
      phone: row.phone,
      customerId: row.customerId,
      ip: input.meta.ip,
      sendsSms: smsText !== null,
      staffId: input.staffId ?? null,
    }),
    deps.now,
  );
  if (!charged.ok) {
    await recordAudit(tx, {
      event: 'code.rate_limited',
      customerId: row.customerId,
      meta: input.meta,
      details: { purpose: row.purpose, challengeId: input.challengeId, cap: charged.scope },
      occurredAt: deps.now,
    });
    return { ok: false, reason: 'rate-limited', retryAfterSeconds: charged.retryAfterSeconds };
  }
  const code = smsText ? newCode() : null;
  const expiresAt = new Date(deps.now.getTime() + CODE_TTL_MS);
  const resendAvailableAt = new Date(deps.now.getTime() + CODE_RESEND_COOLDOWN_MS);
  await renewChallengeCode(tx, input.challengeId, {
    codeHash: code ? deps.keyring.hmacHex(codeLabel(input.challengeId), code) : null,
    expiresAt,
    resendAvailableAt,
  });
  await recordAudit(tx, {
    event: 'code.voided',
    customerId: row.customerId,
    meta: input.meta,
    details: { challengeId: input.challengeId, reason: 'resent' },
    occurredAt: deps.now,
  });
  if (code && smsText) {
    await queueCodeSms(tx, deps.keyring, { to: row.phone, text: smsText(code), purpose: `code:${row.purpose}` });
    await recordAudit(tx, {
      event: 'code.sent',
      customerId: row.customerId,
      meta: input.meta,
      details: { purpose: row.purpose, challengeId: input.challengeId, resend: true },
      occurredAt: deps.now,
    });
  }
  return { ok: true, code: { challengeId: input.challengeId, expiresAt, resendAvailableAt } };
}

/**
 * A step's "send me a new code" (login, reset, registration, device binding) in a transaction of
 * its own: resendCode, and a refusal thrown as the problem the customer sees. The SMS text is
 * decided inside that transaction, after what the step checks under it (login: whether the
 * password path is locked); null renews the code and sends it nowhere.
 */
export async function resendStepCode(
  db: Database,
  deps: ScaDeps,
  input: Omit<ResendCodeInput, 'smsText'> & { smsText: (tx: Tx) => Promise<SmsText | null> },
): Promise<IssuedCode> {
  const result = await db.transaction(async (tx) => resendCode(tx, deps, { ...input, smsText: await input.smsText(tx) }));
  if (!result.ok) throw resendFailureProblem(result);
  return result.code;
}

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
  const row = await lockChallenge(tx, input.challengeId);
  // A code issued for another purpose is no code at all for this one.
  if (!row || row.purpose !== input.purpose || row.status !== 'pending') return { ok: false, reason: 'not-pending' };
  const audit = (event: 'code.failed' | 'code.voided', details: Record<string, unknown>) =>
    recordAudit(tx, {
      event,
      customerId: row.customerId,
      meta: input.meta,
      details: { challengeId: input.challengeId, ...details },
      occurredAt: deps.now,
    });

  // A code that reached the phone before its customer was blocked, in a transaction the block
  // could not yet see, passes nothing once the block stands (holds.ts).
  if (await codesHeldFor(tx, row)) {
    await voidChallenge(tx, input.challengeId, 'customer-blocked');
    await audit('code.voided', { reason: 'customer-blocked' });
    return { ok: false, reason: 'not-pending' };
  }
  if (row.expiresAt <= deps.now) {
    await markChallengeExpired(tx, input.challengeId);
    await audit('code.failed', { reason: 'expired' });
    return { ok: false, reason: 'expired' };
  }
  // RTS art. 5(1)(c)-(d): any change to the amount or payee makes the code void.
  if (!detailsMatch(deps.keyring, row.detailsHash, input.purpose, input.details)) {
    await voidChallenge(tx, input.challengeId, 'details-changed');
    await audit('code.voided', { reason: 'details-changed' });
    return { ok: false, reason: 'details-changed' };
  }
  if (!codeMatches(deps.keyring, row.codeHash, input.challengeId, input.code)) {
    const attempts = row.attempts + 1;
    const exhausted = attempts >= CODE_ATTEMPTS_MAX;
    await countWrongCode(tx, input.challengeId, attempts, exhausted);
    await audit('code.failed', { reason: 'wrong-code', attempts });
    return exhausted
      ? { ok: false, reason: 'attempts-exceeded' }
      : { ok: false, reason: 'invalid', attemptsLeft: CODE_ATTEMPTS_MAX - attempts };
  }
  await markChallengeUsed(tx, input.challengeId, deps.now);
  return { ok: true, customerId: row.customerId, phone: row.phone };
}

/**
 * Ends a pending challenge whose step the customer gave up (a transfer cancelled before its
 * code): its code can no longer pass, whatever is typed later. A challenge already used, voided
 * or expired stays as it is. Under the challenge's row lock, like verifyCode.
 */
export async function voidCode(
  tx: Tx,
  deps: Pick<ScaDeps, 'now'>,
  // call-closed: a call's verification code ends with the call (modules/calls).
  input: { challengeId: string; reason: 'cancelled' | 'call-closed'; meta: RequestMeta },
) {
  const row = await lockChallenge(tx, input.challengeId);
  if (row?.status !== 'pending') return;
  await voidChallenge(tx, input.challengeId, input.reason);
  await recordAudit(tx, {
    event: 'code.voided',
    customerId: row.customerId,
    meta: input.meta,
    details: { challengeId: input.challengeId, reason: input.reason },
    occurredAt: deps.now,
  });
}

/**
 * Where a step's code stands, and the phone it went to, for the steps that keep a challenge id
 * (a login, a reset): read before their real work, which verifyCode or resendCode then does under
 * the challenge's lock. Null when there is no such challenge (never issued, or purged).
 */
export async function challengeState(q: Queryable, challengeId: string): Promise<{ status: ChallengeStatus; phone: string } | null> {
  return readChallengeState(q, challengeId);
}
