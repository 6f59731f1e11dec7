import { type DateTimeStyle as FormatStyle, formatDateTime as formatInstant } from '@kassa/format';
import type { Language } from './i18n.js';

/**
 * The one place that turns an instant into the bank's calendar and into words. The bank's time
 * zone comes from configuration (BANK_TIME_ZONE, Asia/Almaty by default): it decides what a
 * customer reads as "today" for limits and statements, and the time printed on receipts and SMS.
 */

/** BANK_TIME_ZONE's default, and the zone of migrations run without configuration (tests). */
export const DEFAULT_BANK_TIME_ZONE = 'Asia/Almaty';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

/** Whether `timeZone` is an IANA zone this runtime knows (checked once, at configuration). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export type DateTimeStyle = 'date-time' | 'date' | 'short' | 'numeric';

/** Each of the server's styles as the shared formatting module (packages/format) names it. */
const STYLES: Readonly<Record<DateTimeStyle, FormatStyle>> = {
  // A receipt: "1 дек. 2026, 12:07:05".
  'date-time': 'dateTimeSeconds',
  date: 'numericDate',
  // An SMS, where every character counts: "01.12, 12:07".
  short: 'numericDayMonthTime',
  // Date with year and time to the minute, digits only: the rows of a statement.
  numeric: 'numericDateTime',
};

/** An instant in the bank's time zone, for people: receipts, statements, SMS; as the web app prints it. */
export function formatDateTime(at: Date, language: Language, timeZone: string, style: DateTimeStyle = 'date-time'): string {
  return formatInstant(at, language, timeZone, STYLES[style]);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the bank's time zone. */
export function calendarDay(at: Date, timeZone: string): string {
  // en-CA prints ISO dates (YYYY-MM-DD), which sort and compare as text.
  return formatter(
    `day|${timeZone}`,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(at);
}

/** The wall-clock minute (HH:MM, 24 h) of an instant in the bank's time zone: a CSV's time column. */
export function calendarTime(at: Date, timeZone: string): string {
  return formatter(
    `time|${timeZone}`,
    () => new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }),
  ).format(at);
}

/** The first day (YYYY-MM-01) of the month an instant falls in, in the bank's time zone. */
export function calendarMonthStart(at: Date, timeZone: string): string {
  return `${calendarDay(at, timeZone).slice(0, 7)}-01`;
}

/** Milliseconds the zone is ahead of UTC at an instant (negative west of Greenwich). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = formatter(
    `offset|${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(at);
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a calendar day (YYYY-MM-DD) begins in the bank's time zone. */
export function startOfDay(day: string, timeZone: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  // Two passes: the offset at the guess, then at the corrected instant (a DST change in between).
  const guess = new Date(utcMidnight.getTime() - zoneOffsetMs(utcMidnight, timeZone));
  return new Date(utcMidnight.getTime() - zoneOffsetMs(guess, timeZone));
}
