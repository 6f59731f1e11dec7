import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKOFFICE_CONTENT_SECURITY_POLICY } from '../src/http/backoffice.js';
import { CONTENT_SECURITY_POLICY } from '../src/http/security-headers.js';
import { createTestApp, type TestApp } from './harness.js';

// The back office (apps/backoffice/dist) is served under /backoffice by the customers' server, with
// a fallback of its own, a stricter CSP, and HTML that is never stored.

const WEB_SHELL = '<!doctype html><title>Kassa</title><div id="root" data-app="web"></div>';
const BACKOFFICE_SHELL = '<!doctype html><title>Kassa back office</title><div id="root" data-app="backoffice"></div>';
const SCRIPT = `console.log(${JSON.stringify('staff '.repeat(400))});`;

function makeDist(prefix: string, shell: string): string {
  const dist = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), shell);
  writeFileSync(join(dist, 'assets', 'app-1.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'app-1.js.br'), brotliCompressSync(SCRIPT));
  return dist;
}

describe('the back office beside the web app', () => {
  let web: string;
  let backoffice: string;
  let t: TestApp;
  beforeAll(async () => {
    web = makeDist('kassa-web-', WEB_SHELL);
    backoffice = makeDist('kassa-backoffice-', BACKOFFICE_SHELL);
    t = await createTestApp({ env: { WEB_DIST_DIR: web, BACKOFFICE_DIST_DIR: backoffice } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(web, { recursive: true, force: true });
    rmSync(backoffice, { recursive: true, force: true });
  });

  it('sends its shell for its own routes, never stored, under its strict policy', async () => {
    for (const url of ['/backoffice', '/backoffice/', '/backoffice/staff', '/backoffice/calls/123?tab=notes']) {
      const page = await t.app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('data-app="backoffice"');
      expect(page.headers['cache-control'], url).toBe('no-store');
      expect(page.headers['content-security-policy'], url).toBe(BACKOFFICE_CONTENT_SECURITY_POLICY);
      expect(page.headers['x-frame-options'], url).toBe('DENY');
    }
    expect(BACKOFFICE_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(BACKOFFICE_CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('sends its hashed assets compressed and cached for good, and a missing one as a 404, not the shell', async () => {
    const asset = await t.app.inject({ url: '/backoffice/assets/app-1.js', headers: { 'accept-encoding': 'br' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await t.app.inject({ url: '/backoffice/assets/app-0.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('id="root"');
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('leaves the customer app its paths and its own policy', async () => {
    const shell = await t.app.inject({ url: '/history' });
    expect(shell.statusCode).toBe(200);
    expect(shell.body).toContain('data-app="web"');
    expect(shell.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    // A path that only starts like the back office is the customer app's.
    const lookalike = await t.app.inject({ url: '/backofficer' });
    expect(lookalike.body).toContain('data-app="web"');
  });

  it('answers the staff API as the API, not with a shell', async () => {
    const response = await t.app.inject({ url: '/api/staff/v1/no-such-route' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});

describe('a server without the back office built', () => {
  let web: string;
  let t: TestApp;
  beforeAll(async () => {
    web = makeDist('kassa-web-', WEB_SHELL);
    t = await createTestApp({ env: { WEB_DIST_DIR: web } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('answers /backoffice with a 404, never with the customer app', async () => {
    for (const url of ['/backoffice', '/backoffice/staff']) {
      const page = await t.app.inject({ url });
      expect(page.statusCode, url).toBe(404);
      expect(page.body, url).not.toContain('id="root"');
    }
  });
});
