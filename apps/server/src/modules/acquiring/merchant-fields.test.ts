import { describe, expect, it } from 'vitest';
import { checkMerchantFields, isValidBin, isValidMcc, kzIban, returnOrigin } from './merchant-fields.js';

// The demo bank's BIN (config-bank.ts): registered 2026-03, a resident legal entity, check digit 4.
const VALID_BIN = '260340001724';
const VALID_KZ_IBAN = 'KZ86125KZT5004100100';
const LOCAL = { allowLocalHttp: true };
const PRODUCTION = { allowLocalHttp: false };

describe('a BIN', () => {
  it('is accepted with a legal entity’s digit 5 and the IIN’s check digit', () => {
    expect(isValidBin(VALID_BIN)).toBe(true);
  });

  it('is refused with another check digit, a person’s digit 5, month 13 or the wrong length', () => {
    expect(isValidBin('260340001725')).toBe(false);
    // An IIN-shaped number whose digit 5 is not 4, 5 or 6 (a date of birth's day).
    expect(isValidBin('900517312345')).toBe(false);
    expect(isValidBin('261340001724')).toBe(false);
    expect(isValidBin('26034000172')).toBe(false);
    expect(isValidBin('26034000172a')).toBe(false);
  });
});

describe('an MCC', () => {
  it('is four digits other than 0000', () => {
    expect(isValidMcc('5411')).toBe(true);
    expect(isValidMcc('0000')).toBe(false);
    expect(isValidMcc('541')).toBe(false);
    expect(isValidMcc('54111')).toBe(false);
    expect(isValidMcc('54a1')).toBe(false);
  });
});

describe('a settlement IBAN', () => {
  it('is a KZ IBAN with valid check digits, as typed with spaces or not', () => {
    expect(kzIban(VALID_KZ_IBAN)).toBe(VALID_KZ_IBAN);
    expect(kzIban('kz86 125k zt50 0410 0100')).toBe(VALID_KZ_IBAN);
    expect(kzIban('KZ87125KZT5004100100')).toBeNull();
    // A valid IBAN of another country is not a Kazakh settlement account.
    expect(kzIban('DE89370400440532013000')).toBeNull();
  });
});

describe('a return origin', () => {
  it('is an https origin, made canonical', () => {
    expect(returnOrigin('https://shop.kz', PRODUCTION)).toBe('https://shop.kz');
    expect(returnOrigin('https://Shop.KZ:443/', PRODUCTION)).toBe('https://shop.kz');
    expect(returnOrigin('https://pay.shop.kz:8443', PRODUCTION)).toBe('https://pay.shop.kz:8443');
  });

  it('is refused with a path, a query, a fragment, a login, another scheme or no dot in the host', () => {
    for (const typed of [
      'https://shop.kz/return',
      'https://shop.kz/?next=x',
      'https://shop.kz#x',
      'https://user@shop.kz',
      'ftp://shop.kz',
      'javascript:alert(1)',
      'http://shop.kz',
      'https://intranet',
      'shop.kz',
      ' https://shop.kz',
    ])
      expect(returnOrigin(typed, LOCAL), typed).toBeNull();
  });

  it('may be http://localhost outside production only', () => {
    expect(returnOrigin('http://localhost:3000', LOCAL)).toBe('http://localhost:3000');
    expect(returnOrigin('http://localhost:3000', PRODUCTION)).toBeNull();
    expect(returnOrigin('http://127.0.0.1:5173', PRODUCTION)).toBeNull();
  });
});

describe('the merchant’s fields', () => {
  it('name every failing field at once', () => {
    const checked = checkMerchantFields(
      {
        legalName: 'ТОО «Shop\u202E»',
        bin: '260340001725',
        mcc: '0000',
        settlementIban: 'KZ00',
        returnOrigins: ['https://shop.kz', 'https://SHOP.kz', 'http://shop.kz'],
        testModeEnabled: false,
        liveModeEnabled: false,
      },
      PRODUCTION,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.failures.map((failure) => failure.pointer)).toEqual([
      '/legalName',
      '/bin',
      '/mcc',
      '/settlementIban',
      '/returnOrigins/1',
      '/returnOrigins/2',
      '/liveModeEnabled',
    ]);
  });
});
