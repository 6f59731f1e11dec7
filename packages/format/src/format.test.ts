import { describe, expect, it } from 'vitest';
import {
  type DateTimeStyle,
  formatCalendarDay,
  formatDateTime,
  formatMoney,
  formatOperationReference,
  type Language,
  minorToDecimalString,
  minorUnitDigits,
} from './index.js';

// Intl separates the thousands with a no-break space and puts one before the sign in ru and kk.
const NBSP = '\u00a0';
const ALMATY = 'Asia/Almaty';

describe('formatMoney', () => {
  const cases: [bigint, string, Record<Language, string>][] = [
    [0n, 'KZT', { ru: `0,00${NBSP}₸`, kk: `0,00${NBSP}₸`, en: '₸0.00' }],
    [1n, 'KZT', { ru: `0,01${NBSP}₸`, kk: `0,01${NBSP}₸`, en: '₸0.01' }],
    [150000n, 'KZT', { ru: `1${NBSP}500,00${NBSP}₸`, kk: `1${NBSP}500,00${NBSP}₸`, en: '₸1,500.00' }],
    [-150000n, 'KZT', { ru: `-1${NBSP}500,00${NBSP}₸`, kk: `-1${NBSP}500,00${NBSP}₸`, en: '-₸1,500.00' }],
    [
      12345678901234567890n,
      'KZT',
      {
        ru: `123${NBSP}456${NBSP}789${NBSP}012${NBSP}345${NBSP}678,90${NBSP}₸`,
        kk: `123${NBSP}456${NBSP}789${NBSP}012${NBSP}345${NBSP}678,90${NBSP}₸`,
        en: '₸123,456,789,012,345,678.90',
      },
    ],
    [150000n, 'USD', { ru: `1${NBSP}500,00${NBSP}$`, kk: `1${NBSP}500,00${NBSP}$`, en: '$1,500.00' }],
    [150000n, 'EUR', { ru: `1${NBSP}500,00${NBSP}€`, kk: `1${NBSP}500,00${NBSP}€`, en: '€1,500.00' }],
    [-150000n, 'RUB', { ru: `-1${NBSP}500,00${NBSP}₽`, kk: `-1${NBSP}500,00${NBSP}₽`, en: '-₽1,500.00' }],
  ];
  for (const [amountMinor, currency, expected] of cases) {
    for (const language of ['ru', 'kk', 'en'] as const) {
      it(`prints ${amountMinor} ${currency} in ${language} as ${JSON.stringify(expected[language])}`, () => {
        expect(formatMoney(amountMinor, currency, language)).toBe(expected[language]);
      });
    }
  }

  it('takes a safe integer as well as a bigint, and refuses a number that lost its digits', () => {
    expect(formatMoney(150000, 'KZT', 'ru')).toBe(formatMoney(150000n, 'KZT', 'ru'));
    expect(() => formatMoney(2 ** 53, 'KZT', 'ru')).toThrow(RangeError);
    expect(() => formatMoney(1.5, 'KZT', 'ru')).toThrow(RangeError);
  });

  it("uses each currency's minor digits: none for yen, three for the Kuwaiti dinar", () => {
    expect(minorUnitDigits('KZT')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
    expect(formatMoney(1500n, 'JPY', 'en')).toBe('¥1,500');
  });
});

describe('minorToDecimalString', () => {
  it('builds the decimal with bigint digits, exact for any size and sign', () => {
    expect(minorToDecimalString(150000n, 2)).toBe('1500.00');
    expect(minorToDecimalString(-5n, 2)).toBe('-0.05');
    expect(minorToDecimalString(0n, 2)).toBe('0.00');
    expect(minorToDecimalString(7n, 0)).toBe('7');
    expect(minorToDecimalString(-123456789012345678901234567890n, 3)).toBe('-123456789012345678901234567.890');
  });
});

describe('formatDateTime', () => {
  // 07:07:05 UTC is 12:07:05 in Almaty (UTC+5).
  const at = new Date('2026-12-01T07:07:05Z');
  const expected: Record<Language, Record<DateTimeStyle, string>> = {
    ru: {
      date: '1 дек. 2026',
      dateTime: '1 дек. 2026, 12:07',
      dateTimeSeconds: '1 дек. 2026, 12:07:05',
      time: '12:07:05',
      hoursMinutes: '12:07',
      numericDate: '01.12.2026',
      numericDateTime: '01.12.2026, 12:07',
      numericDayMonthTime: '01.12, 12:07',
    },
    kk: {
      date: '1 жел. 2026',
      dateTime: '1 жел. 2026, 12:07',
      dateTimeSeconds: '1 жел. 2026, 12:07:05',
      time: '12:07:05',
      hoursMinutes: '12:07',
      numericDate: '01.12.2026',
      numericDateTime: '01.12.2026, 12:07',
      numericDayMonthTime: '01.12, 12:07',
    },
    en: {
      date: '1 Dec 2026',
      dateTime: '1 Dec 2026, 12:07',
      dateTimeSeconds: '1 Dec 2026, 12:07:05',
      time: '12:07:05',
      hoursMinutes: '12:07',
      numericDate: '01/12/2026',
      numericDateTime: '01/12/2026, 12:07',
      numericDayMonthTime: '01/12, 12:07',
    },
  };
  for (const language of ['ru', 'kk', 'en'] as const) {
    for (const style of Object.keys(expected[language]) as DateTimeStyle[]) {
      const text = expected[language][style];
      it(`prints ${style} in ${language} as ${JSON.stringify(text)}`, () => {
        expect(formatDateTime(at, language, ALMATY, style)).toBe(text);
      });
    }
  }

  it("puts an instant on the calendar day of the zone's clock around midnight", () => {
    const lastSecond = new Date('2026-03-01T18:59:59Z'); // 23:59:59 in Almaty
    const firstMinute = new Date('2026-03-01T19:00:00Z'); // 00:00 of the next day in Almaty
    expect(formatDateTime(lastSecond, 'ru', ALMATY, 'dateTimeSeconds')).toBe('1 мар. 2026, 23:59:59');
    expect(formatDateTime(firstMinute, 'ru', ALMATY, 'dateTimeSeconds')).toBe('2 мар. 2026, 00:00:00');
    expect(formatDateTime(firstMinute, 'kk', ALMATY, 'dateTime')).toBe('2 нау. 2026, 00:00');
    expect(formatDateTime(firstMinute, 'en', ALMATY, 'numericDateTime')).toBe('02/03/2026, 00:00');
    expect(formatDateTime(firstMinute, 'en', 'UTC', 'numericDateTime')).toBe('01/03/2026, 19:00');
  });

  it("crosses the year on the zone's clock, not on UTC", () => {
    const newYear = new Date('2026-12-31T19:30:00Z'); // 00:30 on 1 January 2027 in Almaty
    expect(formatDateTime(newYear, 'kk', ALMATY, 'date')).toBe('1 қаң. 2027');
    expect(formatDateTime(newYear, 'kk', 'UTC', 'date')).toBe('31 жел. 2026');
  });

  it('refuses an invalid date and an unknown zone', () => {
    expect(() => formatDateTime(new Date('not a date'), 'ru', ALMATY)).toThrow(RangeError);
    expect(() => formatDateTime(new Date(), 'ru', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('month names', () => {
  const MONTHS: Record<Language, string[]> = {
    ru: ['янв.', 'февр.', 'мар.', 'апр.', 'мая', 'июн.', 'июл.', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
    kk: ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'],
    en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'],
  };
  for (const language of ['ru', 'kk', 'en'] as const) {
    it(`names all twelve months in ${language}`, () => {
      const printed = MONTHS[language].map((_, index) => formatCalendarDay(`2026-${String(index + 1).padStart(2, '0')}-15`, language));
      expect(printed).toEqual(MONTHS[language].map((month) => `15 ${month} 2026`));
    });
  }
});

describe('formatCalendarDay', () => {
  it('prints a day of the calendar as written, with no zone to shift it', () => {
    expect(formatCalendarDay('2026-12-01', 'ru')).toBe('1 дек. 2026');
    expect(formatCalendarDay('2026-12-01', 'en', 'numericDate')).toBe('01/12/2026');
  });

  it('refuses what is not a day of the calendar', () => {
    expect(() => formatCalendarDay('2026-02-30', 'ru')).toThrow(RangeError);
    expect(() => formatCalendarDay('01.12.2026', 'ru')).toThrow(RangeError);
  });
});

describe('formatOperationReference', () => {
  it('shows the first twelve characters of the random part in groups, without the prefix', () => {
    expect(formatOperationReference('op_7f3a91c204bd4e0fa1b2c3d4e5f60718')).toBe('7F3A-91C2-04BD');
  });

  it('keeps a short id whole', () => {
    expect(formatOperationReference('op_ab12')).toBe('AB12');
  });
});
