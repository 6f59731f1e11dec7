import { describe, expect, it } from 'vitest';
import { format, pickLanguage } from './i18n.js';

describe('pickLanguage', () => {
  it('picks the highest-quality supported language', () => {
    expect(pickLanguage('kk-KZ,ru;q=0.8')).toBe('kk');
    expect(pickLanguage('en-US;q=0.5, ru;q=0.4')).toBe('en');
    expect(pickLanguage('fr, en;q=0.3')).toBe('en');
    expect(pickLanguage('kk;q=0, en')).toBe('en');
  });

  it('falls back to Russian for missing or junk headers', () => {
    expect(pickLanguage(undefined)).toBe('ru');
    expect(pickLanguage('')).toBe('ru');
    expect(pickLanguage(';;;,,,q=')).toBe('ru');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
