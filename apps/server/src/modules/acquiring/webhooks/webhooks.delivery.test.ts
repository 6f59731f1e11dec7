import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { ManualClock } from '../../../shared/clock.js';
import { verifyAuditChain } from '../../audit/index.js';
import { postWebhook } from './delivery.js';
import { recordMerchantEvent, runWebhookDeliveries, SIGNATURE_HEADER, verifyKassaSignature } from './index.js';
import {
  addEndpoint,
  bearer,
  merchantWithKeys,
  paymentView,
  Receiver,
  recordEvent,
  type TestMerchantWithKeys,
} from './webhooks.fixtures.js';
import { claimDueDeliveries, recordAttempt } from './webhooks.repo.js';
import { RETRY_DELAYS_MS } from './worker.js';

// Issue 15 item 6: an event recorded in the payment's transaction reaches the merchant's endpoint
// (a real HTTP server on port 0) after commit, signed, at least once, retried with backoff.

const MINUTE_MS = 60_000;
let t: TestApp;
let receiver: Receiver;
let merchant: TestMerchantWithKeys;
let endpoint: { endpointId: string; secret: string } | null = null;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 4, 12, 6)) });
  merchant = await merchantWithKeys(t);
});
afterEach(async () => {
  // Nothing a test left due leaks into the next one's receiver: its endpoint is deleted, and what
  // was pending for it ends without being sent.
  if (endpoint) {
    await t.app.inject({
      method: 'DELETE',
      url: `/api/merchant/v1/webhook-endpoints/${endpoint.endpointId}`,
      headers: bearer(merchant.testKey),
    });
    await runWebhookDeliveries(t.app.ctx);
  }
  await receiver.stop();
});
afterAll(async () => {
  expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t.close();
});

async function freshEndpoint(enabledEvents: string[] = ['*']) {
  receiver = await new Receiver().start();
  const added = await addEndpoint(t, merchant.testKey, receiver.url, enabledEvents);
  endpoint = added;
  return added;
}

async function eventDetail(eventId: string, key = merchant.testKey) {
  return t.app.inject({ url: `/api/merchant/v1/events/${eventId}`, headers: bearer(key) });
}

