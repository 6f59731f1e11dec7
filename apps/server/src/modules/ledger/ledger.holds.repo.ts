import type { Queryable, Tx } from '../../db/database.js';
import { toBigInt, toBigIntOrNull } from './ledger.int8.js';
import type { Currency, Hold, HoldStatus } from './ledger.types.js';

/** The SQL of holds. Every statement that changes a hold also changes its account's held amount. */

interface HoldRow {
  id: string;
  account_id: string;
  currency: string;
  amount_minor: unknown;
  status: string;
  description: string | null;
  expires_at: Date | null;
  operation_id: string | null;
  posted_amount_minor: unknown;
  created_at: Date;
  resolved_at: Date | null;
}

const HOLD_COLUMNS =
  'id, account_id, currency, amount_minor, status, description, expires_at, operation_id, posted_amount_minor, created_at, resolved_at';

function toHold(row: HoldRow): Hold {
  return {
    id: row.id,
    accountId: row.account_id,
    currency: row.currency as Currency,
    amountMinor: toBigInt(row.amount_minor),
    status: row.status as HoldStatus,
    description: row.description,
    expiresAt: row.expires_at,
    operationId: row.operation_id,
    postedAmountMinor: toBigIntOrNull(row.posted_amount_minor),
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}

export async function selectHold(q: Queryable, holdId: string): Promise<Hold | null> {
  const { rows } = await q.query<HoldRow>(`SELECT ${HOLD_COLUMNS} FROM ledger_holds WHERE id = $1`, [holdId]);
  return rows[0] ? toHold(rows[0]) : null;
}

/**
 * Inserts a pending hold and adds it to the account's held amount in one statement.
 * Null when a hold with this id exists already; then nothing was written.
 */
export async function insertHold(
  tx: Tx,
  hold: { id: string; accountId: string; currency: Currency; amountMinor: bigint; description: string | null; expiresAt: Date | null },
): Promise<{ hold: Hold; heldMinor: bigint } | null> {
  const { rows } = await tx.query<HoldRow & { account_held_minor: unknown }>(
    `WITH inserted AS (
       INSERT INTO ledger_holds (id, account_id, currency, amount_minor, description, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING
       RETURNING ${HOLD_COLUMNS}
     ), reserved AS (
       UPDATE ledger_accounts AS a SET held_minor = a.held_minor + i.amount_minor
       FROM inserted i WHERE a.id = i.account_id
       RETURNING a.held_minor
     )
     SELECT inserted.*, reserved.held_minor AS account_held_minor FROM inserted, reserved`,
    [hold.id, hold.accountId, hold.currency, hold.amountMinor, hold.description, hold.expiresAt],
  );
  const row = rows[0];
  return row ? { hold: toHold(row), heldMinor: toBigInt(row.account_held_minor) } : null;
}

/** Voids a pending hold and releases its amount, in one statement. Null if it was not pending. */
export async function voidPendingHold(tx: Tx, holdId: string): Promise<{ hold: Hold; heldMinor: bigint } | null> {
  const { rows } = await tx.query<HoldRow & { account_held_minor: unknown }>(
    `WITH voided AS (
       UPDATE ledger_holds SET status = 'voided', resolved_at = now()
       WHERE id = $1 AND status = 'pending'
       RETURNING ${HOLD_COLUMNS}
     ), released AS (
       UPDATE ledger_accounts AS a SET held_minor = a.held_minor - v.amount_minor
       FROM voided v WHERE a.id = v.account_id
       RETURNING a.held_minor
     )
     SELECT voided.*, released.held_minor AS account_held_minor FROM voided, released`,
    [holdId],
  );
  const row = rows[0];
  return row ? { hold: toHold(row), heldMinor: toBigInt(row.account_held_minor) } : null;
}
