import type { Queryable } from '../../db/database.js';
import { purgeBatch } from '../../db/purge.js';

/**
 * The retention of service payments (SECURITY.md 35): a provider's answer for an account
 * (service_checks: the holder's name, the bill) goes when it can no longer be paid from. The
 * payments themselves stay with their operations.
 */
export async function purgeExpired(db: Queryable, now: Date): Promise<Record<string, number>> {
  return { service_checks: await purgeBatch(db, { table: 'service_checks', key: 'id', expired: 'expires_at < $1' }, now) };
}
