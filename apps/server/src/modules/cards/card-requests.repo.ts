import type { Queryable, Tx } from '../../db/database.js';
import type { CardLimits } from './cards.types.js';

/**
 * The SQL of card_limit_requests, card_reveals and card_internet_days (migration 0032): what
 * waits for a code, the log of details shown, and the internet spending per bank day.
 */

// ---- card_limit_requests ----

export interface LimitRequest {
  id: string;
  cardId: string;
  customerId: string;
  challengeId: string;
  /** New limits, or null with unlimitedDays: a period without them. */
  limits: CardLimits | null;
  unlimitedDays: number | null;
  status: 'pending' | 'applied' | 'void';
  createdAt: Date;
}

const LIMIT_REQUEST_COLUMNS = `id, card_id, customer_id, challenge_id, per_operation_minor, per_day_minor, per_month_minor,
  unlimited_days, status, created_at`;

interface LimitRequestRow {
  id: string;
  card_id: string;
  customer_id: string;
  challenge_id: string;
  per_operation_minor: bigint | null;
  per_day_minor: bigint | null;
  per_month_minor: bigint | null;
  unlimited_days: number | null;
  status: LimitRequest['status'];
  created_at: Date;
}

function toLimitRequest(row: LimitRequestRow): LimitRequest {
  const limits =
    row.per_operation_minor !== null && row.per_day_minor !== null && row.per_month_minor !== null
      ? {
          perOperationMinor: BigInt(row.per_operation_minor),
          perDayMinor: BigInt(row.per_day_minor),
          perMonthMinor: BigInt(row.per_month_minor),
        }
      : null;
  return {
    id: row.id,
    cardId: row.card_id,
    customerId: row.customer_id,
    challengeId: row.challenge_id,
    limits,
    unlimitedDays: row.unlimited_days === null ? null : Number(row.unlimited_days),
    status: row.status,
    createdAt: row.created_at,
  };
}

