import type { AppContext } from '../../../context.js';
import { newId } from '../../../shared/ids.js';
import type { Keyring } from '../../../shared/keyring.js';
import { ProblemError } from '../../../shared/problem.js';
import type { RequestMeta } from '../../../shared/request-meta.js';
import { recordAudit } from '../../audit/index.js';
import { AcquiringProblem } from '../acquiring.errors.js';
import { lockMerchant } from '../acquiring.repo.js';
import { endpointUrl } from './endpoint-url.js';
import { newSigningSecret, secretPrefixOf } from './signature.js';
import { WebhooksProblem } from './webhooks.errors.js';
import { ENDPOINT_FIELD_ERRORS } from './webhooks.messages.js';
import {
  countEnabledEndpoints,
  disableEndpoint,
  findEndpoint,
  findEvent,
  insertEndpoint,
  listDeliveries,
  listEnabledEndpoints,
  type Scope,
  scheduleRedelivery,
} from './webhooks.repo.js';
import {
  ALL_EVENTS,
  endpointTakes,
  MERCHANT_EVENT_TYPES,
  type MerchantEvent,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './webhooks.types.js';

/** Enabled endpoints per merchant and mode: a shop, its staging copy, a few services; a fan-out a worker batch bounds. */
export const ENDPOINTS_PER_MODE_MAX = 16;
export const ENDPOINT_DESCRIPTION_LENGTH_MAX = 200;
/** The keyring purpose of the sealed signing secrets: part of every sealed value, so never changed. */
const SECRET_PURPOSE = 'merchant-webhook-secret';

/** The merchant acting through its API key: who it is, in which mode, and from where (the audit's row). */
export interface MerchantAct extends Scope {
  keyId: string;
  meta: RequestMeta;
}

export function sealSecret(keyring: Keyring, endpointId: string, secret: string): string {
  return keyring.seal(SECRET_PURPOSE, secret, endpointId);
}

/** The secret of an endpoint as the worker signs with it; the sealed value opens only in its own row. */
export function openSecret(keyring: Keyring, endpointId: string, sealed: string): string {
  return keyring.open(SECRET_PURPOSE, sealed, endpointId);
}

function checkedEvents(typed: readonly string[]): string[] | null {
  if (new Set(typed).size !== typed.length) return null;
  if (typed.includes(ALL_EVENTS)) return typed.length === 1 ? [ALL_EVENTS] : null;
  return typed.every((type) => (MERCHANT_EVENT_TYPES as readonly string[]).includes(type)) ? [...typed] : null;
}

/**
 * A new enabled endpoint and its signing secret, which the caller shows once: Kassa keeps it
 * sealed, for signing only. 422 names each bad field; the merchant's row is locked so parallel
 * requests cannot pass the cap together.
 */
export async function createEndpoint(
  ctx: AppContext,
  act: MerchantAct,
  input: { url: string; enabledEvents: string[]; description: string | null },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = endpointUrl(input.url, { production: ctx.config.nodeEnv === 'production' });
  const enabledEvents = checkedEvents(input.enabledEvents);
  const errors = [
    ...(url ? [] : [{ pointer: '/url', detail: ENDPOINT_FIELD_ERRORS.url }]),
    ...(enabledEvents ? [] : [{ pointer: '/enabledEvents', detail: ENDPOINT_FIELD_ERRORS.enabledEvents }]),
  ];
  if (!url || !enabledEvents) throw new ProblemError(WebhooksProblem['webhook-endpoint-invalid'], { errors });
  const now = ctx.clock.now();
  const secret = newSigningSecret();
  const endpoint: WebhookEndpoint = {
    id: newId('we'),
    merchantId: act.merchantId,
    mode: act.mode,
    url,
    description: input.description,
    enabledEvents,
    secretPrefix: secretPrefixOf(secret),
    status: 'enabled',
    createdAt: now,
    disabledAt: null,
  };
  await ctx.db.transaction(async (tx) => {
    if (!(await lockMerchant(tx, act.merchantId))) throw new ProblemError(AcquiringProblem['merchant-not-found']);
    if ((await countEnabledEndpoints(tx, act.merchantId, act.mode)) >= ENDPOINTS_PER_MODE_MAX)
      throw new ProblemError(WebhooksProblem['webhook-endpoints-too-many'], { values: { max: ENDPOINTS_PER_MODE_MAX } });
    await insertEndpoint(tx, endpoint, sealSecret(ctx.config.keyring, endpoint.id, secret));
    await recordAudit(tx, {
      event: 'merchant.webhook_endpoint_created',
      meta: act.meta,
      // The host only: a merchant's URL may carry a token in its path or query.
      details: { merchantId: act.merchantId, keyId: act.keyId, mode: act.mode, endpointId: endpoint.id, host: new URL(url).host },
      occurredAt: now,
    });
  });
  return { endpoint, secret };
}

export function listEndpoints(ctx: AppContext, scope: Scope): Promise<WebhookEndpoint[]> {
  return listEnabledEndpoints(ctx.db, scope.merchantId, scope.mode);
}

/**
 * Disables the endpoint for good and erases its secret; its pending deliveries end as failed when
 * the worker reaches them. A second DELETE answers the same; another merchant's id is 404.
 */
export async function deleteEndpoint(ctx: AppContext, act: MerchantAct, endpointId: string): Promise<void> {
  const now = ctx.clock.now();
  const disabled = await ctx.db.transaction(async (tx) => {
    const endpoint = await disableEndpoint(tx, act, endpointId, now);
    if (!endpoint) return false;
    await recordAudit(tx, {
      event: 'merchant.webhook_endpoint_deleted',
      meta: act.meta,
      details: { merchantId: act.merchantId, keyId: act.keyId, mode: act.mode, endpointId },
      occurredAt: now,
    });
    return true;
  });
  if (!disabled && !(await findEndpoint(ctx.db, act, endpointId))) throw new ProblemError(WebhooksProblem['webhook-endpoint-not-found']);
}

export async function eventWithDeliveries(
  ctx: AppContext,
  scope: Scope,
  eventId: string,
): Promise<{ event: MerchantEvent; deliveries: WebhookDelivery[] }> {
  const event = await findEvent(ctx.db, scope, eventId);
  if (!event) throw new ProblemError(WebhooksProblem['merchant-event-not-found']);
  return { event, deliveries: await listDeliveries(ctx.db, event.id) };
}

/**
 * Sends the event again, now, to one enabled endpoint of the merchant or to every enabled one
 * that takes its type: the attempts start afresh, whatever the earlier deliveries' state.
 */
export async function redeliverEvent(
  ctx: AppContext,
  act: MerchantAct,
  input: { eventId: string; endpointId: string | null },
): Promise<{ event: MerchantEvent; deliveries: WebhookDelivery[] }> {
  const event = await findEvent(ctx.db, act, input.eventId);
  if (!event) throw new ProblemError(WebhooksProblem['merchant-event-not-found']);
  const enabled = await listEnabledEndpoints(ctx.db, act.merchantId, act.mode);
  if (input.endpointId && !enabled.some((endpoint) => endpoint.id === input.endpointId))
    throw new ProblemError(WebhooksProblem['webhook-endpoint-not-found']);
  const targets = input.endpointId
    ? [input.endpointId]
    : enabled.filter((endpoint) => endpointTakes(endpoint, event.type)).map((endpoint) => endpoint.id);
  if (targets.length === 0) throw new ProblemError(WebhooksProblem['webhook-redelivery-no-endpoint']);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await scheduleRedelivery(tx, event.id, targets, now);
    await recordAudit(tx, {
      event: 'merchant.event_redelivered',
      meta: act.meta,
      details: { merchantId: act.merchantId, keyId: act.keyId, mode: act.mode, eventId: event.id, endpointIds: targets },
      occurredAt: now,
    });
  });
  return { event, deliveries: await listDeliveries(ctx.db, event.id) };
}
