import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { csrfTokenFor, newToken, tokenHash, tokenHashCandidates } from '../auth/index.js';
import {
  endStaffSession,
  findStaffSessionByTokenHashes,
  insertStaffSession,
  type StaffSessionEndReason,
  touchStaffSession,
} from './staff-sessions.repo.js';

/**
 * Staff sessions: a table of their own (staff_sessions), a cookie of their own (__Host-kassa_staff),
 * the token stored only as its keyed hash and the CSRF token derived from the session id, as the
 * customers' sessions do (auth/tokens.ts). A customer's token is never found here, nor a staff
 * token among the customers' sessions.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
/**
 * Activity is written at most this often per session: the back office's parallel requests would
 * otherwise each commit a write. A session may end up to this much before its idle timeout, never after.
 */
const STAFF_SESSION_TOUCH_INTERVAL_MS = 1000;

export interface StaffSessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/** STAFF_SESSION_IDLE_MINUTES (PCI DSS 8.2.8: at most 15) and STAFF_SESSION_ABSOLUTE_HOURS. */
export function staffSessionTimeouts(ctx: Pick<AppContext, 'config'>): StaffSessionTimeouts {
  const { idleMinutes, absoluteHours } = ctx.config.staffSession;
  return { idleMs: idleMinutes * MS_PER_MINUTE, absoluteMs: absoluteHours * MS_PER_HOUR };
}

export interface NewStaffSession {
  sessionId: string;
  token: string;
  csrfToken: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

export async function createStaffSession(
  tx: Tx,
  ctx: AppContext,
  input: { staffId: string; meta: RequestMeta; now: Date },
): Promise<NewStaffSession> {
  const { idleMs, absoluteMs } = staffSessionTimeouts(ctx);
  const sessionId = newId('sts');
  const token = newToken();
  const absoluteExpiresAt = new Date(input.now.getTime() + absoluteMs);
  await insertStaffSession(tx, {
    id: sessionId,
    staffId: input.staffId,
    tokenHash: tokenHash(ctx.config.keyring, token),
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    now: input.now,
    expiresAt: absoluteExpiresAt,
  });
  return {
    sessionId,
    token,
    csrfToken: csrfTokenFor(ctx.config.keyring, sessionId),
    idleExpiresAt: new Date(Math.min(input.now.getTime() + idleMs, absoluteExpiresAt.getTime())),
    absoluteExpiresAt,
  };
}

export interface LiveStaffSession {
  sessionId: string;
  staffId: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

export type StaffSessionLookup =
  | { ok: true; session: LiveStaffSession }
  | { ok: false; reason: 'unknown' | 'ended' | 'idle-timeout' | 'absolute-timeout' };

/**
 * The live session of a token, counted as activity unless the request is passive (a background
 * poll). Timeouts are decided here, on the server's clock; one that has passed ends the session
 * and is audited (staff.session.expired).
 */
export async function lookupStaffSession(ctx: AppContext, token: string, meta: RequestMeta, passive: boolean): Promise<StaffSessionLookup> {
  const now = ctx.clock.now();
  const { idleMs } = staffSessionTimeouts(ctx);
  const row = await findStaffSessionByTokenHashes(ctx.db, tokenHashCandidates(ctx.config.keyring, token));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.endedAt) return { ok: false, reason: 'ended' };
  const timeout: StaffSessionEndReason | null =
    row.expiresAt <= now ? 'absolute-timeout' : row.lastSeenAt.getTime() + idleMs <= now.getTime() ? 'idle-timeout' : null;
  if (timeout) {
    await ctx.db.transaction((tx) => endStaffSessionAudited(tx, { staffId: row.staffId, sessionId: row.id, reason: timeout, meta, now }));
    return { ok: false, reason: timeout };
  }
  const touch = !passive && now.getTime() - row.lastSeenAt.getTime() >= STAFF_SESSION_TOUCH_INTERVAL_MS;
  const lastSeen = touch ? now : row.lastSeenAt;
  if (touch) await touchStaffSession(ctx.db, row.id, now);
  return {
    ok: true,
    session: {
      sessionId: row.id,
      staffId: row.staffId,
      idleExpiresAt: new Date(Math.min(lastSeen.getTime() + idleMs, row.expiresAt.getTime())),
      absoluteExpiresAt: row.expiresAt,
    },
  };
}

/** Ends the session on the server (its token is dead from this commit on) and audits why, once. */
export async function endStaffSessionAudited(
  tx: Tx,
  input: { staffId: string; sessionId: string; reason: StaffSessionEndReason; meta: RequestMeta; now: Date },
): Promise<void> {
  if (!(await endStaffSession(tx, input.sessionId, input.reason, input.now))) return;
  await recordAudit(tx, {
    event: input.reason === 'logout' ? 'staff.logout' : 'staff.session.expired',
    meta: input.meta,
    details: { staffId: input.staffId, sessionId: input.sessionId, reason: input.reason },
    occurredAt: input.now,
  });
}
