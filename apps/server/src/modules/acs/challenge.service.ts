import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { queueCodeSms } from '../notifications/index.js';
import {
  type AcsTransaction,
  completeChallenge,
  lockAcsTransaction,
  markResultDelivered,
  renewCode,
  selectAcsTransaction,
  updateAttempts,
} from './acs.repo.js';
import {
  CHALLENGE_ATTEMPTS_MAX,
  CHALLENGE_RESEND_COOLDOWN_MS,
  CHALLENGE_RESENDS_MAX,
  CHALLENGE_TTL_MS,
  challengeSmsText,
  codeHashOf,
  codeMatches,
  newCode,
} from './acs.service.js';
import type { AcsReason, TransStatus } from './acs.types.js';
import { authenticationValueOf } from './authentication-value.js';
import { SANDBOX_CODE } from './decision.js';
import { routeRReq } from './directory-server.js';
import { type CReq, type CRes, ECI, MESSAGE_VERSION, type RReq, TRANS_STATUS_REASONS } from './emv-messages.js';
import { currencyOfNumeric } from './kassa-acs.js';

/**
 * The challenge (issue 15 item 4), the ACS's side of the CReq/CRes exchange: the page shows it,
 * the cardholder answers with the code, asks for a new one or cancels. Each step runs under the
 * challenge's row lock, so parallel guesses are counted one after another and at most
 * CHALLENGE_ATTEMPTS_MAX codes are ever compared. When the challenge ends (Y: the right code; N:
 * three wrong ones, the time out, a cancel) the ACS sends the RReq after the commit, through the
 * directory server to the 3DS Server, and keeps that its RRes came.
 *
 * transStatus of a challenge: C -> Y | N, each once (acs.repo.ts completeChallenge names C).
 */

export type ChallengeFailure = 'not-found' | 'ended' | 'cooldown' | 'resends-exhausted';

export interface AnswerOutcome {
  transStatus: TransStatus;
  done: boolean;
  triesLeft: number;
  cRes: CRes;
}

export type End = { transStatus: 'Y' } | { transStatus: 'N'; reason: AcsReason };

const SENT_COUNTER_BASE = 10;

function triesLeftOf(row: AcsTransaction): number {
  return row.transStatus === 'C' ? CHALLENGE_ATTEMPTS_MAX - row.attempts : 0;
}

function cResOf(row: AcsTransaction, transStatus: TransStatus): CRes {
  const done = transStatus !== 'C';
  return {
    messageType: 'CRes',
    messageVersion: MESSAGE_VERSION,
    threeDSServerTransID: row.threeDSServerTransID,
    acsTransID: row.acsTransID,
    acsCounterAtoS: String(row.attempts + row.resends).padStart(3, '0'),
    challengeCompletionInd: done ? 'Y' : 'N',
    ...(done ? { transStatus } : {}),
  };
}

/** A row that was a challenge (frictionless and rejected authentications have no page). */
async function challengeRow(ctx: AppContext, acsTransID: string): Promise<AcsTransaction | null> {
  const row = await selectAcsTransaction(ctx.db, acsTransID);
  return row?.expiresAt ? row : null;
}

/** The challenge for its page; one past its time is ended first (N, timed out) and its result sent. */
export async function challengeView(ctx: AppContext, acsTransID: string): Promise<AcsTransaction | null> {
  const row = await challengeRow(ctx, acsTransID);
  if (!row) return null;
  if (row.transStatus === 'C' && row.expiresAt && row.expiresAt <= ctx.clock.now()) {
    await ctx.db.transaction(async (tx) => {
      const locked = await lockAcsTransaction(tx, acsTransID);
      if (locked?.transStatus === 'C') await endChallenge(tx, ctx, locked, { transStatus: 'N', reason: 'timed-out' }, null);
    });
    await deliverResult(ctx, acsTransID);
    return challengeRow(ctx, acsTransID);
  }
  if (row.transStatus !== 'C' && !row.resultDeliveredAt) await deliverResult(ctx, acsTransID);
  return row;
}

