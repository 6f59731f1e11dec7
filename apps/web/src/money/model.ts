import type { OperationStatus, TransferKind } from '../api/enums';
import type { paths } from '../api/schema';
import type { GetResponse } from '../api/shapes';
import { BANK_TIME_ZONE, minorUnitDigits } from '../lib/format';
import { compactIban } from './iban';

export { groupIban } from './iban';

export type Account = GetResponse<'/api/v1/accounts'>['items'][number];
/** One operation as the history and the answers show it. */
export type Operation = GetResponse<'/api/v1/operations'>['items'][number];
/** One operation with what repeating it takes (GET /api/v1/operations/{id}). */
export type OperationDetails = GetResponse<'/api/v1/operations/{transferId}'>;
export type RepeatData = NonNullable<OperationDetails['repeat']>;
export type RecentPayee = GetResponse<'/api/v1/transfers/recent-payees'>['items'][number];
export type PayeeLookup = paths['/api/v1/transfers/payee-lookup']['post']['responses'][200]['content']['application/json'];

/** Accepted means the money moved (or left for another bank); everything else did not move it. */
const ACCEPTED_STATUSES: ReadonlySet<string> = new Set<OperationStatus>(['completed', 'sent']);

export function isAccepted(status: string): boolean {
  return ACCEPTED_STATUSES.has(status);
}

/**
 * A card purchase approved and its money held on the account, not yet debited (the network's
 * clearing completes it): no money moved yet, but none of it is available either.
 */
export function isHeld(status: string): boolean {
  return status === 'authorised';
}

/** The amount's sign as the customer sees it: money out is negative, money in positive. */
export function signedAmountMinor(operation: Pick<Operation, 'direction' | 'amountMinor' | 'kind'>): number {
  if (operation.kind === 'own') return operation.amountMinor;
  return operation.direction === 'incoming' ? operation.amountMinor : -operation.amountMinor;
}

export type ScaExemptions = GetResponse<'/api/v1/transfers/sca-exemptions'>;

/** What the review step knows, before sending, of the SMS code the bank will ask. */
export type FeeSchedule = GetResponse<'/api/v1/transfers/fees'>;

/**
 * The fee the bank will charge, from its published schedule, or null while that is not known.
 * A KZ IBAN names its bank in characters 5-7, so "this bank or another" needs no lookup.
 */
export function expectedFeeMinor(
  fees: FeeSchedule | undefined,
  transfer: { kind: TransferKind; iban: string; currency: string },
): bigint | null {
  if (transfer.kind === 'own') return 0n;
  if (!fees) return null;
  if (transfer.kind === 'phone') return BigInt(fees.byPhone);
  const iban = compactIban(transfer.iban);
  if (iban.startsWith('KZ') && iban.slice(4, 7) === fees.bankCode) return BigInt(fees.ibanThisBank);
  const other = fees.ibanOtherBank.find((fee) => fee.currency === transfer.currency);
  return other ? BigInt(other.feeMinor) : null;
}

export type CodeExpectation = 'none' | 'maybe' | 'code';

/**
 * Own accounts (RTS art. 15) and trusted payees (art. 13) go without a code; a transfer within
 * the low-value cap (art. 16) may, as the bank alone sees the customer's remaining allowance.
 * A fact not loaded counts as "maybe", so the button never promises a code step that may not
 * come: pressing "get a code" must not be what moves the money.
 */
export function codeExpectation(transfer: {
  kind: TransferKind;
  /** null while the trusted payees are not known. */
  trustedPayee: boolean | null;
  /** undefined while not loaded; lowValue null means the exemption is off. */
  exemptions: ScaExemptions | undefined;
  currency: string;
  amountMinor: bigint;
}): CodeExpectation {
  if (transfer.kind === 'own' || transfer.trustedPayee === true) return 'none';
  if (transfer.trustedPayee === null || transfer.exemptions === undefined) return 'maybe';
  const lowValue = transfer.exemptions.lowValue;
  // The cap includes a fee the review step does not know yet: within the cap is only "maybe".
  if (lowValue && transfer.currency === lowValue.currency && transfer.amountMinor <= BigInt(lowValue.perOperationMaxMinor)) return 'maybe';
  return 'code';
}

