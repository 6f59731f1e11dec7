import type { AppContext } from '../../context.js';
import { assert } from '../../shared/assert.js';
import { startOfDay } from '../../shared/datetime.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { type Account, listPostings, POSTINGS_PAGE_LIMIT_MAX, type PostingView } from '../ledger/index.js';
import { STATEMENT_TOO_MANY_OPERATIONS } from './accounts.messages.js';

// A statement longer than this is a data export, not a statement: ask for a shorter period.
export const STATEMENT_POSTINGS_MAX = 5000;
export const STATEMENT_PERIOD_DAYS_MAX = 366;

export interface Statement {
  account: Account;
  from: string;
  to: string;
  openingMinor: bigint;
  closingMinor: bigint;
  /** The sum of the period's credits, and of its debits as a positive number: opening + credits − debits = closing. */
  creditsMinor: bigint;
  debitsMinor: bigint;
  postings: PostingView[];
}

const DAY_MS = 86_400_000;

/** Milliseconds from 1970-01-01 to a calendar day (YYYY-MM-DD) as a date with no zone; NaN when malformed. */
function dayNumberMs(day: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
}

/**
 * Postings of [from, to] (calendar days of the bank's time zone, BANK_TIME_ZONE), oldest first,
 * with opening and closing balances.
 */
export async function buildStatement(
  ctx: Pick<AppContext, 'db' | 'config'>,
  account: Account,
  from: string,
  to: string,
): Promise<Statement> {
  // Counted on the calendar, not in hours: a day with a daylight saving change is still one day.
  const days = (dayNumberMs(to) - dayNumberMs(from)) / DAY_MS + 1;
  if (!(days >= 1 && days <= STATEMENT_PERIOD_DAYS_MAX)) {
    throw new ProblemError(CommonProblem['validation-failed'], {
      errors: [
        {
          pointer: '/querystring/to',
          detail: {
            ru: `Период — от 1 до ${STATEMENT_PERIOD_DAYS_MAX} дней`,
            kk: `Кезең 1 күннен ${STATEMENT_PERIOD_DAYS_MAX} күнге дейін`,
            en: `The period is 1 to ${STATEMENT_PERIOD_DAYS_MAX} days`,
          },
        },
      ],
    });
  }
  const { bankTimeZone } = ctx.config;
  const start = startOfDay(from, bankTimeZone);
  const dayAfterTo = new Date(dayNumberMs(to) + DAY_MS).toISOString().slice(0, 10);
  const end = startOfDay(dayAfterTo, bankTimeZone);
  const inPeriod: PostingView[] = [];
  let opening: bigint | null = null;
  let closing: bigint | null = null;
  let cursor: string | null = null;
  // Newest first: skip what is after the period, collect the period, stop at the first posting before it.
  // Once collecting, every posting is taken until then, so the rows are a run of the account's
  // balances without a gap (a posting's time is its transaction's start, not quite its order).
  do {
    const page = await listPostings(ctx.db, account.id, { limit: POSTINGS_PAGE_LIMIT_MAX, cursor });
    for (const posting of page.items) {
      if (inPeriod.length === 0 && posting.createdAt >= end) continue;
      if (posting.createdAt < start) {
        opening = posting.balanceAfterMinor;
        break;
      }
      closing ??= posting.balanceAfterMinor;
      inPeriod.push(posting);
      if (inPeriod.length > STATEMENT_POSTINGS_MAX) {
        throw new ProblemError(CommonProblem['unprocessable-content'], { detail: STATEMENT_TOO_MANY_OPERATIONS });
      }
    }
    cursor = opening === null ? page.nextCursor : null;
  } while (cursor);
  inPeriod.reverse();
  const openingMinor = opening ?? 0n;
  const closingMinor = closing ?? openingMinor;
  let creditsMinor = 0n;
  let debitsMinor = 0n;
  for (const posting of inPeriod) {
    if (posting.amountMinor > 0n) creditsMinor += posting.amountMinor;
    else debitsMinor -= posting.amountMinor;
  }
  // The postings' own balances must add up: a statement that does not is never printed.
  assert(openingMinor + creditsMinor - debitsMinor === closingMinor, `statement of ${account.id}: opening, totals and closing disagree`);
  return { account, from, to, openingMinor, closingMinor, creditsMinor, debitsMinor, postings: inPeriod };
}
