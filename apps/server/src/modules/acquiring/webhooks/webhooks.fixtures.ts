import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from '../../../../test/harness.js';
import { createTestStaff, type TestStaff } from '../../staff/staff.fixtures.js';
import { createTestKey, createTestMerchant } from '../acquiring.fixtures.js';
import { recordMerchantEvent } from './record-event.js';

/** Test helpers of acquiring/webhooks: a real HTTP receiver on port 0, a merchant with keys, an event recorded in a transaction. */

export interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** What the receiver does with the next request: answer with a status (and headers), or never answer. */
export type Reaction = { status: number; headers?: Record<string, string> } | 'hang';

export class Receiver {
  readonly received: Received[] = [];
  readonly #reactions: Reaction[] = [];
  readonly #hanging: ServerResponse[] = [];
  #server: Server | null = null;
  #url = '';

  /** Answers these in turn, then 200 to everything after. */
  reactWith(...reactions: Reaction[]): void {
    this.#reactions.push(...reactions);
  }

  get url(): string {
    return this.#url;
  }

  async start(path = '/hooks/kassa'): Promise<this> {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({ url: request.url ?? '', headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
        const reaction = this.#reactions.shift() ?? { status: 200 };
        if (reaction === 'hang') {
          this.#hanging.push(response);
          return;
        }
        response.writeHead(reaction.status, reaction.headers ?? {}).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `http://127.0.0.1:${port}${path}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const response of this.#hanging) response.destroy();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}

export interface TestMerchantWithKeys {
  merchantId: string;
  testKey: string;
  liveKey: string;
}

export async function merchantWithKeys(t: TestApp, admin?: TestStaff): Promise<TestMerchantWithKeys> {
  const staff = admin ?? (await createTestStaff(t.app, 'admin'));
  const merchantId = await createTestMerchant(t.app, staff);
  const testKey = (await createTestKey(t.app, staff, merchantId, 'test')).secret;
  const liveKey = (await createTestKey(t.app, staff, merchantId, 'live')).secret;
  return { merchantId, testKey, liveKey };
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/** Adds an endpoint through the merchant API; the endpoint id and its secret (the creation answer's). */
export async function addEndpoint(
  t: TestApp,
  key: string,
  url: string,
  enabledEvents: string[] = ['*'],
): Promise<{ endpointId: string; secret: string; body: string }> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/merchant/v1/webhook-endpoints',
    headers: bearer(key),
    payload: { url, enabledEvents },
  });
  if (response.statusCode !== 201) throw new Error(`endpoint: ${response.statusCode} ${response.body}`);
  const body = response.json() as { endpoint: { id: string }; secret: string };
  return { endpointId: body.endpoint.id, secret: body.secret, body: response.body };
}

/** A payment's public view, as the payments code would pass it. */
export function paymentView(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: `pay_${'a'.repeat(32)}`, object: 'payment', amountMinor: 125_000, currency: 'KZT', status: 'succeeded', ...overrides };
}

export function recordEvent(
  t: TestApp,
  merchantId: string,
  input: { mode?: 'test' | 'live'; type?: string; data?: Record<string, unknown> } = {},
): Promise<string> {
  return t.db.transaction((tx) =>
    recordMerchantEvent(tx, {
      merchantId,
      mode: input.mode ?? 'test',
      type: input.type ?? 'payment.succeeded',
      data: input.data ?? paymentView(),
      occurredAt: t.clock.now(),
    }),
  );
}
