import { describe, expect, it } from 'vitest';
import { maskPhoneForDisplay, normalizePhone } from '../../shared/phone.js';
import { makeIin, maskIin, parseIin } from './iin.js';
import { givenName, maskName, normalizeFullName } from './names.js';

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

describe('IIN shown masked', () => {
  it('hides the date of birth and the century digit, and shows the last four digits', () => {
    expect(maskIin('900517412345')).toBe('********2345');
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
    expect(normalizeFullName('  Бекова   Айгерим ')).toBe('Бекова Айгерим');
    expect(normalizeFullName("O'Brien-Smith Ann")).toBe("O'Brien-Smith Ann");
    expect(normalizeFullName('Evil\u202EnamE')).toBeNull();
    expect(normalizeFullName('Zero\u200Bwidth')).toBeNull();
    expect(normalizeFullName('Line\nbreak')).toBeNull();
    expect(normalizeFullName('<script>')).toBeNull();
  });

  it('greets by the given name: the second word, capitalised when typed in one case', () => {
    expect(givenName('Бекова Айгерим Сакеновна')).toBe('Айгерим');
    expect(givenName('ТУЛЕГЕНОВ ЕРЛАН')).toBe('Ерлан');
    expect(givenName('  Smagulova   dana ')).toBe('Dana');
    expect(givenName('Айгерим')).toBe('Айгерим');
    expect(givenName('')).toBe('');
  });

  it('masks a name typed surname first, as the registration form asks, to the given name and the surname initial', () => {
    expect(maskName('Бекова Айгерим')).toBe('Айгерим Б.');
    expect(maskName('Бекова Айгерим Сакеновна')).toBe('Айгерим Б.');
    expect(maskName('Тулегенов Ерлан Сакенұлы')).toBe('Ерлан Т.');
    expect(maskName('Smagulova Dana')).toBe('Dana S.');
  });

  it('shows names written in capitals, as on an ID card, or in lower case with a capital first letter', () => {
    expect(maskName('БЕКОВ АЙДОС САКЕНОВИЧ')).toBe('Айдос Б.');
    expect(maskName('БЕКОВА АЙГЕРИМ')).toBe('Айгерим Б.');
    expect(maskName('бекова айгерим')).toBe('Айгерим Б.');
    expect(maskName('SMAGULOVA DANA')).toBe('Dana S.');
    // A name with a case of its own is left as typed.
    expect(maskName('McLean DeShawn')).toBe('DeShawn M.');
  });

  it('keeps Kazakh letters, in either case, in the given name and the initial', () => {
    expect(maskName('ӘБІЛОВА ҰЛЖАН')).toBe('Ұлжан Ә.');
    expect(maskName('ҒАБИТОВ ҚАЙРАТ')).toBe('Қайрат Ғ.');
    expect(maskName('ҚОНЫСБАЕВА ӨМІРГҮЛ')).toBe('Өміргүл Қ.');
    expect(maskName('ҢАЗЫМОВ ҮСЕН')).toBe('Үсен Ң.');
    expect(maskName('һасенова іңкәр')).toBe('Іңкәр Һ.');
    expect(maskName('Өтегенова Әсем')).toBe('Әсем Ө.');
  });

  it('handles hyphenated names: each part of a given name capitalised, one initial for a double surname', () => {
    expect(maskName('Бекова-Смагулова Айгерим')).toBe('Айгерим Б.');
    expect(maskName('ИВАНОВА АННА-МАРИЯ')).toBe('Анна-Мария И.');
    expect(maskName('Сейтқали Айгүл-Ханым Маратқызы')).toBe('Айгүл-Ханым С.');
  });

  it('ignores extra spaces and shows a one-word name whole', () => {
    expect(maskName('  Бекова   Айгерим  ')).toBe('Айгерим Б.');
    expect(maskName('Бекова\u00a0Айгерим')).toBe('Айгерим Б.');
    expect(maskName('Madonna')).toBe('Madonna');
    expect(maskName('  МАДОННА ')).toBe('Мадонна');
    expect(maskName('')).toBe('');
    expect(maskName('   ')).toBe('');
  });
});
