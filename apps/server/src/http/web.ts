import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Serves the built web app, brotli or gzip as the browser accepts. Hashed assets are cached for a year; everything else (index.html,
 * the service worker, the manifest) is revalidated so a deploy reaches customers at once.
 * Unknown GET paths outside /api get index.html: the app's router decides what they show. Not
 * the server's own paths (SERVER_PATHS): there an unknown path stays a 404, never the app's shell.
 */

// The API; /r, a receipt's check page (operations/receipt-check.routes.ts); /metrics, which a
// scraper must find missing (404) on the public port when it is served elsewhere (http/metrics.ts);
// /backoffice, the staff's app with its own fallback (http/backoffice.ts).
const SERVER_PATHS = ['/api', '/r', '/metrics', '/backoffice'];
export async function registerWebApp(
  app: FastifyInstance,
  distDir: string,
): Promise<((request: FastifyRequest, reply: FastifyReply) => boolean) | null> {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'web app is not built; run npm run build');
    return null;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    // The build wrote .br and .gz beside each text file (scripts/build-web.mjs): sent as they are
    // to a browser that accepts them, with Vary: Accept-Encoding.
    preCompressed: true,
    setHeaders(response, path) {
      if (path.includes('/assets/')) response.header('cache-control', 'public, max-age=31536000, immutable');
      else response.header('cache-control', 'no-cache');
    },
  });
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method !== 'GET' || SERVER_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)) || path.includes('.')) {
      return false;
    }
    void reply.header('cache-control', 'no-cache').sendFile('index.html');
    return true;
  };
}
