import type { ApiFailure } from '@kassa/ui';
import type { paths } from '../../api/schema';
import type { GetResponse } from '../../api/shapes';

/**
 * A provider's definition as the back office edits it: every input a string (what was typed),
 * turned into the API's body on save, where the server judges it (catalogue-rules.ts) and names
 * each part at fault by its JSON pointer, shown under its input. Pure functions, tested beside.
 */

export type StaffProvider = GetResponse<'/api/staff/v1/payment-providers/{providerId}'>;
export type ProviderList = GetResponse<'/api/staff/v1/payment-providers'>;
export type ProviderListItem = ProviderList['items'][number];
export type Category = ProviderList['categories'][number];
type CreateBody = paths['/api/staff/v1/payment-providers']['post']['requestBody']['content']['application/json'];
type EditBody = paths['/api/staff/v1/payment-providers/{providerId}']['patch']['requestBody']['content']['application/json'];
type ApiField = CreateBody['fields'][number];

export const FIELD_KINDS = ['text', 'digits', 'phone', 'iin'] as const satisfies readonly ApiField['kind'][];
export const CHECK_DIGITS = ['', 'iin', 'luhn'] as const;
export const MODES = ['fetch', 'validate', 'ad-hoc'] as const satisfies readonly CreateBody['mode'][];
export const AMOUNT_KINDS = ['any', 'minimum', 'exact'] as const satisfies readonly CreateBody['amountRule']['kind'][];
/** The server's limit of fields per provider (catalogue-rules.ts FIELDS_COUNT). */
export const FIELDS_MAX = 5;
/** 1 ₸ = 100 tiyn: amounts are typed in tenge, sent in tiyn. */
const MINOR_PER_UNIT = 100;

export interface Texts {
  ru: string;
  kk: string;
  en: string;
}

export interface FieldDraft {
  /** A key for React only: fields are reordered, so their index is not one. */
  key: string;
  name: string;
  label: Texts;
  hint: Texts;
  kind: ApiField['kind'];
  minLength: string;
  maxLength: string;
  pattern: string;
  checkDigit: (typeof CHECK_DIGITS)[number];
  /** Operator prefixes as typed: "701, 702 775". */
  phonePrefixes: string;
  main: boolean;
}

export interface ProviderDraft {
  slug: string;
  categoryId: string;
  name: Texts;
  keywords: string;
  logoText: string;
  logoColor: string;
  mode: CreateBody['mode'];
  fields: FieldDraft[];
  amountKind: CreateBody['amountRule']['kind'];
  amountMin: string;
  amountMax: string;
  feeFixed: string;
  feePercent: string;
  feeCap: string;
  position: string;
  endpointUrl: string;
  /** Empty on an edit: the stored secret is kept (and never shown). */
  endpointSecret: string;
  legalName: string;
  bin: string;
  settlementIban: string;
}

let keySerial = 0;
function nextKey(): string {
  keySerial += 1;
  return `field-${keySerial}`;
}

const EMPTY_TEXTS: Texts = { ru: '', kk: '', en: '' };

export function emptyField(main: boolean): FieldDraft {
  return {
    key: nextKey(),
    name: '',
    label: { ...EMPTY_TEXTS },
    hint: { ...EMPTY_TEXTS },
    kind: 'digits',
    minLength: '1',
    maxLength: '20',
    pattern: '',
    checkDigit: '',
    phonePrefixes: '',
    main,
  };
}

export function emptyDraft(categoryId: string): ProviderDraft {
  return {
    slug: '',
    categoryId,
    name: { ...EMPTY_TEXTS },
    keywords: '',
    logoText: '',
    logoColor: '#1f6feb',
    mode: 'validate',
    fields: [emptyField(true)],
    amountKind: 'any',
    amountMin: '100',
    amountMax: '100000',
    feeFixed: '0',
    feePercent: '0',
    feeCap: '',
    position: '100',
    endpointUrl: '',
    endpointSecret: '',
    legalName: '',
    bin: '',
    settlementIban: '',
  };
}

function unitsOf(minor: number): string {
  return String(minor / MINOR_PER_UNIT);
}

export function draftOf(provider: StaffProvider): ProviderDraft {
  return {
    slug: provider.slug,
    categoryId: provider.categoryId,
    name: { ...provider.name },
    keywords: provider.keywords,
    logoText: provider.logo.text,
    logoColor: provider.logo.color,
    mode: provider.mode,
    fields: provider.fields.map((field) => ({
      key: nextKey(),
      name: field.name,
      label: { ...field.label },
      hint: field.hint ? { ...field.hint } : { ...EMPTY_TEXTS },
      kind: field.kind,
      minLength: String(field.minLength),
      maxLength: String(field.maxLength),
      pattern: field.pattern ?? '',
      checkDigit: field.checkDigit ?? '',
      phonePrefixes: (field.phonePrefixes ?? []).join(', '),
      main: field.main,
    })),
    amountKind: provider.amountRule.kind,
    amountMin: unitsOf(provider.amountRule.minMinor),
    amountMax: unitsOf(provider.amountRule.maxMinor),
    feeFixed: unitsOf(provider.feeRule.fixedMinor),
    feePercent: String(provider.feeRule.percentBasisPoints / 100),
    feeCap: provider.feeRule.capMinor === null ? '' : unitsOf(provider.feeRule.capMinor),
    position: String(provider.position),
    endpointUrl: provider.endpointUrl ?? '',
    endpointSecret: '',
    legalName: provider.legalName,
    bin: provider.bin,
    settlementIban: provider.settlementIban,
  };
}

