import type { FastifyInstance } from 'fastify';

/**
 * ASVS 14.4 / SECURITY.md item 17. The CSP allows no inline script and no framing; API answers
 * carry personal data and are never cached (ASVS 8.2.1).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Swagger UI sets inline styles; the docs page may have them, still never an inline script.
const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // A route may set a stricter policy of its own (the HTML receipt allows no script at all).
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', request.url.startsWith('/api/docs') ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (request.url.startsWith('/api/') || request.url.startsWith('/dev/') || !reply.hasHeader('cache-control')) {
      if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
