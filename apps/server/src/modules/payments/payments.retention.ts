import type { Queryable } from '../../db/database.js';
import { purgeBatch } from '../../db/purge.js';
import { forgetWaitingReceiptPhones } from './guest/guest.repo.js';

/** A guest who left the checkout: the receipt's phone is kept no longer than this (the payment stays). */
const GUEST_RECEIPT_PHONE_KEPT_MS = 24 * 60 * 60_000;

/**
 * The retention of service payments (SECURITY.md 35): a provider's answer for an account
 * (service_checks: the holder's name, the bill) goes when it can no longer be paid from. The
 * payments themselves stay with their operations. A guest's receipt phone goes a day after a
 * checkout that never ended (a paid or failed one forgets it at once, guest-settle.ts).
 */
export async function purgeExpired(db: Queryable, now: Date): Promise<Record<string, number>> {
  return {
    service_checks: await purgeBatch(db, { table: 'service_checks', key: 'id', expired: 'expires_at < $1' }, now),
    guest_receipt_phones: await forgetWaitingReceiptPhones(db, new Date(now.getTime() - GUEST_RECEIPT_PHONE_KEPT_MS)),
  };
}
