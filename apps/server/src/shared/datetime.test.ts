import { describe, expect, it } from 'vitest';
import { calendarDay, calendarMonthStart, formatDateTime, isTimeZone, startOfDay } from './datetime.js';

describe('the bank calendar', () => {
  it('puts an instant on the Almaty day it falls on, not the UTC one', () => {
    // 20:30 UTC on 31 December is 01:30 on 1 January in Almaty (UTC+5).
    expect(calendarDay(new Date('2026-12-31T20:30:00Z'), 'Asia/Almaty')).toBe('2027-01-01');
    expect(calendarDay(new Date('2026-12-31T20:30:00Z'), 'UTC')).toBe('2026-12-31');
    expect(calendarMonthStart(new Date('2026-12-31T20:30:00Z'), 'Asia/Almaty')).toBe('2027-01-01');
  });

  it('finds the instant a day begins in the zone, across a daylight saving change too', () => {
    expect(startOfDay('2026-12-01', 'Asia/Almaty').toISOString()).toBe('2026-11-30T19:00:00.000Z');
    expect(startOfDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('prints the time in the configured zone', () => {
    const at = new Date('2026-12-01T07:05:00Z');
    expect(formatDateTime(at, 'en', 'Asia/Almaty', 'short')).toContain('12:05');
    expect(formatDateTime(at, 'en', 'UTC', 'short')).toContain('07:05');
  });

  it('prints receipts, SMS and statement rows in each language as the web app does', () => {
    const at = new Date('2026-12-01T07:07:05Z'); // 12:07:05 in Almaty
    expect(formatDateTime(at, 'ru', 'Asia/Almaty')).toBe('1 дек. 2026, 12:07:05');
    expect(formatDateTime(at, 'kk', 'Asia/Almaty')).toBe('1 жел. 2026, 12:07:05');
    expect(formatDateTime(at, 'en', 'Asia/Almaty')).toBe('1 Dec 2026, 12:07:05');
    expect(formatDateTime(at, 'kk', 'Asia/Almaty', 'short')).toBe('01.12, 12:07');
    expect(formatDateTime(at, 'ru', 'Asia/Almaty', 'date')).toBe('01.12.2026');
    expect(formatDateTime(at, 'en', 'Asia/Almaty', 'numeric')).toBe('01/12/2026, 12:07');
  });

  it('knows a real zone from a made-up one', () => {
    expect(isTimeZone('Asia/Almaty')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
