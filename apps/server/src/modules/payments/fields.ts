import { assert } from '../../shared/assert.js';
import type { Language, Localized } from '../../shared/i18n.js';
import { format } from '../../shared/i18n.js';
import type { FieldError as ProblemFieldError } from '../../shared/problem.js';
import { isLuhnValid } from '../cards/index.js';
import { iinCheckDigit, normalizePhone } from '../identity/index.js';
import type { ProviderField } from './catalogue.types.js';
import {
  FIELD_ERROR_MESSAGES,
  FIELD_KIND_EXPECTED,
  FIELD_WARNING_MESSAGES,
  type FieldErrorCode,
  type FieldWarningCode,
} from './payments.messages.js';

/**
 * The values a customer typed into a provider's fields (issue 16 item 1), read by the field
 * definitions: normalised by kind, then checked for presence, length, pattern and check digit.
 * Every wrong field is reported at once, one entry each, in the shape of a 422 problem's `errors`
 * (shared/problem.ts FieldError: a JSON pointer and a localized detail), plus the field's name
 * and a closed code for clients that branch. A phone outside the operator's prefixes is a
 * warning only: numbers move between operators.
 */

/** Longer input is refused before any work is done on it: no field's value is near this long. */
const RAW_VALUE_LENGTH_MAX = 200;
/** Unknown keys reported at most: a request with more is refused by its first ones. */
const UNKNOWN_FIELDS_REPORTED_MAX = 5;
/** A key echoed in a pointer is cut here: it came from the client. */
const POINTER_KEY_LENGTH_MAX = 40;
/** receipts and service_payments.account_label hold at most this many characters. */
export const ACCOUNT_LABEL_LENGTH_MAX = 80;

// types/FIELD_KINDS text: letters, digits and - / . (a contract "AB-12/3.4"); spaces inside are kept single.
const TEXT_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}\-/. ]*$/u;
const DIGITS_PATTERN = /^\d+$/;
// KAZAKHSTAN.md: a Kazakh mobile number is +7 7XX XXX XX XX.
const KAZAKH_MOBILE_PATTERN = /^\+77\d{9}$/;
/** The national significant number of a +7 number: 10 digits. */
const NATIONAL_NUMBER_LENGTH = 10;

export interface FieldError extends ProblemFieldError {
  field: string;
  code: FieldErrorCode;
  detail: Localized;
}

export interface FieldWarning {
  field: string;
  pointer: string;
  code: FieldWarningCode;
  detail: Localized;
}

export type ReadFieldsResult =
  | { ok: true; values: Record<string, string>; mainField: string; mainValue: string; accountLabel: string; warnings: FieldWarning[] }
  | { ok: false; errors: FieldError[] };

/** Fills a template's placeholders in each language. */
export function localize(template: Localized, values: (language: Language) => Record<string, string | number>): Localized {
  return { ru: format(template.ru, values('ru')), kk: format(template.kk, values('kk')), en: format(template.en, values('en')) };
}

