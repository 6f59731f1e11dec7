import { randomInt, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Language } from '../../shared/i18n.js';
import { formatMoney } from '../../shared/money.js';
import { recordAudit } from '../audit/index.js';
import type { Currency } from '../ledger/index.js';
import { queueCodeSms } from '../notifications/index.js';
import { purchaseCodeSms } from './acs.messages.js';
import { insertAcsTransaction, type NewAcsTransaction } from './acs.repo.js';
import type { AcsIssuer } from './acs.types.js';
import { authenticationValueOf, panHashOf } from './authentication-value.js';
import { type Challenge, type Decision, decideSandbox } from './decision.js';
import { type AReq, type ARes, ECI, MESSAGE_VERSION, TRANS_STATUS_REASONS } from './emv-messages.js';
import { decideKassa } from './kassa-acs.js';

/**
 * The ACS's side of an AReq (the directory server hands it over with its dsTransID): the decision
 * (Kassa's or the sandbox's), then in one transaction its row, the challenge's code and SMS (in the
 * outbox: the SMS gateway is never called inside a transaction) and the audit; then the ARes.
 */

// RTS art. 4(3)(b)-(d) and the issue: 5 minutes, 3 tries, a resend after a minute, two at most.
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_ATTEMPTS_MAX = 3;
export const CHALLENGE_RESEND_COOLDOWN_MS = 60_000;
export const CHALLENGE_RESENDS_MAX = 2;
const CODE_DIGITS = 6;
export const ACS_REFERENCE_NUMBER = 'KASSA-ACS-0001';
/** The JSON API the challenge page uses (acs.routes.ts); acsURL of the ARes points at it. */
export const CHALLENGE_PATH = '/api/acs/v1/challenges';

export function newCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/** The code's keyed hash, bound to its challenge: a code of one challenge passes no other. */
export function codeHashOf(ctx: AppContext, acsTransID: string, code: string): string {
  return ctx.config.keyring.hmacHex(`acs:code:${acsTransID}`, code);
}

export function codeMatches(ctx: AppContext, acsTransID: string, stored: string | null, code: string): boolean {
  return stored !== null && ctx.config.keyring.verifyHmac(stored, `acs:code:${acsTransID}`, code);
}

