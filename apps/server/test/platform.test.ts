import { readFile } from 'node:fs/promises';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../scripts/openapi-document.js';
import { registeredProblems } from '../src/shared/problem.js';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    extend(app) {
      app.withTypeProvider<TypeBoxTypeProvider>().post(
        '/api/v1/test/echo',
        {
          schema: {
            body: Type.Object(
              { amountMinor: Type.Integer({ minimum: 1 }), note: Type.Optional(Type.String()) },
              { additionalProperties: false },
            ),
          },
        },
        async (request) => ({ amountMinor: request.body.amountMinor }),
      );
      app.get('/api/v1/test/crash', async () => {
        throw new Error('secret detail');
      });
    },
  });
});
afterAll(async () => {
  await t.close();
});

describe('operations endpoints', () => {
  it('answers /healthz and /readyz when the database is migrated', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
  });

  it('reports not ready while a migration is missing', async () => {
    await t.db.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'x', 'x')");
    await t.db.query('DELETE FROM schema_migrations WHERE version = 1');
    // /readyz answers from the background check's state; run the check now instead of waiting.
    await t.app.ctx.health.checkNow();
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    expect(ready.json()).toMatchObject({ status: 'not-ready', reason: 'migrations-pending' });
    const { rows } = await t.db.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = 9999');
    expect(rows).toHaveLength(1);
    // Put the row back so later tests see a migrated database.
    const { loadMigrations } = await import('../src/db/migrate.js');
    const first = (await loadMigrations())[0];
    await t.db.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [1, first?.name, first?.checksum]);
    await t.db.query('DELETE FROM schema_migrations WHERE version = 9999');
    await t.app.ctx.health.checkNow();
    expect((await t.app.inject('/readyz')).statusCode).toBe(200);
  });

  it('counts requests, latencies, pool and outbox gauges as Prometheus text, served nowhere public by default', async () => {
    await t.app.inject('/healthz');
    // Development with neither METRICS_PORT nor METRICS_TOKEN: no /metrics (test/metrics.test.ts scrapes it).
    expect((await t.app.inject('/metrics')).statusCode).toBe(404);
    const response = { body: await t.app.ctx.metrics.render() };
    expect(response.body).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(response.body).toContain('http_request_duration_seconds_bucket{method="GET",route="/healthz",status="200",le="+Inf"}');
    expect(response.body).toMatch(/db_pool_connections\{state="total"\} \d+/);
    expect(response.body).toMatch(/outbox_backlog\{state="pending"\} \d+/);
  });
});

describe('problem details (RFC 9457)', () => {
  it('answers an unknown route with 404 problem+json in the language asked for', async () => {
    const titles: Record<string, string> = { ru: 'Не найдено', kk: 'Табылмады', en: 'Not found' };
    for (const [language, title] of Object.entries(titles)) {
      const response = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': `${language}-KZ,en;q=0.1` } });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.headers['content-language']).toBe(language);
      const body = response.json();
      expect(body).toMatchObject({ type: 'https://mykassa.kz/problems/not-found', status: 404, title, instance: '/api/v1/nothing-here' });
      expect(body.requestId).toBe(response.headers['x-request-id']);
    }
  });

  it('honours q-values and falls back to Russian', async () => {
    const english = await t.app.inject({ url: '/api/v1/x', headers: { 'accept-language': 'ru;q=0.2, en;q=0.9' } });
    expect(english.json().title).toBe('Not found');
    const unknown = await t.app.inject({ url: '/api/v1/x', headers: { 'accept-language': 'de, fr' } });
    expect(unknown.json().title).toBe('Не найдено');
  });

  it('answers a known path with a wrong method with 405 and Allow', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/readyz' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toContain('GET');
    expect(response.json().type).toBe('https://mykassa.kz/problems/method-not-allowed');
  });

  it('rejects a wrong content type (415), a malformed body (400), a large body (413), a string amount and unknown fields (400)', async () => {
    const post = (payload: string, contentType = 'application/json') =>
      t.app.inject({ method: 'POST', url: '/api/v1/test/echo', headers: { 'content-type': contentType }, payload });
    expect((await post('{"amountMinor":1}', 'text/plain')).statusCode).toBe(415);
    expect((await post('{"amountMinor":1}', 'application/xml')).statusCode).toBe(415);
    const malformed = await post('{"amountMinor":');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().type).toBe('https://mykassa.kz/problems/malformed-request');
    const large = await post(JSON.stringify({ amountMinor: 1, note: 'x'.repeat(70 * 1024) }));
    expect(large.statusCode).toBe(413);
    expect(large.json().type).toBe('https://mykassa.kz/problems/payload-too-large');
    const stringAmount = await post('{"amountMinor":"100"}');
    expect(stringAmount.statusCode).toBe(400);
    expect(stringAmount.json().errors[0].pointer).toBe('/amountMinor');
    const massAssignment = await post('{"amountMinor":100,"status":"completed"}');
    expect(massAssignment.statusCode).toBe(400);
    expect(massAssignment.json().errors[0].pointer).toBe('/status');
    expect((await post('{"amountMinor":100}')).json()).toEqual({ amountMinor: 100 });
  });

  it('hides the stack of an unexpected error behind a plain 500', async () => {
    const response = await t.app.inject({ url: '/api/v1/test/crash', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(500);
    expect(response.json().title).toBe('Internal error. We are looking into it');
    expect(response.body).not.toContain('secret detail');
    expect(response.body).not.toContain('.ts:');
  });

  it('validates query strings and points at the bad field', async () => {
    const response = await t.app.inject({ url: '/api/v1/dev/sms?phone=12345', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.type).toBe('https://mykassa.kz/problems/validation-failed');
    expect(body.title).toBe('Please check the data you entered');
    expect(body.errors[0].pointer).toBe('/querystring/phone');
  });

  it('rejects unknown query parameters instead of ignoring them', async () => {
    const response = await t.app.inject({ url: '/api/v1/dev/sms?admin=true' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].detail).toContain('admin');
  });

  it('translates every registered problem into all three languages', () => {
    for (const [code, definition] of registeredProblems()) {
      for (const language of ['ru', 'kk', 'en'] as const) {
        expect(definition.title[language], `${code} in ${language}`).toBeTruthy();
      }
      expect(definition.title.ru).not.toBe(definition.title.en);
    }
  });

  it('keeps a client request id only when it is harmless', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc12345-trace' } });
    expect(kept.headers['x-request-id']).toBe('abc12345-trace');
    const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'evil\r\nheader<script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('security headers', () => {
  it('sends HSTS, a CSP without inline script, nosniff, no framing and no-store on the API', async () => {
    const response = await t.app.inject('/api/v1/meta');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d{8}/);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('meta and OpenAPI', () => {
  it('tells the apps the official domain and contacts', async () => {
    const response = await t.app.inject('/api/v1/meta');
    expect(response.json()).toMatchObject({ contactCenterPhone: '595', devSmsInbox: true });
  });

  it('serves the OpenAPI 3.1 document and the docs page', async () => {
    const document = (await t.app.inject('/api/docs/json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/meta');
    const page = await t.app.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  it('has a committed openapi.json that matches the code (run npm run openapi after changing routes)', async () => {
    const committed = await readFile(new URL('../openapi.json', import.meta.url), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(await openApiDocument()));
  });
});
