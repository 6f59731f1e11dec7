import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

// The built web app is sent as the build compressed it (scripts/build-web.mjs writes .br and
// .gz beside each text file): no compression per request, and the right encoding per browser.

const SCRIPT = `console.log(${JSON.stringify('Kassa '.repeat(400))});`;
let dist: string;
let t: TestApp;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'kassa-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Kassa</title><div id="root"></div>');
  writeFileSync(join(dist, 'index.html.gz'), gzipSync('<!doctype html><title>Kassa</title><div id="root"></div>'));
  writeFileSync(join(dist, 'assets', 'app-1.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'app-1.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dist, 'assets', 'app-1.js.gz'), gzipSync(SCRIPT));
  t = await createTestApp({ env: { WEB_DIST_DIR: dist } });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web app', () => {
  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, and plain otherwise', async () => {
    const brotli = await t.app.inject({ url: '/assets/app-1.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(String(brotli.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(brotli.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
    const gzip = await t.app.inject({ url: '/assets/app-1.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT);
    const plain = await t.app.inject({ url: '/assets/app-1.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toContain('immutable');
  });

  it('sends the app shell for a route of the app, compressed when it can', async () => {
    const shell = await t.app.inject({ url: '/history', headers: { 'accept-encoding': 'gzip' } });
    expect(shell.statusCode).toBe(200);
    expect(shell.headers['cache-control']).toBe('no-cache');
    const html = shell.headers['content-encoding'] === 'gzip' ? gunzipSync(shell.rawPayload).toString() : shell.body;
    expect(html).toContain('<div id="root">');
  });
});

describe('the server’s own paths beside the web app', () => {
  it('answers /metrics 404 on the public port, not with the app shell', async () => {
    const response = await t.app.inject('/metrics');
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('<div id="root">');
  });

  it('leaves /r/ to the receipt check page: an unknown code is a 404 page, not index.html', async () => {
    for (const url of ['/r/AAAAAAAAAAAAAAAAAAAAAA', '/r/', '/r/a/b?lang=kk']) {
      const page = await t.app.inject({ url });
      expect(page.statusCode, url).toBe(404);
      expect(page.body, url).not.toContain('<div id="root">');
      expect(page.body, url).toMatch(/Квитанция не найдена|Түбіртек табылмады/);
    }
  });
});
