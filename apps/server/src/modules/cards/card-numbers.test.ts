import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startOfDay } from '../../shared/datetime.js';
import {
  cardExpiry,
  expiryAfter,
  generatePan,
  isExpired,
  isLuhnValid,
  luhnCheckDigit,
  maskedPanOf,
  maskPan,
  type PanRange,
  panInRange,
  panRangeProblem,
} from './card-numbers.js';

const RANGE: PanRange = { bin: '440043', panLength: 16, accountMin: 100_000_000, accountMax: 199_999_999 };

describe('Luhn', () => {
  it('computes the check digit of known numbers', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(luhnCheckDigit('411111111111111')).toBe('1');
    expect(luhnCheckDigit('555555555555444')).toBe('4');
    expect(luhnCheckDigit('0')).toBe('0');
  });

  it('accepts valid numbers and refuses any single changed digit or a swap of neighbours', () => {
    for (const valid of ['79927398713', '4111111111111111', '5555555555554444', '378282246310005', '4123456789012349']) {
      expect(isLuhnValid(valid), valid).toBe(true);
    }
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('79927398710')).toBe(false);
    expect(isLuhnValid('4111-1111-1111-1111')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{15}$/), fc.nat(14), fc.integer({ min: 1, max: 9 }), (payload, at, delta) => {
        const pan = payload + luhnCheckDigit(payload);
        const changed = pan.slice(0, at) + ((Number(pan[at]) + delta) % 10) + pan.slice(at + 1);
        return isLuhnValid(pan) && !isLuhnValid(changed);
      }),
    );
  });
});

describe('PAN generation', () => {
  it('stays in the BIN and account range, with a valid check digit', () => {
    for (let draw = 0; draw < 500; draw += 1) {
      const pan = generatePan(RANGE);
      expect(pan).toMatch(/^440043\d{10}$/);
      expect(panInRange(pan, RANGE)).toBe(true);
    }
    // The range's ends are reachable, and nothing outside them.
    expect(generatePan(RANGE, (min) => min)).toBe(`4400431${'0'.repeat(8)}${luhnCheckDigit(`4400431${'0'.repeat(8)}`)}`);
    const last = generatePan(RANGE, (_min, maxExclusive) => maxExclusive - 1);
    expect(last.slice(6, 15)).toBe('199999999');
    expect(() => generatePan(RANGE, (min) => min - 1)).toThrowError(/stays in the range/);
  });

  it('makes PANs of any valid range: 8-digit BINs, 13 to 19 digits, account numbers padded with zeros', () => {
    const ranges = fc
      .record({ bin: fc.stringMatching(/^(\d{6}|\d{8})$/), panLength: fc.integer({ min: 13, max: 19 }) })
      .chain(({ bin, panLength }) => {
        const top = Math.min(10 ** (panLength - bin.length - 1) - 1, 2 ** 40);
        return fc
          .tuple(fc.integer({ min: 0, max: top }), fc.integer({ min: 0, max: top }))
          .map(([a, b]) => ({ bin, panLength, accountMin: Math.min(a, b), accountMax: Math.max(a, b) }));
      });
    fc.assert(
      fc.property(ranges, (range) => {
        const pan = generatePan(range);
        return pan.length === range.panLength && pan.startsWith(range.bin) && isLuhnValid(pan) && panInRange(pan, range);
      }),
    );
  });

  it('refuses ranges that cannot make PANs', () => {
    expect(panRangeProblem(RANGE)).toBeNull();
    expect(panRangeProblem({ ...RANGE, bin: '4400' })).toMatch(/BIN/);
    expect(panRangeProblem({ ...RANGE, panLength: 20 })).toMatch(/13 to 19/);
    expect(panRangeProblem({ ...RANGE, accountMin: 5, accountMax: 4 })).toMatch(/first not above the last/);
    expect(panRangeProblem({ ...RANGE, accountMax: 1_000_000_000 })).toMatch(/beyond 9 digits/);
    expect(panRangeProblem({ bin: '44004312', panLength: 13, accountMin: 0, accountMax: 9999 })).toBeNull();
    expect(panRangeProblem({ bin: '44004312', panLength: 13, accountMin: 0, accountMax: 10_000 })).toMatch(/beyond 4 digits/);
    expect(() => generatePan({ ...RANGE, bin: 'abc' })).toThrowError(/unusable/);
  });
});

describe('masked PAN', () => {
  it('shows the first six and the last four digits around six dots', () => {
    expect(maskPan('440043', '1234')).toBe('440043••••••1234');
    expect(maskedPanOf('4123456789012349')).toBe('412345••••••2349');
  });
});

describe('expiry', () => {
  it('writes MMYY for the card and YYMM for the CVC2, valid through the month’s last day in the bank’s time zone', () => {
    const expiry = cardExpiry(7, 2029, 'UTC');
    expect(expiry).toMatchObject({ month: 7, year: 2029, mmyy: '0729', yymm: '2907' });
    expect(expiry.endsAt.toISOString()).toBe('2029-08-01T00:00:00.000Z');
    expect(isExpired(expiry, new Date('2029-07-31T23:59:59.999Z'))).toBe(false);
    expect(isExpired(expiry, new Date('2029-08-01T00:00:00.000Z'))).toBe(true);
    expect(cardExpiry(12, 2029, 'Asia/Almaty').endsAt).toEqual(startOfDay('2030-01-01', 'Asia/Almaty'));
  });

  it('counts the validity from the month of issue as the bank’s calendar has it', () => {
    expect(expiryAfter(new Date('2026-12-15T12:00:00Z'), 36, 'UTC')).toMatchObject({ month: 12, year: 2029, mmyy: '1229' });
    expect(expiryAfter(new Date('2026-03-10T12:00:00Z'), 10, 'UTC')).toMatchObject({ month: 1, year: 2027 });
    // 31 January 22:00 UTC is already 1 February in Almaty: the card counts from February.
    const lateJanuary = new Date('2026-01-31T22:00:00Z');
    expect(expiryAfter(lateJanuary, 12, 'UTC')).toMatchObject({ month: 1, year: 2027 });
    expect(expiryAfter(lateJanuary, 12, 'Asia/Almaty')).toMatchObject({ month: 2, year: 2027 });
  });
});