/** RFC 6901: `~` and `/` inside a key are escaped so the pointer names exactly that key. */
function pointerOf(key: string): string {
  return `/fields/${key.slice(0, POINTER_KEY_LENGTH_MAX).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function fieldError(field: ProviderField, code: FieldErrorCode): FieldError {
  const expected = field.pattern !== null && code === 'pattern' ? FIELD_KIND_EXPECTED.custom : FIELD_KIND_EXPECTED[field.kind];
  const detail = localize(FIELD_ERROR_MESSAGES[code], (language) => ({
    label: field.label[language],
    min: field.minLength,
    max: field.maxLength,
    expected: expected[language],
  }));
  return { field: field.name, pointer: pointerOf(field.name), code, detail };
}

/**
 * A phone as customers type it (+7 701 123 45 67, 8 (701) 123-45-67, 7701…, 701…) as
 * `+7XXXXXXXXXX`, or null when it is not a Kazakh mobile number. The digit forms are read here;
 * shared/phone.ts (libphonenumber) then says whether the number is a mobile one.
 */
export function normalizeKazakhMobile(typed: string): string | null {
  const digits = typed.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  const bare = digits.replace(/^\+/, '');
  let national: string;
  if (bare.length === NATIONAL_NUMBER_LENGTH && !digits.startsWith('+')) national = bare;
  // 8 is the trunk prefix dialled inside Kazakhstan, 7 the country code typed without +.
  else if (bare.length === NATIONAL_NUMBER_LENGTH + 1 && (bare.startsWith('7') || (bare.startsWith('8') && !digits.startsWith('+'))))
    national = bare.slice(1);
  else return null;
  const e164 = normalizePhone(`+7${national}`);
  return e164 !== null && KAZAKH_MOBILE_PATTERN.test(e164) ? e164 : null;
}

/** +77011234567 → "+7 701 123 45 67", as receipts print it. */
export function formatKazakhMobile(e164: string): string {
  return `+7 ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8, 10)} ${e164.slice(10, 12)}`;
}

type Normalised = { value: string } | { code: FieldErrorCode };

/** The value as the field's kind keeps it, or why it cannot be one. */
function normaliseByKind(field: ProviderField, typed: string): Normalised {
  switch (field.kind) {
    case 'text': {
      const value = typed.normalize('NFC').trim().replace(/\s+/g, ' ');
      return value === '' || TEXT_PATTERN.test(value) ? { value } : { code: 'pattern' };
    }
    case 'digits':
    case 'iin': {
      const value = typed.replace(/[\s-]/g, '');
      return value === '' || DIGITS_PATTERN.test(value) ? { value } : { code: 'pattern' };
    }
    case 'phone': {
      if (typed.trim() === '') return { value: '' };
      const e164 = normalizeKazakhMobile(typed);
      return e164 === null ? { code: 'not-a-mobile-number' } : { value: e164 };
    }
  }
}

/** The characters the length rule counts: the 10 national digits of a phone, the value otherwise. */
function countedLength(field: ProviderField, value: string): number {
  return field.kind === 'phone' ? value.length - 2 : [...value].length;
}

function passesCheckDigit(field: ProviderField, value: string): boolean {
  // types: an iin field always carries the IIN's check digit, named or not.
  const check = field.kind === 'iin' ? 'iin' : field.checkDigit;
  if (check === 'iin') return value.length === 12 && iinCheckDigit(value.slice(0, 11)) === Number(value[11]);
  if (check === 'luhn') return isLuhnValid(value);
  return true;
}

function matchesPattern(field: ProviderField, value: string): boolean {
  if (field.pattern === null) return true;
  // catalogue-rules.ts compiled it before it was stored; anchored here whatever staff wrote.
  return new RegExp(`^(?:${field.pattern})$`, 'u').test(value);
}

/** One field's value, or the first rule it breaks (in the order a customer fixes them). */
function readOne(field: ProviderField, raw: unknown): { value: string } | { code: FieldErrorCode } {
  if (raw === undefined || raw === null) return field.minLength > 0 ? { code: 'required' } : { value: '' };
  if (typeof raw !== 'string') return { code: 'pattern' };
  if (raw.length > RAW_VALUE_LENGTH_MAX) return { code: 'too-long' };
  const normalised = normaliseByKind(field, raw);
  if ('code' in normalised) return normalised;
  const { value } = normalised;
  // minLength 0 makes a field optional: left empty, it is simply not sent.
  if (value === '') return field.minLength > 0 ? { code: 'required' } : { value };
  const length = countedLength(field, value);
  if (length < field.minLength) return { code: 'too-short' };
  if (length > field.maxLength) return { code: 'too-long' };
  if (!matchesPattern(field, value)) return { code: 'pattern' };
  if (!passesCheckDigit(field, value)) return { code: 'check-digit' };
  return { value };
}

function operatorWarning(field: ProviderField, value: string): FieldWarning | null {
  if (field.kind !== 'phone' || field.phonePrefixes === null || value === '') return null;
  if (field.phonePrefixes.includes(value.slice(2, 5))) return null;
  return { field: field.name, pointer: pointerOf(field.name), code: 'other-operator', detail: FIELD_WARNING_MESSAGES['other-operator'] };
}

function accountLabelOf(field: ProviderField, value: string): string {
  const shown = field.kind === 'phone' ? formatKazakhMobile(value) : value;
  return [...shown].slice(0, ACCOUNT_LABEL_LENGTH_MAX).join('');
}

/** Reads `input` (the request's `fields`) by the provider's field definitions. */
export function readFields(fields: readonly ProviderField[], input: Record<string, unknown>): ReadFieldsResult {
  const errors: FieldError[] = [];
  const warnings: FieldWarning[] = [];
  const values: Record<string, string> = {};
  const known = new Set(fields.map((field) => field.name));
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  for (const key of unknown.slice(0, UNKNOWN_FIELDS_REPORTED_MAX)) {
    errors.push({ field: key, pointer: pointerOf(key), code: 'unknown-field', detail: FIELD_ERROR_MESSAGES['unknown-field'] });
  }
  for (const field of fields) {
    // Own properties only: a key like "constructor" must not read Object.prototype.
    const read = readOne(field, Object.hasOwn(input, field.name) ? input[field.name] : undefined);
    if ('code' in read) {
      errors.push(fieldError(field, read.code));
      continue;
    }
    if (read.value === '') continue;
    values[field.name] = read.value;
    const warning = operatorWarning(field, read.value);
    if (warning) warnings.push(warning);
  }
  if (errors.length > 0) return { ok: false, errors };
  const main = fields.find((field) => field.main);
  const mainValue = main ? values[main.name] : undefined;
  // catalogue-rules.ts: exactly one main field, and it is required, so it has a value here.
  assert(main !== undefined && mainValue !== undefined, 'a provider has one required main field');
  return { ok: true, values, mainField: main.name, mainValue, accountLabel: accountLabelOf(main, mainValue), warnings };
}
