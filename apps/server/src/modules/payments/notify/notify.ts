import { randomInt } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import { recordAudit } from '../../audit/index.js';
import { providerEndpoint } from '../catalogue.service.js';
import { type PaymentMoney, paymentsMoney } from '../money-state.js';
import type { NotifyAnswer, StatusAnswer } from '../provider/index.js';
import { type ClaimedPayment, claimDuePayments, markDueNow, type NotifyOutcome, recordNotifyOutcome } from './notify.repo.js';

/**
 * Telling the provider that a payment was made (issue 16 item 2; docs/payments-providers.md,
 * "Idempotency and retries"). A pass claims due rows in one short statement, then, outside any
 * transaction, asks where each payment's money stands (money-state.ts: a customer's operation or a
 * guest's card payment) and calls the provider, and writes what it learnt over its claim. At least
 * once towards the provider, exactly once on its side: the provider is idempotent by the payment
 * id (the operation's id, or the guest payment's), so an answer lost after the
 * provider took the payment only makes the next attempt hear the first answer again.
 */

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
/** Claimed at once: 20 calls in parallel end within one provider timeout whatever the providers do. */
export const NOTIFY_BATCH_MAX = 20;
/** A pass handles at most this many, so one tick of the timer stays short; the rest wait for the next. */
export const NOTIFY_PER_RUN_MAX = 200;
/** The first retry after an unanswered notice, doubling each time up to RETRY_DELAY_MAX_MS. */
export const RETRY_DELAY_FIRST_MS = 5 * SECOND_MS;
export const RETRY_DELAY_MAX_MS = 10 * MINUTE_MS;
/** ±20 % of each wait, from the CSPRNG: payments that failed together (a provider's outage) are not retried in step. */
const JITTER_PERCENT = 20;
/**
 * A payment the provider has not acknowledged this long after it was made is overdue: it is still
 * retried (the customer's money is with the provider's account already), but hourly, and every
 * attempt logs a warning for operations staff. Never given up silently.
 */
export const ACKNOWLEDGEMENT_OVERDUE_MS = 3 * 24 * HOUR_MS;
const OVERDUE_RETRY_DELAY_MS = HOUR_MS;
/** A transport top-up waits for its card's tap: asked about once a minute. */
export const ACTIVATION_POLL_MS = MINUTE_MS;
/** A payment still waiting for its code is looked at again after this long when its operation names no expiry. */
const AWAITING_CODE_RECHECK_MS = MINUTE_MS;

/** Longer than the slowest claim can take (a batch's calls in parallel): a row comes back only if its worker died. */
export function notifyLeaseMs(providerTimeoutMs: number): number {
  return providerTimeoutMs * 4 + MINUTE_MS;
}

/** The wait before the next notice after `attempts` unanswered ones, with jitter. */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(RETRY_DELAY_MAX_MS, RETRY_DELAY_FIRST_MS * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
  const spread = Math.floor((base * JITTER_PERCENT) / 100);
  return base - spread + randomInt(2 * spread + 1);
}

export interface NotifyRunResult {
  claimed: number;
  confirmed: number;
  awaitingActivation: number;
  rejected: number;
  voided: number;
  later: number;
}

const at = (now: Date, ms: number) => new Date(now.getTime() + ms);

/** An unanswered attempt: counted, retried with backoff, and past the overdue mark, loudly. */
function retryLater(ctx: AppContext, claimed: ClaimedPayment, now: Date, error: string): NotifyOutcome {
  const attempts = claimed.notifyAttempts + 1;
  const overdue = now.getTime() - claimed.createdAt.getTime() > ACKNOWLEDGEMENT_OVERDUE_MS;
  if (overdue)
    ctx.log.warn(
      { paymentId: claimed.paymentId, providerId: claimed.providerId, attempts, error },
      'service payment not acknowledged by its provider for over 3 days: still retrying hourly; look into it',
    );
  return { kind: 'later', nextAt: at(now, overdue ? OVERDUE_RETRY_DELAY_MS : retryDelayMs(attempts)), failed: { error } };
}

function fromNotice(ctx: AppContext, claimed: ClaimedPayment, now: Date, answer: NotifyAnswer): NotifyOutcome {
  switch (answer.kind) {
    case 'accepted':
      return answer.activation === 'done'
        ? { kind: 'confirmed', providerReference: answer.providerReference, confirmedAt: now }
        : { kind: 'awaiting-activation', providerReference: answer.providerReference, nextAt: at(now, ACTIVATION_POLL_MS) };
    case 'rejected':
      return { kind: 'rejected', reason: answer.reason };
    case 'unavailable':
      return retryLater(ctx, claimed, now, `provider unavailable: ${answer.reason}`);
  }
}

function fromStatus(ctx: AppContext, claimed: ClaimedPayment, now: Date, answer: StatusAnswer): NotifyOutcome {
  switch (answer.kind) {
    case 'done':
      return { kind: 'confirmed', providerReference: null, confirmedAt: now };
    case 'pending':
      return { kind: 'later', nextAt: at(now, ACTIVATION_POLL_MS), failed: null };
    case 'unknown':
      // The provider accepted it earlier and now says it never had it: theirs to explain, ours to keep asking.
      ctx.log.warn({ paymentId: claimed.paymentId, providerId: claimed.providerId }, 'provider no longer knows an accepted payment');
      return { kind: 'later', nextAt: at(now, ACTIVATION_POLL_MS), failed: { error: 'provider says the accepted payment is unknown' } };
    case 'unavailable':
      return { kind: 'later', nextAt: at(now, ACTIVATION_POLL_MS), failed: { error: `provider unavailable: ${answer.reason}` } };
  }
}

