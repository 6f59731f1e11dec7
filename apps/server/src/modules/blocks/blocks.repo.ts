import type { Queryable, Tx } from '../../db/database.js';
import type { BlockReason, BlockRecord, BlockSource } from './blocks.types.js';

/**
 * All SQL of customer_blocks (migrations 0021, 0026). The column list is written once, here. The
 * columns of the old, row-level unblock request (unblock_requested_*) are history only since
 * migration 0026: not read, not written; the request is an approval (modules/approvals).
 */

const COLUMNS =
  'id, customer_id, source, reason, note, created_by_staff_id, created_at, lifted_at, lifted_by_staff_id, lifted_by_approval_id';

interface BlockRow {
  id: string;
  customer_id: string;
  source: BlockSource;
  reason: BlockReason;
  note: string | null;
  created_by_staff_id: string | null;
  created_at: Date;
  lifted_at: Date | null;
  lifted_by_staff_id: string | null;
  lifted_by_approval_id: string | null;
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
    liftedAt: row.lifted_at,
    liftedByStaffId: row.lifted_by_staff_id,
    liftedByApprovalId: row.lifted_by_approval_id,
    unblockRequest: null,
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
  await tx.query(`INSERT INTO customer_blocks (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
    block.id,
    block.customerId,
    block.source,
    block.reason,
    block.note,
    block.createdByStaffId,
    block.createdAt,
    block.liftedAt,
    block.liftedByStaffId,
    block.liftedByApprovalId,
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

/** One block by id, unlocked (the staff's screens). */
export async function selectBlock(q: Queryable, blockId: string): Promise<BlockRecord | null> {
  const { rows } = await q.query<BlockRow>(`SELECT ${COLUMNS} FROM customer_blocks WHERE id = $1`, [blockId]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * The blocks in force, newest first, after the keyset `after` (the staff's list). The partial
 * index customer_blocks_active (migration 0026) serves it.
 */
export async function selectActiveBlocks(
  q: Queryable,
  query: { after: { createdAt: Date; id: string } | null; limit: number },
): Promise<BlockRecord[]> {
  const { rows } = query.after
    ? await q.query<BlockRow>(
        `SELECT ${COLUMNS} FROM customer_blocks WHERE lifted_at IS NULL AND (created_at, id) < ($1, $2)
         ORDER BY created_at DESC, id DESC LIMIT $3`,
        [query.after.createdAt, query.after.id, query.limit],
      )
    : await q.query<BlockRow>(`SELECT ${COLUMNS} FROM customer_blocks WHERE lifted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $1`, [
        query.limit,
      ]);
  return rows.map(toRecord);
}

/** The lift, by the approval its checker approved; the table's CHECK asks for one (migration 0026). */
export async function markLifted(tx: Tx, blockId: string, lift: { staffId: string; approvalId: string; now: Date }): Promise<void> {
  await tx.query(
    'UPDATE customer_blocks SET lifted_at = $2, lifted_by_staff_id = $3, lifted_by_approval_id = $4 WHERE id = $1 AND lifted_at IS NULL',
    [blockId, lift.now, lift.staffId, lift.approvalId],
  );
}
