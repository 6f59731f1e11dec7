import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phones are stored in E.164. Numbers typed the Kazakh way (8 701 …, 701 …) are read with region
 * KZ; other countries are allowed with their + code. Only mobile numbers can receive codes.
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.length > 32) return null;
  const kazakhTrunk = /^8\s*\(?7\d\d/.test(trimmed) ? `+7${trimmed.replace(/\D/g, '').slice(1)}` : trimmed;
  const parsed = parsePhoneNumberFromString(kazakhTrunk, 'KZ');
  if (!parsed?.isValid()) return null;
  const type = parsed.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return parsed.number;
}

/** +7 701 *** ** 67: enough for the owner to recognise, useless to anyone else. */
export function maskPhoneForDisplay(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return '***';
  const national = parsed.nationalNumber;
  return `+${parsed.countryCallingCode} ${national.slice(0, 3)} *** ** ${national.slice(-2)}`;
}
