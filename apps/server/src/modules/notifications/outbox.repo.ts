import type { SmsSuppressionReason } from '../../context.js';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';

export type OutboxChannel = 'sms' | 'in_app';

export interface OutboxRow {
  id: string;
  channel: OutboxChannel;
  payload: Record<string, unknown>;
  attempts: number;
}

export function newOutboxId(): string {
  return newId('out');
}

/**
 * Must run in the business transaction: the message exists if and only if the change committed.
 * `id` is given when the payload is bound to it (a sealed text, notifications.service.ts).
 */
export async function insertOutboxMessage(
  tx: Tx,
  channel: OutboxChannel,
  payload: Record<string, unknown>,
  id = newOutboxId(),
): Promise<string> {
  await tx.query('INSERT INTO outbox_messages (id, channel, payload) VALUES ($1, $2, $3)', [id, channel, JSON.stringify(payload)]);
  return id;
}

/** Several messages in one statement, each with a new id. */
export async function insertOutboxMessages(
  tx: Tx,
  messages: ReadonlyArray<{ channel: OutboxChannel; payload: Record<string, unknown> }>,
): Promise<void> {
  if (messages.length === 0) return;
  await tx.query('INSERT INTO outbox_messages (id, channel, payload) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])', [
    messages.map(() => newOutboxId()),
    messages.map((message) => message.channel),
    messages.map((message) => JSON.stringify(message.payload)),
  ]);
}

/**
 * Claims due messages for `leaseMs`. SKIP LOCKED lets several workers share the table; the lease
 * means a worker that dies mid-delivery only delays its messages, it never loses them.
 */
export async function claimDueMessages(db: Database, batchMax: number, leaseMs: number): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<OutboxRow>(
      `UPDATE outbox_messages SET locked_until = now() + ($2 || ' milliseconds')::interval, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox_messages
         WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
         ORDER BY next_attempt_at, id
         LIMIT $1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, channel, payload, attempts`,
      [batchMax, String(leaseMs)],
    );
    return rows;
  });
}

/**
 * SECURITY.md 35: once a message is delivered or dead its SMS text has done its work, so the text
 * (plain or sealed) is erased in the same statement that ends the message; the row keeps who,
 * why and when until the retention purge removes it.
 */
const ERASE_TEXT = "payload = payload - 'text' - 'sealedText'";

/** Marks a pass's delivered messages in one statement (one commit, not one per message). */
export async function markDelivered(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE outbox_messages SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_error = NULL, ${ERASE_TEXT}
     WHERE id = ANY($1::text[])`,
    [ids],
  );
}

/**
 * The SMSC accepted every part (SMPP submit_sm_resp): the row ends like a delivered one and keeps
 * the SMSC's message ids, by which its receipts find it; its SMS status is then `sent`.
 */
export async function markSentWithProviderIds(db: Queryable, id: string, providerMessageIds: readonly string[]): Promise<void> {
  await db.query(
    `UPDATE outbox_messages SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_error = NULL, ${ERASE_TEXT},
       provider_message_ids = $2::text[], sms_delivery_status = 'sent'
     WHERE id = $1`,
    [id, [...providerMessageIds]],
  );
}

/**
 * A delivery receipt for one part: `failed` sticks (one lost part loses the message), `delivered`
 * applies unless a part failed. False when no row has that message id (yet): the SMSC is asked to
 * send the receipt again later.
 */
export async function recordSmsReceipt(
  db: Queryable,
  receipt: { providerMessageId: string; outcome: 'delivered' | 'failed'; stat: string },
): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE outbox_messages
     SET sms_delivery_status = CASE WHEN $2 = 'failed' OR sms_delivery_status = 'failed' THEN 'failed' ELSE 'delivered' END,
         delivery_receipt_stat = $3, delivery_receipt_at = now()
     WHERE provider_message_ids @> ARRAY[$1]::text[]
     RETURNING id`,
    [receipt.providerMessageId, receipt.outcome, receipt.stat.slice(0, 16)],
  );
  return rows.length > 0;
}

export async function markFailed(db: Queryable, id: string, error: string, retryInMs: number | null): Promise<void> {
  if (retryInMs === null) {
    await db.query(`UPDATE outbox_messages SET status = 'dead', locked_until = NULL, last_error = $2, ${ERASE_TEXT} WHERE id = $1`, [
      id,
      error,
    ]);
    return;
  }
  await db.query(
    `UPDATE outbox_messages SET locked_until = NULL, last_error = $2,
       next_attempt_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1`,
    [id, error, String(retryInMs)],
  );
}

/**
 * A message that was not sent on purpose (outbox.worker.ts SuppressedError). The status CHECK of
 * migration 0001 knows pending, delivered and dead only, so it ends dead, its text erased like any
 * ended message's, and `payload.suppressed` holds the reason: the staff's file lists it as
 * suppressed (sent.repo.ts) and the dead backlog, which waits for a person, does not count it.
 */
export async function markSuppressed(db: Queryable, id: string, reason: SmsSuppressionReason): Promise<void> {
  await db.query(
    `UPDATE outbox_messages SET status = 'dead', locked_until = NULL, last_error = $2,
       payload = (payload - 'text' - 'sealedText') || jsonb_build_object('suppressed', $3::text)
     WHERE id = $1`,
    [id, `suppressed: ${reason}`, reason],
  );
}

export async function outboxBacklog(db: Queryable): Promise<{ pending: number; dead: number }> {
  const { rows } = await db.query<{ pending: bigint; dead: bigint }>(
    `SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
            count(*) FILTER (WHERE status = 'dead' AND payload->>'suppressed' IS NULL) AS dead
     FROM outbox_messages WHERE status <> 'delivered'`,
  );
  return { pending: Number(rows[0]?.pending ?? 0), dead: Number(rows[0]?.dead ?? 0) };
}
