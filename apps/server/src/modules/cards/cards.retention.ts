import type { RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { cutoffBefore, purgeBatch } from '../../db/purge.js';
import { purgeExpiredHeldCards } from './vault/index.js';

const MONTHS_OF_DAY_COUNTERS = 2;
const DAY_HOURS = 24;
const MONTH_DAYS_MAX = 31;

/**
 * SECURITY.md 35. A limit raise or a reveal that waited for a code is of no use once its code has
 * expired: gone after the challenges' window, as the challenge itself. A reveal that happened is
 * the card's security history (when its details were shown), kept for the sessions' window; the
 * audit log keeps the event for good. Day counters past the month before last decide no limit.
 */
export async function purgeExpired(db: Queryable, now: Date, windows: RetentionWindows): Promise<Record<string, number>> {
  const challenges = cutoffBefore(now, windows.challengesHours);
  return {
    // A typed card held for a 3-D Secure challenge that never ended (the checkout drops the others at once).
    card_vault_held_cards: await purgeExpiredHeldCards(db, now),
    card_limit_requests: await purgeBatch(db, { table: 'card_limit_requests', key: 'id', expired: 'created_at < $1' }, challenges),
    card_reveals_unconfirmed: await purgeBatch(
      db,
      { table: 'card_reveals', key: 'id', expired: "status <> 'revealed' AND requested_at < $1" },
      challenges,
    ),
    card_reveals: await purgeBatch(
      db,
      { table: 'card_reveals', key: 'id', expired: 'revealed_at < $1' },
      cutoffBefore(now, windows.sessionsHours),
    ),
    card_internet_days: await purgeBatch(
      db,
      { table: 'card_internet_days', key: '(card_id, day)', expired: 'day < $1::timestamptz::date' },
      cutoffBefore(now, MONTHS_OF_DAY_COUNTERS * MONTH_DAYS_MAX * DAY_HOURS),
    ),
  };
}
