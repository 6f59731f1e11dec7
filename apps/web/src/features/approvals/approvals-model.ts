import { type ApiFailure, problemCode, problemNumber } from '../../api/problem';

/**
 * What an approval or a decline came to, as the approval screen shows it. A closed set: the
 * screen switches on it exhaustively.
 * - approved / declined: the challenge ended Y / N; the bank's page goes on by itself;
 * - wrong-pin: device-login-failed, with the tries the device has left before it is unbound;
 * - revoked: device-revoked, the fifth wrong PIN (or the device was unbound elsewhere);
 * - unavailable: 409 device-approval-unavailable, the session was not opened by the bound PIN
 *   device (the memo's "only on your own device"): the SMS code is the way;
 * - gone: acs-challenge-not-found, already ended (by the code, a decline, the time) or not ours;
 * - failed: anything else, shown as the server worded it;
 * - aborted: the screen closed meanwhile, nothing to show.
 */
export type ApprovalOutcome =
  | { kind: 'approved' }
  | { kind: 'declined' }
  | { kind: 'wrong-pin'; attemptsLeft: number | null }
  | { kind: 'revoked' }
  | { kind: 'unavailable' }
  | { kind: 'gone' }
  | { kind: 'failed'; failure: ApiFailure }
  | { kind: 'aborted' };

export function outcomeOfFailure(failure: ApiFailure): ApprovalOutcome {
  switch (problemCode(failure)) {
    case 'device-login-failed':
      return { kind: 'wrong-pin', attemptsLeft: problemNumber(failure, 'attemptsLeft') };
    case 'device-revoked':
      return { kind: 'revoked' };
    case 'device-approval-unavailable':
      return { kind: 'unavailable' };
    case 'acs-challenge-not-found':
    case 'acs-challenge-ended':
      return { kind: 'gone' };
    default:
      return { kind: 'failed', failure };
  }
}

/** A PIN as the PIN login accepts it: 4 to 6 digits. */
export const PIN_PATTERN = /^\d{4,6}$/;

/**
 * Whether this browser can approve before asking the server: the session opened by PIN and the
 * PIN device's key here. The server decides in the end (409 device-approval-unavailable); this only
 * spares the customer a PIN typed for nothing.
 */
export function canApproveHere(sessionMethod: string, hasPinDevice: boolean): boolean {
  return sessionMethod === 'pin' && hasPinDevice;
}

/** The earliest-expiring first: the one the customer must look at before it runs out. */
export function byExpiry<T extends { expiresAt: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}
