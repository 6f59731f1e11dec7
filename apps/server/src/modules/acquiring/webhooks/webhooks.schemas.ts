import { type Static, Type } from 'typebox';
import { Id, literalUnion, Timestamp } from '../../../shared/schemas.js';
import { API_KEY_MODES } from '../merchants.types.js';
import { DELIVERY_STATUSES, ENDPOINT_STATUSES, type MerchantEvent, type WebhookDelivery, type WebhookEndpoint } from './webhooks.types.js';

/** What the merchant and staff see of endpoints, events and deliveries. No view holds a signing secret; only the creation answer does. */

export const EndpointView = Type.Object({
  id: Id('we'),
  object: literalUnion(['webhook_endpoint']),
  livemode: Type.Boolean(),
  url: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  enabledEvents: Type.Array(Type.String(), { description: 'Event types, or ["*"] for every type' }),
  secretPrefix: Type.String({ description: 'The first characters of the signing secret (whsec_AbCd), to tell secrets apart' }),
  status: literalUnion(ENDPOINT_STATUSES),
  createdAt: Timestamp,
});

export const CreatedEndpoint = Type.Object({
  endpoint: EndpointView,
  secret: Type.String({
    description: 'The signing secret (whsec_…). Shown in this answer only: store it with your server’s secrets to verify Kassa-Signature',
  }),
});

export const DeliveryView = Type.Object({
  id: Id('whd'),
  endpointId: Id('we'),
  status: literalUnion(DELIVERY_STATUSES),
  attempts: Type.Integer({ description: 'Attempts since the event was recorded or last redelivered' }),
  nextAttemptAt: Type.Union([Timestamp, Type.Null()], { description: 'When the next attempt is due; null once delivered or failed' }),
  lastAttemptAt: Type.Union([Timestamp, Type.Null()]),
  lastHttpStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  deliveredAt: Type.Union([Timestamp, Type.Null()]),
});

export const EventView = Type.Object({
  id: Id('evt'),
  object: literalUnion(['event']),
  type: Type.String(),
  livemode: Type.Boolean(),
  created: Type.Integer({ description: 'Unix seconds, as in the webhook body' }),
  createdAt: Timestamp,
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'The object’s public view when the event happened' }),
});

export const EventWithDeliveries = Type.Object({ event: EventView, deliveries: Type.Array(DeliveryView) });

export const EventPage = Type.Object({
  items: Type.Array(EventView),
  nextCursor: Type.Union([Id('evt'), Type.Null()], { description: 'Pass as `after` for the next page; null on the last' }),
});

export const StaffEventView = Type.Object({ ...EventView.properties, mode: literalUnion(API_KEY_MODES) });
export const StaffEventPage = Type.Object({ items: Type.Array(StaffEventView), nextCursor: Type.Union([Id('evt'), Type.Null()]) });

export function endpointJson(endpoint: WebhookEndpoint): Static<typeof EndpointView> {
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    livemode: endpoint.mode === 'live',
    url: endpoint.url,
    description: endpoint.description,
    enabledEvents: endpoint.enabledEvents,
    secretPrefix: endpoint.secretPrefix,
    status: endpoint.status,
    createdAt: endpoint.createdAt.toISOString(),
  };
}

export function eventJson(event: MerchantEvent): Static<typeof EventView> {
  return {
    id: event.id,
    object: 'event',
    type: event.type,
    livemode: event.mode === 'live',
    created: Math.floor(event.createdAt.getTime() / 1000),
    createdAt: event.createdAt.toISOString(),
    data: event.data,
  };
}

export function deliveryJson(delivery: WebhookDelivery): Static<typeof DeliveryView> {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    lastHttpStatus: delivery.lastHttpStatus,
    lastError: delivery.lastError,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  };
}
