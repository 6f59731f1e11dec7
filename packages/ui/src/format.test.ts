import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney } from './format';

// The screens' adapter over @kassa/format: the Intl locale of the app's language picks the language.
describe('format', () => {
  it('formats for the language of the Intl locale the screens pass', () => {
    expect(formatMoney(150000, 'KZT', 'kk-KZ')).toBe('1\u00a0500,00\u00a0₸');
    expect(formatMoney(150000n, 'KZT', 'en-GB')).toBe('₸1,500.00');
    expect(formatMoney(-150000, 'KZT', 'ru')).toBe('-1\u00a0500,00\u00a0₸');
  });

  it('shows an instant on the bank clock, Asia/Almaty, and nothing for an invalid one', () => {
    expect(formatDateTime('2026-12-01T07:07:05Z', 'kk-KZ')).toBe('1 жел. 2026, 12:07');
    expect(formatDateTime('2026-12-01T07:07:05Z', 'ru-KZ', 'dateTimeSeconds')).toBe('1 дек. 2026, 12:07:05');
    expect(formatDateTime('2026-12-01T07:07:05Z', 'en-GB', 'date')).toBe('1 Dec 2026');
    expect(formatDateTime('yesterday', 'ru-KZ')).toBeNull();
  });
});
