import { describe, expect, it } from 'vitest';
import { formatPhoneInput, looksLikePhone } from './PhoneStep';

/** What the field shows after each key, as a browser feeds the formatted value back on the next one. */
function typedKeyByKey(keys: string): string {
  let value = '';
  for (const key of keys) value = formatPhoneInput(value + key);
  return value;
}

// The +7 mask of every phone field: a Kazakh number in groups, whatever prefix the customer starts with.
describe('formatPhoneInput', () => {
  it.each([
    ['701 555 12 34', '+7 701 555 12 34'],
    ['8 701 555 12 34', '+7 701 555 12 34'],
    ['+7 701 555 12 34', '+7 701 555 12 34'],
    ['+77015551234', '+7 701 555 12 34'],
  ])('typed key by key, %s shows as %s', (keys, shown) => {
    expect(typedKeyByKey(keys)).toBe(shown);
  });

  it.each([
    ['7015551234', '+7 701 555 12 34'],
    ['87015551234', '+7 701 555 12 34'],
    ['77015551234', '+7 701 555 12 34'],
    ['8 (701) 555-12-34', '+7 701 555 12 34'],
    ['+7 701 555 12 34 99', '+7 701 555 12 34'],
  ])('pasted, %s shows as %s', (pasted, shown) => {
    expect(formatPhoneInput(pasted)).toBe(shown);
  });

  it('starts a number typed from its first 7 without the country code', () => {
    expect(formatPhoneInput('7')).toBe('+7 7');
    expect(formatPhoneInput('70')).toBe('+7 70');
  });

  it('leaves another country’s number alone and keeps an empty field empty', () => {
    expect(formatPhoneInput('+998 90 123 45 67')).toBe('+998901234567');
    expect(formatPhoneInput('')).toBe('');
    expect(formatPhoneInput('+')).toBe('+');
  });

  it('lets the customer erase the mask back to nothing', () => {
    expect(formatPhoneInput('+7 ')).toBe('+7');
    expect(formatPhoneInput('+')).toBe('+');
  });

  it('gives a number looksLikePhone accepts', () => {
    expect(looksLikePhone(typedKeyByKey('701 555 12 34'))).toBe(true);
  });
});
