import { extractIBAN, isValidIBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BANK_CODE, generateIban, ibanCheckDigits, KZ_IBAN_LENGTH, normalizeIban } from './ledger.iban.js';

const SAMPLES = 1000;

describe('generateIban', () => {
  it(`produces ${SAMPLES} valid, distinct KZ IBANs with the bank code in place`, () => {
    const seen = new Set<string>();
    for (let index = 0; index < SAMPLES; index += 1) {
      const iban = generateIban();
      expect(iban).toHaveLength(KZ_IBAN_LENGTH);
      expect(iban).toMatch(/^KZ\d{2}722\d{13}$/);
      expect(isValidIBAN(iban)).toBe(true);
      expect(extractIBAN(iban)).toMatchObject({ valid: true, countryCode: 'KZ', bankIdentifier: DEFAULT_BANK_CODE });
      seen.add(iban);
    }
    // 10^13 account numbers: a repeat among a thousand would mean the randomness is broken.
    expect(seen.size).toBe(SAMPLES);
  });

  it('uses the bank code it is given and refuses one that is not three digits', () => {
    expect(generateIban('005').slice(4, 7)).toBe('005');
    expect(() => generateIban('72')).toThrow(/3 digits/);
    expect(() => generateIban('ABC')).toThrow(/3 digits/);
  });

  it('computes ISO 13616 check digits that agree with published examples', () => {
    // Examples from the IBAN registry (SWIFT): Kazakhstan and Germany.
    expect(ibanCheckDigits('KZ', '125KZT5004100100')).toBe('86');
    expect(ibanCheckDigits('DE', '370400440532013000')).toBe('89');
  });

  it('normalises a printed IBAN and rejects a mistyped one', () => {
    expect(normalizeIban('kz86 125k zt50 0410 0100')).toBe('KZ86125KZT5004100100');
    expect(normalizeIban('KZ87125KZT5004100100')).toBeNull();
    expect(normalizeIban('')).toBeNull();
  });
});
