import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import type { ActiveSession, SessionClient, SessionMethod } from '../../shared/request-auth.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import {
  insertSession,
  listLiveSessions,
  markSessionsEnded,
  readSessionsByTokenHash,
  recordSessionActivity,
  type SessionRow,
  type SessionView,
} from './sessions.repo.js';
import { csrfTokenFor, newToken, tokenHash, tokenHashCandidates } from './tokens.js';

// The session a request acts for is declared below the modules (shared/request-auth.ts), so that
// modules auth depends on can serve logged-in customers too.
export type { ActiveSession, SessionClient, SessionMethod, SessionView };

// RTS art. 4(3)(d): 5 minutes of inactivity ends the session.
export const SESSION_IDLE_MS = 5 * 60_000;
// An absolute cap so a session kept alive by activity still ends the same day.
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
export const SESSIONS_LISTED_MAX = 50;
/**
 * Activity is written at most this often per session: a busy client would otherwise commit a
 * write on every request. The session may end up to this much before 5 idle minutes, never after.
 */
export const SESSION_TOUCH_INTERVAL_MS = 1000;

export type SessionEndReason =
  | 'logout'
  | 'logout-all'
  | 'idle-timeout'
  | 'absolute-timeout'
  | 'password-changed'
  | 'password-reset'
  | 'ended-by-customer'
  | 'device-revoked'
  // A security officer working an incident (modules/incidents, staff-actions.ts).
  | 'ended-by-bank'
  // The same officer reset the password (bank-password-reset.ts): the old one may be someone else's.
  | 'password-reset-by-bank'
  // The emergency block (modules/blocks): a lost phone, a dead SIM, a compromise.
  | 'customer-blocked'
  // A new phone number (modules/phone-change): every session but the one that changed it.
  | 'phone-changed';

export interface NewSession {
  sessionId: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
  idleExpiresAt: Date;
}

export async function createSession(
  tx: Tx,
  ctx: AppContext,
  input: { customerId: string; client: SessionClient; method: SessionMethod; deviceId: string | null; meta: RequestMeta; now: Date },
): Promise<NewSession> {
  const sessionId = newId('ses');
  const token = newToken();
  const expiresAt = new Date(input.now.getTime() + SESSION_ABSOLUTE_MS);
  await insertSession(tx, {
    id: sessionId,
    customerId: input.customerId,
    tokenHash: tokenHash(ctx.config.keyring, token),
    client: input.client,
    method: input.method,
    deviceId: input.deviceId,
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    now: input.now,
    expiresAt,
  });
  return {
    sessionId,
    token,
    csrfToken: csrfTokenFor(ctx.config.keyring, sessionId),
    expiresAt,
    idleExpiresAt: new Date(input.now.getTime() + SESSION_IDLE_MS),
  };
}

/**
 * The session of a token, whichever key of the ring hashed it (SECURITY.md 39: putting a new key
 * first logs nobody out). Each candidate hash is a key of the coalesced reader, so the candidates
 * of concurrent requests still leave in one `= ANY` statement, and each maps back to its own row.
 * The token is 256 random bits, so at most one candidate names a session.
 */
async function readSessionByToken(ctx: AppContext, token: string): Promise<SessionRow | undefined> {
  const found = await Promise.all(tokenHashCandidates(ctx.config.keyring, token).map((hash) => readSessionsByTokenHash(ctx.db, hash)));
  return found.find((row) => row !== undefined);
}

export type SessionLookup =
  | { ok: true; session: ActiveSession }
  | { ok: false; reason: 'unknown' | 'ended' | 'idle-timeout' | 'absolute-timeout' };

/**
 * Finds the live session of a token and, unless the request is passive (a background poll),
 * counts it as activity. Timeouts are decided here, on the server, whatever the client thinks.
 */
export async function touchSession(ctx: AppContext, token: string, meta: RequestMeta, passive: boolean): Promise<SessionLookup> {
  const now = ctx.clock.now();
  const row = await readSessionByToken(ctx, token);
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.endedAt) return { ok: false, reason: 'ended' };
  const timeout: SessionEndReason | null =
    row.expiresAt <= now ? 'absolute-timeout' : row.lastSeenAt.getTime() + SESSION_IDLE_MS <= now.getTime() ? 'idle-timeout' : null;
  if (timeout) {
    await endSessions(ctx, { customerId: row.customerId, sessionIds: [row.id], reason: timeout, meta, now });
    return { ok: false, reason: timeout };
  }
  const touch = !passive && now.getTime() - row.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
  const lastSeen = touch ? now : row.lastSeenAt;
  if (touch) await recordSessionActivity(ctx.db, `${row.id} ${now.toISOString()}`);
  return {
    ok: true,
    session: {
      sessionId: row.id,
      customerId: row.customerId,
      client: row.client,
      method: row.method,
      deviceId: row.deviceId,
      expiresAt: row.expiresAt,
      idleExpiresAt: new Date(Math.min(lastSeen.getTime() + SESSION_IDLE_MS, row.expiresAt.getTime())),
    },
  };
}

export interface EndSessionsInput {
  customerId: string;
  sessionIds: string[] | 'all';
  exceptSessionId?: string;
  reason: SessionEndReason;
  meta: RequestMeta | null;
  now: Date;
}

/** Ends sessions on the server: the token is dead from this commit on, whatever the browser keeps. */
export async function endSessionsInTx(tx: Tx, input: EndSessionsInput): Promise<number> {
  const ended = await markSessionsEnded(tx, {
    customerId: input.customerId,
    sessionIds: input.sessionIds === 'all' ? null : input.sessionIds,
    exceptSessionId: input.exceptSessionId ?? null,
    reason: input.reason,
    now: input.now,
  });
  if (ended.length > 0) {
    await recordAudit(tx, {
      event: 'session.ended',
      customerId: input.customerId,
      meta: input.meta,
      details: { reason: input.reason, sessionIds: ended },
      occurredAt: input.now,
    });
  }
  return ended.length;
}

export function endSessions(ctx: AppContext, input: EndSessionsInput): Promise<number> {
  return ctx.db.transaction((tx) => endSessionsInTx(tx, input));
}

export async function listActiveSessions(db: Queryable, customerId: string, now: Date): Promise<SessionView[]> {
  return listLiveSessions(db, customerId, { now, seenAfter: new Date(now.getTime() - SESSION_IDLE_MS), limit: SESSIONS_LISTED_MAX });
}
