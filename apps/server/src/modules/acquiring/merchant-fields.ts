import { iinCheckDigit, stripUnsafeCharacters } from '../identity/index.js';
import { normalizeIban } from '../ledger/index.js';
import { MERCHANT_FIELD_ERRORS } from './acquiring.messages.js';

/**
 * A merchant's fields as staff type them, checked beyond what a schema can say: the BIN's check
 * digit, the IBAN's mod 97, the origins a return URL may be on. Every failing field is reported at
 * once (the form shows them all), each with its JSON pointer.
 */

export const LEGAL_NAME_LENGTH_MAX = 200;
/** Origins per merchant: a shop, its staging site, a few country domains. */
export const RETURN_ORIGINS_MAX = 10;
export const RETURN_ORIGIN_LENGTH_MAX = 255;

// KAZAKHSTAN.md: a BIN has the IIN's shape and check digit; digit 5 is the kind of entity
// (4 resident legal entity, 5 non-resident, 6 an individual entrepreneur's joint venture);
// digits 1-4 are the year and month of registration.
const BIN_ENTITY_DIGITS = new Set(['4', '5', '6']);
const MONTHS_MAX = 12;

/** A valid BIN: 12 digits, a month of registration, a legal entity's digit 5, the check digit. */
export function isValidBin(bin: string): boolean {
  if (!/^\d{12}$/.test(bin)) return false;
  const month = Number(bin.slice(2, 4));
  if (month < 1 || month > MONTHS_MAX) return false;
  if (!BIN_ENTITY_DIGITS.has(bin[4] ?? '')) return false;
  return iinCheckDigit(bin.slice(0, 11)) === Number(bin[11]);
}

/** ISO 18245: four digits; 0000 is no category. */
export function isValidMcc(mcc: string): boolean {
  return /^\d{4}$/.test(mcc) && mcc !== '0000';
}

/** A KZ IBAN in its electronic form (the ledger's reading of one), or null. */
export function kzIban(typed: string): string | null {
  const iban = normalizeIban(typed);
  return iban?.startsWith('KZ') && iban.length === KZ_IBAN_LENGTH ? iban : null;
}

// KAZAKHSTAN.md: KZ + 2 check digits + 3-digit bank code + 13 characters.
const KZ_IBAN_LENGTH = 20;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origin `typed` names (`https://shop.kz`, lower case, no default port), or null. Only an
 * origin: a path other than "/", a query, a fragment or a login makes it something else, and an
 * allow-list of return URLs is only as good as the exactness of its entries (SECURITY.md 21,
 * ASVS 5.1.5). http is accepted for the developer's own machine only, and never in production.
 */
export function returnOrigin(typed: string, options: { allowLocalHttp: boolean }): string | null {
  if (typed.length > RETURN_ORIGIN_LENGTH_MAX || typed.trim() !== typed) return null;
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  if (typed.includes('?') || typed.includes('#') || typed.includes('@')) return null;
  if (url.protocol === 'https:') return url.hostname.includes('.') || LOCAL_HOSTS.has(url.hostname) ? url.origin : null;
  if (url.protocol === 'http:' && options.allowLocalHttp && LOCAL_HOSTS.has(url.hostname)) return url.origin;
  return null;
}

export interface MerchantFieldsInput {
  legalName: string;
  bin: string;
  mcc: string;
  settlementIban: string;
  returnOrigins: string[];
  testModeEnabled: boolean;
  liveModeEnabled: boolean;
}

export type MerchantFields = MerchantFieldsInput;

export interface FieldFailure {
  pointer: string;
  detail: (typeof MERCHANT_FIELD_ERRORS)[keyof typeof MERCHANT_FIELD_ERRORS];
}

/** The fields made canonical, or every failure with its pointer in the body. */
export function checkMerchantFields(
  input: MerchantFieldsInput,
  options: { allowLocalHttp: boolean },
): { ok: true; fields: MerchantFields } | { ok: false; failures: FieldFailure[] } {
  const failures: FieldFailure[] = [];
  const legalName = input.legalName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (stripUnsafeCharacters(input.legalName) !== input.legalName || legalName.length < 1 || legalName.length > LEGAL_NAME_LENGTH_MAX)
    failures.push({ pointer: '/legalName', detail: MERCHANT_FIELD_ERRORS.legalName });
  const bin = input.bin.trim();
  if (!isValidBin(bin)) failures.push({ pointer: '/bin', detail: MERCHANT_FIELD_ERRORS.bin });
  const mcc = input.mcc.trim();
  if (!isValidMcc(mcc)) failures.push({ pointer: '/mcc', detail: MERCHANT_FIELD_ERRORS.mcc });
  const settlementIban = kzIban(input.settlementIban);
  if (!settlementIban) failures.push({ pointer: '/settlementIban', detail: MERCHANT_FIELD_ERRORS.settlementIban });
  const returnOrigins: string[] = [];
  input.returnOrigins.forEach((typed, index) => {
    const origin = returnOrigin(typed, options);
    const pointer = `/returnOrigins/${index}`;
    if (!origin) failures.push({ pointer, detail: MERCHANT_FIELD_ERRORS.returnOrigin });
    else if (returnOrigins.includes(origin)) failures.push({ pointer, detail: MERCHANT_FIELD_ERRORS.returnOriginsDuplicate });
    else returnOrigins.push(origin);
  });
  if (!input.testModeEnabled && !input.liveModeEnabled) failures.push({ pointer: '/liveModeEnabled', detail: MERCHANT_FIELD_ERRORS.modes });
  if (failures.length > 0 || !settlementIban) return { ok: false, failures };
  return {
    ok: true,
    fields: {
      legalName,
      bin,
      mcc,
      settlementIban,
      returnOrigins,
      testModeEnabled: input.testModeEnabled,
      liveModeEnabled: input.liveModeEnabled,
    },
  };
}
