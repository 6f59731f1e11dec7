import { installLocaleIntl } from './intl.js';
import { KAZAKH_OVER_RUSSIAN } from './kazakh.js';
import { type Language, LOCALE_BY_LANGUAGE } from './language.js';

/**
 * Locale data where the runtime lacks it. Some browsers ship Intl without a language's data and
 * still list it as supported: Chromium builds without Kazakh answer
 * `Intl.DateTimeFormat.supportedLocalesOf('kk')` with ['kk'] and then print "2026 M12 1" and
 * "₸ 20,000.00". So the check here looks at what Intl prints, and only a runtime that prints
 * wrongly gets help: Kazakh over the runtime's Russian data where it has that (kazakh.ts), else
 * the FormatJS polyfill (polyfill.ts, a chunk of its own, with the data of the
 * one language asked for). The server's Node has full ICU and never calls this.
 */

/** The script a language's month names are written in: anything else is a fallback locale. */
const MONTH_SCRIPT: Readonly<Record<Language, RegExp>> = {
  ru: /\p{Script=Cyrillic}/u,
  kk: /\p{Script=Cyrillic}/u,
  en: /\p{Script=Latin}/u,
};

/**
 * Whether the runtime's Intl has `language`'s data: the name of a month comes out in the
 * language's script. A runtime without the data falls back to the root locale ("M01") or to its
 * default one ("January"), and a runtime that ships a language ships its dates and numbers together.
 */
export function hasLocaleData(language: Language): boolean {
  try {
    const month = new Intl.DateTimeFormat(LOCALE_BY_LANGUAGE[language], { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 15));
    return MONTH_SCRIPT[language].test(month);
  } catch {
    return false;
  }
}

/**
 * Whether Intl.NumberFormat formats a decimal string exactly (NumberFormat v3: Chrome 106, Safari
 * 15.4, Firefox 116). An older one turns the string into a float and rounds 20-digit amounts.
 */
export function formatsDecimalStrings(): boolean {
  try {
    return new Intl.NumberFormat('en', { useGrouping: false }).format('12345678901234567891' as `${number}`) === '12345678901234567891';
  } catch {
    return false;
  }
}

const ensured = new Map<Language, Promise<void>>();

/**
 * Makes `language` format right in this runtime before the first screen that shows it: at once
 * where Intl has its data, else after the polyfill and the language's data have loaded. Once per
 * language; a failed download is retried on the next call.
 */
export function ensureLocaleData(language: Language): Promise<void> {
  const dates = !hasLocaleData(language);
  const numbers = dates || !formatsDecimalStrings();
  if (!dates && !numbers) return Promise.resolve();
  if (language === 'kk' && formatsDecimalStrings() && hasLocaleData('ru')) {
    // Kazakh writes amounts and numeric dates as Russian does: only the month names are missing.
    installLocaleIntl('kk', KAZAKH_OVER_RUSSIAN);
    return Promise.resolve();
  }
  let loading = ensured.get(language);
  if (!loading) {
    loading = import('./polyfill.js')
      .then((polyfill) => polyfill.polyfilledIntl(language, { dates, numbers }))
      .then((intl) => installLocaleIntl(language, intl));
    loading.catch(() => ensured.delete(language));
    ensured.set(language, loading);
  }
  return loading;
}
