import { describe, expect, it } from 'vitest';
import { codeFromInput, isCompleteCode, secretForTyping } from './code';

describe('the TOTP code field', () => {
  it.each([
    ['123 456', '123456'],
    ['12 34 56', '123456'],
    ['123-456', '123456'],
    [' 123456 ', '123456'],
    ['1234567', '123456'],
    ['12345', '12345'],
  ])('reads %s as %s', (typed, code) => {
    expect(codeFromInput(typed)).toBe(code);
  });

  it('takes only six digits as a whole code', () => {
    expect(isCompleteCode('123456')).toBe(true);
    expect(isCompleteCode('12345')).toBe(false);
    expect(isCompleteCode('12345a')).toBe(false);
  });
});

describe('the enrolment key as text', () => {
  it('groups the secret of the otpauth URI by four, upper case', () => {
    expect(secretForTyping('otpauth://totp/Kassa:admin?secret=nnqxg43bfvsgk3lp&issuer=Kassa&digits=6')).toBe('NNQX G43B FVSG K3LP');
  });

  it('gives nothing for a URI without a secret or no URI at all', () => {
    expect(secretForTyping('otpauth://totp/Kassa:admin?issuer=Kassa')).toBeNull();
    expect(secretForTyping('not a uri')).toBeNull();
  });
});
