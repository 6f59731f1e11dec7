import type { RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { cutoffBefore, purgeBatch } from '../../db/purge.js';

/**
 * The day counters serve the limits of the current day and month only. Two months are kept, so
 * the back office can still read last month's; older rows go. The operations they were counted
 * from are records the bank keeps and are never purged here.
 */
const RISK_DAYS_KEPT_HOURS = 62 * 24;

export async function purgeExpired(db: Queryable, now: Date, _windows: RetentionWindows): Promise<Record<string, number>> {
  const cutoff = cutoffBefore(now, RISK_DAYS_KEPT_HOURS);
  return {
    risk_customer_days: await purgeBatch(db, { table: 'risk_customer_days', key: '(customer_id, day)', expired: 'day < $1::date' }, cutoff),
    risk_account_days: await purgeBatch(db, { table: 'risk_account_days', key: '(account_id, day)', expired: 'day < $1::date' }, cutoff),
  };
}
