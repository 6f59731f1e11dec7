import { randomInt, randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import type { Queryable } from '../../../db/database.js';
import { PURGE_BATCH_ROWS_MAX } from '../../../db/purge.js';
import { postWebhook, WEBHOOK_TIMEOUT_MS } from './delivery.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';
import { claimDueDeliveries, purgeEvents, recordAttempt } from './webhooks.repo.js';
import { openSecret } from './webhooks.service.js';
import type { ClaimedDelivery, MerchantEvent } from './webhooks.types.js';

/**
 * The delivery worker of merchant webhooks (issue 15 item 6): claims due deliveries (FOR UPDATE
 * SKIP LOCKED, a bounded batch, a lease), POSTs each after commit, signed, and records the
 * outcome. At least once: a delivery is marked delivered only after a 2xx came back, so a crash
 * between the two sends it again, and the event id is what the merchant de-duplicates by.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/**
 * The wait after each failed attempt: 1 min, 5 min, 30 min, 2 h, 8 h, 16 h, 24 h, 24 h, then the
 * delivery fails. Nine attempts over about 3 days 3 hours: a merchant's outage over a long weekend
 * is survived, and the merchant can ask for a redelivery after that.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  MINUTE_MS,
  5 * MINUTE_MS,
  30 * MINUTE_MS,
  2 * HOUR_MS,
  8 * HOUR_MS,
  16 * HOUR_MS,
  24 * HOUR_MS,
  24 * HOUR_MS,
];
/** ±10 % of each wait, so endpoints that failed together (the merchant's outage) are not retried in step. */
const JITTER_PERCENT = 10;
/** Deliveries sent at once: one batch takes at most WEBHOOK_TIMEOUT_MS whatever the endpoints do. */
export const WEBHOOK_BATCH_MAX = 25;
/** A run sends at most this many; the rest wait for the next run (a run stays within a couple of minutes). */
export const DELIVERIES_PER_RUN_MAX = 250;
/** Longer than an attempt can take: a claimed delivery comes back only if its worker died. */
const LEASE_MS = WEBHOOK_TIMEOUT_MS * 6;
/** Events are kept 30 days for the merchant's event log and redeliveries (then purged: SECURITY.md 35). */
export const EVENTS_KEPT_MS = 30 * 24 * HOUR_MS;

/** The wait before the next attempt after `attempts` failed ones, with jitter; null when none is left. */
export function retryDelayMs(attempts: number): number | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  const spread = Math.floor((base * JITTER_PERCENT) / 100);
  return base - spread + randomInt(2 * spread + 1);
}

/** The body a merchant receives: `{ id, type, created, livemode, data }`, created in unix seconds. */
export function eventBody(event: MerchantEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created: Math.floor(event.createdAt.getTime() / 1000),
    livemode: event.mode === 'live',
    data: event.data,
  });
}

interface Attempted {
  httpStatus: number | null;
  error: string | null;
  delivered: boolean;
}

async function attempt(ctx: AppContext, delivery: ClaimedDelivery): Promise<Attempted> {
  if (delivery.endpointStatus !== 'enabled' || !delivery.secretSealed)
    return { httpStatus: null, error: 'endpoint deleted', delivered: false };
  const secret = openSecret(ctx.config.keyring, delivery.endpointId, delivery.secretSealed);
  const body = eventBody(delivery.event);
  // The signature's time is the attempt's: a receiver's replay window runs from each sending.
  const timestampSeconds = Math.floor(ctx.clock.now().getTime() / 1000);
  const outcome = await postWebhook(
    delivery.url,
    body,
    { [SIGNATURE_HEADER]: signatureHeader(secret, timestampSeconds, body) },
    { refuseNonPublic: ctx.config.nodeEnv === 'production' },
  );
  if (outcome.kind === 'failed') return { httpStatus: null, error: outcome.error, delivered: false };
  const ok = outcome.status >= 200 && outcome.status < 300;
  const redirect = outcome.status >= 300 && outcome.status < 400;
  return {
    httpStatus: outcome.status >= 100 && outcome.status <= 599 ? outcome.status : null,
    error: ok ? null : redirect ? `HTTP ${outcome.status}: redirects are not followed` : `HTTP ${outcome.status}`,
    delivered: ok,
  };
}

async function deliverOne(ctx: AppContext, delivery: ClaimedDelivery): Promise<boolean> {
  let result: Attempted;
  try {
    result = await attempt(ctx, delivery);
  } catch (error) {
    // A sealed secret that does not open (a key removed from the ring too soon) is the operator's to fix.
    ctx.log.error({ err: error, deliveryId: delivery.id, endpointId: delivery.endpointId }, 'webhook delivery could not be signed');
    result = { httpStatus: null, error: 'signing secret unavailable', delivered: false };
  }
  const now = ctx.clock.now();
  const retryInMs = result.delivered || result.error === 'endpoint deleted' ? null : retryDelayMs(delivery.attempts);
  if (!result.delivered)
    ctx.log.warn(
      {
        deliveryId: delivery.id,
        endpointId: delivery.endpointId,
        attempts: delivery.attempts,
        error: result.error,
        final: retryInMs === null,
      },
      'webhook delivery failed',
    );
  await recordAttempt(ctx.db, {
    deliveryId: delivery.id,
    claimId: delivery.claimId,
    now,
    outcome: result.delivered
      ? { delivered: true }
      : { delivered: false, nextAttemptAt: retryInMs === null ? null : new Date(now.getTime() + retryInMs) },
    httpStatus: result.httpStatus,
    error: result.error,
  });
  return result.delivered;
}

/** Sends what is due at `now`, a batch at a time, up to `max`; how many attempts were made and how many delivered. */
export async function runWebhookDeliveries(ctx: AppContext, now: Date = ctx.clock.now(), max = DELIVERIES_PER_RUN_MAX) {
  let attempted = 0;
  let delivered = 0;
  while (attempted < max) {
    const claimed = await claimDueDeliveries(ctx.db, {
      claimId: randomUUID(),
      now,
      leaseMs: LEASE_MS,
      batchMax: Math.min(WEBHOOK_BATCH_MAX, max - attempted),
    });
    if (claimed.length === 0) break;
    const outcomes = await Promise.all(claimed.map((delivery) => deliverOne(ctx, delivery)));
    attempted += claimed.length;
    delivered += outcomes.filter(Boolean).length;
    if (claimed.length < WEBHOOK_BATCH_MAX) break;
  }
  return { attempted, delivered };
}

/** The webhook sweep for the retention worker's schedule, as acquiring/money's merchantPayouts is: deliveries, then old events. */
export function merchantWebhookDeliveries(contextOf: () => AppContext) {
  return async (db: Queryable, now: Date): Promise<Record<string, number>> => {
    const { attempted } = await runWebhookDeliveries(contextOf(), now);
    const purged = await purgeEvents(db, new Date(now.getTime() - EVENTS_KEPT_MS), PURGE_BATCH_ROWS_MAX);
    return { merchant_webhook_deliveries: attempted, merchant_events: purged };
  };
}
