/**
 * Kazakhstan's IIN: 12 digits. Digits 1–6 are the date of birth YYMMDD, digit 7 gives the
 * century and sex (1/2 → 1800s, 3/4 → 1900s, 5/6 → 2000s; odd male, even female), digits 8–11
 * a registration number, digit 12 a check digit (weights 1..11 mod 11; if 10, weights 3..11,1,2
 * mod 11; if 10 again the number is never issued).
 */
export interface IinFacts {
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
}

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weightedMod11(digits: number[], weights: number[]): number {
  let sum = 0;
  for (let index = 0; index < 11; index += 1) sum += (digits[index] ?? 0) * (weights[index] ?? 0);
  return sum % 11;
}

export function iinCheckDigit(firstEleven: string): number | null {
  const digits = [...firstEleven].map(Number);
  let check = weightedMod11(digits, FIRST_WEIGHTS);
  if (check === 10) check = weightedMod11(digits, SECOND_WEIGHTS);
  return check === 10 ? null : check;
}

/** The facts an IIN encodes, or null when it is not a valid IIN. */
export function parseIin(iin: string, today = new Date()): IinFacts | null {
  if (!/^\d{12}$/.test(iin)) return null;
  const centuryDigit = Number(iin[6]);
  if (centuryDigit < 1 || centuryDigit > 6) return null;
  const century = [1800, 1800, 1900, 1900, 2000, 2000][centuryDigit - 1] as number;
  const year = century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (date.getTime() > today.getTime()) return null;
  if (iinCheckDigit(iin.slice(0, 11)) !== Number(iin[11])) return null;
  return { birthDate: date.toISOString().slice(0, 10), sex: centuryDigit % 2 === 1 ? 'male' : 'female' };
}

/** Builds a valid IIN (demo data and tests); returns null for the rare numbers never issued. */
export function makeIin(birthDate: string, sex: 'male' | 'female', serial: number): string | null {
  const [year = '', month = '', day = ''] = birthDate.split('-');
  const centuryIndex = Math.floor(Number(year) / 100) - 18; // 0, 1, 2
  const centuryDigit = centuryIndex * 2 + (sex === 'male' ? 1 : 2);
  const firstEleven = `${year.slice(2)}${month}${day}${centuryDigit}${String(serial).padStart(4, '0')}`;
  const check = iinCheckDigit(firstEleven);
  return check === null ? null : `${firstEleven}${check}`;
}

/** Digits of an IIN left visible when it is shown: the serial's end and the check digit, never the date of birth. */
const IIN_VISIBLE_DIGITS = 4;

/** "900517412345" → "********2345": the owner recognises it; the date of birth and sex stay hidden. */
export function maskIin(iin: string): string {
  return `${'*'.repeat(Math.max(0, iin.length - IIN_VISIBLE_DIGITS))}${iin.slice(-IIN_VISIBLE_DIGITS)}`;
}
