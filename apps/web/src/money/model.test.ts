import { describe, expect, it } from 'vitest';
import { parseAmountMinor } from './model';

// What people type or paste into the amount field (issue 12 item 3): accepted as they meant it,
// or refused with a reason; never rewritten into another amount.

describe('parseAmountMinor', () => {
  it.each([
    ['1 000,50', 100_050n],
    ['1000.5', 100_050n],
    ['1\u00a0000', 100_000n],
    ['1 000 ₸', 100_000n],
    ['₸ 25', 2_500n],
    ['250 KZT', 25_000n],
    ['0,01', 1n],
    ['007', 700n],
  ])('reads %s as %s tiyn', (text, amountMinor) => {
    expect(parseAmountMinor(text, 'KZT')).toEqual({ ok: true, amountMinor });
  });

  it.each([
    ['1e5', 'invalid'],
    ['-5', 'invalid'],
    ['5-', 'invalid'],
    ['1,000.50', 'invalid'],
    ['12abc', 'invalid'],
    ['12ABC', 'invalid'],
    ['0,001', 'decimals'],
    ['0', 'zero'],
    ['0,00', 'zero'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['12345678901234567890', 'tooLarge'],
    ['10000000000000,01', 'tooLarge'],
  ])('refuses %s as %s', (text, reason) => {
    expect(parseAmountMinor(text, 'KZT')).toEqual({ ok: false, reason });
  });

  it('takes whole units only where the currency has no minor unit', () => {
    expect(parseAmountMinor('1500', 'JPY')).toEqual({ ok: true, amountMinor: 1_500n });
    expect(parseAmountMinor('1500,5', 'JPY')).toEqual({ ok: false, reason: 'decimals' });
  });
});
