import type { Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import { newId } from '../../../shared/ids.js';
import { insertEventWithDeliveries, listEnabledEndpoints } from './webhooks.repo.js';
import { endpointTakes, MERCHANT_EVENT_TYPES, type MerchantEvent } from './webhooks.types.js';

/** An event's data is an object's public view: a payment or a refund, never a document. */
export const EVENT_DATA_BYTES_MAX = 32 * 1024;

export interface MerchantEventInput {
  merchantId: string;
  mode: 'test' | 'live';
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Records that something happened to a merchant's object (issue 15 item 6) and schedules a
 * delivery to each of the merchant's enabled endpoints in that mode that takes the type, all IN
 * THE CALLER'S TRANSACTION: this is the outbox. Nothing is sent here (STYLE.md habit 4: no
 * outside call inside a transaction); the delivery worker sends after commit, and an event of a
 * transaction that rolled back never existed. Returns the event id (`evt_…`), which the merchant
 * de-duplicates by: delivery is at least once.
 *
 * The caller is the state change itself (the payments code's one status transition function), so
 * every change is an event. `data` is the object's public view as the merchant's API shows it;
 * it must hold no card number, CVC2 or secret. The endpoints are read, not locked: payments of
 * one merchant must not queue behind each other here, and an endpoint deleted meanwhile costs
 * nothing but a delivery the worker ends as failed without sending it.
 */
export async function recordMerchantEvent(tx: Tx, input: MerchantEventInput): Promise<string> {
  assert(tx.inTransaction, 'an event is written in the transaction of the change it reports');
  assert((MERCHANT_EVENT_TYPES as readonly string[]).includes(input.type), `unknown merchant event type ${input.type}`);
  assert(JSON.stringify(input.data).length <= EVENT_DATA_BYTES_MAX, `event data over ${EVENT_DATA_BYTES_MAX} characters`);
  const event: MerchantEvent = {
    id: newId('evt'),
    merchantId: input.merchantId,
    mode: input.mode,
    type: input.type,
    data: input.data,
    createdAt: input.occurredAt,
  };
  const endpoints = await listEnabledEndpoints(tx, input.merchantId, input.mode);
  const takers = endpoints.filter((endpoint) => endpointTakes(endpoint, input.type)).map((endpoint) => endpoint.id);
  await insertEventWithDeliveries(tx, event, takers);
  return event.id;
}
