import { type DateTimeOptions, dateTimeFormat, intlFor, type LocaleIntl } from './intl.js';
import { type Language, LOCALE_BY_LANGUAGE } from './language.js';

/**
 * How an instant is shown (ru · kk · en):
 * - date: "1 дек. 2026" · "1 жел. 2026" · "1 Dec 2026" (history, devices, payees)
 * - dateTime: "1 дек. 2026, 12:07" (lists, sessions)
 * - dateTimeSeconds: "1 дек. 2026, 12:07:05" (an operation, a receipt)
 * - time: "12:07:05"
 * - hoursMinutes: "12:07" (when a call started: "Is Kassa calling me?")
 * - numericDate: "01.12.2026" · "01.12.2026" · "01/12/2026"
 * - numericDateTime: "01.12.2026, 12:07" (the rows of a statement)
 * - numericDayMonthTime: "01.12, 12:07" (an SMS, where every character counts)
 */
export type DateTimeStyle =
  | 'date'
  | 'dateTime'
  | 'dateTimeSeconds'
  | 'time'
  | 'hoursMinutes'
  | 'numericDate'
  | 'numericDateTime'
  | 'numericDayMonthTime';

// Every locale-dependent piece is formatted in UTC from the wall clock (wallClock below), so the
// polyfill needs no time-zone data and prints exactly what the runtime's own Intl prints.
const UTC = 'UTC';
const DAY_MONTH_YEAR: DateTimeOptions = { timeZone: UTC, day: 'numeric', month: 'short', year: 'numeric' };
const HOURS_MINUTES: DateTimeOptions = { timeZone: UTC, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' };
const HOURS_MINUTES_SECONDS: DateTimeOptions = { ...HOURS_MINUTES, second: '2-digit' };
const NUMERIC_DATE: DateTimeOptions = { timeZone: UTC, day: '2-digit', month: '2-digit', year: 'numeric' };
const NUMERIC_DAY_MONTH: DateTimeOptions = { timeZone: UTC, day: '2-digit', month: '2-digit' };

/** Between the date and the time, in every language (as ru-KZ, kk-KZ and en-GB write it). */
const DATE_TIME_SEPARATOR = ', ';

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The instant as the clock on the wall in `timeZone` shows it, as a Date whose UTC fields are that
 * clock's. The zone arithmetic is the runtime's own Intl in en-US, which every runtime has with its
 * time-zone database; only the words and the order then depend on the language.
 */
function wallClock(at: Date, timeZone: string): Date {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const wall = new Date(0);
  wall.setUTCFullYear(field('year'), field('month') - 1, field('day'));
  wall.setUTCHours(field('hour'), field('minute'), field('second'), at.getUTCMilliseconds());
  return wall;
}

/**
 * "1 дек. 2026": day, month name and year from Intl (formatToParts), in this order in every
 * language. Intl's own medium date adds "г." in Russian and puts the year first in Kazakh
 * ("2026 ж. 1 жел."); the bank writes all three languages the same way (issue 12).
 */
function dayMonthYear(intl: LocaleIntl, locale: string, wall: Date): string {
  const parts = dateTimeFormat(intl, locale, DAY_MONTH_YEAR).formatToParts(wall);
  const part = (type: string) => parts.find((found) => found.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')}`;
}

function render(intl: LocaleIntl, locale: string, wall: Date, style: DateTimeStyle): string {
  const format = (options: DateTimeOptions) => dateTimeFormat(intl, locale, options).format(wall);
  switch (style) {
    case 'date':
      return dayMonthYear(intl, locale, wall);
    case 'dateTime':
      return dayMonthYear(intl, locale, wall) + DATE_TIME_SEPARATOR + format(HOURS_MINUTES);
    case 'dateTimeSeconds':
      return dayMonthYear(intl, locale, wall) + DATE_TIME_SEPARATOR + format(HOURS_MINUTES_SECONDS);
    case 'time':
      return format(HOURS_MINUTES_SECONDS);
    case 'hoursMinutes':
      return format(HOURS_MINUTES);
    case 'numericDate':
      return format(NUMERIC_DATE);
    case 'numericDateTime':
      return format(NUMERIC_DATE) + DATE_TIME_SEPARATOR + format(HOURS_MINUTES);
    case 'numericDayMonthTime':
      return format(NUMERIC_DAY_MONTH) + DATE_TIME_SEPARATOR + format(HOURS_MINUTES);
  }
}

/**
 * An instant for people, on the clock of `timeZone` (the bank's, BANK_TIME_ZONE): receipts,
 * statements, SMS and every screen. `intl` is the language's installed constructors unless given
 * (tests pass the polyfill's). Throws a RangeError on an invalid date or an unknown zone.
 */
export function formatDateTime(
  at: Date,
  language: Language,
  timeZone: string,
  style: DateTimeStyle = 'dateTime',
  intl: LocaleIntl = intlFor(language),
): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('formatDateTime: invalid date');
  return render(intl, LOCALE_BY_LANGUAGE[language], wallClock(at, timeZone), style);
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day (YYYY-MM-DD, the bank's calendar: a statement's period, a day in the history) for
 * people: "1 дек. 2026" or "01.12.2026". A day has no time zone; it is printed as written.
 */
export function formatCalendarDay(
  day: string,
  language: Language,
  style: 'date' | 'numericDate' = 'date',
  intl: LocaleIntl = intlFor(language),
): string {
  const match = CALENDAR_DAY.exec(day);
  if (!match) throw new RangeError(`formatCalendarDay: ${JSON.stringify(day)} is not YYYY-MM-DD`);
  const wall = new Date(0);
  wall.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date rolls "2026-02-31" over into March; a day that does not exist is a caller's mistake.
  if (wall.toISOString().slice(0, 10) !== day) throw new RangeError(`formatCalendarDay: ${day} is not a day of the calendar`);
  return render(intl, LOCALE_BY_LANGUAGE[language], wall, style);
}
