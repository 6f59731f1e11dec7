import type { AppContext } from '../../context.js';
import { ProblemError } from '../../shared/problem.js';
import type { ActiveSession } from '../../shared/request-auth.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { checkDeviceApproval, deviceApprovalChallenge } from '../auth/index.js';
import { AcsProblem } from './acs.errors.js';
import { type AcsTransaction, lockAcsTransaction, selectAcsTransaction, selectPendingChallenges } from './acs.repo.js';
import { deliverResult, endChallenge } from './challenge.service.js';

/**
 * The other way through a 3-D Secure challenge (issue 15 item 4): a cardholder with a bound PIN
 * device approves the purchase in the Kassa app instead of typing the SMS code. The app lists the
 * challenges waiting for its customer with the amount and the merchant; approving is the device's
 * two factors over a challenge that names this purchase (auth deviceApprovalChallenge: its key
 * signs `3ds:<acsTransID>:<amount>:<currency>:<merchant>` and a nonce, with the PIN), and ends the
 * challenge Y exactly as the right code would; declining ends it N ("this wasn't me"). The bank's
 * page, polling the challenge, sees it end and goes on. Another customer's challenge is not found.
 */

const PENDING_LISTED_MAX = 10;

export interface PendingApproval {
  acsTransID: string;
  merchantName: string;
  amountMinor: bigint;
  currencyNumeric: string;
  maskedPan: string;
  expiresAt: Date;
}

function approvalSubject(row: AcsTransaction): string {
  return `3ds:${row.acsTransID}:${row.amountMinor}:${row.currencyNumeric}:${row.merchantName}`;
}

function isPendingFor(row: AcsTransaction | null, customerId: string, now: Date): row is AcsTransaction {
  return row?.customerId === customerId && row.issuer === 'kassa' && row.transStatus === 'C' && !!row.expiresAt && row.expiresAt > now;
}

export async function pendingApprovals(ctx: AppContext, customerId: string): Promise<PendingApproval[]> {
  const rows = await selectPendingChallenges(ctx.db, customerId, ctx.clock.now(), PENDING_LISTED_MAX);
  return rows.map((row) => ({
    acsTransID: row.acsTransID,
    merchantName: row.merchantName,
    amountMinor: row.amountMinor,
    currencyNumeric: row.currencyNumeric,
    maskedPan: row.maskedPan,
    expiresAt: row.expiresAt ?? row.createdAt,
  }));
}

/** The challenge the device signs to approve this purchase. */
export async function startAppApproval(ctx: AppContext, session: ActiveSession, acsTransID: string) {
  const row = await selectAcsTransaction(ctx.db, acsTransID);
  if (!isPendingFor(row, session.customerId, ctx.clock.now())) throw new ProblemError(AcsProblem['acs-challenge-not-found']);
  return deviceApprovalChallenge(ctx, session, approvalSubject(row));
}

export async function approveInApp(
  ctx: AppContext,
  session: ActiveSession,
  input: { acsTransID: string; challengeId: string; signature: string; pin: string; meta: RequestMeta },
): Promise<void> {
  const now = ctx.clock.now();
  const refusal = await ctx.db.transaction(async (tx): Promise<ProblemError | null> => {
    // The challenge's row first, as a code's answer takes it, then the device's (auth).
    const row = await lockAcsTransaction(tx, input.acsTransID);
    if (!isPendingFor(row, session.customerId, now)) return new ProblemError(AcsProblem['acs-challenge-not-found']);
    const approval = await checkDeviceApproval(tx, ctx, { session, ...input, now });
    if (!approval.ok) return approval.problem;
    // The device signed this purchase, amount and merchant, or it approves nothing.
    if (approval.subject !== approvalSubject(row)) return new ProblemError(AcsProblem['acs-challenge-not-found']);
    await endChallenge(tx, ctx, row, { transStatus: 'Y' }, input.meta, { via: 'app', deviceId: approval.deviceId });
    return null;
  });
  if (refusal) throw refusal;
  await deliverResult(ctx, input.acsTransID);
}

/** "This wasn't me": the challenge ends N, the purchase is declined. */
export async function declineInApp(ctx: AppContext, session: ActiveSession, acsTransID: string, meta: RequestMeta): Promise<void> {
  const now = ctx.clock.now();
  const found = await ctx.db.transaction(async (tx) => {
    const row = await lockAcsTransaction(tx, acsTransID);
    if (!isPendingFor(row, session.customerId, now)) return false;
    await endChallenge(tx, ctx, row, { transStatus: 'N', reason: 'cancelled' }, meta, { via: 'app', deviceId: session.deviceId });
    return true;
  });
  if (!found) throw new ProblemError(AcsProblem['acs-challenge-not-found']);
  await deliverResult(ctx, acsTransID);
}
