import type { Queryable, Tx } from '../../db/database.js';

/** An audit row as the chain hashes it (audit.service.ts chainHash): every column but the hashes. */
export interface AuditRow {
  seq: string;
  occurredAt: string;
  event: string;
  customerId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface ChainHead {
  seq: bigint;
  hash: string;
}

/**
 * Locks the chain's one head row for this transaction: writers append one after another, and the
 * lock is the first a transaction that audits takes (sca/caps.ts explains the order).
 */
export async function lockChainHead(tx: Tx): Promise<ChainHead | null> {
  const { rows } = await tx.query<ChainHead>('SELECT seq, hash FROM audit_chain_head WHERE id FOR UPDATE');
  return rows[0] ?? null;
}

/** Appends one row and moves the head to it; the caller holds the head's lock (lockChainHead). */
export async function appendAuditRow(tx: Tx, link: { row: AuditRow; occurredAt: Date; prevHash: string; hash: string }): Promise<void> {
  const { row } = link;
  const seq = BigInt(row.seq);
  await tx.query(
    `INSERT INTO audit_events (seq, occurred_at, event, customer_id, ip, user_agent, request_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      seq,
      link.occurredAt,
      row.event,
      row.customerId,
      row.ip,
      row.userAgent,
      row.requestId,
      JSON.stringify(row.details),
      link.prevHash,
      link.hash,
    ],
  );
  await tx.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id', [seq, link.hash]);
}

/** Every row of the chain in order, with the hashes stored for it. */
export async function readChain(db: Queryable): Promise<Array<AuditRow & { prevHash: string; hash: string }>> {
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
  }>(
    `SELECT seq, occurred_at, event, customer_id, ip, user_agent, request_id, details, prev_hash, hash
     FROM audit_events ORDER BY seq`,
  );
  return rows.map((row) => ({
    seq: row.seq.toString(),
    occurredAt: row.occurred_at.toISOString(),
    event: row.event,
    customerId: row.customer_id,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}
