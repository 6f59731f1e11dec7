import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Currency } from '../ledger/index.js';

/** The SQL of favourites and scheduled payments (migration 0049), one column list each. */

export interface Favourite {
  id: string;
  customerId: string;
  providerId: string;
  name: string;
  fields: Record<string, string>;
  accountLabel: string;
  amountMinor: bigint | null;
  sourceAccountId: string | null;
  remind: boolean;
  lastRemindedOn: string | null;
  createdAt: Date;
}

interface FavouriteRow {
  id: string;
  customer_id: string;
  provider_id: string;
  name: string;
  fields: Record<string, string>;
  account_label: string;
  amount_minor: string | bigint | null;
  source_account_id: string | null;
  remind: boolean;
  last_reminded_on: string | Date | null;
  created_at: Date;
}

const FAVOURITE_COLUMNS =
  'id, customer_id, provider_id, name, fields, account_label, amount_minor, source_account_id, remind, last_reminded_on, created_at';

/** A date column as YYYY-MM-DD, whichever way the driver hands it over. */
function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

function toFavourite(row: FavouriteRow): Favourite {
  return {
    id: row.id,
    customerId: row.customer_id,
    providerId: row.provider_id,
    name: row.name,
    fields: row.fields,
    accountLabel: row.account_label,
    amountMinor: row.amount_minor === null ? null : BigInt(row.amount_minor),
    sourceAccountId: row.source_account_id,
    remind: row.remind,
    lastRemindedOn: isoDate(row.last_reminded_on),
    createdAt: row.created_at,
  };
}

/** Saving the same provider and account again renames it (and takes the new amount and account). */
export async function upsertFavourite(q: Queryable, favourite: Favourite): Promise<Favourite> {
  const { rows } = await q.query<FavouriteRow>(
    `INSERT INTO service_favourites (${FAVOURITE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (customer_id, provider_id, account_label) DO UPDATE
       SET name = EXCLUDED.name, amount_minor = EXCLUDED.amount_minor, source_account_id = EXCLUDED.source_account_id,
           remind = EXCLUDED.remind, fields = EXCLUDED.fields
     RETURNING ${FAVOURITE_COLUMNS}`,
    [
      favourite.id,
      favourite.customerId,
      favourite.providerId,
      favourite.name,
      JSON.stringify(favourite.fields),
      favourite.accountLabel,
      favourite.amountMinor?.toString() ?? null,
      favourite.sourceAccountId,
      favourite.remind,
      favourite.lastRemindedOn,
      favourite.createdAt,
    ],
  );
  const row = rows[0];
  assert(row, 'an upsert returns its row');
  return toFavourite(row);
}

export async function countFavourites(q: Queryable, customerId: string): Promise<number> {
  const { rows } = await q.query<{ count: string | number }>('SELECT count(*) AS count FROM service_favourites WHERE customer_id = $1', [
    customerId,
  ]);
  return Number(rows[0]?.count ?? 0);
}