export function maskedPanOf(pan: string): string {
  return `${pan.slice(0, 6)}${'•'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

/** The challenge's SMS text for a code: amount, currency, merchant, card, and "the bank never asks". */
export function challengeSmsText(
  ctx: AppContext,
  merchant: string,
  sms: { currency: Currency; language: Language; last4: string },
  amountMinor: bigint,
  code: string,
): string {
  const amount = formatMoney(amountMinor, sms.currency, sms.language);
  return purchaseCodeSms({ amount, merchant, last4: sms.last4, domain: ctx.config.officialDomain }, sms.language, code);
}

export async function handleAReq(ctx: AppContext, aReq: AReq, issuer: AcsIssuer): Promise<ARes> {
  assert(aReq.dsTransID !== undefined, 'the directory server gives every AReq its dsTransID');
  const now = ctx.clock.now();
  const decision = issuer === 'kassa' ? await decideKassa(ctx, aReq, now) : decideSandbox(aReq.acctNumber);
  const challenge = decision.status === 'C' ? decision.challenge : null;
  // The SMS code is random; the sandbox's is fixed, or none that passes. Only its keyed hash is kept.
  const code = challenge?.kind === 'sms' ? newCode() : (challenge?.code ?? null);
  const drafted = rowOf(ctx, aReq, issuer, decision, now);
  const row = { ...drafted, codeHash: code ? codeHashOf(ctx, drafted.acsTransID, code) : null };
  await ctx.db.transaction(async (tx) => {
    await insertAcsTransaction(tx, row);
    if (challenge?.kind === 'sms' && code) await sendChallengeSms(tx, ctx, row, challenge, code);
    await recordAudit(tx, {
      event: 'acs.authentication_decided',
      customerId: row.customerId,
      details: {
        acsTransID: row.acsTransID,
        issuer,
        cardId: row.cardId,
        transStatus: row.transStatus,
        reason: row.reason,
        merchantId: row.merchantId,
        amountMinor: row.amountMinor.toString(),
      },
      occurredAt: now,
    });
  });
  return aresOf(ctx, aReq, row);
}

function rowOf(ctx: AppContext, aReq: AReq, issuer: AcsIssuer, decision: Decision, now: Date): NewAcsTransaction {
  const dsTransID = aReq.dsTransID;
  assert(dsTransID !== undefined, 'an AReq at the ACS has its dsTransID');
  const panHash = panHashOf(ctx.config.keyring, aReq.acctNumber);
  const amountMinor = BigInt(aReq.purchaseAmount);
  const challenge = decision.status === 'C' ? decision.challenge : null;
  const authenticationValue =
    decision.status === 'Y'
      ? authenticationValueOf(ctx.config.keyring, {
          dsTransID,
          panHash,
          amountMinor,
          currencyNumeric: aReq.purchaseCurrency,
          merchantId: aReq.acquirerMerchantID,
          transStatus: 'Y',
        })
      : null;
  const reason = decision.status === 'R' ? decision.reason : null;
  return {
    acsTransID: randomUUID(),
    threeDSServerTransID: aReq.threeDSServerTransID,
    dsTransID,
    issuer,
    cardId: decision.card?.cardId ?? null,
    customerId: decision.card?.customerId ?? null,
    panHash,
    maskedPan: maskedPanOf(aReq.acctNumber),
    amountMinor,
    currencyNumeric: aReq.purchaseCurrency,
    currencyExponent: Number(aReq.purchaseExponent),
    merchantId: aReq.acquirerMerchantID,
    merchantName: aReq.merchantName,
    mcc: aReq.mcc,
    transStatus: decision.status,
    transStatusReason: reason ? TRANS_STATUS_REASONS[reason] : null,
    reason,
    phone: challenge?.kind === 'sms' ? challenge.phone : null,
    language: challenge?.kind === 'sms' ? challenge.language : 'en',
    codeHash: null,
    expiresAt: challenge ? new Date(now.getTime() + CHALLENGE_TTL_MS) : null,
    resendAvailableAt: challenge ? new Date(now.getTime() + CHALLENGE_RESEND_COOLDOWN_MS) : null,
    authenticationValue,
    eci: decision.status === 'Y' ? ECI.Y : null,
    createdAt: now,
    completedAt: decision.status === 'C' ? null : now,
  };
}

/** The challenge's SMS, through the outbox sealed (its text holds the code: SECURITY.md 35). */
async function sendChallengeSms(
  tx: Tx,
  ctx: AppContext,
  row: NewAcsTransaction,
  challenge: Extract<Challenge, { kind: 'sms' }>,
  code: string,
): Promise<void> {
  await queueCodeSms(tx, ctx.config.keyring, {
    to: challenge.phone,
    text: challengeSmsText(ctx, row.merchantName, challenge, row.amountMinor, code),
    purpose: 'code:3ds',
  });
  await recordAudit(tx, {
    event: 'acs.code_sent',
    customerId: row.customerId,
    details: { acsTransID: row.acsTransID, cardId: row.cardId },
    occurredAt: row.createdAt,
  });
}

function aresOf(ctx: AppContext, aReq: AReq, row: NewAcsTransaction): ARes {
  return {
    messageType: 'ARes',
    messageVersion: MESSAGE_VERSION,
    threeDSServerTransID: aReq.threeDSServerTransID,
    acsTransID: row.acsTransID,
    dsTransID: row.dsTransID,
    acsReferenceNumber: ACS_REFERENCE_NUMBER,
    dsReferenceNumber: aReq.dsReferenceNumber ?? '',
    transStatus: row.transStatus,
    ...(row.transStatusReason ? { transStatusReason: row.transStatusReason } : {}),
    ...(row.authenticationValue ? { authenticationValue: row.authenticationValue } : {}),
    ...(row.eci ? { eci: row.eci } : {}),
    ...(row.transStatus === 'C'
      ? {
          authenticationType: '02' as const,
          acsChallengeMandated: 'Y' as const,
          acsURL: `${ctx.config.publicOrigin}${CHALLENGE_PATH}/${row.acsTransID}`,
        }
      : {}),
  };
}
