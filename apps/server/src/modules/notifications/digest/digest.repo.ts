import type { Queryable, Tx } from '../../../db/database.js';
import type { DigestChannel, NotificationSettings } from '../notifications.repo.js';

// ---- notification_settings' digest columns, notification_digests, notification_digest_days (migration 0053) ----

/** The digest choices of those of `customerIds` who saved any settings; the others have the defaults. */
export async function selectDigestChoices(
  q: Queryable,
  customerIds: readonly string[],
): Promise<Map<string, NotificationSettings['digest']>> {
  const { rows } = await q.query<{ customer_id: string; digest_enabled: boolean; digest_channel: 'sms' | 'in_app' }>(
    'SELECT customer_id, digest_enabled, digest_channel FROM notification_settings WHERE customer_id = ANY($1::text[])',
    [customerIds],
  );
  return new Map(
    rows.map((row) => [row.customer_id, { enabled: row.digest_enabled, channel: row.digest_channel === 'sms' ? 'sms' : 'inApp' }]),
  );
}

/** Those of `customerIds` who have their digest of `day` already. */
export async function selectDigestedCustomers(q: Queryable, day: string, customerIds: readonly string[]): Promise<Set<string>> {
  const { rows } = await q.query<{ customer_id: string }>(
    'SELECT customer_id FROM notification_digests WHERE day = $1::date AND customer_id = ANY($2::text[])',
    [day, customerIds],
  );
  return new Set(rows.map((row) => row.customer_id));
}

export interface DigestRow {
  customerId: string;
  day: string;
  channel: DigestChannel;
  acceptedCount: number;
  declinedCount: number;
  totals: ReadonlyArray<{ currency: string; incomingMinor: bigint; outgoingMinor: bigint }>;
  outboxId: string;
  createdAt: Date;
}

/**
 * The digest's row, in the transaction that queues its message. False when the customer has the
 * day's digest already (another server, or a pass before a restart): the caller then queues nothing.
 */
export async function insertDigest(tx: Tx, digest: DigestRow): Promise<boolean> {
  const totals = digest.totals.map((line) => ({
    currency: line.currency,
    incomingMinor: line.incomingMinor.toString(),
    outgoingMinor: line.outgoingMinor.toString(),
  }));
  const { rows } = await tx.query<{ customer_id: string }>(
    `INSERT INTO notification_digests (customer_id, day, channel, accepted_count, declined_count, totals, outbox_id, created_at)
     VALUES ($1, $2::date, $3, $4, $5, $6::jsonb, $7, $8)
     ON CONFLICT (customer_id, day) DO NOTHING RETURNING customer_id`,
    [
      digest.customerId,
      digest.day,
      digest.channel === 'sms' ? 'sms' : 'in_app',
      digest.acceptedCount,
      digest.declinedCount,
      JSON.stringify(totals),
      digest.outboxId,
      digest.createdAt,
    ],
  );
  return rows.length === 1;
}

/** Where the passes of `day` stopped: the last customer id walked, and whether the walk is over. */
export async function selectDigestDay(q: Queryable, day: string): Promise<{ afterCustomerId: string; finished: boolean }> {
  const { rows } = await q.query<{ after_customer_id: string; finished_at: Date | null }>(
    'SELECT after_customer_id, finished_at FROM notification_digest_days WHERE day = $1::date',
    [day],
  );
  const row = rows[0];
  return { afterCustomerId: row?.after_customer_id ?? '', finished: row?.finished_at != null };
}

/** Moves the day's walk on; never back (a slower server finishing an earlier batch leaves a later mark alone). */
export async function advanceDigestDay(q: Queryable, day: string, afterCustomerId: string, finishedAt: Date | null): Promise<void> {
  await q.query(
    `INSERT INTO notification_digest_days (day, after_customer_id, finished_at) VALUES ($1::date, $2, $3)
     ON CONFLICT (day) DO UPDATE SET
       after_customer_id = GREATEST(notification_digest_days.after_customer_id, EXCLUDED.after_customer_id),
       finished_at = coalesce(notification_digest_days.finished_at, EXCLUDED.finished_at)`,
    [day, afterCustomerId, finishedAt],
  );
}
