import { assert } from '../shared/assert.js';
import type { Queryable } from './database.js';

/**
 * Bounded deletes for the retention purge (SECURITY.md 35). Each module purges its own tables
 * with these; the scheduler is modules/retention.
 */

/**
 * Rows one purge statement deletes at most. Each statement is its own short transaction, so it
 * never holds row locks for long, and several servers purging at once split the work.
 */
export const PURGE_BATCH_ROWS_MAX = 500;

const MS_PER_HOUR = 3_600_000;

export interface PurgeTarget {
  table: string;
  /** The column, or a parenthesised column list, that identifies a row of the table. */
  key: string;
  /** A condition true for a row past its window; `$1` is the cutoff instant. */
  expired: string;
}

// Table and key are written in code, never taken from input; this keeps it so.
const IDENTIFIER = /^\(?[a-z_]+(, [a-z_]+)*\)?$/;

/** The instant before which a row with a window of `hours` is past it. */
export function cutoffBefore(now: Date, hours: number): Date {
  return new Date(now.getTime() - hours * MS_PER_HOUR);
}

/**
 * Deletes at most `batchMax` expired rows and returns how many it deleted. SKIP LOCKED: a row that
 * some request holds is left for the next batch rather than waited for.
 */
export async function purgeBatch(db: Queryable, target: PurgeTarget, cutoff: Date, batchMax = PURGE_BATCH_ROWS_MAX): Promise<number> {
  assert(IDENTIFIER.test(target.table) && IDENTIFIER.test(target.key), `purge target ${target.table} (${target.key}) is not a plain name`);
  const columns = target.key.replace(/^\((.*)\)$/, '$1');
  const { rowCount } = await db.query(
    `DELETE FROM ${target.table} WHERE ${target.key} IN (
       SELECT ${columns} FROM ${target.table} WHERE ${target.expired} LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [cutoff, batchMax],
  );
  return rowCount;
}
