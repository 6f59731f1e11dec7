import { describe, expect, it } from 'vitest';
import { iinProblem } from './iin';

// IINs built by the server's makeIin (apps/server/src/modules/identity/iin.ts), so both sides agree.
const VALID = ['900517300019', '040229500075', '851231300065', '900228400014'];

describe('iinProblem', () => {
  it.each(VALID)('accepts the valid IIN %s', (iin) => {
    expect(iinProblem(iin)).toBeNull();
  });

  it('says "short" while the digits are still being typed', () => {
    expect(iinProblem('')).toBe('short');
    expect(iinProblem('90051740001')).toBe('short');
  });

  // Digit 11 has weight 11, which is 0 modulo 11: the algorithm itself cannot see a typo there.
  it('refuses a typo in the check digit or in any of digits 1–10', () => {
    const iin = VALID[0] as string;
    for (const index of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11]) {
      const digit = Number(iin[index]);
      const typo = `${iin.slice(0, index)}${(digit + 1) % 10}${iin.slice(index + 1)}`;
      expect(iinProblem(typo), typo).toBe('invalid');
    }
  });

  it('refuses an impossible birth date, a century digit outside 1–6 and a birth in the future', () => {
    // Each has the right check digit: only the date or the century digit is wrong.
    expect(iinProblem('900230400015')).toBe('invalid'); // 30 February
    expect(iinProblem('900517000011')).toBe('invalid'); // century digit 0
    expect(iinProblem('900517700014')).toBe('invalid'); // century digit 7
    expect(iinProblem('300101500014', new Date('2031-01-01T00:00:00Z'))).toBeNull();
    expect(iinProblem('300101500014', new Date('2029-12-31T00:00:00Z'))).toBe('invalid'); // born 2030
  });

  it('refuses letters and more than 12 digits', () => {
    expect(iinProblem('90051740001a')).toBe('invalid');
    expect(iinProblem('9005174000110')).toBe('invalid');
  });
});
