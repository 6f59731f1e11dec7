import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { live, NOW, paymentEvent, type Shop, startShop } from './shop.fixtures.js';

/**
 * A cardholder's dispute on a payment of the shop, told by Kassa's dispute.* webhooks. Kassa opens
 * disputes on live payments only: the orders here are a Kassa customer's (the live key).
 */

let shop: Shop;

beforeEach(async () => {
  shop = await startShop();
});
afterEach(() => shop.app.close());

describe('disputes on the shop’s payments', () => {
  function disputeEvent(type: string, status: string, id: string, extra: Record<string, unknown> = {}) {
    return {
      id,
      type,
      created: 1,
      livemode: true,
      data: {
        id: 'cb_0123',
        object: 'dispute',
        paymentId: 'pay_0123',
        status,
        reason: 'fraudulent',
        amountMinor: 180_000,
        currency: 'KZT',
        respondBy: '2026-05-19T10:00:00.000Z',
        response: null,
        lostMinor: null,
        createdAt: NOW.toISOString(),
        closedAt: null,
        ...extra,
      },
    };
  }

  async function orderPaid(): Promise<string> {
    await shop.pay(await shop.basketWith('baursak'), {}, 'live');
    const orderId = String(shop.kassa.sent[0]?.body.merchantOrderId);
    await shop.webhook(live(paymentEvent('payment.succeeded', orderId)));
    expect(shop.store.find(orderId)?.status).toBe('paid');
    return orderId;
  }

  it('marks the order disputed on a signed dispute.created, found by its payment, on the page and the poll', async () => {
    const orderId = await orderPaid();
    const response = await shop.webhook(disputeEvent('dispute.created', 'needs_response', 'evt_d1'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true, duplicate: false });
    expect(shop.store.find(orderId)?.status).toBe('disputed');
    const page = await shop.app.inject({ url: `/demo-shop/orders/${orderId}` });
    expect(page.body).toContain('оспорен держателем карты');
    expect(page.body).toContain('data-status="disputed"');
    expect((await shop.app.inject({ url: `/demo-shop/orders/${orderId}?lang=kk` })).body).toContain('карта ұстаушысы дау ашты');
    const status = await shop.app.inject({ url: `/demo-shop/orders/${orderId}/status?lang=en` });
    expect(status.json()).toEqual({ status: 'disputed', text: 'disputed by the cardholder: the bank is looking into it' });
    // The merchant's answer keeps it disputed; a late payment event does not undo the dispute.
    await shop.webhook(disputeEvent('dispute.updated', 'under_review', 'evt_d2', { response: { kind: 'evidence', text: 'x', at: NOW } }));
    await shop.webhook(live(paymentEvent('payment.failed', orderId, { failureCode: 'card_declined' }, 'evt_late')));
    expect(shop.store.find(orderId)?.status).toBe('disputed');
  });

  it('says the chargeback is lost on dispute.closed lost, and no late event of that dispute reopens it', async () => {
    const orderId = await orderPaid();
    await shop.webhook(disputeEvent('dispute.created', 'needs_response', 'evt_d1'));
    await shop.webhook(disputeEvent('dispute.closed', 'lost', 'evt_d2', { lostMinor: 180_000, closedAt: NOW.toISOString() }));
    expect(shop.store.find(orderId)?.status).toBe('chargeback_lost');
    await shop.webhook(disputeEvent('dispute.updated', 'under_review', 'evt_d3'));
    expect(shop.store.find(orderId)?.status).toBe('chargeback_lost');
    const status = await shop.app.inject({ url: `/demo-shop/orders/${orderId}/status?lang=en` });
    expect(status.json()).toEqual({ status: 'chargeback_lost', text: 'chargeback lost: the bank gave the money back to the cardholder' });
    expect((await shop.app.inject({ url: `/demo-shop/orders/${orderId}` })).body).toContain('чарджбэк проигран');
  });

  it('puts the order back to paid when the dispute is won or withdrawn, and a late open event changes nothing', async () => {
    const orderId = await orderPaid();
    await shop.webhook(disputeEvent('dispute.created', 'needs_response', 'evt_d1'));
    await shop.webhook(disputeEvent('dispute.closed', 'won', 'evt_d2', { closedAt: NOW.toISOString() }));
    expect(shop.store.find(orderId)?.status).toBe('paid');
    // Delivered out of order: the dispute's earlier "open" event comes after its close.
    await shop.webhook(disputeEvent('dispute.updated', 'under_review', 'evt_d0'));
    expect(shop.store.find(orderId)?.status).toBe('paid');
    // Another dispute on the same payment, withdrawn by the cardholder.
    await shop.webhook({
      ...disputeEvent('dispute.created', 'needs_response', 'evt_e1'),
      data: { id: 'cb_0456', paymentId: 'pay_0123', status: 'needs_response' },
    });
    expect(shop.store.find(orderId)?.status).toBe('disputed');
    await shop.webhook({
      ...disputeEvent('dispute.closed', 'withdrawn', 'evt_e2'),
      data: { id: 'cb_0456', paymentId: 'pay_0123', status: 'withdrawn' },
    });
    expect(shop.store.find(orderId)?.status).toBe('paid');
  });

  it('ignores a dispute on another payment, a test-mode one, and one of a status it does not know, with 200', async () => {
    const orderId = await orderPaid();
    const other = await shop.webhook({
      ...disputeEvent('dispute.created', 'needs_response', 'evt_d1'),
      data: { id: 'cb_9', paymentId: 'pay_other', status: 'needs_response' },
    });
    expect(other.statusCode).toBe(200);
    // Signed with the test secret, as Kassa signs a test event: not this live order's business.
    expect((await shop.webhook({ ...disputeEvent('dispute.created', 'needs_response', 'evt_d2'), livemode: false })).statusCode).toBe(200);
    expect((await shop.webhook(disputeEvent('dispute.updated', 'escalated', 'evt_d3'))).statusCode).toBe(200);
    expect(shop.store.find(orderId)?.status).toBe('paid');
  });

  it('refuses a signed dispute event without the payment (400), and a redelivery of it later still counts', async () => {
    const orderId = await orderPaid();
    const event = disputeEvent('dispute.created', 'needs_response', 'evt_d1');
    const { paymentId: _dropped, ...withoutPayment } = event.data;
    expect((await shop.webhook({ ...event, data: withoutPayment })).statusCode).toBe(400);
    expect(shop.store.find(orderId)?.status).toBe('paid');
    expect((await shop.webhook(event)).statusCode).toBe(200);
    expect(shop.store.find(orderId)?.status).toBe('disputed');
  });

  it('acknowledges an event type it does not know with 200 and changes nothing', async () => {
    const orderId = await orderPaid();
    const unknown = await shop.webhook({
      id: 'evt_u1',
      type: 'payout.paid',
      created: 1,
      livemode: true,
      data: { id: 'po_1', paymentId: 'pay_0123' },
    });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toEqual({ received: true, duplicate: false });
    expect(shop.store.find(orderId)?.status).toBe('paid');
  });
});
