import { assert } from '../../shared/assert.js';
import type { Localized } from '../../shared/i18n.js';
import { AMOUNT_RULE_KINDS, type AmountRule, CHECK_DIGITS, type FeeRule, FIELD_KINDS, type ProviderField } from './catalogue.types.js';

/**
 * The jsonb shapes of service_providers.fields, amount_rule and fee_rule (migration 0047), and
 * the way back. bigints travel as decimal strings (JSON numbers lose precision past 2^53). The
 * FromJson readers assert the shape: catalogue-rules.ts checked every row before it was written,
 * so a row that fails here is a programmer's error or a hand-edited database, never a customer's.
 */

export interface ProviderFieldJson {
  name: string;
  label: Localized;
  hint: Localized | null;
  kind: string;
  minLength: number;
  maxLength: number;
  pattern: string | null;
  checkDigit: string | null;
  phonePrefixes: string[] | null;
  main: boolean;
}

export interface AmountRuleJson {
  kind: string;
  minMinor: string;
  maxMinor: string;
}

export interface FeeRuleJson {
  fixedMinor: string;
  percentBasisPoints: number;
  capMinor: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLocalized(value: unknown): value is Localized {
  return isRecord(value) && typeof value.ru === 'string' && typeof value.kk === 'string' && typeof value.en === 'string';
}

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

function bigintOf(value: unknown, what: string): bigint {
  assert(typeof value === 'string' && /^-?\d{1,20}$/.test(value), `${what} is a decimal string in jsonb`);
  return BigInt(value);
}

export function fieldsToJson(fields: readonly ProviderField[]): ProviderFieldJson[] {
  return fields.map((field) => ({
    name: field.name,
    label: { ru: field.label.ru, kk: field.label.kk, en: field.label.en },
    hint: field.hint === null ? null : { ru: field.hint.ru, kk: field.hint.kk, en: field.hint.en },
    kind: field.kind,
    minLength: field.minLength,
    maxLength: field.maxLength,
    pattern: field.pattern,
    checkDigit: field.checkDigit,
    phonePrefixes: field.phonePrefixes === null ? null : [...field.phonePrefixes],
    main: field.main,
  }));
}

function fieldFromJson(value: unknown, index: number): ProviderField {
  const at = `service_providers.fields[${index}]`;
  assert(isRecord(value), `${at} is an object`);
  const { name, label, hint, kind, minLength, maxLength, pattern, checkDigit, phonePrefixes, main } = value;
  assert(typeof name === 'string', `${at}.name is a string`);
  assert(isLocalized(label), `${at}.label is ru/kk/en`);
  assert(hint === null || isLocalized(hint), `${at}.hint is ru/kk/en or null`);
  assert(isOneOf(FIELD_KINDS, kind), `${at}.kind is a field kind`);
  assert(Number.isInteger(minLength) && Number.isInteger(maxLength), `${at} lengths are integers`);
  assert(typeof minLength === 'number' && typeof maxLength === 'number', `${at} lengths are numbers`);
  assert(pattern === null || typeof pattern === 'string', `${at}.pattern is a string or null`);
  assert(checkDigit === null || isOneOf(CHECK_DIGITS, checkDigit), `${at}.checkDigit is a check digit or null`);
  assert(
    phonePrefixes === null || (Array.isArray(phonePrefixes) && phonePrefixes.every((prefix) => typeof prefix === 'string')),
    `${at}.phonePrefixes is a list of strings or null`,
  );
  assert(typeof main === 'boolean', `${at}.main is a boolean`);
  return { name, label, hint, kind, minLength, maxLength, pattern, checkDigit, phonePrefixes, main };
}

export function fieldsFromJson(value: unknown): ProviderField[] {
  assert(Array.isArray(value), 'service_providers.fields is an array');
  return value.map(fieldFromJson);
}

export function amountRuleToJson(rule: AmountRule): AmountRuleJson {
  return { kind: rule.kind, minMinor: rule.minMinor.toString(), maxMinor: rule.maxMinor.toString() };
}

export function amountRuleFromJson(value: unknown): AmountRule {
  assert(isRecord(value), 'service_providers.amount_rule is an object');
  assert(isOneOf(AMOUNT_RULE_KINDS, value.kind), 'amount_rule.kind is an amount rule kind');
  return {
    kind: value.kind,
    minMinor: bigintOf(value.minMinor, 'amount_rule.minMinor'),
    maxMinor: bigintOf(value.maxMinor, 'amount_rule.maxMinor'),
  };
}

export function feeRuleToJson(rule: FeeRule): FeeRuleJson {
  return {
    fixedMinor: rule.fixedMinor.toString(),
    percentBasisPoints: rule.percentBasisPoints,
    capMinor: rule.capMinor === null ? null : rule.capMinor.toString(),
  };
}

export function feeRuleFromJson(value: unknown): FeeRule {
  assert(isRecord(value), 'service_providers.fee_rule is an object');
  const { percentBasisPoints } = value;
  assert(typeof percentBasisPoints === 'number' && Number.isInteger(percentBasisPoints), 'fee_rule.percentBasisPoints is an integer');
  return {
    fixedMinor: bigintOf(value.fixedMinor, 'fee_rule.fixedMinor'),
    percentBasisPoints,
    capMinor: value.capMinor === null ? null : bigintOf(value.capMinor, 'fee_rule.capMinor'),
  };
}
