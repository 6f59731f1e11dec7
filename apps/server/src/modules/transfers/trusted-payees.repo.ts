import type { Queryable, Tx } from '../../db/database.js';

/** All SQL of trusted_payees (RTS art. 13). */

export interface TrustedPayeeRow {
  id: string;
  customer_id: string;
  kind: 'phone' | 'iban';
  phone: string | null;
  iban: string | null;
  label: string;
  status: 'awaiting_confirmation' | 'active' | 'removed';
  challenge_id: string | null;
  created_at: Date;
}

const COLUMNS = 'id, customer_id, kind, phone, iban, label, status, challenge_id, created_at';

export async function selectActivePayees(q: Queryable, customerId: string, limit: number): Promise<TrustedPayeeRow[]> {
  const { rows } = await q.query<TrustedPayeeRow>(
    `SELECT ${COLUMNS} FROM trusted_payees WHERE customer_id = $1 AND status = 'active' ORDER BY created_at DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows;
}

export async function activePayeeExists(q: Queryable, customerId: string, phone: string | null, iban: string | null): Promise<boolean> {
  const { rows } = await q.query(
    "SELECT 1 FROM trusted_payees WHERE customer_id = $1 AND status = 'active' AND (phone = $2 OR iban = $3) LIMIT 1",
    [customerId, phone, iban],
  );
  return rows.length > 0;
}

export async function insertPayee(tx: Tx, row: TrustedPayeeRow): Promise<void> {
  await tx.query(`INSERT INTO trusted_payees (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
    row.id,
    row.customer_id,
    row.kind,
    row.phone,
    row.iban,
    row.label,
    row.status,
    row.challenge_id,
    row.created_at,
  ]);
}

export async function lockPayee(tx: Tx, id: string): Promise<TrustedPayeeRow | null> {
  const { rows } = await tx.query<TrustedPayeeRow>(`SELECT ${COLUMNS} FROM trusted_payees WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

export async function setPayeeStatus(tx: Tx, id: string, status: TrustedPayeeRow['status']): Promise<void> {
  await tx.query('UPDATE trusted_payees SET status = $2 WHERE id = $1', [id, status]);
}

/** One active entry per payee: the older active entries of the same phone or IBAN are removed. */
export async function removeActiveDuplicates(tx: Tx, row: TrustedPayeeRow): Promise<void> {
  await tx.query(
    "UPDATE trusted_payees SET status = 'removed' WHERE customer_id = $1 AND status = 'active' AND (phone = $2 OR iban = $3)",
    [row.customer_id, row.phone, row.iban],
  );
}

/** Removes the customer's payee; false when there is none to remove. */
export async function removePayee(tx: Tx, customerId: string, id: string): Promise<boolean> {
  const { rows } = await tx.query(
    "UPDATE trusted_payees SET status = 'removed' WHERE id = $1 AND customer_id = $2 AND status <> 'removed' RETURNING id",
    [id, customerId],
  );
  return rows.length > 0;
}
