import { useEffect, useReducer, useState } from 'react';
import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { type DoneScreen, doneReducer, doneScreenOf, pollsAgain, STATUS_POLL_INTERVAL_MS } from './done-model';
import { statusTokenOf, tabStorage } from './guest-model';

/**
 * The guest's payment as this tab may read it: with the status token kept when it was created,
 * asked again every 2 s while the card has no answer (done-model.ts bounds it), and once paid
 * until the provider has said its word. Stops when the page closes.
 */
export function useGuestStatus(guestPaymentId: string): { screen: DoneScreen; refresh: () => void } {
  const [token] = useState(() => statusTokenOf(tabStorage(), guestPaymentId));
  const [knowledge, dispatch] = useReducer(doneReducer, { token, payment: null, failure: null, polls: 0 });
  const screen = doneScreenOf(knowledge);
  const again = pollsAgain(screen, knowledge.polls);
  const { polls } = knowledge;

  useEffect(() => {
    if (token === null || !again) return;
    const controller = new AbortController();
    // The first ask goes at once; the next ones wait the interval.
    const timer = window.setTimeout(
      async () => {
        const result = await callApi(() =>
          api.GET('/api/v1/guest/payments/{guestPaymentId}', {
            params: { path: { guestPaymentId }, header: { 'x-guest-payment-token': token } },
            signal: controller.signal,
          }),
        );
        if (result.ok) dispatch({ type: 'answered', payment: result.data });
        else if (!result.aborted) dispatch({ type: 'failed', failure: result.failure });
      },
      polls === 0 ? 0 : STATUS_POLL_INTERVAL_MS,
    );
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [token, guestPaymentId, again, polls]);

  return { screen, refresh: () => dispatch({ type: 'refreshed' }) };
}
