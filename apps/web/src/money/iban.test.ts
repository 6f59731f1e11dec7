import { describe, expect, it } from 'vitest';
import { checkIban, groupIban, isThisBankIban, typedIban } from './iban';

// The IBAN field's check as typed (issue 12 item 4): the mod-97 check digits, the KZ length.

describe('checkIban', () => {
  it('accepts a valid IBAN however it is typed', () => {
    expect(checkIban('KZ86125KZT5004100100')).toBe('ok');
    expect(checkIban('kz86 125k zt50 0410 0100')).toBe('ok');
    expect(checkIban('DE89370400440532013000')).toBe('ok');
  });

  it('catches a typo by the check digits', () => {
    expect(checkIban('KZ87125KZT5004100100')).toBe('checksum');
    expect(checkIban('KZ86125KZT5004100101')).toBe('checksum');
    // Two neighbours swapped.
    expect(checkIban('KZ86152KZT5004100100')).toBe('checksum');
  });

  it('waits while a Kazakh IBAN is being typed, and says "length" once it is too long or left short', () => {
    expect(checkIban('')).toBe('empty');
    expect(checkIban('K')).toBe('incomplete');
    expect(checkIban('KZ8612')).toBe('incomplete');
    expect(checkIban('KZ8612', { complete: true })).toBe('length');
    expect(checkIban('KZ86125KZT50041001001')).toBe('length');
  });

  it('refuses what cannot be an IBAN', () => {
    expect(checkIban('12345')).toBe('format');
    expect(checkIban('KZ86-125')).toBe('format');
    expect(checkIban('KZAB125KZT5004100100')).toBe('format');
  });
});

describe('IBAN text', () => {
  it('keeps letters and digits in groups of four, upper case', () => {
    expect(typedIban('kz86-125k zt50')).toBe('KZ86 125K ZT50');
    expect(groupIban('KZ86125KZT5004100100')).toBe('KZ86 125K ZT50 0410 0100');
  });

  it("tells this bank's IBAN by its bank code", () => {
    expect(isThisBankIban('KZ86 722K ZT50 0410 0100', '722')).toBe(true);
    expect(isThisBankIban('KZ86125KZT5004100100', '722')).toBe(false);
  });
});
