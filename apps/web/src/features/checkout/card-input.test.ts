import { describe, expect, it } from 'vitest';
import {
  brandOf,
  cardholderValid,
  checkExpiry,
  checkPan,
  cvcDigits,
  cvcValid,
  formatCardholder,
  formatExpiry,
  groupPan,
  luhnValid,
  PAN_GROUPED_LENGTH_MAX,
} from './card-input';

const TODAY = new Date(2026, 11, 3); // 3 December 2026

describe('the card number on the checkout', () => {
  it('groups digits 4-4-4-4 as typed, drops anything else and stops at 19 digits', () => {
    expect(groupPan('4000000000000101')).toBe('4000 0000 0000 0101');
    expect(groupPan('4000-00a0 0')).toBe('4000 0000');
    expect(groupPan('40000')).toBe('4000 0');
    const nineteen = groupPan('12345678901234567890123');
    expect(nineteen.replace(/ /g, '')).toHaveLength(19);
    expect(nineteen.length).toBeLessThanOrEqual(PAN_GROUPED_LENGTH_MAX);
  });

  it('names the brand from the first digits and waits while they are ambiguous', () => {
    expect(brandOf('4')).toBe('visa');
    expect(brandOf('5')).toBeNull();
    expect(brandOf('51')).toBe('mastercard');
    expect(brandOf('55')).toBe('mastercard');
    expect(brandOf('56')).toBe('other');
    expect(brandOf('2')).toBeNull();
    expect(brandOf('27')).toBeNull();
    expect(brandOf('2221')).toBe('mastercard');
    expect(brandOf('2720 99')).toBe('mastercard');
    expect(brandOf('2220')).toBe('other');
    expect(brandOf('2721')).toBe('other');
    expect(brandOf('28')).toBe('other');
    expect(brandOf('62')).toBe('unionpay');
    expect(brandOf('6')).toBeNull();
    expect(brandOf('3')).toBe('other');
    expect(brandOf('')).toBeNull();
  });

  it('checks the Luhn digit', () => {
    expect(luhnValid('4000000000000101')).toBe(true);
    expect(luhnValid('4000000000000002')).toBe(true);
    expect(luhnValid('4000000000000102')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4000 0000')).toBe(false);
  });

  it('says nothing while typing and names a wrong number only once it is whole or sent', () => {
    expect(checkPan('4000 0000 0000 010')).toBe('typing');
    expect(checkPan('4000 0000 0000 0102')).toBe('wrong');
    expect(checkPan('4000 0000 0000 0101')).toBe('ok');
    expect(checkPan('4000 0000 0000 010', { submitted: true })).toBe('wrong');
    expect(checkPan('4000 00', { submitted: true })).toBe('short');
    expect(checkPan('', { submitted: true })).toBe('empty');
    expect(checkPan('')).toBe('typing');
  });
});

describe('the expiry', () => {
  it('puts the slash in by itself and lets backspace take it out', () => {
    expect(formatExpiry('1')).toBe('1');
    expect(formatExpiry('12')).toBe('12/');
    expect(formatExpiry('123')).toBe('12/3');
    expect(formatExpiry('12/345')).toBe('12/34');
    expect(formatExpiry('3')).toBe('03/');
    expect(formatExpiry('12', '12/')).toBe('12');
  });

  it('takes a card through the last day of its month and refuses an earlier one', () => {
    expect(checkExpiry('12/26', TODAY)).toEqual({ status: 'ok', month: 12, year: 2026 });
    expect(checkExpiry('01/30', TODAY)).toEqual({ status: 'ok', month: 1, year: 2030 });
    expect(checkExpiry('11/26', TODAY)).toEqual({ status: 'expired' });
    expect(checkExpiry('12/25', TODAY)).toEqual({ status: 'expired' });
    expect(checkExpiry('13/27', TODAY)).toEqual({ status: 'invalid' });
    expect(checkExpiry('00/27', TODAY)).toEqual({ status: 'invalid' });
    expect(checkExpiry('12/2', TODAY)).toEqual({ status: 'typing' });
    expect(checkExpiry('12/2', TODAY, { submitted: true })).toEqual({ status: 'invalid' });
    expect(checkExpiry('', TODAY, { submitted: true })).toEqual({ status: 'empty' });
  });
});

describe('the CVC2 and the name', () => {
  it('keeps three digits of the CVC2', () => {
    expect(cvcDigits('12a34')).toBe('123');
    expect(cvcValid('123')).toBe(true);
    expect(cvcValid('12')).toBe(false);
  });

  it('takes an empty or a Latin name and refuses Cyrillic', () => {
    expect(formatCardholder('aigerim b.')).toBe('AIGERIM B.');
    expect(cardholderValid('')).toBe(true);
    expect(cardholderValid("AIGERIM O'NEIL-BEK")).toBe(true);
    expect(cardholderValid('АЙГЕРИМ')).toBe(false);
    expect(cardholderValid('AIGERIM 2')).toBe(false);
  });
});
