import createClient, { type Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n';
import type { paths } from './schema';
import type { GetResponse } from './shapes';

/**
 * Every request carries the interface language, so problem+json messages come back in the
 * language the customer reads.
 */
const languageMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    return request;
  },
};

/**
 * The CSRF token of the current session. Kept in memory only (never localStorage or
 * sessionStorage): after a reload the session context asks GET /api/v1/auth/session again.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookie-authenticated writes must prove they come from our own pages (SECURITY.md item 15). */
const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken !== null && !SAFE_METHODS.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

/** Header that keeps a background poll from counting as customer activity. */
export const PASSIVE_HEADERS = { 'X-Kassa-Passive': '1' } as const;

type SessionLostListener = () => void;
const sessionLostListeners = new Set<SessionLostListener>();

/** Called when any request finds the session gone (idle timeout elsewhere, ended from another device). */
export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

const SESSION_LOST_TYPES = /\/(unauthenticated|session-expired)$/;

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

/** The typed client of the Kassa API; same origin, cookies sent by the browser. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(languageMiddleware, csrfMiddleware, sessionLostMiddleware);

/** What every successful login (password + code, PIN, fingerprint, registration) returns. */
export type SessionInfo = GetResponse<'/api/v1/auth/session'>;
