import { isIP } from 'node:net';
import { type Static, Type } from 'typebox';
import type { Queryable } from '../../db/database.js';
import { ClientKind, literalUnion, SessionMethod } from '../../shared/schemas.js';
import { selectDevicesAt, selectSessionsAround } from './access-snapshot.repo.js';
import { describeAgent } from './auth.messages.js';
import { SESSION_IDLE_MS } from './sessions.js';

/**
 * How a customer was signed in around an instant (an operation they dispute, an incident they
 * report): for the staff who investigate it (modules/disputes, modules/incidents). Ids, so staff
 * can act on a device, and descriptions masked so the case holds no more than it needs: the
 * browser and system rather than the User-Agent, the address without its last part.
 */
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const AccessSnapshotSchema = Type.Object(
  {
    at: Type.String(),
    sessions: Type.Array(
      Type.Object({
        id: Type.String(),
        client: ClientKind,
        method: SessionMethod,
        deviceId: nullable(Type.String()),
        ipMasked: nullable(Type.String({ description: '"203.0.113.*", or an IPv6 address by its /64' })),
        agent: Type.String({ description: 'The browser and system, "Chrome, Android"' }),
        createdAt: Type.String(),
        endedAt: nullable(Type.String()),
        endReason: nullable(Type.String()),
      }),
    ),
    devices: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: literalUnion(['pin', 'webauthn']),
        name: Type.String(),
        createdAt: Type.String(),
        revokedAt: nullable(Type.String()),
      }),
    ),
  },
  { description: "The customer's sessions and devices around an instant, masked" },
);
export type AccessSnapshot = Static<typeof AccessSnapshotSchema>;

/** Enough for a case; a customer with more sessions than this around one instant is itself the finding. */
const SNAPSHOT_SESSIONS_MAX = 20;
const SNAPSHOT_DEVICES_MAX = 20;
/** Logins in the hour before the instant are shown even if they had ended by then. */
const OPENED_BEFORE_WINDOW_MS = 60 * 60_000;
const IPV6_PREFIX_GROUPS = 4;

function maskIp(ip: string | null): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped?.[1] ?? ip;
  if (isIP(address) === 4) return `${address.split('.').slice(0, 3).join('.')}.*`;
  if (isIP(address) === 6) {
    const [head = ''] = address.toLowerCase().split('::');
    return `${head.split(':').slice(0, IPV6_PREFIX_GROUPS).join(':')}::/64`;
  }
  return null;
}

export async function accessSnapshotAt(q: Queryable, customerId: string, at: Date): Promise<AccessSnapshot> {
  const [sessions, devices] = await Promise.all([
    selectSessionsAround(q, {
      customerId,
      at,
      idleMs: SESSION_IDLE_MS,
      openedWithinMs: OPENED_BEFORE_WINDOW_MS,
      limit: SNAPSHOT_SESSIONS_MAX,
    }),
    selectDevicesAt(q, { customerId, at, limit: SNAPSHOT_DEVICES_MAX }),
  ]);
  return {
    at: at.toISOString(),
    sessions: sessions.map((row) => ({
      id: row.id,
      client: row.client,
      method: row.method,
      deviceId: row.device_id,
      ipMasked: maskIp(row.ip),
      agent: describeAgent(row.user_agent),
      createdAt: row.created_at.toISOString(),
      endedAt: row.ended_at?.toISOString() ?? null,
      endReason: row.end_reason,
    })),
    devices: devices.map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      createdAt: row.created_at.toISOString(),
      revokedAt: row.revoked_at?.toISOString() ?? null,
    })),
  };
}
