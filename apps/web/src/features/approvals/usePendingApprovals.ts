import { useEffect, useState } from 'react';
import { loadPendingApprovals, type PendingApproval } from './approvals-api';
import { byExpiry } from './approvals-model';

/**
 * How often the home screen asks: a buyer who has just pressed "pay" in a shop opens the app and
 * must see the purchase within a few seconds (docs/3ds.md: no push yet, the app lists them).
 */
export const APPROVALS_POLL_MS = 3_000;

export type PendingState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; items: PendingApproval[] };

/**
 * Polls the purchases waiting for this customer's approval while the caller is mounted. A hidden
 * tab does not ask; it asks at once when shown again. Passive, so a home screen left open does not
 * keep the session alive.
 */
export function usePendingApprovals(pollMs: number = APPROVALS_POLL_MS): PendingState {
  const [state, setState] = useState<PendingState>({ status: 'loading' });
  useEffect(() => {
    let controller = new AbortController();
    const poll = () => {
      if (document.visibilityState === 'hidden') return;
      controller.abort();
      controller = new AbortController();
      void loadPendingApprovals(controller.signal).then((result) => {
        if (result.ok) setState({ status: 'ready', items: byExpiry(result.data.items) });
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
  }, [pollMs]);
  return state;
}
