import type { DateTimeOptions, DateTimePart, LocaleIntl, NumberOptions } from './intl.js';
import { KAZAKH_MONTHS } from './kazakh-months.generated.js';

/**
 * Kazakh formatting built on the runtime's Russian data, for a browser that ships Russian and not
 * Kazakh (Chromium's own builds among them). In CLDR the two languages write amounts ("-1 234 567,89 ₸",
 * "$", "€") and numeric dates and times ("01.12.2026", "09:07:05") alike, and this module takes
 * only the parts (day, month, year) of a named-month date; what differs is the month's name.
 * So the Kazakh names come from the FormatJS kk-KZ data (CLDR), extracted at build time into
 * kazakh-months.generated.ts (0.3 kB), instead of the polyfill and all of its data (~67 kB).
 * kazakh.test.ts checks every style, amount and currency against Node's full ICU in Kazakh, and
 * the generated names against the installed FormatJS data.
 */

const RUSSIAN = 'ru-KZ';

class KazakhNumberFormat {
  readonly #russian: Intl.NumberFormat;
  constructor(_locale: string, options: NumberOptions) {
    this.#russian = new Intl.NumberFormat(RUSSIAN, options);
  }
  format(value: `${number}`): string {
    return this.#russian.format(value);
  }
}

class KazakhDateTimeFormat {
  readonly #russian: Intl.DateTimeFormat;
  readonly #months: readonly string[] | null;
  readonly #monthOf: Intl.DateTimeFormat;
  constructor(_locale: string, options: DateTimeOptions) {
    this.#russian = new Intl.DateTimeFormat(RUSSIAN, options);
    this.#months = options.month === 'short' || options.month === 'long' ? KAZAKH_MONTHS[options.month] : null;
    // The month's number in the formatter's zone, to pick its Kazakh name.
    this.#monthOf = new Intl.DateTimeFormat('en-US', { timeZone: options.timeZone, month: 'numeric' });
  }
  formatToParts(date: Date): DateTimePart[] {
    const parts: DateTimePart[] = this.#russian.formatToParts(date);
    const months = this.#months;
    if (months === null) return parts;
    const name = months[Number(this.#monthOf.format(date)) - 1];
    return parts.map((part) => (part.type === 'month' ? { type: 'month', value: name } : part));
  }
  format(date: Date): string {
    if (this.#months !== null) throw new RangeError('KazakhDateTimeFormat formats a named month only to parts');
    return this.#russian.format(date);
  }
}

/** The constructors locale-data.ts installs for Kazakh when the runtime has Russian but not Kazakh. */
export const KAZAKH_OVER_RUSSIAN: LocaleIntl = { NumberFormat: KazakhNumberFormat, DateTimeFormat: KazakhDateTimeFormat };