/**
 * What to do for a pending payment by where its money stands (money-state.ts):
 *   moved   -> tell the provider;
 *   waiting -> nothing yet: look again when its code expires;
 *   none    -> void: no money moved, the provider hears nothing.
 */
async function pendingOutcome(ctx: AppContext, claimed: ClaimedPayment, money: PaymentMoney, now: Date): Promise<NotifyOutcome> {
  if (money.state === 'waiting') {
    const recheckAt = money.recheckAt && money.recheckAt > now ? money.recheckAt : at(now, AWAITING_CODE_RECHECK_MS);
    return { kind: 'later', nextAt: recheckAt, failed: null };
  }
  if (money.state === 'none') return { kind: 'void' };
  const endpoint = await providerEndpoint(ctx, claimed.providerId);
  if (!endpoint) throw new Error(`service payment ${claimed.paymentId} names no provider`);
  const answer = await ctx.paymentProviders.notifyPaid(endpoint, {
    paymentId: money.paymentId,
    fields: claimed.fields,
    amountMinor: money.amountMinor,
    currency: money.currency,
    lines: claimed.lines,
    paidAt: money.paidAt,
  });
  return fromNotice(ctx, claimed, now, answer);
}

async function outcomeFor(
  ctx: AppContext,
  claimed: ClaimedPayment,
  now: Date,
): Promise<{ outcome: NotifyOutcome; money: PaymentMoney | null }> {
  if (claimed.providerStatus === 'awaiting-activation') {
    const endpoint = await providerEndpoint(ctx, claimed.providerId);
    if (!endpoint) throw new Error(`service payment ${claimed.paymentId} names no provider`);
    return {
      outcome: fromStatus(ctx, claimed, now, await ctx.paymentProviders.paymentStatus(endpoint, claimed.paymentId)),
      money: null,
    };
  }
  const money = (await paymentsMoney(ctx.db, [claimed])).get(claimed.paymentId);
  if (!money) throw new Error(`service payment ${claimed.paymentId} has no operation or guest payment`);
  return { outcome: await pendingOutcome(ctx, claimed, money, now), money };
}

/** A rejection is written with its audit entry in one short transaction: staff see every one. */
async function write(ctx: AppContext, claimed: ClaimedPayment, outcome: NotifyOutcome, money: PaymentMoney | null): Promise<boolean> {
  if (outcome.kind !== 'rejected') return recordNotifyOutcome(ctx.db, claimed, outcome);
  ctx.log.warn(
    { paymentId: claimed.paymentId, providerId: claimed.providerId, reason: outcome.reason },
    'provider rejected a service payment',
  );
  return ctx.db.transaction(async (tx) => {
    const written = await recordNotifyOutcome(tx, claimed, outcome);
    if (written)
      await recordAudit(tx, {
        event: 'payments.provider_rejected',
        customerId: money?.customerId ?? null,
        details: { paymentId: claimed.paymentId, providerId: claimed.providerId, reason: outcome.reason },
        occurredAt: ctx.clock.now(),
      });
    return written;
  });
}

async function notifyOne(ctx: AppContext, claimed: ClaimedPayment, now: Date): Promise<NotifyOutcome['kind'] | 'lost'> {
  let result: { outcome: NotifyOutcome; money: PaymentMoney | null };
  try {
    result = await outcomeFor(ctx, claimed, now);
  } catch (error) {
    // A programmer's or operator's error (a secret that does not open): logged, retried with backoff.
    ctx.log.error({ err: error, paymentId: claimed.paymentId, providerId: claimed.providerId }, 'service payment notice failed');
    result = { outcome: retryLater(ctx, claimed, now, 'notice could not be sent'), money: null };
  }
  const written = await write(ctx, claimed, result.outcome, result.money);
  if (!written) ctx.log.warn({ paymentId: claimed.paymentId }, 'service payment notice outlived its lease; its outcome was dropped');
  return written ? result.outcome.kind : 'lost';
}

/** One pass: what is due at `now`, a batch at a time, up to `max`. */
export async function runProviderNotifications(
  ctx: AppContext,
  now: Date = ctx.clock.now(),
  max = NOTIFY_PER_RUN_MAX,
): Promise<NotifyRunResult> {
  const result: NotifyRunResult = { claimed: 0, confirmed: 0, awaitingActivation: 0, rejected: 0, voided: 0, later: 0 };
  const leaseMs = notifyLeaseMs(ctx.config.paymentProviders.timeoutMs);
  while (result.claimed < max) {
    const claimed = await claimDuePayments(ctx.db, { now, leaseMs, batchMax: Math.min(NOTIFY_BATCH_MAX, max - result.claimed) });
    if (claimed.length === 0) break;
    result.claimed += claimed.length;
    const kinds = await Promise.all(claimed.map((payment) => notifyOne(ctx, payment, now)));
    for (const kind of kinds) {
      if (kind === 'confirmed') result.confirmed += 1;
      else if (kind === 'awaiting-activation') result.awaitingActivation += 1;
      else if (kind === 'rejected') result.rejected += 1;
      else if (kind === 'void') result.voided += 1;
      else result.later += 1;
    }
    if (claimed.length < NOTIFY_BATCH_MAX) break;
  }
  return result;
}

/** The payment is due now (the lead's confirm calls it): the provider hears within the notifier's next tick. */
export async function notifyNow(ctx: AppContext, paymentId: string): Promise<void> {
  await markDueNow(ctx.db, paymentId, ctx.clock.now());
}
