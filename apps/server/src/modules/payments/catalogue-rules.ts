import type { Localized } from '../../shared/i18n.js';
import { iinCheckDigit, stripUnsafeCharacters } from '../identity/index.js';
import { isCurrency, normalizeIban } from '../ledger/index.js';
import {
  AMOUNT_RULE_KINDS,
  type AmountRule,
  CHECK_DIGITS,
  type FeeRule,
  FIELD_KINDS,
  PROVIDER_MODES,
  type Provider,
  type ProviderField,
  type ServiceCategory,
} from './catalogue.types.js';
import { FEE_PERCENT_BASIS_POINTS_MAX } from './fees.js';
import { CATALOGUE_RULE_MESSAGES, type CatalogueRuleCode } from './payments.messages.js';

// The jsonb (de)serialisers of the same shapes, kept in their own file for length; the repo imports them from here.
export {
  amountRuleFromJson,
  amountRuleToJson,
  feeRuleFromJson,
  feeRuleToJson,
  fieldsFromJson,
  fieldsToJson,
} from './catalogue-json.js';

/**
 * A provider's definition checked before it is written (issue 16 item 1: staff create and edit
 * providers; the demo catalogue goes through the same door). Every problem is reported at once,
 * each with the JSON pointer of the part at fault, so the back office marks them all.
 */

/** What staff define; the id, status, version and times are the service's. */
export type ProviderDefinition = Omit<Provider, 'id' | 'status' | 'version' | 'createdAt' | 'updatedAt'>;

export interface RuleProblem {
  pointer: string;
  code: CatalogueRuleCode;
  message: Localized;
}

// Limits of migration 0047's CHECKs, and of the issue's definition of a field.
const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
const LOGO_COLOR_PATTERN = /^#[0-9a-f]{6}$/;
const FIELD_NAME_PATTERN = /^[a-z][a-zA-Z0-9]{0,31}$/;
const PHONE_PREFIX_PATTERN = /^\d{3}$/;
const NAME_LENGTH_MAX = 80;
const HINT_LENGTH_MAX = 160;
const KEYWORDS_LENGTH_MAX = 400;
const LOGO_TEXT_LENGTH_MAX = 3;
const LEGAL_NAME_LENGTH = { min: 2, max: 160 };
const POSITION_MAX = 10_000;
const CATEGORY_POSITION_MAX = 1_000;
const FIELDS_COUNT = { min: 1, max: 5 };
const FIELD_LENGTH_MAX = 64;
const PATTERN_LENGTH_MAX = 200;
const PHONE_PREFIXES_MAX = 50;
const ENDPOINT_URL_LENGTH = { min: 8, max: 500 };
/** 10^13 tiyn = 100 billion ₸: beyond any payment, far inside bigint columns. */
export const AMOUNT_MINOR_MAX = 10n ** 13n;
/** The length the field rules count for a phone (its 10 national digits) and an IIN. */
const PHONE_LENGTH = 10;
const IIN_LENGTH = 12;

// KAZAKHSTAN.md: a BIN has the IIN's shape and check digit; digits 3-4 are the month of
// registration, digit 5 the kind of entity (4 resident, 5 non-resident, 6 a joint venture).
// acquiring/merchant-fields.ts holds the same rule but does not export it.
const BIN_ENTITY_DIGITS = new Set(['4', '5', '6']);
const KZ_IBAN_LENGTH = 20;

export function isValidBin(bin: string): boolean {
  if (!/^\d{12}$/.test(bin)) return false;
  const month = Number(bin.slice(2, 4));
  if (month < 1 || month > 12 || !BIN_ENTITY_DIGITS.has(bin[4] ?? '')) return false;
  return iinCheckDigit(bin.slice(0, 11)) === Number(bin[11]);
}

/** The stored form of a settlement IBAN (electronic, upper case, KZ with valid check digits), or null. */
export function canonicalSettlementIban(typed: string): string | null {
  const iban = normalizeIban(typed);
  return iban?.startsWith('KZ') && iban.length === KZ_IBAN_LENGTH ? iban : null;
}

function problem(pointer: string, code: CatalogueRuleCode): RuleProblem {
  return { pointer, code, message: CATALOGUE_RULE_MESSAGES[code] };
}

function isText(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'string' || stripUnsafeCharacters(value) !== value) return false;
  const length = [...value.trim()].length;
  return value.trim() === value && length >= min && length <= max;
}

function isLocalizedText(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return ['ru', 'kk', 'en'].every((language) => isText(Reflect.get(value, language), 1, max));
}

function isWholeIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Whether a pattern repeats a group that itself repeats ("(a+)+", "(\d*)*"): the shape that
 * makes a backtracking engine take exponential time (ReDoS). A value is at most 64 characters,
 * but 30 are enough to hang the event loop for minutes. Escapes and character classes are skipped.
 */
