import type { Tx } from '../../db/database.js';
import { insertOutboxMessage } from './outbox.repo.js';

/**
 * Queues an SMS in the caller's transaction. The text is final here (already in the customer's
 * language) so a retry sends exactly what the customer would have got the first time.
 */
export async function queueSms(tx: Tx, message: { to: string; text: string; purpose: string }): Promise<string> {
  return insertOutboxMessage(tx, 'sms', message);
}
