import type { Queryable } from '../../db/database.js';
import type { SessionClient, SessionMethod } from '../../shared/request-auth.js';

/** The SQL of access-snapshot.ts: a customer's sessions and devices around an instant. */

export interface SnapshotSessionRow {
  id: string;
  client: SessionClient;
  method: SessionMethod;
  device_id: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
}

/**
 * Sessions live at `at` (opened before it, not ended, expired or idle by then; a session idle
 * for longer is ended at its next request, so its last activity tells), and those opened in the
 * `openedWithinMs` before it: a login from somewhere new just before an operation is what an
 * investigation looks for. Newest first.
 */
export async function selectSessionsAround(
  q: Queryable,
  input: { customerId: string; at: Date; idleMs: number; openedWithinMs: number; limit: number },
): Promise<SnapshotSessionRow[]> {
  const { rows } = await q.query<SnapshotSessionRow>(
    `SELECT id, client, method, device_id, ip, user_agent, created_at, ended_at, end_reason FROM sessions
     WHERE customer_id = $1 AND created_at <= $2
       AND (((ended_at IS NULL OR ended_at > $2) AND expires_at > $2 AND last_seen_at >= $2::timestamptz - $3 * interval '1 millisecond')
         OR created_at >= $2::timestamptz - $4 * interval '1 millisecond')
     ORDER BY created_at DESC, id DESC LIMIT $5`,
    [input.customerId, input.at, input.idleMs, input.openedWithinMs, input.limit],
  );
  return rows;
}

export interface SnapshotDeviceRow {
  id: string;
  kind: 'pin' | 'webauthn';
  name: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** Devices bound at `at`: bound by then and not yet revoked. Newest first. */
export async function selectDevicesAt(q: Queryable, input: { customerId: string; at: Date; limit: number }): Promise<SnapshotDeviceRow[]> {
  const { rows } = await q.query<SnapshotDeviceRow>(
    `SELECT id, kind, name, created_at, revoked_at FROM devices
     WHERE customer_id = $1 AND created_at <= $2 AND (revoked_at IS NULL OR revoked_at > $2)
     ORDER BY created_at DESC, id DESC LIMIT $3`,
    [input.customerId, input.at, input.limit],
  );
  return rows;
}
