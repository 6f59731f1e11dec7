import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';

/**
 * The customer session a request acts for. auth's requireCustomer preHandler (auth/authenticate.ts)
 * sets it; route plugins of any module read it with authOf. It lives below the modules so that a
 * module auth itself depends on (notifications) can have customer routes without importing auth:
 * such a plugin is given the preHandler by buildApp (CustomerRoutesOptions).
 */

export type SessionClient = 'web' | 'mobile';
export type SessionMethod = 'password_sms' | 'pin' | 'webauthn';

export interface ActiveSession {
  sessionId: string;
  customerId: string;
  client: SessionClient;
  method: SessionMethod;
  deviceId: string | null;
  expiresAt: Date;
  idleExpiresAt: Date;
}

export type RequestAuth = ActiveSession & { via: 'cookie' | 'bearer' };

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

/** What a route plugin that serves logged-in customers is given when it may not import auth. */
export interface CustomerRoutesOptions {
  /** auth's requireCustomer(ctx): answers 401 without a live session, and sets request.auth. */
  requireCustomer: preHandlerAsyncHookHandler;
}

export function authOf(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new Error('route is missing the requireCustomer preHandler');
  return request.auth;
}
