import type { ProviderBill, ProviderBillLine } from './provider-port.js';

/**
 * The provider's answers read field by field (docs/payments-providers.md, "Answers"). Whatever a
 * provider sends is untrusted: each reader returns the value or why it is refused, and a refused
 * answer is `unavailable: error` for the caller (provider-http.ts logs the reason, never the
 * body). Fields a reader does not know are ignored, so a provider may add some without breaking us.
 */

/** At most this many lines in a bill: more than any real bill has, few enough to show on a phone. */
export const BILL_LINES_MAX = 20;
/** 10^13 tiyn = 100 billion tenge: above any payment, and still a safe JavaScript integer. */
export const AMOUNT_MINOR_MAX = 10_000_000_000_000;
/** The holder's name as service_checks keeps it (holder_name ≤ 120). */
const HOLDER_NAME_LENGTH_MAX = 120;
const LINE_NAME_LENGTH_MAX = 120;
/** service_payments.provider_reference ≤ 100. */
const REFERENCE_LENGTH_MAX = 100;
/** A rejection's reason as last_error keeps it (≤ 300, with room for a prefix). */
const REASON_LENGTH_MAX = 200;
// Ids are the provider's, echoed back when paying: short and printable, nothing to escape anywhere.
const ID_PATTERN = /^[A-Za-z0-9._:/-]{1,64}$/;
const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
// Text shown to customers and staff: no control characters (a log line or a receipt split in two).
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const refused = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readText(value: unknown, name: string, lengthMax: number): Read<string> {
  if (typeof value !== 'string') return refused(`${name}: not a string`);
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > lengthMax) return refused(`${name}: length not within 1..${lengthMax}`);
  if (CONTROL_CHARACTERS.test(trimmed)) return refused(`${name}: control characters`);
  return ok(trimmed);
}

function readOptionalText(value: unknown, name: string, lengthMax: number): Read<string | null> {
  return value === null || value === undefined ? ok(null) : readText(value, name, lengthMax);
}

function readId(value: unknown, name: string): Read<string> {
  return typeof value === 'string' && ID_PATTERN.test(value) ? ok(value) : refused(`${name}: not an id of 1..64 [A-Za-z0-9._:/-]`);
}

function readAmountMinor(value: unknown, name: string): Read<bigint> {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > AMOUNT_MINOR_MAX)
    return refused(`${name}: not an integer within 0..10^13`);
  return ok(BigInt(value));
}

/** A calendar date that exists (2025-02-30 does not). */
function readDate(value: unknown, name: string): Read<string | null> {
  if (value === null || value === undefined) return ok(null);
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return refused(`${name}: not YYYY-MM-DD`);
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? ok(value) : refused(`${name}: no such date`);
}

function readLine(value: unknown, index: number): Read<ProviderBillLine> {
  const at = `lines[${index}]`;
  if (!isObject(value) || !isObject(value.name)) return refused(`${at}: not a line with a name`);
  const id = readId(value.id, `${at}.id`);
  if (!id.ok) return id;
  const ru = readText(value.name.ru, `${at}.name.ru`, LINE_NAME_LENGTH_MAX);
  if (!ru.ok) return ru;
  const kk = readText(value.name.kk, `${at}.name.kk`, LINE_NAME_LENGTH_MAX);
  if (!kk.ok) return kk;
  const en = readText(value.name.en, `${at}.name.en`, LINE_NAME_LENGTH_MAX);
  if (!en.ok) return en;
  const amountMinor = readAmountMinor(value.amountMinor, `${at}.amountMinor`);
  if (!amountMinor.ok) return amountMinor;
  return ok({ id: id.value, name: { ru: ru.value, kk: kk.value, en: en.value }, amountMinor: amountMinor.value });
}

function readLines(value: unknown): Read<ProviderBillLine[]> {
  if (!Array.isArray(value) || value.length === 0 || value.length > BILL_LINES_MAX) return refused(`lines: not 1..${BILL_LINES_MAX} lines`);
  const lines: ProviderBillLine[] = [];
  for (const [index, item] of value.entries()) {
    const line = readLine(item, index);
    if (!line.ok) return line;
    lines.push(line.value);
  }
  // A payment names the lines it pays by id: two lines with one id could not be told apart.
  if (new Set(lines.map((line) => line.id)).size !== lines.length) return refused('lines: ids repeat');
  return ok(lines);
}

/** 200 of POST /check: `{ holderName: string | null }`. */
export function readCheckAnswer(body: unknown): Read<{ holderName: string | null }> {
  if (!isObject(body)) return refused('not an object');
  const holderName = readOptionalText(body.holderName, 'holderName', HOLDER_NAME_LENGTH_MAX);
  return holderName.ok ? ok({ holderName: holderName.value }) : holderName;
}

/** 200 of POST /bill: `{ status: 'due', bill: {…} }` or `{ status: 'nothing-due' }`. */
export function readBillAnswer(body: unknown): Read<{ kind: 'bill'; bill: ProviderBill } | { kind: 'nothing-due' }> {
  if (!isObject(body)) return refused('not an object');
  if (body.status === 'nothing-due') return ok({ kind: 'nothing-due' });
  if (body.status !== 'due' || !isObject(body.bill)) return refused('status: neither due with a bill nor nothing-due');
  const bill = body.bill;
  const providerBillId = readId(bill.providerBillId, 'bill.providerBillId');
  if (!providerBillId.ok) return providerBillId;
  if (typeof bill.period !== 'string' || !PERIOD_PATTERN.test(bill.period)) return refused('bill.period: not YYYY-MM');
  const dueDate = readDate(bill.dueDate, 'bill.dueDate');
  if (!dueDate.ok) return dueDate;
  const holderName = readOptionalText(bill.holderName, 'bill.holderName', HOLDER_NAME_LENGTH_MAX);
  if (!holderName.ok) return holderName;
  const lines = readLines(bill.lines);
  if (!lines.ok) return lines;
  return ok({
    kind: 'bill',
    bill: {
      providerBillId: providerBillId.value,
      period: bill.period,
      dueDate: dueDate.value,
      holderName: holderName.value,
      lines: lines.value,
    },
  });
}

/** 200/201 of POST /payments: `{ providerReference, activation: 'done' | 'pending' }`. */
export function readAcceptedAnswer(body: unknown): Read<{ providerReference: string; activation: 'done' | 'pending' }> {
  if (!isObject(body)) return refused('not an object');
  const reference = readText(body.providerReference, 'providerReference', REFERENCE_LENGTH_MAX);
  if (!reference.ok) return reference;
  if (body.activation !== 'done' && body.activation !== 'pending') return refused('activation: neither done nor pending');
  return ok({ providerReference: reference.value, activation: body.activation });
}

/** 409/422 of POST /payments: `{ reason }`; a refusal without one still counts, in our words. */
export function readRejectedAnswer(body: unknown, httpStatus: number): string {
  const reason = isObject(body) ? readText(body.reason, 'reason', REASON_LENGTH_MAX) : null;
  return reason?.ok ? reason.value : `refused with HTTP ${httpStatus}, no reason given`;
}

/** 200 of GET /payments/{paymentId}: `{ activation: 'done' | 'pending' }`. */
export function readStatusAnswer(body: unknown): Read<'done' | 'pending'> {
  if (!isObject(body) || (body.activation !== 'done' && body.activation !== 'pending'))
    return refused('activation: neither done nor pending');
  return ok(body.activation);
}