/** The CReq with the code (challengeDataEntry) or the cancel (challengeCancel 01). */
export async function answerChallenge(ctx: AppContext, cReq: CReq, meta: RequestMeta): Promise<AnswerOutcome | null> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<AnswerOutcome | null> => {
    const row = await lockAcsTransaction(tx, cReq.acsTransID);
    if (!row?.expiresAt || row.threeDSServerTransID !== cReq.threeDSServerTransID) return null;
    if (row.transStatus !== 'C') return { transStatus: row.transStatus, done: true, triesLeft: 0, cRes: cResOf(row, row.transStatus) };
    if (cReq.challengeCancel) return endChallenge(tx, ctx, row, { transStatus: 'N', reason: 'cancelled' }, meta);
    if (row.expiresAt <= now) return endChallenge(tx, ctx, row, { transStatus: 'N', reason: 'timed-out' }, meta);
    if (cReq.challengeDataEntry !== undefined && codeMatches(ctx, row.acsTransID, row.codeHash, cReq.challengeDataEntry)) {
      return endChallenge(tx, ctx, row, { transStatus: 'Y' }, meta);
    }
    return wrongCode(tx, ctx, row, meta, now);
  });
  if (outcome?.done) await deliverResult(ctx, cReq.acsTransID);
  return outcome;
}

async function wrongCode(tx: Tx, ctx: AppContext, row: AcsTransaction, meta: RequestMeta, now: Date): Promise<AnswerOutcome> {
  const attempts = row.attempts + 1;
  await recordAudit(tx, {
    event: 'acs.code_failed',
    customerId: row.customerId,
    meta,
    details: { acsTransID: row.acsTransID, attempts },
    occurredAt: now,
  });
  await updateAttempts(tx, row.acsTransID, attempts);
  const counted = { ...row, attempts };
  if (attempts >= CHALLENGE_ATTEMPTS_MAX) return endChallenge(tx, ctx, counted, { transStatus: 'N', reason: 'wrong-code' }, meta);
  return { transStatus: 'C', done: false, triesLeft: triesLeftOf(counted), cRes: cResOf(counted, 'C') };
}

/** C -> Y (with the authentication value and ECI 05) or N with the reason; audited. The row must be locked. */
export async function endChallenge(
  tx: Tx,
  ctx: AppContext,
  row: AcsTransaction,
  ending: End,
  meta: RequestMeta | null,
  /** Approved or declined in the app on a bound device, not by the code on the bank's page. */
  inApp: { via: 'app'; deviceId: string | null } | null = null,
): Promise<AnswerOutcome> {
  const at = ctx.clock.now();
  const authenticationValue =
    ending.transStatus === 'Y'
      ? authenticationValueOf(ctx.config.keyring, {
          dsTransID: row.dsTransID,
          panHash: row.panHash,
          amountMinor: row.amountMinor,
          currencyNumeric: row.currencyNumeric,
          merchantId: row.merchantId,
          transStatus: 'Y',
        })
      : null;
  const reason = ending.transStatus === 'N' ? ending.reason : null;
  const changed = await completeChallenge(tx, row.acsTransID, {
    transStatus: ending.transStatus,
    transStatusReason: reason ? TRANS_STATUS_REASONS[reason] : null,
    reason,
    authenticationValue,
    eci: authenticationValue ? ECI.Y : null,
    now: at,
  });
  assert(changed, 'a challenge ends once, under its row lock');
  await recordAudit(tx, {
    event: reason === 'cancelled' ? 'acs.challenge_cancelled' : 'acs.challenge_completed',
    customerId: row.customerId,
    meta,
    details: { acsTransID: row.acsTransID, transStatus: ending.transStatus, reason, attempts: row.attempts, ...(inApp ?? {}) },
    occurredAt: at,
  });
  return { transStatus: ending.transStatus, done: true, triesLeft: 0, cRes: cResOf(row, ending.transStatus) };
}

export type ResendOutcome = { ok: true; row: AcsTransaction } | { ok: false; reason: ChallengeFailure; seconds?: number };

