import { describe, expect, it } from 'vitest';
import { makeIin, parseIin } from './iin.js';
import { maskName, normalizeFullName } from './names.js';
import { maskPhoneForDisplay, normalizePhone } from './phone.js';

describe('IIN', () => {
  it('accepts a valid IIN and reads the date of birth and sex', () => {
    const iin = makeIin('1990-05-17', 'female', 1234);
    expect(iin).toMatch(/^\d{12}$/);
    expect(parseIin(iin as string)).toEqual({ birthDate: '1990-05-17', sex: 'female' });
    const boy = makeIin('2004-02-29', 'male', 7);
    expect(parseIin(boy as string)).toEqual({ birthDate: '2004-02-29', sex: 'male' });
  });

  it('rejects a wrong check digit, an impossible date, a bad century digit and a future birth', () => {
    const iin = makeIin('1990-05-17', 'female', 1234) as string;
    const wrongCheck = iin.slice(0, 11) + ((Number(iin[11]) + 1) % 10);
    expect(parseIin(wrongCheck)).toBeNull();
    expect(parseIin('900230412345')).toBeNull(); // 30 February
    expect(parseIin('900517012345')).toBeNull(); // century digit 0
    expect(parseIin(makeIin('2090-01-01', 'male', 1) ?? '', new Date('2030-01-01'))).toBeNull();
    expect(parseIin('12345')).toBeNull();
    expect(parseIin('１２３４５６７８９０１２')).toBeNull();
  });
});

describe('phone numbers', () => {
  it('normalises Kazakh mobile numbers typed in any usual way to E.164', () => {
    for (const typed of ['+7 701 123 45 67', '87011234567', '8 (701) 123-45-67', '7011234567', '+77011234567']) {
      expect(normalizePhone(typed), typed).toBe('+77011234567');
    }
  });

  it('rejects landlines, junk and overlong input, and allows foreign mobiles', () => {
    expect(normalizePhone('+7 727 250 00 00')).toBeNull();
    expect(normalizePhone('hello')).toBeNull();
    expect(normalizePhone('1'.repeat(100))).toBeNull();
    expect(normalizePhone('+998 90 123 45 67')).toBe('+998901234567');
  });

  it('masks the middle of a phone number', () => {
    expect(maskPhoneForDisplay('+77011234567')).toBe('+7 701 *** ** 67');
  });
});

describe('names', () => {
  it('normalises spaces and refuses control, bidi and zero-width characters', () => {
    expect(normalizeFullName('  Айгерим   Бекова ')).toBe('Айгерим Бекова');
    expect(normalizeFullName("O'Brien-Smith Ann")).toBe("O'Brien-Smith Ann");
    expect(normalizeFullName('Evil\u202EnamE')).toBeNull();
    expect(normalizeFullName('Zero\u200Bwidth')).toBeNull();
    expect(normalizeFullName('Line\nbreak')).toBeNull();
    expect(normalizeFullName('<script>')).toBeNull();
  });

  it('masks a payee name to first name and initial', () => {
    expect(maskName('Айгерим Бекова')).toBe('Айгерим Б.');
    expect(maskName('Madonna')).toBe('Madonna');
  });
});
