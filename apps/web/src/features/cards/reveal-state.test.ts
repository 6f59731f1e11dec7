import { describe, expect, it } from 'vitest';
import { detailsFixture } from './card.fixtures';
import { REVEAL_IDLE, type RevealState, revealReducer, shownDetails } from './reveal-state';

const started = { cardId: 'crd_1', last4: '1234', confirmation: { challengeId: 'chl_1', expiresAt: 'x', resendAvailableAt: 'y' } };

function shownAt(nowMs: number): RevealState {
  const code = revealReducer(revealReducer(REVEAL_IDLE, { type: 'start' }), { type: 'code-sent', started });
  return revealReducer(code, { type: 'revealed', details: detailsFixture(), nowMs });
}

describe('the reveal of card details', () => {
  it('goes from the button to the code to the details, for the seconds the bank allows', () => {
    const code = revealReducer({ step: 'starting' }, { type: 'code-sent', started });
    expect(code).toEqual({ step: 'code', challengeId: 'chl_1', resendAvailableAt: 'y' });
    const shown = shownAt(1_000);
    expect(shown).toMatchObject({ step: 'shown', hideAtMs: 61_000 });
    expect(shownDetails(shown)?.cvc2).toBe('123');
  });

  it('hides the details when their time is up, and drops them from the state', () => {
    const shown = shownAt(0);
    expect(revealReducer(shown, { type: 'tick', nowMs: 59_999 })).toBe(shown);
    const hidden = revealReducer(shown, { type: 'tick', nowMs: 60_000 });
    expect(hidden).toEqual({ step: 'idle', hiddenBy: 'time' });
    expect(shownDetails(hidden)).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain('4400430000001234');
  });

  it('hides them at once on "hide now" or when the page is put away', () => {
    expect(revealReducer(shownAt(0), { type: 'hide' })).toEqual({ step: 'idle', hiddenBy: 'customer' });
  });

  it('shows nothing for an answer that comes after the customer cancelled the code step', () => {
    const cancelled = revealReducer({ step: 'code', challengeId: 'chl_1', resendAvailableAt: 'y' }, { type: 'cancel' });
    expect(revealReducer(cancelled, { type: 'revealed', details: detailsFixture(), nowMs: 0 })).toEqual(REVEAL_IDLE);
  });

  it('takes the newest code request after a resend', () => {
    const code: RevealState = { step: 'code', challengeId: 'chl_1', resendAvailableAt: 'y' };
    const again = { ...started, confirmation: { ...started.confirmation, challengeId: 'chl_2', resendAvailableAt: 'z' } };
    expect(revealReducer(code, { type: 'code-sent', started: again })).toEqual({
      step: 'code',
      challengeId: 'chl_2',
      resendAvailableAt: 'z',
    });
  });
});
