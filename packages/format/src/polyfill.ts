import type { LocaleIntl } from './intl.js';
import type { Language } from './language.js';

/**
 * The lazy half of locale-data.ts: the FormatJS polyfill's NumberFormat and DateTimeFormat with
 * one language's data, used by this module only (installLocaleIntl), never put in place of the
 * runtime's Intl. Replacing the globals would take every other Intl caller of the page (zone
 * arithmetic, i18next) off the runtime's own data and need the whole time-zone database; our
 * formatting asks the polyfill for UTC only (datetime.ts), which it knows without that data.
 */

// Literal specifiers, so that the bundler makes one chunk per language and a Kazakh visitor
// downloads the Kazakh data only. The tags are those of LOCALE_BY_LANGUAGE.
const NUMBER_DATA: Readonly<Record<Language, () => Promise<unknown>>> = {
  ru: () => import('@formatjs/intl-numberformat/locale-data/ru-KZ.js'),
  kk: () => import('@formatjs/intl-numberformat/locale-data/kk-KZ.js'),
  en: () => import('@formatjs/intl-numberformat/locale-data/en-GB.js'),
};
const DATE_DATA: Readonly<Record<Language, () => Promise<unknown>>> = {
  ru: () => import('@formatjs/intl-datetimeformat/locale-data/ru-KZ.js'),
  kk: () => import('@formatjs/intl-datetimeformat/locale-data/kk-KZ.js'),
  en: () => import('@formatjs/intl-datetimeformat/locale-data/en-GB.js'),
};
const PLURAL_DATA: Readonly<Record<Language, () => Promise<unknown>>> = {
  ru: () => import('@formatjs/intl-pluralrules/locale-data/ru.js'),
  kk: () => import('@formatjs/intl-pluralrules/locale-data/kk.js'),
  en: () => import('@formatjs/intl-pluralrules/locale-data/en.js'),
};

interface AcceptsLocaleData {
  __addLocaleData(...data: unknown[]): void;
}

let loads: Promise<unknown> = Promise.resolve();

/**
 * Runs a FormatJS locale-data module into `target`. Those modules hand their data to
 * `Intl.NumberFormat.__addLocaleData` (or DateTimeFormat's), which only the global polyfill has;
 * for the time of the import that hook forwards to our class. One import at a time, so that one
 * import's cleanup never removes the hook under another's feet.
 */
function loadLocaleData(global: 'NumberFormat' | 'DateTimeFormat', target: AcceptsLocaleData, load: () => Promise<unknown>): Promise<void> {
  const run = loads.then(async () => {
    // The global constructor, seen as the object it is: the hook is a property set on it for a while.
    const host = Intl[global] as object as Partial<AcceptsLocaleData>;
    const previous = Object.getOwnPropertyDescriptor(host, '__addLocaleData');
    Object.defineProperty(host, '__addLocaleData', { value: target.__addLocaleData.bind(target), configurable: true, writable: true });
    try {
      await load();
    } finally {
      if (previous) Object.defineProperty(host, '__addLocaleData', previous);
      else delete host.__addLocaleData;
    }
  });
  loads = run.catch(() => undefined);
  return run;
}

/**
 * What the FormatJS NumberFormat and DateTimeFormat need from the runtime, when it is missing
 * (browsers before 2020). Only absence counts: the packages' own shouldPolyfill checks also ask for
 * newer Intl.Locale features that these two classes never use (and that Firefox lacks), which would
 * download 100 kB for nothing.
 */
async function polyfillPrerequisites(): Promise<void> {
  if (typeof Intl.getCanonicalLocales !== 'function') await import('@formatjs/intl-getcanonicallocales/polyfill.js');
  if (typeof Intl.Locale !== 'function') await import('@formatjs/intl-locale/polyfill.js');
  if (typeof Intl.PluralRules !== 'function') {
    await import('@formatjs/intl-pluralrules/polyfill-force.js');
    // This one does replace the global (there was none): every language the page may show.
    for (const load of Object.values(PLURAL_DATA)) await load();
  }
}

/** The polyfill's classes with `language`'s data, for what the runtime prints wrongly. */
export async function polyfilledIntl(language: Language, needs: { dates: boolean; numbers: boolean }): Promise<LocaleIntl> {
  await polyfillPrerequisites();
  let NumberFormat: LocaleIntl['NumberFormat'] = Intl.NumberFormat;
  let DateTimeFormat: LocaleIntl['DateTimeFormat'] = Intl.DateTimeFormat;
  if (needs.numbers) {
    const polyfill = await import('@formatjs/intl-numberformat');
    await loadLocaleData('NumberFormat', polyfill.NumberFormat, NUMBER_DATA[language]);
    NumberFormat = polyfill.NumberFormat;
  }
  if (needs.dates) {
    const polyfill = await import('@formatjs/intl-datetimeformat');
    await loadLocaleData('DateTimeFormat', polyfill.DateTimeFormat, DATE_DATA[language]);
    DateTimeFormat = polyfill.DateTimeFormat;
  }
  return { NumberFormat, DateTimeFormat };
}
