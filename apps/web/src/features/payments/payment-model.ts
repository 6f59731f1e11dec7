import type { Language } from '../../api/enums';
import { type ApiFailure, problemCode } from '../../api/problem';
import type { paths } from '../../api/schema';
import type { GetResponse, PostBody } from '../../api/shapes';
import { minorUnitDigits } from '../../lib/format';
import { parseAmountMinor } from '../../money/model';
import { amountText } from '../transfers/wizard/wizard-model';

/**
 * The service payment's logic without React (issue 16 item 7): the shapes of the payments API,
 * the provider's field definitions read for the form, the server's refusals put under their
 * fields, the bill's lines as picked and edited, and the amount checked against the provider's
 * rule. The bank decides everything again; this only says early what it will say.
 */

export type Catalogue = GetResponse<'/api/v1/payments/catalogue'>;
export type Category = Catalogue['categories'][number];
export type ProviderSummary = Catalogue['providers'][number];
export type ProviderView = GetResponse<'/api/v1/payments/providers/{providerId}'>;
export type ProviderField = ProviderView['fields'][number];
export type AmountRule = ProviderView['amountRule'];
export type CheckView = paths['/api/v1/payments/providers/{providerId}/check']['post']['responses'][200]['content']['application/json'];
export type Bill = NonNullable<CheckView['bill']>;
export type FeeQuote = GetResponse<'/api/v1/payments/providers/{providerId}/fee'>;
export type PaymentBody = PostBody<'/api/v1/payments'>;
export type ServicePayment = GetResponse<'/api/v1/payments/{paymentId}'>;
export type Localized = { ru: string; kk: string; en: string };

/** Field values as typed, by field name. */
export type FieldValues = Record<string, string>;
/** Messages under the form's parts: a field's name, `amount`, `lines`, or a line as `line:<id>`. */
export type FormErrors = Record<string, string>;

/** The problem a 503 of the provider carries: no money moved, the customer may try again. */
export const PROVIDER_UNAVAILABLE = 'provider-unavailable';

export function localized(text: Localized, language: Language): string {
  return text[language];
}

/** The keyboard a phone shows for the field: digits for numbers and IINs, the phone pad for phones. */
export function fieldInputMode(field: Pick<ProviderField, 'kind'>): 'numeric' | 'tel' | 'text' {
  if (field.kind === 'digits' || field.kind === 'iin') return 'numeric';
  if (field.kind === 'phone') return 'tel';
  return 'text';
}

/** The value as the API takes it: the phone mask's and the digit groups' spaces dropped (fields.ts normalises again). */
export function fieldValueForApi(field: Pick<ProviderField, 'kind'>, typed: string): string {
  if (field.kind === 'text') return typed.trim();
  return typed.replace(/[\s()-]/g, '');
}

export function fieldValuesForApi(fields: readonly ProviderField[], values: FieldValues): FieldValues {
  return Object.fromEntries(fields.map((field) => [field.name, fieldValueForApi(field, values[field.name] ?? '')]));
}

/**
 * The one check made here: a field left empty. Length, pattern and check digit are the bank's
 * (fields.ts), answered with the words the server localises, so the two never disagree.
 */
export function emptyFieldErrors(
  fields: readonly ProviderField[],
  values: FieldValues,
  requiredText: (label: string) => string,
  language: Language,
): FormErrors {
  const errors: FormErrors = {};
  for (const field of fields) {
    if (fieldValueForApi(field, values[field.name] ?? '') === '') errors[field.name] = requiredText(localized(field.label, language));
  }
  return errors;
}

interface PointedError {
  pointer: string;
  detail: string;
}

function pointedErrors(failure: ApiFailure): PointedError[] {
  const body = failure.body;
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return [];
  return body.errors.filter(
    (item): item is PointedError =>
      typeof item === 'object' && item !== null && typeof item.pointer === 'string' && typeof item.detail === 'string',
  );
}

function problemTitle(failure: ApiFailure): string | null {
  const body = failure.body;
  return typeof body === 'object' && body !== null && 'title' in body && typeof body.title === 'string' ? body.title : null;
}

/**
 * A refusal's errors under the form's parts: `/fields/<name>` under that field, `/amountMinor`
 * under the amount, `/lines/<i>/…` under the bill. An "account not found" points at the main
 * field; when it comes without a pointer its title goes there, so it is never only a banner.
 */
export function formErrorsOf(failure: ApiFailure, fields: readonly ProviderField[]): FormErrors {
  const errors: FormErrors = {};
  for (const { pointer, detail } of pointedErrors(failure)) {
    const [, first, second] = pointer.split('/');
    const part = first === 'fields' && second ? second : first === 'amountMinor' ? 'amount' : first === 'lines' ? 'lines' : null;
    if (part && !(part in errors)) errors[part] = detail;
  }
  const main = fields.find((field) => field.main) ?? fields[0];
  const title = problemTitle(failure);
  if (problemCode(failure) === 'account-not-found' && main && !errors[main.name] && title) errors[main.name] = title;
  return errors;
}

/** One line of the bill as the customer has it: picked or not, and the amount as typed. */
export interface LineChoice {
  id: string;
  chosen: boolean;
  amountText: string;
}

