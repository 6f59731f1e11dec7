import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Serves the built back office (apps/backoffice/dist) under /backoffice, the staff's own web app
 * on the customers' server (issue 13 item 1). Hashed assets are cached for a year; the HTML is
 * never stored (no-store): a shared or handed-over computer keeps no page of the back office.
 * Unknown GET paths under /backoffice get its index.html, so its router decides what they show;
 * the customer app's fallback never answers there (http/web.ts, SERVER_PATHS).
 */

export const BACKOFFICE_PREFIX = '/backoffice';
const ASSETS_PREFIX = `${BACKOFFICE_PREFIX}/assets/`;

/**
 * The strictest policy the back office runs under (SECURITY.md 17), stricter than the customer
 * app's (http/security-headers.ts): nothing is allowed unless named. Scripts, styles and requests
 * come from this origin only; images also as data: URLs (the enrolment QR code arrives as SVG
 * text and is shown through an <img>, where an SVG can run nothing); no fonts, workers, manifest,
 * plugins or frames; forms post nowhere (every form is sent by script, so a page whose script
 * failed cannot put a password into a URL); and the DOM takes no HTML string from script at all
 * (Trusted Types with no policy: no innerHTML, so no DOM XSS sink).
 */
export const BACKOFFICE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

export function isBackofficePath(path: string): boolean {
  return path === BACKOFFICE_PREFIX || path.startsWith(`${BACKOFFICE_PREFIX}/`);
}

/**
 * Registers the back office's files and headers. Returns its SPA fallback for the not-found
 * handler (http/errors.ts): true when it answered the request with index.html. Without a build
 * the fallback answers nothing and /backoffice stays a 404.
 */
export async function registerBackofficeApp(
  app: FastifyInstance,
  distDir: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const indexPath = join(distDir, 'index.html');
  // Headers for every answer under /backoffice, also a 404: registered after the common
  // security headers (app.ts), so this policy replaces theirs.
  app.addHook('onSend', async (request, reply, payload) => {
    const path = pathOf(request);
    if (!isBackofficePath(path)) return payload;
    reply.header('content-security-policy', BACKOFFICE_CONTENT_SECURITY_POLICY);
    reply.header('cache-control', path.startsWith(ASSETS_PREFIX) && reply.statusCode === 200 ? IMMUTABLE : 'no-store');
    return payload;
  });
  if (!existsSync(indexPath)) {
    app.log.warn({ distDir }, 'back office is not built; run npm run build');
    return () => false;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: `${BACKOFFICE_PREFIX}/`,
    wildcard: true,
    index: ['index.html'],
    // The customer app's registration (http/web.ts) owns reply.sendFile.
    decorateReply: false,
    // The build wrote .br and .gz beside each text file (scripts/build-web.mjs).
    preCompressed: true,
  });
  return (request, reply) => {
    const path = pathOf(request);
    // A path with a dot is a file that is not there (an asset of an older build): a 404, not the shell.
    if (request.method !== 'GET' || !isBackofficePath(path) || path.includes('.')) return false;
    // Read at each request (a kilobyte): a rebuild while the server runs is served at once.
    void readFile(indexPath).then(
      (html) => reply.type('text/html; charset=utf-8').send(html),
      (error: unknown) => reply.send(error),
    );
    return true;
  };
}