/** Whether the payee typed is one of the customer's active trusted payees (as the bank compares them). */
export function isTrustedPayee(
  payees: readonly Pick<TrustedPayee, 'phone' | 'iban' | 'status'>[],
  payee: { phone?: string; iban?: string },
): boolean {
  const phone = payee.phone?.replace(/[\s()-]/g, '');
  const iban = payee.iban === undefined ? undefined : compactIban(payee.iban);
  return payees.some(
    (item) => item.status === 'active' && ((phone !== undefined && item.phone === phone) || (iban !== undefined && item.iban === iban)),
  );
}

/** The largest amount the ledger accepts in one operation (the API's amountMinor maximum). */
export const AMOUNT_MINOR_MAX = 1_000_000_000_000_000n;

export type AmountParse = { ok: true; amountMinor: bigint } | { ok: false; reason: 'empty' | 'invalid' | 'decimals' | 'zero' | 'tooLarge' };

/** Signs and codes a pasted amount may carry around its digits ("1 000 ₸", "KZT 1000"). */
const CURRENCY_MARKS = /^(?:₸|\$|€|₽|тг\.?|KZT|USD|EUR|RUB)|(?:₸|\$|€|₽|тг\.?|KZT|USD|EUR|RUB)$/gu;

/**
 * "1 500,5" → 150050n for KZT. Digits only, with spaces (incl. no-break) as group separators,
 * a comma or a dot for the decimal point, and a currency sign or code around them as pasted
 * from elsewhere ("1 000 ₸"); never goes through a float. Anything else is refused, never
 * rewritten: "1e5" and "-5" are not 15 and 5. A run of digits beyond the ledger's maximum is
 * "too large", not "invalid".
 */
export function parseAmountMinor(text: string, currency: string): AmountParse {
  const compact = text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(CURRENCY_MARKS, '')
    .replace(',', '.');
  if (compact === '') return { ok: false, reason: 'empty' };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(compact);
  if (!match) return { ok: false, reason: 'invalid' };
  const digits = minorUnitDigits(currency);
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return { ok: false, reason: 'decimals' };
  if (whole.length > 16) return { ok: false, reason: 'tooLarge' };
  const amountMinor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (amountMinor === 0n) return { ok: false, reason: 'zero' };
  if (amountMinor > AMOUNT_MINOR_MAX) return { ok: false, reason: 'tooLarge' };
  return { ok: true, amountMinor };
}

/** Today in the bank's time zone, as YYYY-MM-DD. */
export function todayInBankZone(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BANK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** YYYY-MM-DD moved by whole days (calendar arithmetic in UTC: no time zone can shift it). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** "+05:00": the bank zone's offset on that day (Kazakhstan changed it in 2024, so it is looked up). */
function bankZoneOffset(day: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: BANK_TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(
    new Date(`${day}T12:00:00Z`),
  );
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT+05:00';
  const offset = name.replace('GMT', '');
  return offset === '' ? '+00:00' : offset;
}

/** The instant a bank-zone day starts: "2025-03-01" → "2025-03-01T00:00:00+05:00". */
export function startOfBankDay(day: string): string {
  return new Date(`${day}T00:00:00${bankZoneOffset(day)}`).toISOString();
}

export function isIsoDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** A fresh Idempotency-Key: one per confirmed submission, reused only to retry that submission. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export type NotificationSettings = GetResponse<'/api/v1/notification-settings'>;
export type TrustedPayee = GetResponse<'/api/v1/trusted-payees'>['items'][number];
export type TrustedPayeePending = paths['/api/v1/trusted-payees']['post']['responses'][201]['content']['application/json'];
