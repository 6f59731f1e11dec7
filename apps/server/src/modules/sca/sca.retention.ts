import type { RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { cutoffBefore, purgeBatch } from '../../db/purge.js';
import { CAP_WINDOW_MS_MAX } from './caps.js';

const MS_PER_HOUR = 3_600_000;

/**
 * SECURITY.md 35: code challenges hold a phone (often of someone who is not a customer yet), an
 * IP and a keyed hash of a code. Once expired they serve only investigation; the window (≥ 24 h,
 * config.ts) keeps them for a day of it. The caps count in cap_events (caps.ts), whose rows hold a
 * phone or an IP too: past the longest cap window (CAP_WINDOW_MS_MAX) they decide nothing and go.
 */
export async function purgeExpired(db: Queryable, now: Date, windows: RetentionWindows): Promise<Record<string, number>> {
  const cutoff = cutoffBefore(now, windows.challengesHours);
  return {
    sca_challenges: await purgeBatch(db, { table: 'sca_challenges', key: 'id', expired: 'expires_at < $1' }, cutoff),
    cap_events: await purgeBatch(
      db,
      { table: 'cap_events', key: 'id', expired: 'occurred_at < $1' },
      cutoffBefore(now, CAP_WINDOW_MS_MAX / MS_PER_HOUR),
    ),
  };
}
