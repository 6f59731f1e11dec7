import { createHash } from 'node:crypto';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import type { RequestMeta } from '../../shared/request-meta.js';

/** Security events (SECURITY.md 31). The set is closed so a reviewer can read every kind here. */
export type AuditEvent =
  | 'registration.started'
  | 'registration.completed'
  | 'registration.refused'
  | 'login.password_checked'
  | 'login.succeeded'
  | 'login.failed'
  | 'login.locked'
  | 'login.new_client'
  | 'code.sent'
  | 'code.failed'
  | 'code.voided'
  | 'code.rate_limited'
  | 'code.country_refused'
  | 'rate_limit.exceeded'
  | 'session.ended'
  | 'session.rejected'
  | 'device.binding_started'
  | 'device.bound'
  | 'device.revoked'
  | 'device.pin_failed'
  | 'device.login_failed'
  | 'device.sign_count_regressed'
  | 'password.changed'
  | 'password.change_refused'
  | 'password.reset'
  | 'access.denied'
  | 'csrf.rejected'
  | 'trusted_payee.added'
  | 'trusted_payee.removed'
  | 'dispute.opened'
  | 'payee.looked_up'
  | 'limits.changed'
  // Stored values re-sealed or re-hashed under the current key (migration 0012, keys:rotate).
  | 'keys.rewritten';

export interface AuditEntry {
  event: AuditEvent;
  customerId?: string | null;
  meta?: Partial<RequestMeta> | null;
  details?: Record<string, unknown>;
  occurredAt: Date;
}

function chainHash(prevHash: string, row: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/**
 * Appends to the audit chain inside the caller's transaction, so the event exists exactly when
 * the change it describes does. The head row lock orders writers; audit events are rare
 * (authentication, access failures), so this does not sit on the money hot path.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const { rows } = await tx.query<{ seq: bigint; hash: string }>('SELECT seq, hash FROM audit_chain_head WHERE id FOR UPDATE');
  const head = rows[0];
  if (!head) throw new Error('audit chain head is missing');
  const seq = head.seq + 1n;
  const row = {
    seq: seq.toString(),
    occurredAt: entry.occurredAt.toISOString(),
    event: entry.event,
    customerId: entry.customerId ?? null,
    ip: entry.meta?.ip ?? null,
    userAgent: entry.meta?.userAgent ?? null,
    requestId: entry.meta?.requestId ?? null,
    details: entry.details ?? {},
  };
  const hash = chainHash(head.hash, row);
  await tx.query(
    `INSERT INTO audit_events (seq, occurred_at, event, customer_id, ip, user_agent, request_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [seq, entry.occurredAt, row.event, row.customerId, row.ip, row.userAgent, row.requestId, JSON.stringify(row.details), head.hash, hash],
  );
  await tx.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id', [seq, hash]);
}

/**
 * Takes the audit chain's lock now rather than at the transaction's first audit row. A function
 * that takes locks of its own and audits after them (sca/caps.ts) calls this first, so that every
 * transaction takes the chain's lock before those locks and two of them can never wait on each
 * other in a circle.
 */
export async function holdAuditChain(tx: Tx): Promise<void> {
  await tx.query('SELECT seq FROM audit_chain_head WHERE id FOR UPDATE');
}

/** For events with no business change around them (a failed access, a rejected session). */
export function recordAuditAlone(db: Database, entry: AuditEntry): Promise<void> {
  return db.transaction((tx) => recordAudit(tx, entry));
}

/** Re-computes the chain; the first broken link is where someone tampered. */
export async function verifyAuditChain(db: Queryable): Promise<{ ok: boolean; brokenAtSeq: string | null; count: number }> {
  const { rows } = await db.query<{
    seq: bigint;
    occurred_at: Date;
    event: string;
    customer_id: string | null;
    ip: string | null;
    user_agent: string | null;
    request_id: string | null;
    details: Record<string, unknown>;
    prev_hash: string;
    hash: string;
  }>('SELECT * FROM audit_events ORDER BY seq');
  let prev = 'genesis';
  for (const row of rows) {
    const expected = chainHash(prev, {
      seq: row.seq.toString(),
      occurredAt: row.occurred_at.toISOString(),
      event: row.event,
      customerId: row.customer_id,
      ip: row.ip,
      userAgent: row.user_agent,
      requestId: row.request_id,
      details: row.details,
    });
    if (row.prev_hash !== prev || row.hash !== expected) return { ok: false, brokenAtSeq: row.seq.toString(), count: rows.length };
    prev = row.hash;
  }
  return { ok: true, brokenAtSeq: null, count: rows.length };
}

export async function listAuditEvents(db: Queryable, customerId: string, limit = 50): Promise<Array<{ event: string; details: unknown }>> {
  const { rows } = await db.query<{ event: string; details: unknown }>(
    'SELECT event, details FROM audit_events WHERE customer_id = $1 ORDER BY seq DESC LIMIT $2',
    [customerId, limit],
  );
  return rows;
}
