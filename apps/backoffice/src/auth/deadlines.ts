import type { StaffSession } from '../api/shapes';

/**
 * A staff session with its two deadlines on this browser's clock. The server says when, on its
 * clock (idleExpiresAt, absoluteExpiresAt); the answer's Date header says what time the server had
 * then, so a wrong local clock neither warns too early nor never.
 */
export type LocalSession = StaffSession & { idleDeadlineMs: number; absoluteDeadlineMs: number };

/** How far the server's clock is ahead of this one, from an answer's Date header (0 without one). */
export function serverClockAheadMs(dateHeader: string | null, receivedAtMs: number): number {
  const serverMs = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  return Number.isFinite(serverMs) ? serverMs - receivedAtMs : 0;
}

export function localSession(session: StaffSession, response: Response, receivedAtMs = Date.now()): LocalSession {
  const aheadMs = serverClockAheadMs(response.headers.get('date'), receivedAtMs);
  return {
    ...session,
    idleDeadlineMs: Date.parse(session.idleExpiresAt) - aheadMs,
    absoluteDeadlineMs: Date.parse(session.absoluteExpiresAt) - aheadMs,
  };
}

/** The deadline that comes first: the idle one, or the absolute one that no activity moves. */
export function nextDeadline(session: LocalSession): { atMs: number; absolute: boolean } {
  return session.absoluteDeadlineMs <= session.idleDeadlineMs
    ? { atMs: session.absoluteDeadlineMs, absolute: true }
    : { atMs: session.idleDeadlineMs, absolute: false };
}