describe('delivering an event', () => {
  it('POSTs it once, signed with the endpoint’s secret, and the receiver verifies the signature', async () => {
    const hook = await freshEndpoint();
    const eventId = await recordEvent(t, merchant.merchantId, { data: paymentView({ status: 'succeeded' }) });
    expect(await runWebhookDeliveries(t.app.ctx)).toEqual({ attempted: 1, delivered: 1 });
    expect(await runWebhookDeliveries(t.app.ctx)).toEqual({ attempted: 0, delivered: 0 });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    if (!request) throw new Error('nothing received');
    expect(request.url).toBe('/hooks/kassa');
    expect(request.headers['content-type']).toBe('application/json');
    const header = String(request.headers[SIGNATURE_HEADER]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyKassaSignature(header, request.rawBody, hook.secret, { now: t.clock.now() })).toBe(true);
    expect(JSON.parse(request.rawBody)).toEqual({
      id: eventId,
      type: 'payment.succeeded',
      created: Math.floor(t.clock.now().getTime() / 1000),
      livemode: false,
      data: paymentView({ status: 'succeeded' }),
    });
    const detail = (await eventDetail(eventId)).json();
    expect(detail.deliveries).toEqual([
      expect.objectContaining({
        endpointId: hook.endpointId,
        status: 'delivered',
        attempts: 1,
        lastHttpStatus: 200,
        lastError: null,
        nextAttemptAt: null,
      }),
    ]);
  });

  it('retries a 500 after about a minute (backoff with jitter) and then delivers the same event', async () => {
    const hook = await freshEndpoint();
    receiver.reactWith({ status: 500 });
    const eventId = await recordEvent(t, merchant.merchantId);
    const firstAt = t.clock.now().getTime();
    expect(await runWebhookDeliveries(t.app.ctx)).toEqual({ attempted: 1, delivered: 0 });
    const failed = (await eventDetail(eventId)).json().deliveries[0];
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastHttpStatus: 500, lastError: 'HTTP 500' });
    const waitMs = Date.parse(failed.nextAttemptAt) - firstAt;
    expect(waitMs).toBeGreaterThanOrEqual(MINUTE_MS * 0.9);
    expect(waitMs).toBeLessThanOrEqual(MINUTE_MS * 1.1);
    // Not due yet: nothing goes.
    t.clock.advance(30_000);
    expect(await runWebhookDeliveries(t.app.ctx)).toEqual({ attempted: 0, delivered: 0 });
    t.clock.advance(2 * MINUTE_MS);
    expect(await runWebhookDeliveries(t.app.ctx)).toEqual({ attempted: 1, delivered: 1 });
    expect(receiver.received.map((request) => JSON.parse(request.rawBody).id)).toEqual([eventId, eventId]);
    // Each attempt is signed at its own time: the second verifies now, with the default tolerance.
    const second = receiver.received[1];
    expect(
      second && verifyKassaSignature(String(second.headers[SIGNATURE_HEADER]), second.rawBody, hook.secret, { now: t.clock.now() }),
    ).toBe(true);
    expect((await eventDetail(eventId)).json().deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2, lastHttpStatus: 200 });
  });

  it('gives up after the schedule (about three days) and marks the delivery failed', async () => {
    await freshEndpoint();
    receiver.reactWith(...RETRY_DELAYS_MS.map(() => ({ status: 503 })), { status: 503 });
    const eventId = await recordEvent(t, merchant.merchantId);
    const startedAt = t.clock.now().getTime();
    for (let attempt = 1; attempt <= RETRY_DELAYS_MS.length + 1; attempt += 1) {
      expect(await runWebhookDeliveries(t.app.ctx)).toEqual({ attempted: 1, delivered: 0 });
      // Past the longest wait with its jitter (24 h + 10 %).
      t.clock.advance(27 * 60 * MINUTE_MS);
    }
    expect(await runWebhookDeliveries(t.app.ctx)).toEqual({ attempted: 0, delivered: 0 });
    expect(receiver.received).toHaveLength(RETRY_DELAYS_MS.length + 1);
    const totalMs = RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
    expect(totalMs / (24 * 60 * MINUTE_MS)).toBeGreaterThan(3);
    expect(t.clock.now().getTime() - startedAt).toBeGreaterThan(totalMs * 0.9);
    expect((await eventDetail(eventId)).json().deliveries[0]).toMatchObject({
      status: 'failed',
      attempts: 9,
      lastHttpStatus: 503,
      nextAttemptAt: null,
    });
  });

  it('sends again what a worker claimed and never finished (it died): once the lease is over, not before', async () => {
    await freshEndpoint();
    const eventId = await recordEvent(t, merchant.merchantId);
    const claimed = await claimDueDeliveries(t.db, { claimId: randomUUID(), now: t.clock.now(), leaseMs: MINUTE_MS, batchMax: 10 });
    expect(claimed.map((delivery) => delivery.event.id)).toEqual([eventId]);
    expect(await runWebhookDeliveries(t.app.ctx)).toEqual({ attempted: 0, delivered: 0 });
    t.clock.advance(MINUTE_MS + 1000);
    expect(await runWebhookDeliveries(t.app.ctx)).toEqual({ attempted: 1, delivered: 1 });
    expect(receiver.received.map((request) => JSON.parse(request.rawBody).id)).toEqual([eventId]);
    // The dead worker's late outcome is not taken: its claim is no longer the current one.
    await recordAttempt(t.db, {
      deliveryId: claimed[0]?.id ?? '',
      claimId: claimed[0]?.claimId ?? '',
      now: t.clock.now(),
      outcome: { delivered: false, nextAttemptAt: null },
      httpStatus: 500,
      error: 'HTTP 500',
    });
    expect((await eventDetail(eventId)).json().deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('never sends an event whose transaction rolled back', async () => {
    await freshEndpoint();
    let eventId = '';
    await expect(
      t.db.transaction(async (tx) => {
        eventId = await recordMerchantEvent(tx, {
          merchantId: merchant.merchantId,
          mode: 'test',
          type: 'payment.failed',
          data: paymentView({ status: 'failed' }),
          occurredAt: t.clock.now(),
        });
        throw new Error('the payment’s transition failed after the event was written');
      }),
    ).rejects.toThrow(/transition failed/);
    expect(eventId).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(await runWebhookDeliveries(t.app.ctx)).toEqual({ attempted: 0, delivered: 0 });
    expect(receiver.received).toHaveLength(0);
    expect((await eventDetail(eventId)).statusCode).toBe(404);
  });

  it('sends only the types an endpoint takes, and nothing of the other mode', async () => {
    await freshEndpoint(['refund.succeeded']);
    await recordEvent(t, merchant.merchantId, { type: 'payment.succeeded' });
    await recordEvent(t, merchant.merchantId, { type: 'refund.succeeded', mode: 'live' });
    const refundId = await recordEvent(t, merchant.merchantId, { type: 'refund.succeeded' });
    await runWebhookDeliveries(t.app.ctx);
    expect(receiver.received.map((request) => JSON.parse(request.rawBody).id)).toEqual([refundId]);
  });

  it('shares due deliveries between parallel workers: each is sent once', async () => {
    await freshEndpoint();
    const ids = await Promise.all(Array.from({ length: 12 }, () => recordEvent(t, merchant.merchantId)));
    const runs = await Promise.all([runWebhookDeliveries(t.app.ctx), runWebhookDeliveries(t.app.ctx), runWebhookDeliveries(t.app.ctx)]);
    expect(runs.reduce((sum, run) => sum + run.delivered, 0)).toBe(12);
    expect(receiver.received.map((request) => JSON.parse(request.rawBody).id).sort()).toEqual([...ids].sort());
  });

  it('does not follow a redirect: a 3xx is a failed attempt and the other URL is never asked', async () => {
    await freshEndpoint();
    receiver.reactWith({ status: 302, headers: { location: `${receiver.url}/elsewhere` } });
    const eventId = await recordEvent(t, merchant.merchantId);
    await runWebhookDeliveries(t.app.ctx);
    expect(receiver.received.map((request) => request.url)).toEqual(['/hooks/kassa']);
    expect((await eventDetail(eventId)).json().deliveries[0]).toMatchObject({
      status: 'pending',
      lastHttpStatus: 302,
      lastError: expect.stringContaining('redirect'),
    });
  });

  it('ends the pending deliveries of a deleted endpoint without sending them', async () => {
    const hook = await freshEndpoint();
    const eventId = await recordEvent(t, merchant.merchantId);
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/merchant/v1/webhook-endpoints/${hook.endpointId}`,
      headers: bearer(merchant.testKey),
    });
    expect(deleted.statusCode).toBe(204);
    await runWebhookDeliveries(t.app.ctx);
    expect(receiver.received).toHaveLength(0);
    expect((await eventDetail(eventId)).json().deliveries[0]).toMatchObject({ status: 'failed', lastError: 'endpoint deleted' });
  });
});

describe('the scheduled sweep', () => {
  it('runs on the server’s retention schedule: it sends what is due, and purges events past 30 days', async () => {
    const hook = await freshEndpoint();
    const eventId = await recordEvent(t, merchant.merchantId);
    const swept = await t.app.ctx.retention.runOnce();
    expect(swept).toMatchObject({ merchant_webhook_deliveries: 1 });
    expect(receiver.received.map((request) => JSON.parse(request.rawBody).id)).toEqual([eventId]);
    expect(
      verifyKassaSignature(String(receiver.received[0]?.headers[SIGNATURE_HEADER]), receiver.received[0]?.rawBody ?? '', hook.secret, {
        now: t.clock.now(),
      }),
    ).toBe(true);
    t.clock.advance(31 * 24 * 60 * MINUTE_MS);
    expect((await t.app.ctx.retention.runOnce()).merchant_events).toBeGreaterThanOrEqual(1);
    expect((await eventDetail(eventId)).statusCode).toBe(404);
  });
});

describe('the HTTP attempt', () => {
  it('gives up on an endpoint that does not answer within the timeout', async () => {
    receiver = await new Receiver().start();
    receiver.reactWith('hang');
    const outcome = await postWebhook(receiver.url, '{}', {}, { refuseNonPublic: false, timeoutMs: 300 });
    expect(outcome).toEqual({ kind: 'failed', error: expect.stringMatching(/^timeout/) });
  });

  it('in production refuses a loopback address, typed or resolved, before connecting (SSRF)', async () => {
    receiver = await new Receiver().start();
    const port = new URL(receiver.url).port;
    for (const url of [receiver.url, `http://localhost:${port}/hooks`, `http://[::ffff:127.0.0.1]:${port}/`]) {
      const outcome = await postWebhook(url, '{}', {}, { refuseNonPublic: true });
      expect(outcome, url).toEqual({ kind: 'failed', error: expect.stringContaining('non-public address') });
    }
    expect(receiver.received).toHaveLength(0);
    // The same URL outside production is the developer's own machine, and is reached.
    expect(await postWebhook(receiver.url, '{}', {}, { refuseNonPublic: false })).toEqual({ kind: 'answered', status: 200 });
  });

  it('records a refused connection in words that hold no URL', async () => {
    receiver = await new Receiver().start();
    const url = receiver.url;
    await receiver.stop();
    const outcome = await postWebhook(`${url}?token=s3cr3t`, '{}', {}, { refuseNonPublic: false });
    expect(outcome).toEqual({ kind: 'failed', error: 'connection failed: ECONNREFUSED' });
    receiver = await new Receiver().start();
  });
});
