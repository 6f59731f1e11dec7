import { useEffect, useReducer, useState } from 'react';
import { api } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import type { ResendOutcome } from '../auth/CodeStep';
import { REVEAL_IDLE, type RevealState, revealReducer } from './reveal-state';

/** How often the countdown looks at the clock: often enough that the seconds shown never lag by one. */
const TICK_MS = 250;

export interface Reveal {
  state: RevealState;
  /** Why the code could not be sent (too many reveals this hour, a blocked access…), in the customer's language. */
  failure: ApiFailure | null;
  start: () => Promise<void>;
  confirm: (code: string) => Promise<ApiFailure | null>;
  resend: () => Promise<ResendOutcome>;
  cancel: () => void;
  hide: () => void;
}

/**
 * The reveal's calls and its clock. The details are this hook's state only: leaving the card page
 * unmounts it and drops them; a page put away in the back-forward cache hides them first
 * (pagehide), so going back never shows them again.
 */
export function useReveal(cardId: string): Reveal {
  const [state, dispatch] = useReducer(revealReducer, REVEAL_IDLE);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const shown = state.step === 'shown';

  useEffect(() => {
    if (!shown) return;
    const timer = window.setInterval(() => dispatch({ type: 'tick', nowMs: Date.now() }), TICK_MS);
    return () => window.clearInterval(timer);
  }, [shown]);

  useEffect(() => {
    const hide = () => dispatch({ type: 'hide' });
    window.addEventListener('pagehide', hide);
    return () => window.removeEventListener('pagehide', hide);
  }, []);

  const requestCode = () => callApi(() => api.POST('/api/v1/cards/{cardId}/reveal', { params: { path: { cardId } } }));

  async function start() {
    setFailure(null);
    dispatch({ type: 'start' });
    const result = await requestCode();
    if (result.ok) dispatch({ type: 'code-sent', started: result.data });
    else {
      dispatch({ type: 'refused' });
      if (!result.aborted) setFailure(result.failure);
    }
  }

  async function confirm(code: string): Promise<ApiFailure | null> {
    if (state.step !== 'code') return null;
    const body = { challengeId: state.challengeId, code };
    const result = await callApi(() => api.POST('/api/v1/cards/{cardId}/reveal/confirm', { params: { path: { cardId } }, body }));
    if (result.ok) {
      dispatch({ type: 'revealed', details: result.data, nowMs: Date.now() });
      return null;
    }
    return result.aborted ? null : result.failure;
  }

  /** A new code is a new reveal request: the bank voids nothing it did not send, and the old code stays for its own request. */
  async function resend(): Promise<ResendOutcome> {
    const result = await requestCode();
    if (result.ok) {
      dispatch({ type: 'code-sent', started: result.data });
      return { ok: true, resendAvailableAt: result.data.confirmation.resendAvailableAt };
    }
    return { ok: false, failure: result.aborted ? { status: null, body: null } : result.failure };
  }

  return {
    state,
    failure,
    start,
    confirm,
    resend,
    cancel: () => dispatch({ type: 'cancel' }),
    hide: () => dispatch({ type: 'hide' }),
  };
}
