import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { dumpAllTables } from '../../../../test/table-dump.js';
import { ManualClock } from '../../../shared/clock.js';
import { PROBLEM_BASE } from '../../../shared/problem.js';
import { verifyAuditChain } from '../../audit/index.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../../staff/staff.fixtures.js';
import { runWebhookDeliveries } from './index.js';
import { addEndpoint, bearer, merchantWithKeys, Receiver, recordEvent, type TestMerchantWithKeys } from './webhooks.fixtures.js';

// Issue 15 item 6: the merchant's endpoints and event log through the API (Bearer sk_…, one mode
// per key), redelivery, the staff's view, and the signing secret shown once and stored sealed.

let t: TestApp;
let admin: TestStaff;
let shop: TestMerchantWithKeys;
let other: TestMerchantWithKeys;
let receiver: Receiver;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 4, 12, 6)) });
  admin = await createTestStaff(t.app, 'admin');
  shop = await merchantWithKeys(t, admin);
  other = await merchantWithKeys(t, admin);
  receiver = await new Receiver().start();
});
afterAll(async () => {
  await receiver.stop();
  expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t.close();
});

function call(method: 'GET' | 'POST' | 'DELETE', url: string, key: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
}

function expectProblem(response: Awaited<ReturnType<typeof call>>, status: number, type: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json().type).toBe(`${PROBLEM_BASE}${type}`);
}

