import type { Database, Queryable, Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import { newId } from '../../../shared/ids.js';
import type { ApiKeyMode } from '../merchants.types.js';
import type { ClaimedDelivery, DeliveryStatus, EndpointStatus, MerchantEvent, WebhookDelivery, WebhookEndpoint } from './webhooks.types.js';

/** All SQL of the webhook tables (migration 0042). The column list of each is written once, here. */

const ENDPOINT_COLUMNS = 'id, merchant_id, mode, url, description, enabled_events, secret_prefix, status, created_at, disabled_at';

interface EndpointRow {
  id: string;
  merchant_id: string;
  mode: ApiKeyMode;
  url: string;
  description: string | null;
  enabled_events: string[];
  secret_prefix: string;
  status: EndpointStatus;
  created_at: Date;
  disabled_at: Date | null;
}

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    mode: row.mode,
    url: row.url,
    description: row.description,
    enabledEvents: row.enabled_events,
    secretPrefix: row.secret_prefix,
    status: row.status,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

export async function insertEndpoint(tx: Tx, endpoint: WebhookEndpoint, secretSealed: string): Promise<void> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  assert(endpoint.status === 'enabled', 'an endpoint is created enabled');
  await tx.query(
    `INSERT INTO merchant_webhook_endpoints (${ENDPOINT_COLUMNS}, secret_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      endpoint.id,
      endpoint.merchantId,
      endpoint.mode,
      endpoint.url,
      endpoint.description,
      endpoint.enabledEvents,
      endpoint.secretPrefix,
      endpoint.status,
      endpoint.createdAt,
      endpoint.disabledAt,
      secretSealed,
    ],
  );
}

/** How many enabled endpoints the merchant has in a mode (creation counts them under the merchant's lock). */
export async function countEnabledEndpoints(tx: Tx, merchantId: string, mode: ApiKeyMode): Promise<number> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  const { rows } = await tx.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM merchant_webhook_endpoints WHERE merchant_id = $1 AND mode = $2 AND status = 'enabled'`,
    [merchantId, mode],
  );
  return Number(rows[0]?.count ?? 0);
}

export async function listEnabledEndpoints(db: Queryable, merchantId: string, mode: ApiKeyMode): Promise<WebhookEndpoint[]> {
  const { rows } = await db.query<EndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM merchant_webhook_endpoints
     WHERE merchant_id = $1 AND mode = $2 AND status = 'enabled' ORDER BY created_at DESC, id DESC`,
    [merchantId, mode],
  );
  return rows.map(toEndpoint);
}

export async function findEndpoint(db: Queryable, scope: Scope, endpointId: string): Promise<WebhookEndpoint | null> {
  const { rows } = await db.query<EndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM merchant_webhook_endpoints WHERE id = $3 AND merchant_id = $1 AND mode = $2`,
    [scope.merchantId, scope.mode, endpointId],
  );
  return rows[0] ? toEndpoint(rows[0]) : null;
}

/** Disables an enabled endpoint of this merchant and mode and erases its secret; null when there is none such. */
export async function disableEndpoint(tx: Tx, scope: Scope, endpointId: string, now: Date): Promise<WebhookEndpoint | null> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  const { rows } = await tx.query<EndpointRow>(
    `UPDATE merchant_webhook_endpoints SET status = 'disabled', disabled_at = $4, secret_sealed = NULL
     WHERE id = $3 AND merchant_id = $1 AND mode = $2 AND status = 'enabled' RETURNING ${ENDPOINT_COLUMNS}`,
    [scope.merchantId, scope.mode, endpointId, now],
  );
  return rows[0] ? toEndpoint(rows[0]) : null;
}

/** A merchant and a mode: every merchant-side read is bounded by both (a test key sees test data only). */
export interface Scope {
  merchantId: string;
  mode: ApiKeyMode;
}

const EVENT_COLUMNS = 'id, merchant_id, mode, type, data, created_at';