// What cannot be read as a number goes out as -1: the server refuses it under the field's pointer.
const UNREADABLE = -1;

function wholeOf(typed: string): number {
  const value = Number(typed.trim());
  return typed.trim() !== '' && Number.isInteger(value) && value >= 0 ? value : UNREADABLE;
}

/** "1 500,50" ₸ → 150050 tiyn. */
export function minorOf(typed: string): number {
  const value = Number(typed.replace(/\s/g, '').replace(',', '.'));
  return typed.trim() !== '' && Number.isFinite(value) && value >= 0 ? Math.round(value * MINOR_PER_UNIT) : UNREADABLE;
}

/** "1,5" % → 150 basis points. */
export function basisPointsOf(typed: string): number {
  const value = Number(typed.replace(/\s/g, '').replace(',', '.'));
  return typed.trim() !== '' && Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : UNREADABLE;
}

function trimmed(texts: Texts): Texts {
  return { ru: texts.ru.trim(), kk: texts.kk.trim(), en: texts.en.trim() };
}

function fieldBody(field: FieldDraft): ApiField {
  const hint = trimmed(field.hint);
  const prefixes = field.phonePrefixes.split(/[\s,;]+/).filter((prefix) => prefix !== '');
  return {
    name: field.name.trim(),
    label: trimmed(field.label),
    hint: hint.ru || hint.kk || hint.en ? hint : null,
    kind: field.kind,
    minLength: Math.max(0, wholeOf(field.minLength)),
    maxLength: Math.max(0, wholeOf(field.maxLength)),
    pattern: field.pattern.trim() === '' ? null : field.pattern.trim(),
    checkDigit: field.checkDigit === '' ? null : field.checkDigit,
    phonePrefixes: prefixes.length === 0 ? null : prefixes,
    main: field.main,
  };
}

function editableBody(draft: ProviderDraft) {
  const amountMin = minorOf(draft.amountMin);
  const amountMax = minorOf(draft.amountMax);
  const feeCap = draft.feeCap.trim() === '' ? null : minorOf(draft.feeCap);
  return {
    categoryId: draft.categoryId,
    name: trimmed(draft.name),
    keywords: draft.keywords.trim(),
    logo: { text: draft.logoText.trim(), color: draft.logoColor.trim().toLowerCase() },
    mode: draft.mode,
    fields: draft.fields.map(fieldBody),
    // The schema takes no negative amount: an unreadable one goes as 0, which the rules refuse with their pointer.
    amountRule: { kind: draft.amountKind, minMinor: Math.max(0, amountMin), maxMinor: Math.max(0, amountMax) },
    feeRule: {
      fixedMinor: Math.max(0, minorOf(draft.feeFixed)),
      percentBasisPoints: Math.max(0, basisPointsOf(draft.feePercent)),
      capMinor: feeCap === null ? null : Math.max(0, feeCap),
    },
    position: Math.max(0, wholeOf(draft.position)),
    endpointUrl: draft.endpointUrl.trim(),
  };
}

export function createBody(draft: ProviderDraft): CreateBody {
  return {
    ...editableBody(draft),
    slug: draft.slug.trim(),
    legalName: draft.legalName,
    bin: draft.bin.trim(),
    settlementIban: draft.settlementIban,
    endpointSecret: draft.endpointSecret,
  };
}

/** The edit of a provider read at `version`: a new secret only when one was typed; never the settlement details. */
export function editBody(draft: ProviderDraft, version: number): EditBody {
  const body: EditBody = { version, ...editableBody(draft) };
  if (draft.endpointSecret !== '') body.endpointSecret = draft.endpointSecret;
  return body;
}

// The fields editor's steps: each returns a new list and keeps exactly one field main.

export function addField(fields: readonly FieldDraft[]): FieldDraft[] {
  if (fields.length >= FIELDS_MAX) return [...fields];
  return [...fields, emptyField(fields.length === 0)];
}

export function removeField(fields: readonly FieldDraft[], index: number): FieldDraft[] {
  const left = fields.filter((_, at) => at !== index);
  if (left.length > 0 && !left.some((field) => field.main)) return left.map((field, at) => ({ ...field, main: at === 0 }));
  return left;
}

/** Moves the field at `index` one place up (-1) or down (+1); at an end nothing moves. */
export function moveField(fields: readonly FieldDraft[], index: number, step: -1 | 1): FieldDraft[] {
  const target = index + step;
  const moved = [...fields];
  const current = moved[index];
  const other = moved[target];
  if (!current || !other) return moved;
  moved[index] = other;
  moved[target] = current;
  return moved;
}

export function makeMain(fields: readonly FieldDraft[], index: number): FieldDraft[] {
  return fields.map((field, at) => ({ ...field, main: at === index }));
}

export function updateField(fields: readonly FieldDraft[], index: number, change: Partial<FieldDraft>): FieldDraft[] {
  return fields.map((field, at) => (at === index ? { ...field, ...change } : field));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The 422's messages by JSON pointer ("/fields/1/minLength"); a pointer may have several, joined.
 * A field's pointers are its index in the list sent, so the editor reads them by index.
 */
export function errorsByPointer(failure: ApiFailure | null): Record<string, string> {
  const result: Record<string, string> = {};
  const errors = failure && isRecord(failure.body) ? failure.body.errors : null;
  if (!Array.isArray(errors)) return result;
  for (const item of errors) {
    if (!isRecord(item) || typeof item.pointer !== 'string' || typeof item.detail !== 'string') continue;
    result[item.pointer] = result[item.pointer] ? `${result[item.pointer]} ${item.detail}` : item.detail;
  }
  return result;
}
