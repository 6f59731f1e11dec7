import type { ApiKeyMode } from '../merchants.types.js';

/**
 * The records of acquiring/webhooks (migration 0042) and their states.
 *
 * Endpoint status transitions: enabled -> disabled (final: the merchant deleted it; its secret is erased).
 * Delivery status transitions (each UPDATE names the states it may come from):
 *   pending -> delivered   (the endpoint answered 2xx)
 *   pending -> failed      (the backoff schedule is spent, or the endpoint was disabled)
 *   delivered | failed | pending -> pending   (a redelivery the merchant asked for: attempts start again)
 */

/** The events a merchant's objects produce (issue 15 item 6). The payments code names them; endpoints choose among them. */
export const MERCHANT_EVENT_TYPES = [
  'payment.requires_action',
  'payment.requires_capture',
  'payment.succeeded',
  'payment.failed',
  'payment.canceled',
  'refund.succeeded',
  // A chargeback (acquiring/chargebacks): opened, answered by the merchant, closed (won, lost or withdrawn).
  'dispute.created',
  'dispute.updated',
  'dispute.closed',
] as const;
/** An endpoint's enabled events: these types, or every type. */
export const ALL_EVENTS = '*';

export const ENDPOINT_STATUSES = ['enabled', 'disabled'] as const;
export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookEndpoint {
  id: string;
  merchantId: string;
  mode: ApiKeyMode;
  url: string;
  description: string | null;
  /** Event types, or [ALL_EVENTS]. */
  enabledEvents: string[];
  /** `whsec_AbCd`: enough to tell secrets apart on a screen; never the secret. */
  secretPrefix: string;
  status: EndpointStatus;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface MerchantEvent {
  id: string;
  merchantId: string;
  mode: ApiKeyMode;
  type: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  endpointId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastHttpStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** A delivery a worker claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  claimId: string;
  attempts: number;
  endpointId: string;
  endpointStatus: EndpointStatus;
  url: string;
  secretSealed: string | null;
  event: MerchantEvent;
}

export function endpointTakes(endpoint: Pick<WebhookEndpoint, 'enabledEvents'>, type: string): boolean {
  return endpoint.enabledEvents.includes(ALL_EVENTS) || endpoint.enabledEvents.includes(type);
}