interface EventRow {
  id: string;
  merchant_id: string;
  mode: ApiKeyMode;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
}

function toEvent(row: EventRow): MerchantEvent {
  return { id: row.id, merchantId: row.merchant_id, mode: row.mode, type: row.type, data: row.data, createdAt: row.created_at };
}

/**
 * The event and a pending delivery to each endpoint given, in the caller's transaction: both
 * exist if and only if the state change they report committed.
 */
export async function insertEventWithDeliveries(tx: Tx, event: MerchantEvent, endpointIds: readonly string[]): Promise<void> {
  assert(tx.inTransaction, 'runs inside the caller’s transaction: that is the outbox');
  await tx.query(`INSERT INTO merchant_events (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
    event.id,
    event.merchantId,
    event.mode,
    event.type,
    JSON.stringify(event.data),
    event.createdAt,
  ]);
  if (endpointIds.length === 0) return;
  await tx.query(
    `INSERT INTO merchant_webhook_deliveries (id, event_id, endpoint_id, status, next_attempt_at, created_at)
     SELECT d.id, $1, d.endpoint_id, 'pending', $2, $2 FROM unnest($3::text[], $4::text[]) AS d (id, endpoint_id)`,
    [event.id, event.createdAt, endpointIds.map(() => newId('whd')), endpointIds],
  );
}

/** Newest first; `afterId` is the last event of the page before (keyset: created_at, id). */
export async function listEvents(
  db: Queryable,
  merchantId: string,
  mode: ApiKeyMode | null,
  page: { limit: number; afterId: string | null },
) {
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM merchant_events
     WHERE merchant_id = $1 AND ($2::text IS NULL OR mode = $2)
       AND ($3::text IS NULL OR (created_at, id) < (SELECT created_at, id FROM merchant_events WHERE id = $3 AND merchant_id = $1))
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [merchantId, mode, page.afterId, page.limit],
  );
  return rows.map(toEvent);
}

export async function findEvent(db: Queryable, scope: Scope, eventId: string): Promise<MerchantEvent | null> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM merchant_events WHERE id = $3 AND merchant_id = $1 AND mode = $2`,
    [scope.merchantId, scope.mode, eventId],
  );
  return rows[0] ? toEvent(rows[0]) : null;
}

const DELIVERY_COLUMNS =
  'id, event_id, endpoint_id, status, attempts, next_attempt_at, last_attempt_at, last_http_status, last_error, delivered_at, created_at';

