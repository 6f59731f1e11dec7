import type { Queryable, Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';

/** All SQL of identity's part of a phone change: the customer's number and the phone_changes record (migration 0025). */

export type PhoneChangeChannel = 'app' | 'staff';

export interface LockedCustomerPhone {
  phone: string;
  language: Language;
}

/** The customer's number, under the row lock the change then updates (null: no such customer, or closed). */
export async function lockCustomerPhone(tx: Tx, customerId: string): Promise<LockedCustomerPhone | null> {
  const { rows } = await tx.query<LockedCustomerPhone>(
    "SELECT phone, language FROM customers WHERE id = $1 AND status <> 'closed' FOR UPDATE",
    [customerId],
  );
  return rows[0] ?? null;
}

/** Whether a customer other than `customerId`, not closed, holds this number (customers_active_phone). */
export async function phoneHeldByAnother(q: Queryable, phone: string, customerId: string): Promise<boolean> {
  const { rows } = await q.query("SELECT 1 FROM customers WHERE phone = $1 AND status <> 'closed' AND id <> $2", [phone, customerId]);
  return rows.length > 0;
}

export async function updateCustomerPhone(tx: Tx, customerId: string, phone: string, now: Date): Promise<void> {
  await tx.query('UPDATE customers SET phone = $2, updated_at = $3 WHERE id = $1', [customerId, phone, now]);
}

export async function insertPhoneChange(
  tx: Tx,
  change: { id: string; customerId: string; channel: PhoneChangeChannel; staffId: string | null; changedAt: Date; coolingUntil: Date },
): Promise<void> {
  await tx.query(
    'INSERT INTO phone_changes (id, customer_id, channel, staff_id, changed_at, cooling_until) VALUES ($1, $2, $3, $4, $5, $6)',
    [change.id, change.customerId, change.channel, change.staffId, change.changedAt, change.coolingUntil],
  );
}

/** The latest end of a cooling period of the customer that is still ahead of `now`, if any. */
export async function coolingUntilAfter(q: Queryable, customerId: string, now: Date): Promise<Date | null> {
  const { rows } = await q.query<{ cooling_until: Date }>(
    'SELECT cooling_until FROM phone_changes WHERE customer_id = $1 AND cooling_until > $2 ORDER BY cooling_until DESC LIMIT 1',
    [customerId, now],
  );
  return rows[0] ? new Date(rows[0].cooling_until) : null;
}