export async function insertLimitRequest(tx: Tx, request: LimitRequest): Promise<void> {
  await tx.query(`INSERT INTO card_limit_requests (${LIMIT_REQUEST_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
    request.id,
    request.cardId,
    request.customerId,
    request.challengeId,
    request.limits?.perOperationMinor ?? null,
    request.limits?.perDayMinor ?? null,
    request.limits?.perMonthMinor ?? null,
    request.unlimitedDays,
    request.status,
    request.createdAt,
  ]);
}

/** The pending request of this challenge on this card, under its row lock; null for any other. */
export async function lockPendingLimitRequest(tx: Tx, cardId: string, challengeId: string): Promise<LimitRequest | null> {
  const { rows } = await tx.query<LimitRequestRow>(
    `SELECT ${LIMIT_REQUEST_COLUMNS} FROM card_limit_requests
     WHERE card_id = $1 AND challenge_id = $2 AND status = 'pending' FOR UPDATE`,
    [cardId, challengeId],
  );
  return rows[0] ? toLimitRequest(rows[0]) : null;
}

/** The card's other pending requests become void: only the newest request can be confirmed. */
export async function voidPendingLimitRequests(tx: Tx, cardId: string, now: Date): Promise<string[]> {
  const { rows } = await tx.query<{ challenge_id: string }>(
    `UPDATE card_limit_requests SET status = 'void', decided_at = $2 WHERE card_id = $1 AND status = 'pending' RETURNING challenge_id`,
    [cardId, now],
  );
  return rows.map((row) => row.challenge_id);
}

export async function decideLimitRequest(tx: Tx, id: string, status: 'applied' | 'void', now: Date): Promise<void> {
  await tx.query("UPDATE card_limit_requests SET status = $2, decided_at = $3 WHERE id = $1 AND status = 'pending'", [id, status, now]);
}

// ---- card_reveals ----

export interface RevealRequest {
  id: string;
  cardId: string;
  customerId: string;
  challengeId: string;
  status: 'requested' | 'revealed' | 'void';
  requestedAt: Date;
}

export async function insertReveal(tx: Tx, reveal: RevealRequest): Promise<void> {
  await tx.query(
    'INSERT INTO card_reveals (id, card_id, customer_id, challenge_id, status, requested_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [reveal.id, reveal.cardId, reveal.customerId, reveal.challengeId, reveal.status, reveal.requestedAt],
  );
}

/** The reveal asked with this challenge for this card, still waiting for its code, under its row lock. */
export async function lockRequestedReveal(tx: Tx, cardId: string, challengeId: string): Promise<RevealRequest | null> {
  const { rows } = await tx.query<{
    id: string;
    card_id: string;
    customer_id: string;
    challenge_id: string;
    status: RevealRequest['status'];
    requested_at: Date;
  }>(
    `SELECT id, card_id, customer_id, challenge_id, status, requested_at FROM card_reveals
     WHERE card_id = $1 AND challenge_id = $2 AND status = 'requested' FOR UPDATE`,
    [cardId, challengeId],
  );
  const row = rows[0];
  return row
    ? {
        id: row.id,
        cardId: row.card_id,
        customerId: row.customer_id,
        challengeId: row.challenge_id,
        status: row.status,
        requestedAt: row.requested_at,
      }
    : null;
}

export async function markReveal(tx: Tx, id: string, status: 'revealed' | 'void', now: Date): Promise<void> {
  await tx.query(
    `UPDATE card_reveals SET status = $2, revealed_at = CASE WHEN $2 = 'revealed' THEN $3::timestamptz ELSE NULL END
     WHERE id = $1 AND status = 'requested'`,
    [id, status, now],
  );
}

/** Details shown to a customer since an instant: how many times, and the oldest (when the hour frees a reveal). */
export async function selectRevealsSince(q: Queryable, customerId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const { rows } = await q.query<{ count: bigint; oldest: Date | null }>(
    "SELECT count(*) AS count, min(revealed_at) AS oldest FROM card_reveals WHERE customer_id = $1 AND status = 'revealed' AND revealed_at > $2",
    [customerId, since],
  );
  return { count: Number(rows[0]?.count ?? 0), oldest: rows[0]?.oldest ?? null };
}

// ---- card_internet_days ----

/** What the card spent on the internet on a bank day and in the month that day opens (both 'YYYY-MM-DD'). */
export async function internetSpent(
  q: Queryable,
  cardId: string,
  day: string,
  monthStart: string,
): Promise<{ day: bigint; month: bigint }> {
  const { rows } = await q.query<{ day: bigint | null; month: bigint | null }>(
    `SELECT sum(spent_minor) FILTER (WHERE day = $2::date) AS day, sum(spent_minor) AS month
     FROM card_internet_days WHERE card_id = $1 AND day >= $3::date AND day <= $2::date`,
    [cardId, day, monthStart],
  );
  return { day: BigInt(rows[0]?.day ?? 0n), month: BigInt(rows[0]?.month ?? 0n) };
}

/**
 * Adds to (or, with negative numbers, gives back from) a day's spending and its count of
 * purchases (`purchases`: 1 for a purchase counted, -1 for one given back, 0 for a part of an
 * amount); neither goes below zero.
 */
export async function addInternetSpent(tx: Tx, cardId: string, day: string, amountMinor: bigint, purchases: -1 | 0 | 1): Promise<void> {
  await tx.query(
    `INSERT INTO card_internet_days (card_id, day, spent_minor, purchases) VALUES ($1, $2::date, GREATEST($3::bigint, 0), GREATEST($4::integer, 0))
     ON CONFLICT (card_id, day) DO UPDATE
       SET spent_minor = GREATEST(card_internet_days.spent_minor + $3::bigint, 0),
           purchases = GREATEST(card_internet_days.purchases + $4::integer, 0)`,
    [cardId, day, amountMinor, purchases],
  );
}
