import { createHash } from 'node:crypto';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { type AuditRow, appendAuditRow, lockChainHead, readChain } from './audit.repo.js';

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
  | 'operation.cancelled'
  | 'payee.looked_up'
  | 'limits.changed'
  | 'profile.language_changed'
  // Stored values re-sealed or re-hashed under the current key (migration 0012, keys:rotate).
  | 'keys.rewritten';

export interface AuditEntry {
  event: AuditEvent;
  customerId?: string | null;
  meta?: Partial<RequestMeta> | null;
  details?: Record<string, unknown>;
  occurredAt: Date;
}

function chainHash(prevHash: string, row: AuditRow): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/**
 * Appends to the audit chain inside the caller's transaction, so the event exists exactly when
 * the change it describes does. The head row lock orders writers; audit events are rare
 * (authentication, access failures), so this does not sit on the money hot path.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const head = await lockChainHead(tx);
  if (!head) throw new Error('audit chain head is missing');
  const row: AuditRow = {
    seq: (head.seq + 1n).toString(),
    occurredAt: entry.occurredAt.toISOString(),
    event: entry.event,
    customerId: entry.customerId ?? null,
    ip: entry.meta?.ip ?? null,
    userAgent: entry.meta?.userAgent ?? null,
    requestId: entry.meta?.requestId ?? null,
    details: entry.details ?? {},
  };
  await appendAuditRow(tx, { row, occurredAt: entry.occurredAt, prevHash: head.hash, hash: chainHash(head.hash, row) });
}

/**
 * Takes the audit chain's lock now rather than at the transaction's first audit row. A function
 * that takes locks of its own and audits after them (sca/caps.ts) calls this first, so that every
 * transaction takes the chain's lock before those locks and two of them can never wait on each
 * other in a circle.
 */
export async function holdAuditChain(tx: Tx): Promise<void> {
  await lockChainHead(tx);
}

/** For events with no business change around them (a failed access, a rejected session). */
export function recordAuditAlone(db: Database, entry: AuditEntry): Promise<void> {
  return db.transaction((tx) => recordAudit(tx, entry));
}

/** Re-computes the chain; the first broken link is where someone tampered. */
export async function verifyAuditChain(db: Queryable): Promise<{ ok: boolean; brokenAtSeq: string | null; count: number }> {
  const chain = await readChain(db);
  let prev = 'genesis';
  for (const { prevHash, hash, ...row } of chain) {
    if (prevHash !== prev || hash !== chainHash(prev, row)) return { ok: false, brokenAtSeq: row.seq, count: chain.length };
    prev = hash;
  }
  return { ok: true, brokenAtSeq: null, count: chain.length };
}
