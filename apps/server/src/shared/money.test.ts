import { describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimal } from './money.js';

// What receipts, statements and SMS print: the shared module's strings (packages/format).
describe('money for people', () => {
  it('prints an amount in each language as the web app does', () => {
    expect(formatMoney(150000n, 'KZT', 'ru')).toBe('1\u00a0500,00\u00a0₸');
    expect(formatMoney(-150000n, 'KZT', 'kk')).toBe('-1\u00a0500,00\u00a0₸');
    expect(formatMoney(150000n, 'KZT', 'en')).toBe('₸1,500.00');
  });

  it('writes the exact decimal of a statement row, whatever the size', () => {
    expect(minorToDecimal(5n, 'KZT')).toBe('0.05');
    expect(minorToDecimal(-12345678901234567890n, 'USD')).toBe('-123456789012345678.90');
  });
});
