import type { AppContext } from '../../context.js';
import { coalescedByKey } from '../../db/coalesce.js';
import type { Queryable, Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { csrfTokenFor, newToken, tokenHash, tokenHashCandidates } from './tokens.js';

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

export type SessionClient = 'web' | 'mobile';
export type SessionMethod = 'password_sms' | 'pin' | 'webauthn';
export type SessionEndReason =
  | 'logout'
  | 'logout-all'
  | 'idle-timeout'
  | 'absolute-timeout'
  | 'password-changed'
  | 'password-reset'
  | 'ended-by-customer'
  | 'device-revoked';

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
  await tx.query(
    `INSERT INTO sessions (id, customer_id, token_hash, client, method, device_id, ip, user_agent, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)`,
    [
      sessionId,
      input.customerId,
      tokenHash(ctx.config.keyring, token),
      input.client,
      input.method,
      input.deviceId,
      input.meta.ip,
      input.meta.userAgent,
      input.now,
      expiresAt,
    ],
  );
  return {
    sessionId,
    token,
    csrfToken: csrfTokenFor(ctx.config.keyring, sessionId),
    expiresAt,
    idleExpiresAt: new Date(input.now.getTime() + SESSION_IDLE_MS),
  };
}

export interface ActiveSession {
  sessionId: string;
  customerId: string;
  client: SessionClient;
  method: SessionMethod;
  deviceId: string | null;
  expiresAt: Date;
  idleExpiresAt: Date;
}

interface SessionRow {
  id: string;
  token_hash: string;
  customer_id: string;
  client: SessionClient;
  method: SessionMethod;
  device_id: string | null;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
}

// Every authenticated request looks its session up: concurrent lookups share a statement (db/coalesce.ts).
// The keys are token hashes, each token giving one per key of the ring (readSessionByToken).
const readSessionsByTokenHash = coalescedByKey(async (db: Queryable, hashes: string[]) => {
  const { rows } = await db.query<SessionRow>(
    `SELECT id, token_hash, customer_id, client, method, device_id, last_seen_at, expires_at, ended_at
     FROM sessions WHERE token_hash = ANY($1::text[])`,
    [hashes],
  );
  return new Map(rows.map((row) => [row.token_hash, row]));
});

/**
 * Activity of concurrent requests is written in one statement, one commit (db/coalesce.ts).
 * Keys are "session-id ISO-time"; two touches of one session keep the later time.
 */
const recordActivity = coalescedByKey(async (db: Queryable, touches: string[]) => {
  const latest = new Map<string, string>();
  for (const touch of touches) {
    const [id = '', at = ''] = touch.split(' ');
    if (!latest.has(id) || (latest.get(id) as string) < at) latest.set(id, at);
  }
  await db.query(
    `UPDATE sessions AS s SET last_seen_at = greatest(s.last_seen_at, t.at)
     FROM unnest($1::text[], $2::timestamptz[]) AS t (id, at)
     WHERE s.id = t.id AND s.ended_at IS NULL`,
    [[...latest.keys()], [...latest.values()]],
  );
  return new Map<string, true>();
});

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
  if (row.ended_at) return { ok: false, reason: 'ended' };
  const timeout: SessionEndReason | null =
    row.expires_at <= now ? 'absolute-timeout' : row.last_seen_at.getTime() + SESSION_IDLE_MS <= now.getTime() ? 'idle-timeout' : null;
  if (timeout) {
    await endSessions(ctx, { customerId: row.customer_id, sessionIds: [row.id], reason: timeout, meta, now });
    return { ok: false, reason: timeout };
  }
  const touch = !passive && now.getTime() - row.last_seen_at.getTime() >= SESSION_TOUCH_INTERVAL_MS;
  const lastSeen = touch ? now : row.last_seen_at;
  if (touch) await recordActivity(ctx.db, `${row.id} ${now.toISOString()}`);
  return {
    ok: true,
    session: {
      sessionId: row.id,
      customerId: row.customer_id,
      client: row.client,
      method: row.method,
      deviceId: row.device_id,
      expiresAt: row.expires_at,
      idleExpiresAt: new Date(Math.min(lastSeen.getTime() + SESSION_IDLE_MS, row.expires_at.getTime())),
    },
  };
}

/** Ends sessions on the server: the token is dead from this commit on, whatever the browser keeps. */
export async function endSessionsInTx(
  tx: Tx,
  input: {
    customerId: string;
    sessionIds: string[] | 'all';
    exceptSessionId?: string;
    reason: SessionEndReason;
    meta: RequestMeta | null;
    now: Date;
  },
): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE sessions SET ended_at = $2, end_reason = $3
     WHERE customer_id = $1 AND ended_at IS NULL
       AND ($4::text[] IS NULL OR id = ANY($4::text[]))
       AND ($5::text IS NULL OR id <> $5)
     RETURNING id`,
    [input.customerId, input.now, input.reason, input.sessionIds === 'all' ? null : input.sessionIds, input.exceptSessionId ?? null],
  );
  if (rows.length > 0) {
    await recordAudit(tx, {
      event: 'session.ended',
      customerId: input.customerId,
      meta: input.meta,
      details: { reason: input.reason, sessionIds: rows.map((row) => row.id) },
      occurredAt: input.now,
    });
  }
  return rows.length;
}

export function endSessions(
  ctx: AppContext,
  input: {
    customerId: string;
    sessionIds: string[] | 'all';
    exceptSessionId?: string;
    reason: SessionEndReason;
    meta: RequestMeta | null;
    now: Date;
  },
): Promise<number> {
  return ctx.db.transaction((tx) => endSessionsInTx(tx, input));
}

export interface SessionView {
  id: string;
  client: SessionClient;
  method: SessionMethod;
  deviceId: string | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

export async function listActiveSessions(db: Queryable, customerId: string, now: Date): Promise<SessionView[]> {
  const { rows } = await db.query<{
    id: string;
    client: SessionClient;
    method: SessionMethod;
    device_id: string | null;
    ip: string | null;
    user_agent: string | null;
    created_at: Date;
    last_seen_at: Date;
  }>(
    `SELECT id, client, method, device_id, ip, user_agent, created_at, last_seen_at FROM sessions
     WHERE customer_id = $1 AND ended_at IS NULL AND expires_at > $2 AND last_seen_at > $3
     ORDER BY last_seen_at DESC LIMIT $4`,
    [customerId, now, new Date(now.getTime() - SESSION_IDLE_MS), SESSIONS_LISTED_MAX],
  );
  return rows.map((row) => ({
    id: row.id,
    client: row.client,
    method: row.method,
    deviceId: row.device_id,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  }));
}
