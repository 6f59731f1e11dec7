import { coalescedByKey } from '../../db/coalesce.js';
import type { Queryable, Tx } from '../../db/database.js';
import type { SessionClient, SessionMethod } from '../../shared/request-auth.js';

// ---- sessions (migration 0002): a session ends once, with a reason; it is never reopened ----

export interface SessionRow {
  id: string;
  tokenHash: string;
  customerId: string;
  client: SessionClient;
  method: SessionMethod;
  deviceId: string | null;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export async function insertSession(
  tx: Tx,
  session: {
    id: string;
    customerId: string;
    tokenHash: string;
    client: SessionClient;
    method: SessionMethod;
    deviceId: string | null;
    ip: string;
    userAgent: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO sessions (id, customer_id, token_hash, client, method, device_id, ip, user_agent, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)`,
    [
      session.id,
      session.customerId,
      session.tokenHash,
      session.client,
      session.method,
      session.deviceId,
      session.ip,
      session.userAgent,
      session.now,
      session.expiresAt,
    ],
  );
}

// Every authenticated request looks its session up: concurrent lookups share a statement (db/coalesce.ts).
// The keys are token hashes, each token giving one per key of the ring (sessions.ts readSessionByToken).
export const readSessionsByTokenHash = coalescedByKey(async (db: Queryable, hashes: string[]) => {
  const { rows } = await db.query<{
    id: string;
    token_hash: string;
    customer_id: string;
    client: SessionClient;
    method: SessionMethod;
    device_id: string | null;
    last_seen_at: Date;
    expires_at: Date;
    ended_at: Date | null;
  }>(
    `SELECT id, token_hash, customer_id, client, method, device_id, last_seen_at, expires_at, ended_at
     FROM sessions WHERE token_hash = ANY($1::text[])`,
    [hashes],
  );
  return new Map<string, SessionRow>(
    rows.map((row) => [
      row.token_hash,
      {
        id: row.id,
        tokenHash: row.token_hash,
        customerId: row.customer_id,
        client: row.client,
        method: row.method,
        deviceId: row.device_id,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        endedAt: row.ended_at,
      },
    ]),
  );
});

/**
 * Activity of concurrent requests is written in one statement, one commit (db/coalesce.ts).
 * Keys are "session-id ISO-time"; two touches of one session keep the later time.
 */
export const recordSessionActivity = coalescedByKey(async (db: Queryable, touches: string[]) => {
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

/** Ends the customer's live sessions (all, or those listed, but `exceptSessionId`); returns the ids ended. */
export async function markSessionsEnded(
  tx: Tx,
  input: { customerId: string; sessionIds: string[] | null; exceptSessionId: string | null; reason: string; now: Date },
): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE sessions SET ended_at = $2, end_reason = $3
     WHERE customer_id = $1 AND ended_at IS NULL
       AND ($4::text[] IS NULL OR id = ANY($4::text[]))
       AND ($5::text IS NULL OR id <> $5)
     RETURNING id`,
    [input.customerId, input.now, input.reason, input.sessionIds, input.exceptSessionId],
  );
  return rows.map((row) => row.id);
}

/** The live sessions a bound device opened (its logins), to end with it. */
export async function liveSessionIdsOfDevice(tx: Tx, deviceId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM sessions WHERE device_id = $1 AND ended_at IS NULL', [deviceId]);
  return rows.map((row) => row.id);
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

/** Sessions neither ended nor timed out (absolute expiry, and last activity after `seenAfter`), most recent first. */
export async function listLiveSessions(
  db: Queryable,
  customerId: string,
  window: { now: Date; seenAfter: Date; limit: number },
): Promise<SessionView[]> {
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
    [customerId, window.now, window.seenAfter, window.limit],
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

// ---- known_clients: the browsers and app installs a customer logged in from (new-device notices) ----

/** When a customer first used this client, under any of its hashes (one per key of the ring); null if never. */
export async function clientFirstSeenAt(tx: Tx, customerId: string, clientHashes: readonly string[]): Promise<Date | null> {
  const { rows } = await tx.query<{ first_seen_at: Date | null }>(
    'SELECT min(first_seen_at) AS first_seen_at FROM known_clients WHERE customer_id = $1 AND client_hash = ANY($2::text[])',
    [customerId, clientHashes],
  );
  return rows[0]?.first_seen_at ?? null;
}

/** False when the row exists already (a parallel first login from the same client). */
export async function insertKnownClient(tx: Tx, client: { customerId: string; clientHash: string; firstSeenAt: Date }): Promise<boolean> {
  const { rowCount } = await tx.query(
    'INSERT INTO known_clients (customer_id, client_hash, first_seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [client.customerId, client.clientHash, client.firstSeenAt],
  );
  return rowCount !== 0;
}

/** Locks the customer's sessions not yet ended, by id (the emergency block takes them before it audits). */
export async function lockLiveSessionsOf(tx: Tx, customerId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM sessions WHERE customer_id = $1 AND ended_at IS NULL ORDER BY id FOR UPDATE',
    [customerId],
  );
  return rows.map((row) => row.id);
}