/**
 * A new code in the same challenge: the earlier one stops working at once, the tries start again,
 * a minute between resends and CHALLENGE_RESENDS_MAX of them (each is an SMS the bank pays for,
 * and each resets the tries: without a cap, three tries would be no limit).
 */
export async function resendChallengeCode(ctx: AppContext, acsTransID: string, meta: RequestMeta): Promise<ResendOutcome> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<ResendOutcome> => {
    const row = await lockAcsTransaction(tx, acsTransID);
    if (!row?.expiresAt) return { ok: false, reason: 'not-found' };
    if (row.transStatus !== 'C' || row.expiresAt <= now) return { ok: false, reason: 'ended' };
    if (row.resends >= CHALLENGE_RESENDS_MAX) return { ok: false, reason: 'resends-exhausted' };
    if (row.resendAvailableAt && row.resendAvailableAt > now) {
      return { ok: false, reason: 'cooldown', seconds: Math.ceil((row.resendAvailableAt.getTime() - now.getTime()) / 1000) };
    }
    const code = row.issuer === 'kassa' ? newCode() : row.codeHash ? SANDBOX_CODE : null;
    const renewed = {
      codeHash: code ? codeHashOf(ctx, acsTransID, code) : null,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
      resendAvailableAt: new Date(now.getTime() + CHALLENGE_RESEND_COOLDOWN_MS),
    };
    await renewCode(tx, acsTransID, renewed);
    const currency = currencyOfNumeric(row.currencyNumeric);
    if (row.issuer === 'kassa' && code && row.phone && currency) {
      const sms = { currency, language: row.language, last4: row.maskedPan.slice(-4) };
      await queueCodeSms(tx, ctx.config.keyring, {
        to: row.phone,
        text: challengeSmsText(ctx, row.merchantName, sms, row.amountMinor, code),
        purpose: 'code:3ds',
      });
    }
    await recordAudit(tx, { event: 'acs.code_resent', customerId: row.customerId, meta, details: { acsTransID }, occurredAt: now });
    return { ok: true, row: { ...row, ...renewed, attempts: 0, resends: row.resends + 1 } };
  });
}

/**
 * The RReq of an ended challenge, through the directory server to the 3DS Server, after the
 * commit that ended it; its RRes 01 is kept, so a result not yet delivered (a crash, a lost
 * RRes) is sent again when the page asks next. The 3DS Server keeps one result, so twice is harmless.
 */
export async function deliverResult(ctx: AppContext, acsTransID: string): Promise<void> {
  const row = await selectAcsTransaction(ctx.db, acsTransID);
  if (!row || row.transStatus === 'C' || row.resultDeliveredAt) return;
  const transStatus = row.transStatus;
  const rReq: RReq = {
    messageType: 'RReq',
    messageVersion: MESSAGE_VERSION,
    messageCategory: '01',
    threeDSServerTransID: row.threeDSServerTransID,
    acsTransID: row.acsTransID,
    dsTransID: row.dsTransID,
    transStatus,
    ...(row.transStatusReason ? { transStatusReason: row.transStatusReason } : {}),
    ...(row.authenticationValue ? { authenticationValue: row.authenticationValue } : {}),
    ...(row.eci ? { eci: row.eci } : {}),
    authenticationType: '02',
    interactionCounter: String(Math.min(row.attempts + row.resends, SENT_COUNTER_BASE * SENT_COUNTER_BASE - 1)).padStart(2, '0'),
    ...(row.reason === 'cancelled'
      ? { challengeCancel: '01' as const }
      : row.reason === 'timed-out'
        ? { challengeCancel: '04' as const }
        : {}),
  };
  const answer = await routeRReq(ctx, rReq);
  if (answer.messageType === 'RRes' && answer.resultsStatus === '01') await markResultDelivered(ctx.db, acsTransID, ctx.clock.now());
  else ctx.log.warn({ acsTransID, answer: answer.messageType }, 'the 3DS Server did not take a challenge result');
}
