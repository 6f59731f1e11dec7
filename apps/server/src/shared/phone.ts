import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phones are stored in E.164. Numbers typed the Kazakh way (8 701 …, 701 …) are read with region
 * KZ; other countries are valid with their + code (as payees), though SMS go only to the allowed
 * calling codes (smsCountryAllowed). Only mobile numbers can receive codes.
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

/** The country calling code of an E.164 number, without the +: '7' for +7 701 …, '44' for +44 …. */
export function phoneCallingCode(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.countryCallingCode ?? null;
}

/**
 * SECURITY.md 33 (SMS pumping, toll fraud): whether SMS may go to this number at all. Numbers of
 * other countries are valid phones (a payee, a contact), but no code and no notice is sent to
 * them; the allowed calling codes are config.smsAllowedCountryCodes.
 */
export function smsCountryAllowed(e164: string, allowedCallingCodes: readonly string[]): boolean {
  const callingCode = phoneCallingCode(e164);
  return callingCode !== null && allowedCallingCodes.includes(callingCode);
}

/** +7 701 *** ** 67: enough for the owner to recognise, useless to anyone else. */
export function maskPhoneForDisplay(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return '***';
  const national = parsed.nationalNumber;
  return `+${parsed.countryCallingCode} ${national.slice(0, 3)} *** ** ${national.slice(-2)}`;
}
