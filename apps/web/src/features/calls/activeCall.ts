import { useEffect, useState } from 'react';
import { api, PASSIVE_HEADERS } from '../../api/client';
import { callApi } from '../../api/problem';
import type { GetResponse } from '../../api/shapes';

/** GET /api/v1/calls/active: `active: false`, or who from Kassa is on a call with the customer, since when. */
export type ActiveCall = GetResponse<'/api/v1/calls/active'>;

/**
 * How often the "Is Kassa calling me?" page asks: a customer holding the phone looks at it for a
 * few seconds, and must see the call end soon after it does.
 */
export const CALL_PAGE_POLL_MS = 4_000;
/** The home banner asks as often as the header's unread count: it is a hint, not the answer. */
export const CALL_BANNER_POLL_MS = 30_000;

export type ActiveCallState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; call: ActiveCall; checkedAt: string };

/**
 * Polls whether someone from Kassa is on a call with the signed-in customer. Passive
 * (x-kassa-passive: 1): a screen left open must not keep the session alive. A hidden tab does not
 * ask; it asks at once when shown again. A failed answer replaces the last one: the page never
 * says "no one is calling" from an answer it could not renew.
 */
export function useActiveCall(enabled: boolean, pollMs: number): ActiveCallState {
  const [state, setState] = useState<ActiveCallState>({ status: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    let controller = new AbortController();
    const poll = () => {
      if (document.visibilityState === 'hidden') return;
      controller.abort();
      controller = new AbortController();
      const { signal } = controller;
      void callApi(() => api.GET('/api/v1/calls/active', { headers: PASSIVE_HEADERS, signal })).then((result) => {
        if (result.ok) setState({ status: 'ready', call: result.data, checkedAt: new Date().toISOString() });
        else if (!result.aborted) setState({ status: 'error' });
      });
    };
    poll();
    const timer = window.setInterval(poll, pollMs);
    document.addEventListener('visibilitychange', poll);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
      controller.abort();
    };
  }, [enabled, pollMs]);
  return state;
}