export async function selectFavourites(q: Queryable, customerId: string, limit: number): Promise<Favourite[]> {
  const { rows } = await q.query<FavouriteRow>(
    `SELECT ${FAVOURITE_COLUMNS} FROM service_favourites WHERE customer_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [customerId, limit],
  );
  return rows.map(toFavourite);
}

/** False when the customer has no such favourite (another customer's is none of theirs). */
export async function deleteFavourite(q: Queryable, customerId: string, favouriteId: string): Promise<boolean> {
  const { rowCount } = await q.query('DELETE FROM service_favourites WHERE id = $1 AND customer_id = $2', [favouriteId, customerId]);
  return rowCount === 1;
}

/** Favourites with reminders not yet reminded on or after `since` (this month), a batch at a time. */
export async function selectFavouritesToRemind(q: Queryable, since: string, limit: number): Promise<Favourite[]> {
  const { rows } = await q.query<FavouriteRow>(
    `SELECT ${FAVOURITE_COLUMNS} FROM service_favourites
      WHERE remind AND (last_reminded_on IS NULL OR last_reminded_on < $1) ORDER BY id LIMIT $2`,
    [since, limit],
  );
  return rows.map(toFavourite);
}

/** Marks a reminder sent; false when another server marked it first (it sends nothing then). */
export async function markReminded(tx: Tx, favouriteId: string, on: string, since: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    'UPDATE service_favourites SET last_reminded_on = $2 WHERE id = $1 AND (last_reminded_on IS NULL OR last_reminded_on < $3)',
    [favouriteId, on, since],
  );
  return rowCount === 1;
}

export type ScheduleStatus = 'awaiting_confirmation' | 'active' | 'cancelled' | 'finished';

export interface Schedule {
  id: string;
  customerId: string;
  providerId: string;
  name: string;
  fields: Record<string, string>;
  accountLabel: string;
  sourceAccountId: string;
  amountMinor: bigint;
  currency: Currency;
  frequency: 'once' | 'monthly';
  dayOfMonth: number | null;
  status: ScheduleStatus;
  challengeId: string | null;
  nextRunOn: string | null;
  lastRunOn: string | null;
  lastOperationId: string | null;
  lastRemindedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface ScheduleRow {
  id: string;
  customer_id: string;
  provider_id: string;
  name: string;
  fields: Record<string, string>;
  account_label: string;
  source_account_id: string;
  amount_minor: string | bigint;
  currency: Currency;
  frequency: 'once' | 'monthly';
  day_of_month: number | null;
  status: ScheduleStatus;
  challenge_id: string | null;
  next_run_on: string | Date | null;
  last_run_on: string | Date | null;
  last_operation_id: string | null;
  last_reminded_on: string | Date | null;
  created_at: Date;
  updated_at: Date;
}

const SCHEDULE_COLUMNS = `id, customer_id, provider_id, name, fields, account_label, source_account_id, amount_minor, currency, frequency,
  day_of_month, status, challenge_id, next_run_on, last_run_on, last_operation_id, last_reminded_on, created_at, updated_at`;

function toSchedule(row: ScheduleRow): Schedule {
  return {
    id: row.id,
    customerId: row.customer_id,
    providerId: row.provider_id,
    name: row.name,
    fields: row.fields,
    accountLabel: row.account_label,
    sourceAccountId: row.source_account_id,
    amountMinor: BigInt(row.amount_minor),
    currency: row.currency,
    frequency: row.frequency,
    dayOfMonth: row.day_of_month,
    status: row.status,
    challengeId: row.challenge_id,
    nextRunOn: isoDate(row.next_run_on),
    lastRunOn: isoDate(row.last_run_on),
    lastOperationId: row.last_operation_id,
    lastRemindedOn: isoDate(row.last_reminded_on),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertSchedule(tx: Tx, schedule: Schedule): Promise<void> {
  assert(tx.inTransaction, 'written with its code');
  await tx.query(
    `INSERT INTO service_schedules (${SCHEDULE_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      schedule.id,
      schedule.customerId,
      schedule.providerId,
      schedule.name,
      JSON.stringify(schedule.fields),
      schedule.accountLabel,
      schedule.sourceAccountId,
      schedule.amountMinor.toString(),
      schedule.currency,
      schedule.frequency,
      schedule.dayOfMonth,
      schedule.status,
      schedule.challengeId,
      schedule.nextRunOn,
      schedule.lastRunOn,
      schedule.lastOperationId,
      schedule.lastRemindedOn,
      schedule.createdAt,
      schedule.updatedAt,
    ],
  );
}

export async function selectSchedule(q: Queryable, scheduleId: string): Promise<Schedule | null> {
  const { rows } = await q.query<ScheduleRow>(`SELECT ${SCHEDULE_COLUMNS} FROM service_schedules WHERE id = $1`, [scheduleId]);
  return rows[0] ? toSchedule(rows[0]) : null;
}

export async function lockSchedule(tx: Tx, scheduleId: string): Promise<Schedule | null> {
  assert(tx.inTransaction, 'a lock lives in a transaction');
  const { rows } = await tx.query<ScheduleRow>(`SELECT ${SCHEDULE_COLUMNS} FROM service_schedules WHERE id = $1 FOR UPDATE`, [scheduleId]);
  return rows[0] ? toSchedule(rows[0]) : null;
}

export async function selectSchedules(q: Queryable, customerId: string, limit: number): Promise<Schedule[]> {
  const { rows } = await q.query<ScheduleRow>(
    `SELECT ${SCHEDULE_COLUMNS} FROM service_schedules
      WHERE customer_id = $1 AND status IN ('active', 'finished', 'cancelled') ORDER BY created_at DESC, id LIMIT $2`,
    [customerId, limit],
  );
  return rows.map(toSchedule);
}

export async function countActiveSchedules(q: Queryable, customerId: string): Promise<number> {
  const { rows } = await q.query<{ count: string | number }>(
    "SELECT count(*) AS count FROM service_schedules WHERE customer_id = $1 AND status IN ('awaiting_confirmation', 'active')",
    [customerId],
  );
  return Number(rows[0]?.count ?? 0);
}

/** Active schedules due on or before `today` (bank's date), a batch at a time, oldest first. */
export async function selectDueSchedules(q: Queryable, today: string, limit: number): Promise<Schedule[]> {
  const { rows } = await q.query<ScheduleRow>(
    `SELECT ${SCHEDULE_COLUMNS} FROM service_schedules WHERE status = 'active' AND next_run_on <= $1 ORDER BY next_run_on, id LIMIT $2`,
    [today, limit],
  );
  return rows.map(toSchedule);
}

/** Active schedules whose next run is on `day`, not yet reminded of it. */
export async function selectSchedulesToRemind(q: Queryable, day: string, limit: number): Promise<Schedule[]> {
  const { rows } = await q.query<ScheduleRow>(
    `SELECT ${SCHEDULE_COLUMNS} FROM service_schedules
      WHERE status = 'active' AND next_run_on = $1 AND (last_reminded_on IS NULL OR last_reminded_on < $1) ORDER BY id LIMIT $2`,
    [day, limit],
  );
  return rows.map(toSchedule);
}

export async function updateSchedule(
  tx: Tx,
  scheduleId: string,
  change: Partial<Pick<Schedule, 'status' | 'challengeId' | 'nextRunOn' | 'lastRunOn' | 'lastOperationId' | 'lastRemindedOn'>>,
  now: Date,
): Promise<void> {
  assert(tx.inTransaction, 'under the schedule’s lock');
  const columns: Record<string, unknown> = {
    status: change.status,
    challenge_id: change.challengeId,
    next_run_on: change.nextRunOn,
    last_run_on: change.lastRunOn,
    last_operation_id: change.lastOperationId,
    last_reminded_on: change.lastRemindedOn,
  };
  const set = Object.entries(columns).filter(([, value]) => value !== undefined);
  const assignments = set.map(([column], index) => `${column} = $${index + 3}`);
  await tx.query(`UPDATE service_schedules SET updated_at = $2${assignments.map((a) => `, ${a}`).join('')} WHERE id = $1`, [
    scheduleId,
    now,
    ...set.map(([, value]) => value),
  ]);
}