/** Every line picked, each at its billed amount: what most customers pay. */
export function initialLineChoices(bill: Bill, currency: string): LineChoice[] {
  const digits = minorUnitDigits(currency);
  return bill.lines.map((line) => ({ id: line.id, chosen: line.amountMinor > 0, amountText: amountText(line.amountMinor, digits) }));
}

/** A line's amount may be changed unless the provider wants exactly what it billed (a fine). */
export function lineEditable(rule: Pick<AmountRule, 'kind'>): boolean {
  return rule.kind !== 'exact';
}

export type LinesTotal =
  | { ok: true; totalMinor: bigint; lines: Array<{ id: string; amountMinor: number }> }
  | { ok: false; errors: FormErrors };

/**
 * The picked lines and their sum; an exact rule pays each line at its billed amount whatever was
 * typed (its field is read-only). A picked line with no readable amount is an error on that line.
 */
export function linesTotal(bill: Bill, choices: readonly LineChoice[], rule: Pick<AmountRule, 'kind'>, currency: string): LinesTotal {
  const errors: FormErrors = {};
  const lines: Array<{ id: string; amountMinor: number }> = [];
  let totalMinor = 0n;
  for (const line of bill.lines) {
    const choice = choices.find((item) => item.id === line.id);
    if (!choice?.chosen) continue;
    if (!lineEditable(rule)) {
      lines.push({ id: line.id, amountMinor: line.amountMinor });
      totalMinor += BigInt(line.amountMinor);
      continue;
    }
    const parsed = parseAmountMinor(choice.amountText, currency);
    if (!parsed.ok) {
      errors[`line:${line.id}`] = 'invalid';
      continue;
    }
    lines.push({ id: line.id, amountMinor: Number(parsed.amountMinor) });
    totalMinor += parsed.amountMinor;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (lines.length === 0) return { ok: false, errors: { lines: 'none' } };
  return { ok: true, totalMinor, lines };
}

export type AmountVerdict = { ok: true; amountMinor: bigint } | { ok: false; reason: 'invalid' | 'below' | 'above' };

/** An amount typed for a validate or ad-hoc provider, against its rule's range. */
export function amountVerdict(typed: string, rule: Pick<AmountRule, 'minMinor' | 'maxMinor'>, currency: string): AmountVerdict {
  const parsed = parseAmountMinor(typed, currency);
  if (!parsed.ok) return { ok: false, reason: 'invalid' };
  if (parsed.amountMinor < BigInt(rule.minMinor)) return { ok: false, reason: 'below' };
  if (parsed.amountMinor > BigInt(rule.maxMinor)) return { ok: false, reason: 'above' };
  return { ok: true, amountMinor: parsed.amountMinor };
}

/** What "Pay" sends for the form: the amount and, for a bill, the lines picked. */
export interface PaidAmount {
  amountMinor: bigint;
  lines: Array<{ id: string; amountMinor: number }> | null;
}

/**
 * The amount the form says to pay: a fetched bill's picked lines, or the amount typed against the
 * provider's range; else the errors under the parts to correct (the customer's and the guest's form).
 */
export function paidOf(
  provider: Pick<ProviderView, 'amountRule' | 'currency'>,
  form: { check: CheckView | null; lineChoices: readonly LineChoice[]; amountText: string },
): { ok: true; paid: PaidAmount } | { ok: false; errors: FormErrors } {
  const bill = form.check?.bill ?? null;
  if (bill) {
    const total = linesTotal(bill, form.lineChoices, provider.amountRule, provider.currency);
    return total.ok ? { ok: true, paid: { amountMinor: total.totalMinor, lines: total.lines } } : { ok: false, errors: total.errors };
  }
  const verdict = amountVerdict(form.amountText, provider.amountRule, provider.currency);
  return verdict.ok
    ? { ok: true, paid: { amountMinor: verdict.amountMinor, lines: null } }
    : { ok: false, errors: { amount: verdict.reason } };
}

/** Whether the provider must see the account before paying: validate and fetch do, ad hoc does not. */
export function needsCheck(provider: Pick<ProviderSummary, 'mode'>): boolean {
  return provider.mode !== 'ad-hoc';
}

/** The provider's side of a payment has settled: nothing more to wait for on the result screen. */
export function providerSettled(status: ServicePayment['providerStatus']): boolean {
  return status !== 'pending';
}

/** What a repeat brings to the form: the same fields and account (GET /api/v1/payments/{id}). */
export interface PaymentPrefill {
  fields: FieldValues;
  sourceAccountId?: string;
}

/** Route state is whatever was pushed: only a well-formed prefill is taken. */
export function prefillOf(state: unknown): PaymentPrefill | null {
  if (typeof state !== 'object' || state === null || !('fields' in state)) return null;
  const fields = state.fields;
  if (typeof fields !== 'object' || fields === null) return null;
  const values: FieldValues = {};
  for (const [name, value] of Object.entries(fields)) if (typeof value === 'string') values[name] = value;
  const source = 'sourceAccountId' in state && typeof state.sourceAccountId === 'string' ? state.sourceAccountId : undefined;
  return source ? { fields: values, sourceAccountId: source } : { fields: values };
}