interface DeliveryRow {
  id: string;
  event_id: string;
  endpoint_id: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_http_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    lastHttpStatus: row.last_http_status,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

export async function listDeliveries(db: Queryable, eventId: string): Promise<WebhookDelivery[]> {
  const { rows } = await db.query<DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM merchant_webhook_deliveries WHERE event_id = $1 ORDER BY id`,
    [eventId],
  );
  return rows.map(toDelivery);
}

/**
 * A delivery of the event to each endpoint given, due now with its attempts counted afresh,
 * whatever its state; a claim in progress loses its right to record an outcome (claim_id reset).
 */
export async function scheduleRedelivery(tx: Tx, eventId: string, endpointIds: readonly string[], now: Date): Promise<void> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  await tx.query(
    `INSERT INTO merchant_webhook_deliveries (id, event_id, endpoint_id, status, next_attempt_at, created_at)
     SELECT d.id, $1, d.endpoint_id, 'pending', $2, $2 FROM unnest($3::text[], $4::text[]) AS d (id, endpoint_id)
     ON CONFLICT (event_id, endpoint_id) DO UPDATE SET status = 'pending', attempts = 0, next_attempt_at = $2,
       locked_until = NULL, claim_id = NULL, delivered_at = NULL`,
    [eventId, now, endpointIds.map(() => newId('whd')), endpointIds],
  );
}

interface ClaimedRow {
  id: string;
  claim_id: string;
  attempts: number;
  endpoint_id: string;
  endpoint_status: EndpointStatus;
  url: string;
  secret_sealed: string | null;
  event_id: string;
  merchant_id: string;
  mode: ApiKeyMode;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
}

/**
 * Claims due deliveries for `leaseMs` under `claimId`, counting the attempt. SKIP LOCKED lets
 * several servers share the table; the lease means a worker that dies mid-attempt only delays
 * its deliveries (they come back when it ends), which at-least-once delivery allows.
 */
export async function claimDueDeliveries(
  db: Database,
  claim: { claimId: string; now: Date; leaseMs: number; batchMax: number },
): Promise<ClaimedDelivery[]> {
  const { rows } = await db.query<ClaimedRow>(
    `WITH due AS (
       SELECT id FROM merchant_webhook_deliveries
       WHERE status = 'pending' AND next_attempt_at <= $2 AND (locked_until IS NULL OR locked_until < $2)
       ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE merchant_webhook_deliveries d
       SET attempts = d.attempts + 1, claim_id = $1, locked_until = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
       FROM due WHERE d.id = due.id
       RETURNING d.id, d.claim_id, d.attempts, d.endpoint_id, d.event_id)
     SELECT c.id, c.claim_id, c.attempts, c.endpoint_id, w.status AS endpoint_status, w.url, w.secret_sealed,
            c.event_id, e.merchant_id, e.mode, e.type, e.data, e.created_at
     FROM claimed c JOIN merchant_webhook_endpoints w ON w.id = c.endpoint_id JOIN merchant_events e ON e.id = c.event_id
     ORDER BY c.id`,
    [claim.claimId, claim.now, claim.leaseMs, claim.batchMax],
  );
  return rows.map((row) => ({
    id: row.id,
    claimId: row.claim_id,
    attempts: row.attempts,
    endpointId: row.endpoint_id,
    endpointStatus: row.endpoint_status,
    url: row.url,
    secretSealed: row.secret_sealed,
    event: toEvent({ ...row, id: row.event_id }),
  }));
}

/**
 * The outcome of an attempt, if the claim is still the current one (a redelivery in between reset
 * it: then that one goes instead). `nextAttemptAt` null with a failure ends the delivery as failed.
 */
export async function recordAttempt(
  db: Queryable,
  attempt: {
    deliveryId: string;
    claimId: string;
    now: Date;
    outcome: { delivered: true } | { delivered: false; nextAttemptAt: Date | null };
    httpStatus: number | null;
    error: string | null;
  },
): Promise<void> {
  const delivered = attempt.outcome.delivered;
  const nextAttemptAt = attempt.outcome.delivered ? null : attempt.outcome.nextAttemptAt;
  await db.query(
    `UPDATE merchant_webhook_deliveries
     SET status = CASE WHEN $4 THEN 'delivered' WHEN $5::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
         delivered_at = CASE WHEN $4 THEN $3::timestamptz ELSE NULL END,
         next_attempt_at = coalesce($5::timestamptz, next_attempt_at),
         last_attempt_at = $3, last_http_status = $6, last_error = $7, locked_until = NULL, claim_id = NULL
     WHERE id = $1 AND claim_id = $2 AND status = 'pending'`,
    [attempt.deliveryId, attempt.claimId, attempt.now, delivered, nextAttemptAt, attempt.httpStatus, attempt.error],
  );
}

/**
 * Events older than `before` with no delivery still pending, and their deliveries (ON DELETE
 * CASCADE): one bounded batch, skipping rows another server is deleting.
 */
export async function purgeEvents(db: Queryable, before: Date, batchMax: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM merchant_events WHERE id IN (
       SELECT e.id FROM merchant_events e
       WHERE e.created_at < $1
         AND NOT EXISTS (SELECT 1 FROM merchant_webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
       ORDER BY e.created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [before, batchMax],
  );
  return rowCount ?? 0;
}
