import { SMS_SUPPRESSION_REASONS, type SmsSuppressionReason } from '../../context.js';
import type { Queryable } from '../../db/database.js';

/**
 * What the bank has sent a customer, for the staff's customer file (issue 13 item 8): the kind,
 * the channel, when, and whether it went out, never a text. SECURITY.md 20 and 35: a code SMS
 * carries a live secret, so no statement here names a text column or payload field; the kind of
 * a code message is reported as `code` with `isCode` set, and the file shows "verification code
 * (hidden)".
 *
 * SMS messages are found by the number they went to (the outbox row has no customer id: a code
 * may go to a number that is not a customer yet); in-app notices by the customer id, in the
 * outbox while pending and in the inbox once delivered (its id is the outbox id, so one notice
 * is listed once).
 */

/** `suppressed`: not sent on purpose, with the reason (an SMS to a number under an emergency block, outbox.repo.ts markSuppressed). */
export const SENT_STATUSES = ['pending', 'delivered', 'failed', 'suppressed', 'read'] as const;
export type SentStatus = (typeof SENT_STATUSES)[number];

export interface SentNotification {
  id: string;
  channel: 'sms' | 'in_app';
  /** The purpose of an SMS or the kind of an in-app notice ("operation.accepted", "dispute.refunded"); `code` for any code. */
  kind: string;
  isCode: boolean;
  status: SentStatus;
  /** Why a `suppressed` message was not sent; null for every other status. */
  suppressedReason: SmsSuppressionReason | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** The purpose every code SMS starts with (notifications.service.ts queueCodeSms). */
const CODE_PURPOSE_PREFIX = 'code:';

interface SentRow {
  id: string;
  channel: 'sms' | 'in_app';
  kind: string | null;
  status: string;
  suppressed: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

function suppressedReasonOf(row: SentRow): SmsSuppressionReason | null {
  if (row.status !== 'dead' || row.suppressed === null) return null;
  // A reason this build does not know (written by a newer one): the status still says "not sent on purpose".
  return SMS_SUPPRESSION_REASONS.find((reason) => reason === row.suppressed) ?? null;
}

function statusOf(row: SentRow): SentStatus {
  if (row.status === 'dead') return row.suppressed === null ? 'failed' : 'suppressed';
  if (row.status === 'delivered' || row.status === 'read' || row.status === 'pending') return row.status;
  return 'pending';
}

/** Newest first, at most `limit`; only the columns listed here ever leave the database. */
export async function listSentNotifications(
  q: Queryable,
  who: { customerId: string; phone: string },
  limit: number,
): Promise<SentNotification[]> {
  const { rows } = await q.query<SentRow>(
    `SELECT id, channel, kind, status, suppressed, created_at, delivered_at FROM (
       SELECT id, channel, CASE WHEN channel = 'sms' THEN payload->>'purpose' ELSE payload->>'kind' END AS kind,
              status, payload->>'suppressed' AS suppressed, created_at, delivered_at
       FROM outbox_messages
       WHERE (channel = 'sms' AND payload->>'to' = $2)
          OR (channel = 'in_app' AND payload->>'customerId' = $1 AND status <> 'delivered')
       UNION ALL
       SELECT id, 'in_app', kind, CASE WHEN read_at IS NULL THEN 'delivered' ELSE 'read' END, NULL, created_at, created_at
       FROM notifications WHERE customer_id = $1
     ) AS sent
     ORDER BY created_at DESC, id DESC
     LIMIT $3`,
    [who.customerId, who.phone, limit],
  );
  return rows.map((row) => {
    const isCode = (row.kind ?? '').startsWith(CODE_PURPOSE_PREFIX);
    return {
      id: row.id,
      channel: row.channel,
      kind: isCode ? 'code' : (row.kind ?? 'unknown'),
      isCode,
      status: statusOf(row),
      suppressedReason: suppressedReasonOf(row),
      createdAt: row.created_at,
      deliveredAt: row.delivered_at,
    };
  });
}
