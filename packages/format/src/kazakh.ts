import type { DateTimeOptions, DateTimePart, LocaleIntl, NumberOptions } from './intl.js';

/**
 * Kazakh formatting built on the runtime's Russian data, for a browser that ships Russian and not
 * Kazakh (Chromium's own builds among them). In CLDR the two languages write amounts ("-1 234 567,89 ₸",
 * "$", "€") and numeric dates and times ("01.12.2026", "09:07:05") alike, and this module takes
 * only the parts (day, month, year) of a named-month date; what differs is the month's name.
 * So the Kazakh names are here, 0.3 kB, instead of the FormatJS polyfill and its data (~67 kB).
 * kazakh.test.ts checks every style, amount and currency against Node's full ICU in Kazakh.
 */

const RUSSIAN = 'ru-KZ';

const MONTHS: Readonly<Record<'short' | 'long', readonly string[]>> = {
  short: ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'],
  long: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
};

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
    this.#months = options.month === 'short' || options.month === 'long' ? MONTHS[options.month] : null;
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
