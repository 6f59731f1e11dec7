import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniquePhone } from './customers.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * SECURITY.md 34: the client address (audit rows, rate limits, sessions) is the peer's, unless the
 * peer is a proxy listed in TRUST_PROXY; then it is the address that proxy put in X-Forwarded-For.
 */
const CLIENT = '203.0.113.50';

let behindProxy: TestApp;
let direct: TestApp;
beforeAll(async () => {
  behindProxy = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE_MAX: '2' } });
  direct = await createTestApp();
});
afterAll(async () => {
  await behindProxy.close();
  await direct.close();
});

/** A login naming nobody: audited with the client address it was seen from. */
async function auditedAddress(t: TestApp, request: { remoteAddress?: string; forwardedFor?: string }): Promise<string | null> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: request.remoteAddress,
    headers: request.forwardedFor ? { 'x-forwarded-for': request.forwardedFor } : {},
    payload: { login: uniquePhone(), password: 'not-the-password-of-anyone' },
  });
  expect(response.statusCode).toBe(200);
  const { rows } = await t.db.query<{ ip: string | null }>("SELECT ip FROM audit_events WHERE request_id = $1 AND event = 'login.failed'", [
    response.headers['x-request-id'],
  ]);
  expect(rows).toHaveLength(1);
  return rows[0]?.ip ?? null;
}

describe('the client address', () => {
  it('is the X-Forwarded-For client when the peer is a trusted proxy (TRUST_PROXY=127.0.0.1)', async () => {
    expect(await auditedAddress(behindProxy, { forwardedFor: CLIENT })).toBe(CLIENT);
    // A client cannot pass itself off as another by writing the header itself: the proxy appends
    // the address it saw, and only the proxies' own entries are skipped from the right.
    expect(await auditedAddress(behindProxy, { forwardedFor: `10.9.9.9, ${CLIENT}` })).toBe(CLIENT);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: the peer is the client', async () => {
    expect(await auditedAddress(direct, { forwardedFor: CLIENT })).toBe('127.0.0.1');
  });

  it('ignores X-Forwarded-For sent by a peer that is not a listed proxy', async () => {
    expect(await auditedAddress(behindProxy, { remoteAddress: '198.51.100.9', forwardedFor: CLIENT })).toBe('198.51.100.9');
  });

  it('gives each forwarded client its own rate-limit budget, and one that a header cannot refill', async () => {
    const attempt = (request: { remoteAddress?: string; forwardedFor: string }) =>
      behindProxy.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: request.remoteAddress,
        headers: { 'x-forwarded-for': request.forwardedFor },
        payload: { login: uniquePhone(), password: 'not-the-password-of-anyone' },
      });
    // Behind the proxy: two clients, two budgets of 2.
    expect((await attempt({ forwardedFor: '203.0.113.61' })).statusCode).toBe(200);
    expect((await attempt({ forwardedFor: '203.0.113.61' })).statusCode).toBe(200);
    expect((await attempt({ forwardedFor: '203.0.113.61' })).statusCode).toBe(429);
    expect((await attempt({ forwardedFor: '203.0.113.62' })).statusCode).toBe(200);
    // A direct client rotating the header is still one address.
    const rotating = ['192.0.2.1', '192.0.2.2', '192.0.2.3'].map((forwardedFor) =>
      attempt({ remoteAddress: '198.51.100.70', forwardedFor }),
    );
    expect((await Promise.all(rotating)).map((response) => response.statusCode).sort()).toEqual([200, 200, 429]);
  });
});
