import type { Language } from './language.js';

/** The options this module formats with: the subset both the runtime and the polyfill declare alike. */
export type NumberOptions = Pick<Intl.NumberFormatOptions, 'style' | 'currency' | 'currencyDisplay'>;
export type DateTimeOptions = Pick<
  Intl.DateTimeFormatOptions,
  'timeZone' | 'hourCycle' | 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'
>;
export interface DateTimePart {
  type: string;
  value?: string;
}

/**
 * The two Intl constructors the module formats with. Structural, so that both the runtime's own
 * classes and the FormatJS polyfill's (which declare their own types) fit.
 */
export interface LocaleIntl {
  NumberFormat: new (locale: string, options: NumberOptions) => { format(value: `${number}`): string };
  DateTimeFormat: new (
    locale: string,
    options: DateTimeOptions,
  ) => { format(date: Date): string; formatToParts(date: Date): DateTimePart[] };
}

const installed = new Map<Language, LocaleIntl>();
let native: LocaleIntl | undefined;

/**
 * The constructors a language formats with: the runtime's own, unless the runtime lacks the
 * language's data and the polyfill was installed for it (locale-data.ts). Read at the first call,
 * not at import, so a polyfill installed before that call is seen.
 */
export function intlFor(language: Language): LocaleIntl {
  native ??= { NumberFormat: Intl.NumberFormat, DateTimeFormat: Intl.DateTimeFormat };
  return installed.get(language) ?? native;
}

/** Makes `language` format with `intl` from now on (the polyfill's classes, with its data loaded). */
export function installLocaleIntl(language: Language, intl: LocaleIntl): void {
  installed.set(language, intl);
}

// Constructing a formatter parses locale data; each (constructors, locale, options) is built once.
// The keys are a handful of locales × currencies × styles, so the caches stay small.
const numberFormats = new WeakMap<LocaleIntl, Map<string, InstanceType<LocaleIntl['NumberFormat']>>>();
const dateTimeFormats = new WeakMap<LocaleIntl, Map<string, InstanceType<LocaleIntl['DateTimeFormat']>>>();

function cached<T>(caches: WeakMap<LocaleIntl, Map<string, T>>, intl: LocaleIntl, key: string, make: () => T): T {
  let cache = caches.get(intl);
  if (!cache) {
    cache = new Map();
    caches.set(intl, cache);
  }
  let found = cache.get(key);
  if (found === undefined) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

export function numberFormat(intl: LocaleIntl, locale: string, options: NumberOptions) {
  return cached(numberFormats, intl, `${locale}|${JSON.stringify(options)}`, () => new intl.NumberFormat(locale, options));
}

export function dateTimeFormat(intl: LocaleIntl, locale: string, options: DateTimeOptions) {
  return cached(dateTimeFormats, intl, `${locale}|${JSON.stringify(options)}`, () => new intl.DateTimeFormat(locale, options));
}
