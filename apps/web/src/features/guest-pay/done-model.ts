import type { ApiFailure } from '../../api/problem';
import type { GuestPaymentView } from './guest-model';

/**
 * What /pay/done/:id shows, from what the tab knows (issue 16 item 5):
 *   no-token (another browser, or a token the bank does not know) | loading → waiting → paid | failed
 *   waiting → still-waiting (no answer after STATUS_POLLS_MAX polls; "Refresh" polls again) → paid | failed
 * A poll that fails keeps the last answer on screen and the polling going; only a first load that
 * fails is an error with "Try again".
 */

/** How often, and how many times, the page asks while the card has no answer: about a minute in all. */
export const STATUS_POLL_INTERVAL_MS = 2_000;
export const STATUS_POLLS_MAX = 30;

export type DoneScreen =
  | { kind: 'no-token' }
  | { kind: 'loading' }
  | { kind: 'error'; failure: ApiFailure }
  | { kind: 'waiting'; payment: GuestPaymentView }
  | { kind: 'still-waiting'; payment: GuestPaymentView }
  | { kind: 'paid'; payment: GuestPaymentView }
  | { kind: 'failed'; payment: GuestPaymentView };

export interface DoneKnowledge {
  token: string | null;
  /** The last answer the bank gave, kept while a later poll fails. */
  payment: GuestPaymentView | null;
  /** The last poll's failure, if it failed. */
  failure: ApiFailure | null;
  polls: number;
}

export function doneScreenOf({ token, payment, failure, polls }: DoneKnowledge): DoneScreen {
  // A 404 is one answer for "unknown" and "not your token" (guest.service.ts): the same words as no token.
  if (token === null || failure?.status === 404) return { kind: 'no-token' };
  if (payment) {
    if (payment.status === 'paid') return { kind: 'paid', payment };
    if (payment.status === 'failed') return { kind: 'failed', payment };
    return polls >= STATUS_POLLS_MAX ? { kind: 'still-waiting', payment } : { kind: 'waiting', payment };
  }
  return failure ? { kind: 'error', failure } : { kind: 'loading' };
}

/**
 * Whether to ask again: while the card has no answer, and once paid while the provider has not
 * yet said its word (its status comes a moment after the money), both within the same bound.
 */
export function pollsAgain(screen: DoneScreen, polls: number): boolean {
  if (polls >= STATUS_POLLS_MAX) return false;
  if (screen.kind === 'waiting' || screen.kind === 'loading') return true;
  return screen.kind === 'paid' && screen.payment.providerStatus === 'pending';
}

export type DoneAction = { type: 'answered'; payment: GuestPaymentView } | { type: 'failed'; failure: ApiFailure } | { type: 'refreshed' };

export function doneReducer(state: DoneKnowledge, action: DoneAction): DoneKnowledge {
  switch (action.type) {
    case 'answered':
      return { ...state, payment: action.payment, failure: null, polls: state.polls + 1 };
    case 'failed':
      return { ...state, failure: action.failure, polls: state.polls + 1 };
    // "Refresh" (still waiting, or an error): a new round of polls, the last answer kept on screen meanwhile.
    case 'refreshed':
      return { ...state, failure: null, polls: 0 };
  }
}
