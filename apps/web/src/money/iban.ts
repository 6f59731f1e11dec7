/**
 * The IBAN as it is typed, checked in the browser (ISO 13616, mod 97-10), so a typing mistake is
 * caught before the review step. A hint only: the bank checks again and decides (the server's
 * transfers/iban-check.ts). Kazakh IBANs are 20 characters; other countries' lengths are left to
 * the server.
 */

/** KZ + 2 check digits + 3-digit bank code + 13 account characters (KAZAKHSTAN.md). */
export const KZ_IBAN_LENGTH = 20;
/** The longest IBAN of any country (ISO 13616). */
export const IBAN_LENGTH_MAX = 34;

export type IbanCheck = 'empty' | 'incomplete' | 'ok' | 'checksum' | 'length' | 'format';

/** "kz86 125k…" → "KZ86125K…": what the bank reads. */
export function compactIban(text: string): string {
  return text.replace(/\s/g, '').toUpperCase();
}

/** "KZ12 3456 7890 1234 5678" for reading; the API takes the compact form. */
export function groupIban(iban: string): string {
  return iban.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** Typed text as the IBAN field keeps it: letters and digits, upper case, grouped by four. */
export function typedIban(text: string): string {
  return groupIban(
    text
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, IBAN_LENGTH_MAX),
  );
}

/** The ISO 7064 mod 97-10 remainder of an IBAN: 1 for a valid one. Folded digit by digit. */
function mod97(iban: string): number {
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let remainder = 0;
  for (const character of rearranged) {
    const code = character.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? String(code - 55) : character;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/**
 * Where a typed IBAN stands. `incomplete` while a Kazakh one is still being typed (no error
 * yet); `length` once it is longer than 20 or the field is left short; `checksum` when every
 * character is there but the check digits do not match (a typo).
 */
export function checkIban(text: string, { complete = false }: { complete?: boolean } = {}): IbanCheck {
  const iban = compactIban(text);
  if (iban === '') return 'empty';
  if (/^[A-Z]{1,2}$/.test(iban)) return complete ? 'length' : 'incomplete';
  if (!/^[A-Z]{2}(\d{1,2}|\d{2}[A-Z0-9]*)$/.test(iban)) return 'format';
  const kazakh = iban.startsWith('KZ');
  if (kazakh && iban.length > KZ_IBAN_LENGTH) return 'length';
  if (kazakh && iban.length < KZ_IBAN_LENGTH) return complete ? 'length' : 'incomplete';
  if (kazakh && !/^KZ\d{5}[A-Z0-9]{13}$/.test(iban)) return 'format';
  if (!kazakh && iban.length < 15) return complete ? 'length' : 'incomplete';
  return mod97(iban) === 1 ? 'ok' : 'checksum';
}

/** This bank's IBAN: KZ with the bank's 3-digit code in characters 5-7. */
export function isThisBankIban(text: string, bankCode: string): boolean {
  const iban = compactIban(text);
  return iban.startsWith('KZ') && iban.slice(4, 7) === bankCode;
}
