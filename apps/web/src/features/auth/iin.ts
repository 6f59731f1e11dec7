/**
 * The IIN's own checks, as typed (a port of apps/server/src/modules/identity/iin.ts, see
 * KAZAKHSTAN.md): 12 digits, YYMMDD a real day not in the future, digit 7 the century and sex
 * (1–6), digit 12 the check digit (weights 1..11 mod 11; if 10, weights 3..11,1,2 mod 11; if 10
 * again the number is never issued). The server checks again; this only catches a typo early.
 */

export const IIN_LENGTH = 12;

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;
const CENTURY_BY_DIGIT = [1800, 1800, 1900, 1900, 2000, 2000] as const;
const NO_CHECK_DIGIT = 10;

function weightedMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < weights.length; index += 1) sum += (digits[index] ?? 0) * (weights[index] ?? 0);
  return sum % 11;
}

function checkDigit(firstEleven: readonly number[]): number | null {
  let check = weightedMod11(firstEleven, FIRST_WEIGHTS);
  if (check === NO_CHECK_DIGIT) check = weightedMod11(firstEleven, SECOND_WEIGHTS);
  return check === NO_CHECK_DIGIT ? null : check;
}

function birthDateIsReal(iin: string, today: Date): boolean {
  const century = CENTURY_BY_DIGIT[Number(iin[6]) - 1];
  if (century === undefined) return false;
  const year = century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && date.getTime() <= today.getTime();
}

/** 'short' while fewer than 12 digits are typed, 'invalid' for 12 digits no IIN has, null for a possible IIN. */
export function iinProblem(typed: string, today: Date = new Date()): 'short' | 'invalid' | null {
  if (!/^\d*$/.test(typed)) return 'invalid';
  if (typed.length < IIN_LENGTH) return 'short';
  if (typed.length > IIN_LENGTH || !birthDateIsReal(typed, today)) return 'invalid';
  const digits = [...typed].map(Number);
  return checkDigit(digits.slice(0, 11)) === digits[11] ? null : 'invalid';
}
