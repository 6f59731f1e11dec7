import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { AppContext } from '../../context.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { SessionInfo } from '../../shared/schemas.js';
import { findCustomerById, givenName, maskPhoneForDisplay } from '../identity/index.js';
import { CLIENT_COOKIE, setSessionCookie } from './authenticate.js';
import type { LoginSucceeded } from './login.service.js';
import type { SessionMethod } from './sessions.js';
import { csrfTokenFor } from './tokens.js';

// What every way in answers once a session exists (password + SMS, registration, PIN, WebAuthn):
// the SessionInfo schema of shared/schemas.ts.

// The mobile app names its install so new-device notices work without cookies.
const INSTALL_ID_HEADER = 'x-kassa-install-id';

export function clientIdOf(request: FastifyRequest, reply: FastifyReply): string {
  const header = request.headers[INSTALL_ID_HEADER];
  if (typeof header === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(header)) return header;
  const cookie = request.cookies[CLIENT_COOKIE];
  if (cookie && /^[A-Za-z0-9_-]{16,64}$/.test(cookie)) return cookie;
  const fresh = randomBytes(18).toString('base64url');
  void reply.setCookie(CLIENT_COOKIE, fresh, { path: '/', secure: true, httpOnly: true, sameSite: 'strict', maxAge: 400 * 24 * 3600 });
  return fresh;
}

export async function sessionBody(
  ctx: AppContext,
  customerId: string,
  session: { sessionId: string; expiresAt: Date; idleExpiresAt: Date; method: SessionMethod },
): Promise<Static<typeof SessionInfo>> {
  const customer = await findCustomerById(ctx.db, customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  return {
    customer: {
      id: customer.id,
      fullName: customer.fullName,
      givenName: givenName(customer.fullName),
      maskedPhone: maskPhoneForDisplay(customer.phone),
      language: customer.language,
      agreements: customer.agreements,
    },
    sessionId: session.sessionId,
    method: session.method,
    csrfToken: csrfTokenFor(ctx.config.keyring, session.sessionId),
    expiresAt: session.expiresAt.toISOString(),
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    idleExpiresInMs: Math.max(0, session.idleExpiresAt.getTime() - ctx.clock.now().getTime()),
    expiresInMs: Math.max(0, session.expiresAt.getTime() - ctx.clock.now().getTime()),
  };
}

/** Web: the token goes only into the HttpOnly cookie. Mobile: the token is in the body, never in a URL. */
export async function loggedIn(
  ctx: AppContext,
  reply: FastifyReply,
  result: LoginSucceeded,
  method: SessionMethod,
): Promise<Static<typeof SessionInfo>> {
  const body = await sessionBody(ctx, result.customerId, { ...result.session, method });
  if (result.client === 'web') {
    setSessionCookie(reply, result.session.token);
    return body;
  }
  return { ...body, token: result.session.token };
}