describe('webhook endpoints', () => {
  it('are created with a secret shown once, listed without it, per mode', async () => {
    const created = await call('POST', '/api/merchant/v1/webhook-endpoints', shop.testKey, {
      url: receiver.url,
      enabledEvents: ['payment.succeeded', 'refund.succeeded'],
      description: 'orders service',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { endpoint, secret } = created.json();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({
      id: expect.stringMatching(/^we_[0-9a-f]{32}$/),
      livemode: false,
      url: receiver.url,
      status: 'enabled',
    });
    expect(endpoint.secretPrefix).toBe(secret.slice(0, 10));
    const listed = await call('GET', '/api/merchant/v1/webhook-endpoints', shop.testKey);
    expect(listed.json().items.map((item: { id: string }) => item.id)).toContain(endpoint.id);
    expect(listed.body).not.toContain(secret);
    // The live key's list is another mode's.
    expect((await call('GET', '/api/merchant/v1/webhook-endpoints', shop.liveKey)).json().items).toEqual([]);
  });

  it('refuse a URL that is not https (http only to this machine), a login in it, and unknown or mixed events', async () => {
    for (const [url, enabledEvents, pointer] of [
      ['http://shop.example.kz/hooks', ['*'], '/url'],
      ['ftp://shop.example.kz/hooks', ['*'], '/url'],
      ['https://user:pass@shop.example.kz/hooks', ['*'], '/url'],
      ['https://intranet/hooks', ['*'], '/url'],
      ['https://shop.example.kz/hooks', ['payment.created'], '/enabledEvents'],
      ['https://shop.example.kz/hooks', ['*', 'payment.failed'], '/enabledEvents'],
      ['https://shop.example.kz/hooks', ['payment.failed', 'payment.failed'], '/enabledEvents'],
    ] as const) {
      const response = await call('POST', '/api/merchant/v1/webhook-endpoints', shop.testKey, { url, enabledEvents: [...enabledEvents] });
      expectProblem(response, 422, 'webhook-endpoint-invalid');
      expect(
        response.json().errors.map((error: { pointer: string }) => error.pointer),
        url,
      ).toEqual([pointer]);
    }
    const kazakh = await t.app.inject({
      method: 'POST',
      url: '/api/merchant/v1/webhook-endpoints',
      headers: { ...bearer(shop.testKey), 'accept-language': 'kk' },
      payload: { url: 'ftp://x.kz', enabledEvents: ['*'] },
    });
    expect(kazakh.json().title).toBe('Вебхук мекенжайы мен оқиғаларын тексеріңіз');
  });

  it('refuse mass assignment of a status or a secret, and a request without a key', async () => {
    const response = await call('POST', '/api/merchant/v1/webhook-endpoints', shop.testKey, {
      url: receiver.url,
      enabledEvents: ['*'],
      secret: 'whsec_mine',
    });
    expect(response.statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/merchant/v1/webhook-endpoints' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('delete: another merchant’s or another mode’s id is 404, the own one 204 and its secret is erased', async () => {
    const { endpointId } = await addEndpoint(t, shop.testKey, receiver.url);
    expectProblem(
      await call('DELETE', `/api/merchant/v1/webhook-endpoints/${endpointId}`, other.testKey),
      404,
      'webhook-endpoint-not-found',
    );
    expectProblem(
      await call('DELETE', `/api/merchant/v1/webhook-endpoints/${endpointId}`, shop.liveKey),
      404,
      'webhook-endpoint-not-found',
    );
    expect((await call('DELETE', `/api/merchant/v1/webhook-endpoints/${endpointId}`, shop.testKey)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/merchant/v1/webhook-endpoints/${endpointId}`, shop.testKey)).statusCode).toBe(204);
    const { rows } = await t.db.query<{ secret_sealed: string | null }>(
      'SELECT secret_sealed FROM merchant_webhook_endpoints WHERE id = $1',
      [endpointId],
    );
    expect(rows[0]?.secret_sealed).toBeNull();
  });
});

describe('the event log', () => {
  it('lists the key’s mode newest first, a page at a time', async () => {
    const merchant = await merchantWithKeys(t, admin);
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      ids.push(await recordEvent(t, merchant.merchantId));
      t.clock.advance(1000);
    }
    await recordEvent(t, merchant.merchantId, { mode: 'live' });
    const first = (await call('GET', '/api/merchant/v1/events?limit=3', merchant.testKey)).json();
    expect(first.items.map((item: { id: string }) => item.id)).toEqual([ids[4], ids[3], ids[2]]);
    const second = (await call('GET', `/api/merchant/v1/events?limit=3&after=${first.nextCursor}`, merchant.testKey)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[1] }), expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await call('GET', '/api/merchant/v1/events', merchant.liveKey)).json().items).toHaveLength(1);
    // Another merchant's cursor reveals nothing of its events.
    expect((await call('GET', `/api/merchant/v1/events?after=${ids[4]}`, other.testKey)).json().items).toEqual([]);
  });

  it('answers 404 for another merchant’s event, and another mode’s, for reading and redelivery', async () => {
    const eventId = await recordEvent(t, shop.merchantId);
    expect((await call('GET', `/api/merchant/v1/events/${eventId}`, shop.testKey)).statusCode).toBe(200);
    expectProblem(await call('GET', `/api/merchant/v1/events/${eventId}`, other.testKey), 404, 'merchant-event-not-found');
    expectProblem(await call('GET', `/api/merchant/v1/events/${eventId}`, shop.liveKey), 404, 'merchant-event-not-found');
    expectProblem(await call('POST', `/api/merchant/v1/events/${eventId}/redeliver`, other.testKey), 404, 'merchant-event-not-found');
  });

  it('redelivers an event that was delivered: the same event id arrives again', async () => {
    const merchant = await merchantWithKeys(t, admin);
    const hooks = await new Receiver().start();
    const { endpointId, secret } = await addEndpoint(t, merchant.testKey, hooks.url);
    const eventId = await recordEvent(t, merchant.merchantId);
    await runWebhookDeliveries(t.app.ctx);
    expect(hooks.received).toHaveLength(1);
    // Naming another merchant's endpoint is as unknown as naming none of its own.
    const { endpointId: foreign } = await addEndpoint(t, other.testKey, hooks.url);
    expectProblem(
      await call('POST', `/api/merchant/v1/events/${eventId}/redeliver`, merchant.testKey, { endpointId: foreign }),
      404,
      'webhook-endpoint-not-found',
    );
    const redelivered = await call('POST', `/api/merchant/v1/events/${eventId}/redeliver`, merchant.testKey, { endpointId });
    expect(redelivered.statusCode, redelivered.body).toBe(202);
    expect(redelivered.json().deliveries).toEqual([expect.objectContaining({ endpointId, status: 'pending', attempts: 0 })]);
    expect(redelivered.body).not.toContain(secret);
    await runWebhookDeliveries(t.app.ctx);
    expect(hooks.received.map((request) => JSON.parse(request.rawBody).id)).toEqual([eventId, eventId]);
    expect((await call('POST', `/api/merchant/v1/events/${eventId}/redeliver`, merchant.testKey)).statusCode).toBe(202);
    await hooks.stop();
  });

  it('refuses a redelivery when no enabled endpoint takes the event', async () => {
    const merchant = await merchantWithKeys(t, admin);
    const eventId = await recordEvent(t, merchant.merchantId);
    expectProblem(
      await call('POST', `/api/merchant/v1/events/${eventId}/redeliver`, merchant.testKey),
      409,
      'webhook-redelivery-no-endpoint',
    );
  });

  it('is open to staff who may view merchants, audited, and to no one else', async () => {
    const eventId = await recordEvent(t, shop.merchantId, { mode: 'live' });
    const operator = await createTestStaff(t.app, 'operator');
    const answer = await t.app.inject({
      url: `/api/staff/v1/merchants/${shop.merchantId}/events?mode=live`,
      headers: staffHeaders(operator),
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().items[0]).toMatchObject({ id: eventId, mode: 'live', livemode: true });
    const { rows } = await t.db.query<{ details: { staffId: string; merchantId: string } }>(
      `SELECT details FROM audit_events WHERE event = 'merchant.events_viewed' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0]?.details).toMatchObject({ staffId: operator.staffId, merchantId: shop.merchantId });
    expect(
      (await t.app.inject({ url: `/api/staff/v1/merchants/${shop.merchantId}/events`, headers: bearer(shop.liveKey) })).statusCode,
    ).toBe(401);
    const unknown = await t.app.inject({ url: `/api/staff/v1/merchants/mch_${'0'.repeat(32)}/events`, headers: staffHeaders(operator) });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the signing secret', () => {
  it('is in no answer after its creation, nor in any table or the audit log as plain text', async () => {
    const merchant = await merchantWithKeys(t, admin);
    const { endpointId, secret } = await addEndpoint(t, merchant.testKey, receiver.url);
    const eventId = await recordEvent(t, merchant.merchantId);
    await runWebhookDeliveries(t.app.ctx);
    const answers = await Promise.all([
      call('GET', '/api/merchant/v1/webhook-endpoints', merchant.testKey),
      call('GET', '/api/merchant/v1/events', merchant.testKey),
      call('GET', `/api/merchant/v1/events/${eventId}`, merchant.testKey),
      call('POST', `/api/merchant/v1/events/${eventId}/redeliver`, merchant.testKey),
      t.app.inject({ url: `/api/staff/v1/merchants/${merchant.merchantId}/events`, headers: staffHeaders(admin) }),
      t.app.inject({ url: `/api/staff/v1/merchants/${merchant.merchantId}`, headers: staffHeaders(admin) }),
    ]);
    const secretPart = secret.slice('whsec_'.length);
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBeLessThan(300);
      expect(answer.body).not.toContain(secretPart);
    }
    const dump = (await dumpAllTables(t.db)).join('\n');
    expect(dump).toContain(endpointId);
    expect(dump).not.toContain(secretPart);
    expect(dump).not.toContain(Buffer.from(secret).toString('base64'));
    expect(dump).not.toContain(Buffer.from(secret).toString('hex'));
  });
});
