import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { authOf } from '../../shared/request-auth.js';
import { requestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import { AuthProblem } from './auth.errors.js';
import { touchSession } from './sessions.js';
import { csrfTokenMatches } from './tokens.js';

// request.auth and its reader are declared below the modules (shared/request-auth.ts); this
// module's routes and every other module's read it through authOf.
export { authOf };

// __Host-: Secure, Path=/, no Domain, so no subdomain can plant or read it (ASVS 3.4).
export const SESSION_COOKIE = '__Host-kassa_session';
// A long-lived random id per browser, to tell the customer about logins from a new one.
export const CLIENT_COOKIE = '__Host-kassa_client';
export const CSRF_HEADER = 'x-csrf-token';
// Background polls (unread counts) must not keep an unattended session alive.
export const PASSIVE_HEADER = 'x-kassa-passive';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header);
  return match?.[1] ?? null;
}

/**
 * preHandler for every customer route: a live session from the bearer token (mobile) or the
 * __Host- cookie (web). Cookie-authenticated writes also need the CSRF token, which only our
 * own pages can read (SameSite=Strict is the first wall, this is the second).
 */
export function requireCustomer(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const bearer = bearerToken(request);
    const cookie = request.cookies?.[SESSION_COOKIE];
    const token = bearer ?? cookie ?? null;
    if (!token) throw new ProblemError(CommonProblem.unauthenticated);
    const meta = requestMeta(request);
    const lookup = await touchSession(ctx, token, meta, request.headers[PASSIVE_HEADER] === '1');
    if (!lookup.ok) {
      if (!bearer) clearSessionCookie(reply);
      throw new ProblemError(lookup.reason === 'unknown' ? CommonProblem.unauthenticated : AuthProblem['session-expired']);
    }
    const via = bearer ? 'bearer' : 'cookie';
    if (via === 'cookie' && UNSAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !csrfTokenMatches(ctx.config.keyring, lookup.session.sessionId, sent)) {
        await recordAuditAlone(ctx.db, {
          event: 'csrf.rejected',
          customerId: lookup.session.customerId,
          meta,
          details: { url: request.url.split('?')[0], method: request.method },
          occurredAt: ctx.clock.now(),
        });
        throw new ProblemError(AuthProblem['csrf-failed']);
      }
    }
    request.auth = { ...lookup.session, via };
  };
}

/**
 * Beside the session cookie, one the web app can read, holding no secret ("1"): whether asking
 * the server for a session is worth a request. A visitor's first screen then sends none, and no
 * 401 reaches the browser's console (issue 12). The session itself is only ever the httpOnly one.
 */
export const SIGNED_IN_COOKIE = '__Host-kassa_signed_in';

export function setSessionCookie(reply: FastifyReply, token: string): void {
  // No Max-Age: a browser session cookie; the server enforces the real timeouts.
  void reply.setCookie(SESSION_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
  void reply.setCookie(SIGNED_IN_COOKIE, '1', { path: '/', secure: true, httpOnly: false, sameSite: 'strict' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
  void reply.clearCookie(SIGNED_IN_COOKIE, { path: '/', secure: true, httpOnly: false, sameSite: 'strict' });
}
