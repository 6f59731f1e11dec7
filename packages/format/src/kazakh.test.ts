import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script of this package, run by Node (no types).
import { formatjsKazakhMonths, generatedSource } from '../scripts/kazakh-months.mjs';
import { type DateTimeStyle, formatCalendarDay, formatDateTime, formatMoney } from './index.js';
import { KAZAKH_OVER_RUSSIAN } from './kazakh.js';
import { KAZAKH_MONTHS } from './kazakh-months.generated.js';

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
const AMOUNTS = [0n, 1n, 5n, 150000n, -150000n, 2000000n, 12345678901234567890n, -99999999999999999999n];
const CURRENCIES = ['KZT', 'USD', 'EUR', 'RUB', 'GBP', 'CNY', 'JPY', 'KWD'];

// Node has full ICU: its own Kazakh is the reference the Russian-based constructors must match.
describe('Kazakh over the Russian data prints what full ICU prints in Kazakh', () => {
  it('every amount in every currency', () => {
    for (const amount of AMOUNTS) {
      for (const currency of CURRENCIES) {
        expect(formatMoney(amount, currency, 'kk', KAZAKH_OVER_RUSSIAN)).toBe(formatMoney(amount, currency, 'kk'));
      }
    }
  });

  it('every style, on the first and the last day of each month, in Almaty and in UTC', () => {
    for (let month = 0; month < 12; month += 1) {
      for (const at of [new Date(Date.UTC(2026, month, 1, 0, 30, 5)), new Date(Date.UTC(2026, month + 1, 0, 19, 0, 0))]) {
        for (const timeZone of ['Asia/Almaty', 'UTC']) {
          for (const style of STYLES) {
            expect(formatDateTime(at, 'kk', timeZone, style, KAZAKH_OVER_RUSSIAN)).toBe(formatDateTime(at, 'kk', timeZone, style));
          }
        }
      }
    }
  });

  it('calendar days, with the Kazakh month names and not the Russian ones', () => {
    expect(formatCalendarDay('2026-12-01', 'kk', 'date', KAZAKH_OVER_RUSSIAN)).toBe('1 жел. 2026');
    expect(formatCalendarDay('2026-05-31', 'kk', 'date', KAZAKH_OVER_RUSSIAN)).toBe(formatCalendarDay('2026-05-31', 'kk'));
    expect(formatCalendarDay('2026-05-31', 'kk', 'numericDate', KAZAKH_OVER_RUSSIAN)).toBe('31.05.2026');
  });

  it('picks the month of the formatter zone, not of UTC, across a month boundary', () => {
    const lastEveningOfNovemberUtc = new Date('2026-11-30T20:00:00Z'); // 1 December in Almaty
    expect(formatDateTime(lastEveningOfNovemberUtc, 'kk', 'Asia/Almaty', 'date', KAZAKH_OVER_RUSSIAN)).toBe('1 жел. 2026');
  });
});

describe('the generated Kazakh month names', () => {
  it('are what the installed FormatJS kk-KZ data says (else: npm run generate -w packages/format)', async () => {
    const { readFile } = await import('node:fs/promises');
    const committed = await readFile(new URL('./kazakh-months.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(generatedSource(formatjsKazakhMonths()));
    expect(KAZAKH_MONTHS.short).toHaveLength(12);
  });
});
