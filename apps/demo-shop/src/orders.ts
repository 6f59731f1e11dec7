import { randomUUID } from 'node:crypto';
import type { Item } from './catalogue.js';

/**
 * The shop's orders, in memory (a demo: the page says so; a real shop keeps them in its database).
 *
 * Order status transitions (the webhook is the only writer after creation):
 *   awaiting_payment -> paid     (payment.succeeded)
 *   awaiting_payment -> failed   (payment.failed, payment.canceled)
 *   failed -> paid               (a later payment.succeeded: delivery order is not guaranteed, and
 *                                 a success is a fact that a failure event sent earlier cannot undo)
 *   any but chargeback_lost -> disputed
 *                                (dispute.created / dispute.updated, needs_response or under_review:
 *                                 the cardholder said "this wasn't me"; a dispute exists only on a
 *                                 captured payment, so it also settles an order whose
 *                                 payment.succeeded has not come yet)
 *   disputed -> paid             (dispute.closed, won or withdrawn: the shop keeps the money)
 *   any but chargeback_lost -> chargeback_lost
 *                                (dispute.closed, lost: the bank charged the money back)
 * chargeback_lost is final. Payment events change only awaiting_payment and failed orders; a
 * closed dispute is final too, so its late "open" events change nothing. Every event changes only
 * an order of its own mode: a live event never moves a test order, nor a test event a live one.
 */

/**
 * How the buyer chose to pay, and so which of the shop's Kassa keys made the payment: test (a
 * guest's sandbox card) or live (a Kassa customer's own card or e-wallet, the demo bank's money).
 */
export const PAYMENT_MODES = ['test', 'live'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

export const ORDER_STATUSES = ['awaiting_payment', 'paid', 'failed', 'disputed', 'chargeback_lost'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A Kassa dispute's states (the merchant API's dispute object). */
export const DISPUTE_STATUSES = ['needs_response', 'under_review', 'won', 'lost', 'withdrawn'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
const DISPUTE_OPEN: readonly DisputeStatus[] = ['needs_response', 'under_review'];

/** The statuses a payment event may still change: the payment's outcome is not known yet. */
const UNSETTLED: readonly OrderStatus[] = ['awaiting_payment', 'failed'];

/** Orders kept: the oldest is forgotten past this, so a loop of POSTs cannot fill the server's memory. */
export const ORDERS_KEPT_MAX = 1000;
/** Webhook event ids remembered for de-duplication (Kassa delivers at least once). */
export const EVENT_IDS_KEPT_MAX = 5000;

export interface OrderLine {
  item: Item;
  quantity: number;
}

export interface Order {
  id: string;
  lines: OrderLine[];
  totalMinor: bigint;
  mode: PaymentMode;
  status: OrderStatus;
  paymentId: string | null;
  /** Kassa's failure code, or `canceled`: shown to the buyer in words. */
  failureCode: string | null;
  /** The last dispute Kassa told of on the order's payment (cb_…), and whether it is closed. */
  dispute: { id: string; closed: boolean } | null;
  createdAt: Date;
}

/** A Map keeps insertion order: the first key is the oldest, evicted first. */
function keepAtMost<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) return;
    map.delete(oldest.value);
  }
}

export class OrderStore {
  readonly #orders = new Map<string, Order>();
  readonly #seenEvents = new Map<string, true>();

  create(lines: OrderLine[], mode: PaymentMode, now: Date): Order {
    const totalMinor = lines.reduce((sum, line) => sum + line.item.priceMinor * BigInt(line.quantity), 0n);
    const order: Order = {
      id: `ord_${randomUUID().replaceAll('-', '')}`,
      lines,
      totalMinor,
      mode,
      status: 'awaiting_payment',
      paymentId: null,
      failureCode: null,
      dispute: null,
      createdAt: now,
    };
    this.#orders.set(order.id, order);
    keepAtMost(this.#orders, ORDERS_KEPT_MAX);
    return order;
  }

  find(orderId: string): Order | undefined {
    return this.#orders.get(orderId);
  }

  attachPayment(orderId: string, paymentId: string): void {
    const order = this.#orders.get(orderId);
    if (order) order.paymentId = paymentId;
  }

  /** False when the event was seen already (a redelivery): the caller does nothing more. */
  firstSight(eventId: string): boolean {
    if (this.#seenEvents.has(eventId)) return false;
    this.#seenEvents.set(eventId, true);
    keepAtMost(this.#seenEvents, EVENT_IDS_KEPT_MAX);
    return true;
  }

  /**
   * The outcome a webhook reported for the order's payment. The payment id must be the one the
   * order's creation got back: an event about some other payment that names this order is ignored.
   * An order whose creation answer never came (a timeout) takes the payment the signed event names.
   * An event of the other mode is ignored: it was not made with the key that paid this order.
   */
  settle(orderId: string, paymentId: string, mode: PaymentMode, outcome: { paid: true } | { paid: false; failureCode: string }): boolean {
    const order = this.#orders.get(orderId);
    if (!order || order.mode !== mode || !UNSETTLED.includes(order.status)) return false;
    if (order.paymentId !== null && order.paymentId !== paymentId) return false;
    order.paymentId = paymentId;
    if (outcome.paid) {
      order.status = 'paid';
      order.failureCode = null;
    } else {
      order.status = 'failed';
      order.failureCode = outcome.failureCode;
    }
    return true;
  }

  /**
   * What a dispute event says of the order paid by `paymentId`; the order's id when it changed,
   * null when no order of the shop has that payment or the event is stale. The search is a scan:
   * the store keeps at most ORDERS_KEPT_MAX orders.
   */
  applyDispute(paymentId: string, mode: PaymentMode, dispute: { id: string; status: DisputeStatus }): string | null {
    const order = [...this.#orders.values()].find((candidate) => candidate.paymentId === paymentId && candidate.mode === mode);
    if (!order || order.status === 'chargeback_lost') return null;
    // A closed dispute stays closed: an earlier "open" event delivered late changes nothing.
    if (order.dispute?.id === dispute.id && order.dispute.closed) return null;
    const open = DISPUTE_OPEN.includes(dispute.status);
    order.dispute = { id: dispute.id, closed: !open };
    order.status = open ? 'disputed' : dispute.status === 'lost' ? 'chargeback_lost' : 'paid';
    order.failureCode = null;
    return order.id;
  }
}
