import type { RevealedDetails, RevealStarted } from './card-model';

/**
 * The reveal of a card's details (issue 14 item 4) as one reducer:
 *   idle -> starting (the code is asked) -> code (sent) -> shown (for visibleForSeconds) -> idle
 * Any step goes back to idle on a refusal, a cancel, "hide", or leaving the page. The details live
 * only in this state, in memory: never in a URL, a storage or a cache (the API answers no-store),
 * and `shown` is left for `idle` the moment its time is up, which drops them.
 */
export type RevealState =
  | { step: 'idle'; hiddenBy: 'time' | 'customer' | null }
  | { step: 'starting' }
  | { step: 'code'; challengeId: string; resendAvailableAt: string }
  | { step: 'shown'; details: RevealedDetails; hideAtMs: number };

type RevealEvent =
  | { type: 'start' }
  | { type: 'code-sent'; started: RevealStarted }
  | { type: 'refused' }
  | { type: 'cancel' }
  | { type: 'revealed'; details: RevealedDetails; nowMs: number }
  | { type: 'tick'; nowMs: number }
  | { type: 'hide' };

export const REVEAL_IDLE: RevealState = { step: 'idle', hiddenBy: null };

export function revealReducer(state: RevealState, event: RevealEvent): RevealState {
  switch (event.type) {
    case 'start':
      return { step: 'starting' };
    case 'code-sent':
      return {
        step: 'code',
        challengeId: event.started.confirmation.challengeId,
        resendAvailableAt: event.started.confirmation.resendAvailableAt,
      };
    case 'refused':
    case 'cancel':
      return REVEAL_IDLE;
    case 'revealed':
      // Only from the code step: an answer that comes after a cancel shows nothing.
      if (state.step !== 'code') return state;
      return { step: 'shown', details: event.details, hideAtMs: event.nowMs + event.details.visibleForSeconds * 1000 };
    case 'tick':
      return state.step === 'shown' && event.nowMs >= state.hideAtMs ? { step: 'idle', hiddenBy: 'time' } : state;
    case 'hide':
      return state.step === 'shown' ? { step: 'idle', hiddenBy: 'customer' } : REVEAL_IDLE;
  }
}

/** The details while they may be shown, else null. */
export function shownDetails(state: RevealState): RevealedDetails | null {
  return state.step === 'shown' ? state.details : null;
}
