import createClient, { type Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n';
import type { paths } from './schema';

/** Every request carries the interface language, so problem+json comes back in the language on screen. */
const languageMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    return request;
  },
};

/**
 * The CSRF token of the staff session, in memory only (never in storage): after a reload the
 * session provider asks GET /api/staff/v1/auth/session again.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every staff write carries the token (staff contract: X-CSRF-Token on POST, PUT, PATCH, DELETE). */
const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken !== null && !SAFE_METHODS.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

/** Header that keeps a check of the session from counting as the staff member's activity. */
export const PASSIVE_HEADERS = { 'X-Kassa-Passive': '1' } as const;

type SessionLostListener = () => void;
const sessionLostListeners = new Set<SessionLostListener>();

/** Called when any request finds the staff session gone (idle, absolute limit, ended elsewhere). */
export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

const SESSION_LOST_TYPES = /\/(staff-unauthenticated|staff-session-expired)$/;

const sessionLostMiddleware: Middleware = {
  async onResponse({ response }) {
    if (response.status !== 401 || sessionLostListeners.size === 0) return response;
    try {
      const body: unknown = await response.clone().json();
      const type = typeof body === 'object' && body !== null && 'type' in body ? body.type : null;
      if (typeof type === 'string' && SESSION_LOST_TYPES.test(type)) {
        for (const listener of sessionLostListeners) listener();
      }
    } catch {
      // Not problem+json: nothing to say about the session.
    }
    return response;
  },
};

/** The typed client of the Kassa API (the staff API and the public meta); same origin, cookies by the browser. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(languageMiddleware, csrfMiddleware, sessionLostMiddleware);