export function hasNestedRepetition(pattern: string): boolean {
  const groups: boolean[] = [];
  let repeated = false;
  for (let index = 0; index < pattern.length; index += 1) {
    const character = pattern[index];
    if (character === '\\') index += 1;
    else if (character === '[') {
      for (index += 1; index < pattern.length && pattern[index] !== ']'; index += 1) if (pattern[index] === '\\') index += 1;
    } else if (character === '(') {
      groups.push(repeated);
      repeated = false;
      if (pattern[index + 1] === '?') index += 1;
    } else if (character === ')') {
      const next = pattern[index + 1];
      if (repeated && (next === '*' || next === '+' || next === '{')) return true;
      repeated = (groups.pop() ?? false) || repeated;
    } else if (character === '*' || character === '+' || character === '{' || character === '?') repeated = true;
  }
  return false;
}

function compiles(pattern: string): boolean {
  try {
    // Alone first: "a)|(b" compiles only once wrapped, and would unanchor fields.ts's ^(?:…)$.
    new RegExp(pattern, 'u');
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}

function checkPattern(pattern: unknown, at: string): RuleProblem[] {
  if (pattern === null) return [];
  if (typeof pattern !== 'string' || pattern.length < 1 || pattern.length > PATTERN_LENGTH_MAX || !compiles(pattern))
    return [problem(`${at}/pattern`, 'field-pattern')];
  return hasNestedRepetition(pattern) ? [problem(`${at}/pattern`, 'field-pattern-unsafe')] : [];
}

function checkFieldLength(field: ProviderField, at: string): RuleProblem[] {
  const { minLength, maxLength, kind } = field;
  const ordered = isWholeIn(minLength, 0, FIELD_LENGTH_MAX) && isWholeIn(maxLength, 1, FIELD_LENGTH_MAX) && minLength <= maxLength;
  // A phone is always its 10 national digits, an IIN its 12: another length could never be met.
  const fixed = kind === 'phone' ? PHONE_LENGTH : kind === 'iin' ? IIN_LENGTH : null;
  const fits = fixed === null || (minLength === fixed && maxLength === fixed);
  return ordered && fits ? [] : [problem(`${at}/minLength`, 'field-length')];
}

function checkCheckDigit(field: ProviderField, at: string): RuleProblem[] {
  const { checkDigit, kind } = field;
  if (checkDigit === null) return [];
  const digitsOnly = kind === 'digits' || kind === 'iin';
  const lengthFits = checkDigit !== 'iin' || (field.minLength === IIN_LENGTH && field.maxLength === IIN_LENGTH);
  const known = (CHECK_DIGITS as readonly string[]).includes(checkDigit);
  return known && digitsOnly && lengthFits && (checkDigit !== 'luhn' || kind === 'digits')
    ? []
    : [problem(`${at}/checkDigit`, 'field-check-digit')];
}

function checkPhonePrefixes(field: ProviderField, at: string): RuleProblem[] {
  const { phonePrefixes } = field;
  if (phonePrefixes === null) return [];
  const ok =
    field.kind === 'phone' &&
    phonePrefixes.length >= 1 &&
    phonePrefixes.length <= PHONE_PREFIXES_MAX &&
    phonePrefixes.every((prefix) => PHONE_PREFIX_PATTERN.test(prefix)) &&
    new Set(phonePrefixes).size === phonePrefixes.length;
  return ok ? [] : [problem(`${at}/phonePrefixes`, 'field-phone-prefixes')];
}

function checkField(field: ProviderField, index: number): RuleProblem[] {
  const at = `/fields/${index}`;
  const problems: RuleProblem[] = [];
  if (typeof field.name !== 'string' || !FIELD_NAME_PATTERN.test(field.name)) problems.push(problem(`${at}/name`, 'field-name'));
  if (!isLocalizedText(field.label, NAME_LENGTH_MAX) || (field.hint !== null && !isLocalizedText(field.hint, HINT_LENGTH_MAX)))
    problems.push(problem(`${at}/label`, 'field-label'));
  if (!(FIELD_KINDS as readonly string[]).includes(field.kind)) return [...problems, problem(`${at}/kind`, 'field-kind')];
  problems.push(
    ...checkFieldLength(field, at),
    ...checkPattern(field.pattern, at),
    ...checkCheckDigit(field, at),
    ...checkPhonePrefixes(field, at),
  );
  return problems;
}

function checkFields(fields: readonly ProviderField[]): RuleProblem[] {
  if (!Array.isArray(fields) || fields.length < FIELDS_COUNT.min || fields.length > FIELDS_COUNT.max)
    return [problem('/fields', 'fields-count')];
  const problems = fields.flatMap(checkField);
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    if (seen.has(field.name)) problems.push(problem(`/fields/${index}/name`, 'field-name-duplicate'));
    seen.add(field.name);
  });
  // The main field names the account on receipts (service_payments.account_label): it must be filled.
  const mains = fields.filter((field) => field.main === true);
  if (mains.length !== 1 || (mains[0]?.minLength ?? 0) < 1) problems.push(problem('/fields', 'field-main'));
  return problems;
}

