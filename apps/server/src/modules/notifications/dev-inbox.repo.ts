import type { Queryable } from '../../db/database.js';
import { newId } from '../../shared/ids.js';

export interface DevSmsMessage {
  id: string;
  phone: string;
  text: string;
  createdAt: Date;
}

export async function insertDevSms(db: Queryable, message: { to: string; text: string }): Promise<void> {
  await db.query('INSERT INTO dev_sms_messages (id, phone, text) VALUES ($1, $2, $3)', [newId('sms'), message.to, message.text]);
}

/** Newest first, to one phone or to all. */
export async function listDevSms(db: Queryable, filter: { phone: string | null; limit: number }): Promise<DevSmsMessage[]> {
  const { rows } = await db.query<{ id: string; phone: string; text: string; created_at: Date }>(
    `SELECT id, phone, text, created_at FROM dev_sms_messages
     WHERE ($1::text IS NULL OR phone = $1) ORDER BY created_at DESC, id DESC LIMIT $2`,
    [filter.phone, filter.limit],
  );
  return rows.map((row) => ({ id: row.id, phone: row.phone, text: row.text, createdAt: row.created_at }));
}
