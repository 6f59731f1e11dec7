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

const ROW_COLUMNS = 'seq, occurred_at, event, customer_id, ip, user_agent, request_id, details';

interface AuditDbRow {
  seq: bigint;
  occurred_at: Date;
  event: string;
  customer_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

function rowOf(row: AuditDbRow): AuditRow {
  return {
    seq: row.seq.toString(),
    occurredAt: row.occurred_at.toISOString(),
    event: row.event,
    customerId: row.customer_id,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    details: row.details,
  };
}

/** The chain's head as it stands now (no lock): what a verification checks the rows up to. */
export async function readChainHead(db: Queryable): Promise<ChainHead | null> {
  const { rows } = await db.query<ChainHead>('SELECT seq, hash FROM audit_chain_head WHERE id');
  return rows[0] ?? null;
}

/** Rows of the chain after `afterSeq` up to `uptoSeq`, in order, with the hashes stored for them. */
export async function readChainPage(
  db: Queryable,
  page: { afterSeq: bigint; uptoSeq: bigint; limit: number },
): Promise<Array<AuditRow & { prevHash: string; hash: string }>> {
  const { rows } = await db.query<AuditDbRow & { prev_hash: string; hash: string }>(
    `SELECT ${ROW_COLUMNS}, prev_hash, hash FROM audit_events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
    [page.afterSeq, page.uptoSeq, page.limit],
  );
  return rows.map((row) => ({ ...rowOf(row), prevHash: row.prev_hash, hash: row.hash }));
}

/** The audit viewer's filters (audit.viewer.ts); each one left out is no filter. */
export interface AuditFilter {
  customerId: string | null;
  /** The staff member who acted: every staff event names them as details.staffId. */
  staffId: string | null;
  /** An event or the start of one: "staff." finds every staff event. */
  eventPrefix: string | null;
  from: Date | null;
  /** Exclusive: [from, to). */
  to: Date | null;
}

/** Newest first, keyset-paged by seq: rows before `beforeSeq`, at most `limit`. */
export async function listAuditRows(db: Queryable, filter: AuditFilter, beforeSeq: bigint | null, limit: number): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditDbRow>(
    `SELECT ${ROW_COLUMNS} FROM audit_events
     WHERE ($1::text IS NULL OR customer_id = $1)
       AND ($2::text IS NULL OR details ->> 'staffId' = $2)
       AND ($3::text IS NULL OR starts_with(event, $3))
       AND ($4::timestamptz IS NULL OR occurred_at >= $4)
       AND ($5::timestamptz IS NULL OR occurred_at < $5)
       AND ($6::bigint IS NULL OR seq < $6)
     ORDER BY seq DESC
     LIMIT $7`,
    [filter.customerId, filter.staffId, filter.eventPrefix, filter.from, filter.to, beforeSeq, limit],
  );
  return rows.map(rowOf);
}