function checkAmountRule(rule: AmountRule, mode: ProviderDefinition['mode']): RuleProblem[] {
  if (!(AMOUNT_RULE_KINDS as readonly string[]).includes(rule.kind)) return [problem('/amountRule/kind', 'amount-kind')];
  const { minMinor, maxMinor } = rule;
  if (
    !(typeof minMinor === 'bigint' && typeof maxMinor === 'bigint' && minMinor > 0n && minMinor <= maxMinor && maxMinor <= AMOUNT_MINOR_MAX)
  )
    return [problem('/amountRule/minMinor', 'amount-range')];
  // Without a bill from the provider (ad-hoc, validate) an exact amount is the one amount of the range.
  if (rule.kind === 'exact' && mode !== 'fetch' && minMinor !== maxMinor) return [problem('/amountRule/maxMinor', 'amount-exact')];
  return [];
}

function checkFeeRule(rule: FeeRule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const fixedOk = typeof rule.fixedMinor === 'bigint' && rule.fixedMinor >= 0n && rule.fixedMinor <= AMOUNT_MINOR_MAX;
  if (!fixedOk) problems.push(problem('/feeRule/fixedMinor', 'fee-fixed'));
  if (!isWholeIn(rule.percentBasisPoints, 0, FEE_PERCENT_BASIS_POINTS_MAX))
    problems.push(problem('/feeRule/percentBasisPoints', 'fee-percent'));
  if (
    rule.capMinor !== null &&
    !(typeof rule.capMinor === 'bigint' && fixedOk && rule.capMinor >= rule.fixedMinor && rule.capMinor <= AMOUNT_MINOR_MAX)
  )
    problems.push(problem('/feeRule/capMinor', 'fee-cap'));
  return problems;
}

/** http or https, a host, no login in the URL (the secret travels in a header, never in the address). */
export function isEndpointUrl(typed: string): boolean {
  if (typed.length < ENDPOINT_URL_LENGTH.min || typed.length > ENDPOINT_URL_LENGTH.max) return false;
  try {
    const url = new URL(typed);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password;
  } catch {
    return false;
  }
}

function checkIdentity(definition: ProviderDefinition): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!SLUG_PATTERN.test(definition.slug)) problems.push(problem('/slug', 'slug'));
  if (!SLUG_PATTERN.test(definition.categoryId)) problems.push(problem('/categoryId', 'category'));
  if (!isLocalizedText(definition.name, NAME_LENGTH_MAX)) problems.push(problem('/name', 'name-length'));
  if (
    typeof definition.keywords !== 'string' ||
    definition.keywords.length > KEYWORDS_LENGTH_MAX ||
    stripUnsafeCharacters(definition.keywords) !== definition.keywords
  )
    problems.push(problem('/keywords', 'keywords'));
  if (!isText(definition.logo.text, 1, LOGO_TEXT_LENGTH_MAX)) problems.push(problem('/logo/text', 'logo-text'));
  if (!LOGO_COLOR_PATTERN.test(definition.logo.color)) problems.push(problem('/logo/color', 'logo-color'));
  if (!isText(definition.legalName, LEGAL_NAME_LENGTH.min, LEGAL_NAME_LENGTH.max)) problems.push(problem('/legalName', 'legal-name'));
  if (!isValidBin(definition.bin)) problems.push(problem('/bin', 'bin'));
  if (canonicalSettlementIban(definition.settlementIban) !== definition.settlementIban)
    problems.push(problem('/settlementIban', 'settlement-iban'));
  if (!isCurrency(definition.currency)) problems.push(problem('/currency', 'currency'));
  if (!isWholeIn(definition.position, 0, POSITION_MAX)) problems.push(problem('/position', 'position'));
  return problems;
}

/**
 * Every problem of a provider's definition and its endpoint URL; none means it may be written.
 * The settlement IBAN must be in its stored form already (canonicalSettlementIban).
 */
export function checkProviderDefinition(definition: ProviderDefinition, endpointUrl: string): RuleProblem[] {
  const problems = checkIdentity(definition);
  const modeKnown = (PROVIDER_MODES as readonly string[]).includes(definition.mode);
  if (!modeKnown) problems.push(problem('/mode', 'mode'));
  problems.push(...checkFields(definition.fields));
  if (modeKnown) problems.push(...checkAmountRule(definition.amountRule, definition.mode));
  problems.push(...checkFeeRule(definition.feeRule));
  if (!isEndpointUrl(endpointUrl)) problems.push(problem('/endpointUrl', 'endpoint-url'));
  return problems;
}

/** Every problem of a catalogue section (migration 0047's CHECKs of service_categories). */
export function checkCategory(category: ServiceCategory): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!SLUG_PATTERN.test(category.id)) problems.push(problem('/id', 'category'));
  if (!isLocalizedText(category.name, NAME_LENGTH_MAX)) problems.push(problem('/name', 'name-length'));
  if (!SLUG_PATTERN.test(category.icon)) problems.push(problem('/icon', 'icon'));
  if (!isWholeIn(category.position, 0, CATEGORY_POSITION_MAX)) problems.push(problem('/position', 'position'));
  return problems;
}
