/**
 * The dates of scheduled payments, as the bank's calendar days (YYYY-MM-DD in BANK_TIME_ZONE).
 * Monthly days are 1-28, so every month has the day and no run slides into the next month.
 */

/** How far ahead a one-off payment may be scheduled. */
export const ONCE_AHEAD_DAYS_MAX = 366;
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): { year: number; month: number; date: number } {
  const match = DATE.exec(day);
  if (!match) throw new Error(`not a calendar day: ${day}`);
  return { year: Number(match[1]), month: Number(match[2]), date: Number(match[3]) };
}

function iso(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** A real calendar day (2027-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  if (!DATE.test(day)) return false;
  const { year, month, date } = parts(day);
  const at = new Date(Date.UTC(year, month - 1, date));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === date;
}

export function addDays(day: string, days: number): string {
  const { year, month, date } = parts(day);
  return new Date(Date.UTC(year, month - 1, date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first `dayOfMonth` strictly after `after`. */
export function nextMonthly(dayOfMonth: number, after: string): string {
  const { year, month, date } = parts(after);
  if (date < dayOfMonth) return iso(year, month, dayOfMonth);
  return month === 12 ? iso(year + 1, 1, dayOfMonth) : iso(year, month + 1, dayOfMonth);
}

/**
 * The first run of a new schedule: a one-off's date when it is from tomorrow to a year ahead, a
 * monthly one's next day of the month after today; null for a date outside that or a bad day.
 */
export function firstRunOn(body: { frequency: 'once' | 'monthly'; runOn?: string; dayOfMonth?: number }, today: string): string | null {
  if (body.frequency === 'monthly') {
    const day = body.dayOfMonth;
    return day !== undefined && Number.isInteger(day) && day >= 1 && day <= 28 ? nextMonthly(day, today) : null;
  }
  const runOn = body.runOn;
  if (!runOn || !isCalendarDay(runOn)) return null;
  return runOn > today && runOn <= addDays(today, ONCE_AHEAD_DAYS_MAX) ? runOn : null;
}
