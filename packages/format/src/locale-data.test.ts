import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DateTimeStyle, formatCalendarDay, formatDateTime, formatMoney, type Language } from './index.js';
import { intlFor } from './intl.js';
import { KAZAKH_OVER_RUSSIAN } from './kazakh.js';
import { ensureLocaleData, formatsDecimalStrings, hasLocaleData } from './locale-data.js';
import { polyfilledIntl } from './polyfill.js';

const LANGUAGES: Language[] = ['ru', 'kk', 'en'];
const STYLES: DateTimeStyle[] = [
  'date',
  'dateTime',
  'dateTimeSeconds',
  'time',
  'hoursMinutes',
  'numericDate',
  'numericDateTime',
  'numericDayMonthTime',
];
const AMOUNTS = [0n, 1n, 150000n, -150000n, 12345678901234567890n, -99999999999999999999n];
const CURRENCIES = ['KZT', 'USD', 'EUR', 'RUB'];
// Around midnight in Almaty (UTC+5), a year's end and an ordinary afternoon.
const INSTANTS = ['2026-03-01T18:59:59Z', '2026-03-01T19:00:00Z', '2026-12-31T19:30:00Z', '2026-12-01T07:07:05Z'].map(
  (iso) => new Date(iso),
);

// Node has full ICU, so here the runtime's own Intl is the reference the polyfill must match.
describe('the FormatJS polyfill prints what the runtime prints', () => {
  for (const language of LANGUAGES) {
    it(`amounts in ${language}`, async () => {
      const polyfill = await polyfilledIntl(language, { dates: true, numbers: true });
      for (const amount of AMOUNTS) {
        for (const currency of CURRENCIES) {
          expect(formatMoney(amount, currency, language, polyfill)).toBe(formatMoney(amount, currency, language));
        }
      }
    });

    it(`dates and times in ${language}, in Almaty and in UTC`, async () => {
      const polyfill = await polyfilledIntl(language, { dates: true, numbers: true });
      for (const at of INSTANTS) {
        for (const timeZone of ['Asia/Almaty', 'UTC']) {
          for (const style of STYLES) {
            expect(formatDateTime(at, language, timeZone, style, polyfill)).toBe(formatDateTime(at, language, timeZone, style));
          }
        }
      }
    });

    it(`the twelve month names in ${language}`, async () => {
      const polyfill = await polyfilledIntl(language, { dates: true, numbers: true });
      for (let month = 1; month <= 12; month += 1) {
        const day = `2026-${String(month).padStart(2, '0')}-28`;
        expect(formatCalendarDay(day, language, 'date', polyfill)).toBe(formatCalendarDay(day, language));
      }
    });
  }

  it('keeps the runtime constructor for what the runtime prints right', async () => {
    const onlyDates = await polyfilledIntl('kk', { dates: true, numbers: false });
    expect(onlyDates.NumberFormat).toBe(Intl.NumberFormat);
    expect(onlyDates.DateTimeFormat).not.toBe(Intl.DateTimeFormat);
  });

  it('leaves the global Intl as it was', async () => {
    await polyfilledIntl('kk', { dates: true, numbers: true });
    expect(Object.hasOwn(Intl.NumberFormat, '__addLocaleData')).toBe(false);
    expect(Object.hasOwn(Intl.DateTimeFormat, '__addLocaleData')).toBe(false);
    expect(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Almaty', hour: 'numeric', hourCycle: 'h23' }).format(INSTANTS[0])).toBe('23');
  });
});

/** A runtime that lists a language but prints it in its default locale, as some browsers do. */
function dateTimeFormatWithout(language: string) {
  return class extends Intl.DateTimeFormat {
    constructor(locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      const tag = Array.isArray(locales) ? locales[0] : locales;
      super(tag?.startsWith(language) ? 'en-US' : locales, options);
    }
  };
}
const DateTimeFormatWithoutKazakh = dateTimeFormatWithout('kk');
const DateTimeFormatWithoutRussian = dateTimeFormatWithout('ru');

/** The runtime's Intl with another DateTimeFormat (Intl's members are not enumerable: no spread). */
function intlWith(
  DateTimeFormat: new (locales?: string | string[], options?: Intl.DateTimeFormatOptions) => Intl.DateTimeFormat,
): typeof Intl {
  return Object.create(Intl, { DateTimeFormat: { value: DateTimeFormat } });
}

describe('ensureLocaleData', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("finds this runtime's data for every language, and exact decimal strings", () => {
    for (const language of LANGUAGES) expect(hasLocaleData(language)).toBe(true);
    expect(formatsDecimalStrings()).toBe(true);
  });

  it('downloads nothing where the runtime prints the language right', async () => {
    await ensureLocaleData('ru');
    expect(intlFor('ru')).toEqual({ NumberFormat: Intl.NumberFormat, DateTimeFormat: Intl.DateTimeFormat });
  });

  it('sees Kazakh printed in the wrong script as missing, and builds it on the Russian data without a download', async () => {
    vi.stubGlobal('Intl', intlWith(DateTimeFormatWithoutKazakh));
    expect(hasLocaleData('kk')).toBe(false);
    expect(hasLocaleData('ru')).toBe(true);
    await ensureLocaleData('kk');
    vi.unstubAllGlobals();
    expect(intlFor('kk')).toBe(KAZAKH_OVER_RUSSIAN);
    expect(intlFor('ru').DateTimeFormat).toBe(Intl.DateTimeFormat);
    expect(formatDateTime(new Date('2026-12-01T07:07:00Z'), 'kk', 'Asia/Almaty')).toBe('1 жел. 2026, 12:07');
    expect(formatMoney(-150000n, 'KZT', 'kk')).toBe('-1\u00a0500,00\u00a0₸');
  });

  it('installs the polyfill for a language whose data is missing with nothing to build on', async () => {
    vi.stubGlobal('Intl', intlWith(DateTimeFormatWithoutRussian));
    expect(hasLocaleData('ru')).toBe(false);
    const loading = ensureLocaleData('ru');
    vi.unstubAllGlobals();
    await loading;
    expect(intlFor('ru').DateTimeFormat).not.toBe(Intl.DateTimeFormat);
    expect(intlFor('ru').NumberFormat).not.toBe(Intl.NumberFormat);
    expect(intlFor('en').DateTimeFormat).toBe(Intl.DateTimeFormat);
    expect(formatDateTime(new Date('2026-12-01T07:07:00Z'), 'ru', 'Asia/Almaty')).toBe('1 дек. 2026, 12:07');
    expect(formatMoney(-150000n, 'KZT', 'ru')).toBe('-1\u00a0500,00\u00a0₸');
  });
});
