import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

/**
 * Issue 12 item 8, SECURITY.md 39: /metrics is never public, in development either (a demo server
 * runs in development mode and is on the internet all the same). Production: test/production.test.ts.
 */
const METRICS_TOKEN = 'development-scrape-token-0123456789abcdef';

describe('metrics in development', () => {
  const apps: TestApp[] = [];
  const app = async (env: Record<string, string>) => {
    const t = await createTestApp({ env: { NODE_ENV: 'development', ...env } });
    apps.push(t);
    return t;
  };
  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()));
  });

  it('answers 404 on the public listener with neither METRICS_PORT nor METRICS_TOKEN', async () => {
    const t = await app({});
    const response = await t.app.inject('/metrics');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).not.toContain('http_requests_total');
    expect(t.app.metricsListener).toBeNull();
  });

  it('serves the scrape on the METRICS_PORT listener only', async () => {
    const t = await app({ METRICS_PORT: '9464' });
    await t.app.inject('/healthz');
    expect((await t.app.inject('/metrics')).statusCode).toBe(404);
    const scraped = await t.app.metricsListener?.inject('/metrics');
    expect(scraped?.statusCode).toBe(200);
    expect(scraped?.headers['content-type']).toContain('text/plain');
    expect(scraped?.body).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect((await t.app.metricsListener?.inject('/healthz'))?.statusCode).toBe(404);
  });

  describe('with METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await app({ METRICS_TOKEN });
    });

    it('answers 401 without the bearer token or with another, and the scrape with it', async () => {
      const missing = await t.app.inject('/metrics');
      expect(missing.statusCode).toBe(401);
      expect(missing.body).not.toContain('http_requests_total');
      expect((await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer not-the-token' } })).statusCode).toBe(401);
      const scraped = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.statusCode).toBe(200);
      expect(scraped.body).toMatch(/db_pool_connections\{state="total"\} \d+/);
    });
  });
});
