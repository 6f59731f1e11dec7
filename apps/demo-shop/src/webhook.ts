import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { DISPUTE_STATUSES, type DisputeStatus, type OrderStore, type PaymentMode } from './orders.js';
import { checkKassaSignature, type SignatureVerdict } from './signature.js';

/**
 * What the shop does with a webhook from Kassa (docs/acquiring-webhooks.md): the signature first,
 * on the raw bytes; only then the JSON, checked against the fields the shop reads (others may
 * come and are ignored); then the order. The answer is quick (the work is a Map update), and an
 * event seen before is answered 200 again and changes nothing: Kassa delivers at least once.
 */

const EVENT_ID_LENGTH_MAX = 100;

export const KassaEvent = Type.Object({
  id: Type.String({ minLength: 1, maxLength: EVENT_ID_LENGTH_MAX }),
  type: Type.String({ maxLength: 100 }),
  created: Type.Integer(),
  livemode: Type.Boolean(),
  data: Type.Object({
    id: Type.String({ maxLength: 100 }),
    merchantOrderId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    failureCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
});

/**
 * The dispute events (a cardholder's chargeback on a payment): their data is the dispute object.
 * Kassa opens chargebacks on live payments only: they come for the orders a Kassa customer paid.
 */
const DISPUTE_EVENT_TYPES = ['dispute.created', 'dispute.updated', 'dispute.closed'];

/** The fields of the dispute object the shop reads: it finds the order by the payment, not by an order id. */
export const KassaDispute = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  paymentId: Type.String({ minLength: 1, maxLength: 100 }),
  status: Type.String({ maxLength: 100 }),
});

type KassaDispute = Static<typeof KassaDispute>;

function isDisputeStatus(value: string): value is DisputeStatus {
  return (DISPUTE_STATUSES as readonly string[]).includes(value);
}

export type WebhookResult =
  | { kind: 'refused'; verdict: Exclude<SignatureVerdict, 'valid'> | 'unreadable' }
  | { kind: 'duplicate' }
  | { kind: 'applied'; orderId: string }
  | { kind: 'ignored' };

function parsed(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return null;
  }
}

/** The dispute object of a dispute event; null for another event; 'unreadable' when it lacks what the shop reads. */
function disputeOf(event: Static<typeof KassaEvent>): KassaDispute | 'unreadable' | null {
  if (!DISPUTE_EVENT_TYPES.includes(event.type)) return null;
  return Value.Check(KassaDispute, event.data) ? event.data : 'unreadable';
}

/** A dispute on one of the shop's payments moves its order (orders.ts); a status the shop does not know is ignored. */
function disputeOutcome(store: OrderStore, mode: PaymentMode, dispute: KassaDispute): WebhookResult {
  if (!isDisputeStatus(dispute.status)) return { kind: 'ignored' };
  const orderId = store.applyDispute(dispute.paymentId, mode, { id: dispute.id, status: dispute.status });
  return orderId ? { kind: 'applied', orderId } : { kind: 'ignored' };
}

/** The shop's webhook secret per mode: Kassa signs a mode's events with that mode's endpoint secret. */
export type WebhookSecrets = Record<PaymentMode, string>;

/**
 * The mode whose secret must have signed the body: `livemode` read before the signature is
 * checked, only to pick the secret. Safe, because the signature then covers those very bytes: a
 * live event signed with the test secret fails. Anything without `livemode: true` is checked
 * against the test secret (and a body that is no event is refused after it).
 */
function claimedMode(body: unknown): PaymentMode {
  return typeof body === 'object' && body !== null && 'livemode' in body && body.livemode === true ? 'live' : 'test';
}

export function receiveWebhook(
  store: OrderStore,
  input: { header: string | undefined; rawBody: Buffer; secrets: WebhookSecrets; now: Date },
): WebhookResult {
  const event = parsed(input.rawBody);
  const mode = claimedMode(event);
  const verdict = checkKassaSignature(input.header, input.rawBody, input.secrets[mode], input.now);
  if (verdict !== 'valid') return { kind: 'refused', verdict };
  // Signed by Kassa but not the shape the shop reads: refused, so it shows as failed in Kassa's log.
  if (!Value.Check(KassaEvent, event)) return { kind: 'refused', verdict: 'unreadable' };
  const dispute = disputeOf(event);
  if (dispute === 'unreadable') return { kind: 'refused', verdict: 'unreadable' };
  if (!store.firstSight(event.id)) return { kind: 'duplicate' };
  if (dispute) return disputeOutcome(store, mode, dispute);
  const orderId = event.data.merchantOrderId;
  if (!orderId) return { kind: 'ignored' };
  const paymentId = event.data.id;
  switch (event.type) {
    case 'payment.succeeded':
      return store.settle(orderId, paymentId, mode, { paid: true }) ? { kind: 'applied', orderId } : { kind: 'ignored' };
    case 'payment.failed':
      return store.settle(orderId, paymentId, mode, { paid: false, failureCode: event.data.failureCode ?? 'card_declined' })
        ? { kind: 'applied', orderId }
        : { kind: 'ignored' };
    case 'payment.canceled':
      return store.settle(orderId, paymentId, mode, { paid: false, failureCode: 'canceled' })
        ? { kind: 'applied', orderId }
        : { kind: 'ignored' };
    default:
      // requires_action, requires_capture, refunds: the order page has nothing to show for them.
      return { kind: 'ignored' };
  }
}
