import { randomInt } from 'node:crypto';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { assert } from '../../shared/assert.js';

/** The bank code inside our IBANs when the caller gives none (KZ IBAN positions 5–7). */
export const DEFAULT_BANK_CODE = '722';

const COUNTRY_CODE = 'KZ';
const BANK_CODE_PATTERN = /^[0-9]{3}$/;
// KZ IBAN: KZ + 2 check digits + 3-digit bank code + 13 account characters = 20 (ISO 13616).
const ACCOUNT_NUMBER_LENGTH = 13;
export const KZ_IBAN_LENGTH = 20;

/**
 * ISO 13616 / ISO 7064 mod 97-10 check digits: move the country code and "00" to the end,
 * turn letters into numbers (A = 10 … Z = 35), and take 98 − (that number mod 97).
 * The remainder is folded digit by digit so no big number is ever built.
 */
export function ibanCheckDigits(countryCode: string, bban: string): string {
  const rearranged = `${bban}${countryCode}00`.toUpperCase();
  let remainder = 0;
  for (const character of rearranged) {
    const code = character.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? String(code - 55) : character;
    assert(/^[0-9]+$/.test(value), `IBAN character ${character} is not alphanumeric`);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return String(98 - remainder).padStart(2, '0');
}

/**
 * A fresh random KZ IBAN for the bank with `bankCode`. The 13 account characters are random
 * digits from the CSPRNG, so an IBAN says nothing about its owner or how many accounts exist;
 * uniqueness is the database's job (a unique index; the caller retries on a collision).
 */
export function generateIban(bankCode: string = DEFAULT_BANK_CODE): string {
  assert(BANK_CODE_PATTERN.test(bankCode), `bank code must be 3 digits, got "${bankCode}"`);
  let accountNumber = '';
  for (let index = 0; index < ACCOUNT_NUMBER_LENGTH; index += 1) accountNumber += String(randomInt(10));
  const bban = `${bankCode}${accountNumber}`;
  const iban = `${COUNTRY_CODE}${ibanCheckDigits(COUNTRY_CODE, bban)}${bban}`;
  assert(iban.length === KZ_IBAN_LENGTH && isValidIBAN(iban), `generated IBAN ${iban} is invalid`);
  return iban;
}

/** The electronic form of a valid IBAN (no spaces, upper case), or null when it is not one. */
export function normalizeIban(input: string): string | null {
  const electronic = electronicFormatIBAN(input);
  return electronic && isValidIBAN(electronic) ? electronic : null;
}

const IBAN_GROUP_LENGTH = 4;

/** An IBAN as it is printed for people (ISO 13616 paper format): groups of four, "KZ86 1250 0000 …". */
export function formatIban(iban: string): string {
  return (
    iban
      .replace(/\s+/g, '')
      .match(new RegExp(`.{1,${IBAN_GROUP_LENGTH}}`, 'g'))
      ?.join(' ') ?? ''
  );
}

/**
 * Someone else's IBAN, or one's own on a document anyone may read (a receipt and its check page):
 * the country, the check digits and the last four characters, "KZ86 •••• 1234". Enough to tell
 * accounts apart, not enough to pay into or to learn the account number.
 */
export function maskIban(iban: string): string {
  const electronic = iban.replace(/\s+/g, '');
  return `${electronic.slice(0, IBAN_GROUP_LENGTH)} •••• ${electronic.slice(-IBAN_GROUP_LENGTH)}`;
}
