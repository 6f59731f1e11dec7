import type { Queryable, Tx } from '../../db/database.js';
import type { BlockReason, BlockRecord, BlockSource } from './blocks.types.js';

/** All SQL of customer_blocks (migration 0021). The column list is written once, here. */

const COLUMNS = `id, customer_id, source, reason, note, created_by_staff_id, created_at,
  unblock_requested_by_staff_id, unblock_requested_at, unblock_request_note, lifted_at, lifted_by_staff_id`;

interface BlockRow {
  id: string;
  customer_id: string;
  source: BlockSource;
  reason: BlockReason;
  note: string | null;
  created_by_staff_id: string | null;
  created_at: Date;
  unblock_requested_by_staff_id: string | null;
  unblock_requested_at: Date | null;
  unblock_request_note: string | null;
  lifted_at: Date | null;
  lifted_by_staff_id: string | null;
}

function toRecord(row: BlockRow): BlockRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    source: row.source,
    reason: row.reason,
    note: row.note,
    createdByStaffId: row.created_by_staff_id,
    createdAt: row.created_at,
    unblockRequestedByStaffId: row.unblock_requested_by_staff_id,
    unblockRequestedAt: row.unblock_requested_at,
    unblockRequestNote: row.unblock_request_note,
    liftedAt: row.lifted_at,
    liftedByStaffId: row.lifted_by_staff_id,
  };
}

/**
 * A transaction-scoped lock per customer, taken first by every transaction that blocks or lifts a
 * block of that customer: two blocks at once (the web form sent twice, an operator on the phone at
 * the same moment) run one after the other, and the second finds the first.
 */
export async function lockCustomerBlocks(tx: Tx, customerId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`customer-blocks ${customerId}`]);
}

export async function insertBlock(tx: Tx, block: BlockRecord): Promise<void> {
  await tx.query(`INSERT INTO customer_blocks (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
    block.id,
    block.customerId,
    block.source,
    block.reason,
    block.note,
    block.createdByStaffId,
    block.createdAt,
    block.unblockRequestedByStaffId,
    block.unblockRequestedAt,
    block.unblockRequestNote,
    block.liftedAt,
    block.liftedByStaffId,
  ]);
}

/** The customer's block in force, if any (the partial unique index allows one). */
export async function selectActiveBlock(q: Queryable, customerId: string): Promise<BlockRecord | null> {
  const { rows } = await q.query<BlockRow>(`SELECT ${COLUMNS} FROM customer_blocks WHERE customer_id = $1 AND lifted_at IS NULL`, [
    customerId,
  ]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function lockBlock(tx: Tx, blockId: string): Promise<BlockRecord | null> {
  const { rows } = await tx.query<BlockRow>(`SELECT ${COLUMNS} FROM customer_blocks WHERE id = $1 FOR UPDATE`, [blockId]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Only the customer of a block, to lock their blocks before the block row itself. */
export async function customerOfBlock(q: Queryable, blockId: string): Promise<string | null> {
  const { rows } = await q.query<{ customer_id: string }>('SELECT customer_id FROM customer_blocks WHERE id = $1', [blockId]);
  return rows[0]?.customer_id ?? null;
}

/** The customer's blocks, newest first, at most `limit` (the staff's customer file). */
export async function selectBlocksOf(q: Queryable, customerId: string, limit: number): Promise<BlockRecord[]> {
  const { rows } = await q.query<BlockRow>(
    `SELECT ${COLUMNS} FROM customer_blocks WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows.map(toRecord);
}

/** The maker's half: a request that replaces one past its time (blockState). */
export async function markUnblockRequested(tx: Tx, blockId: string, request: { staffId: string; note: string; now: Date }): Promise<void> {
  await tx.query(
    `UPDATE customer_blocks SET unblock_requested_by_staff_id = $2, unblock_request_note = $3, unblock_requested_at = $4
     WHERE id = $1 AND lifted_at IS NULL`,
    [blockId, request.staffId, request.note, request.now],
  );
}

/** The checker's half; the table's CHECK refuses the maker as the checker, whatever the caller does. */
export async function markLifted(tx: Tx, blockId: string, lift: { staffId: string; now: Date }): Promise<void> {
  await tx.query('UPDATE customer_blocks SET lifted_at = $2, lifted_by_staff_id = $3 WHERE id = $1 AND lifted_at IS NULL', [
    blockId,
    lift.now,
    lift.staffId,
  ]);
}
