import { createHash } from 'node:crypto';
import { assert } from '../../../shared/assert.js';
import type { Currency } from '../../ledger/index.js';
import type { DeliveryStatus } from '../payments.repo.js';

/**
 * The registry file (docs/payments-providers.md, "Registry and reconciliation"): CSV after RFC
 * 4180, UTF-8, every line ending in CRLF. A header line of the column names, a line per payment
 * oldest first, a trailer line with the count and the total, and last `#sha256=<hex>`: the
 * SHA-256 of every byte before that line. The registry's row keeps a second digest, of the
 * whole file as served, so `sha256sum` of a download compares with the staff's listing.
 */

export const REGISTRY_COLUMNS = [
  'payment_id',
  'created_at',
  'account',
  'amount_minor',
  'currency',
  'provider_reference',
  'provider_status',
] as const;

const LINE_END = '\r\n';
const CHECKSUM_PREFIX = '#sha256=';

/** A payment as its line says it: the amount is the provider's money (the bank's fee is not in it). */
export interface RegistryLine {
  paymentId: string;
  createdAt: Date;
  accountLabel: string;
  amountMinor: bigint;
  currency: Currency;
  providerReference: string | null;
  providerStatus: DeliveryStatus;
}

export interface RenderedRegistry {
  csv: string;
  /** Of the whole file, its last line included. */
  sha256: string;
  paymentCount: number;
  totalMinor: bigint;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as ISO 8601 in the bank's zone with its offset (2025-06-12T14:15:30+05:00): the
 * provider reads the bank's wall clock and still has the exact instant.
 */
export function zonedDateTime(at: Date, timeZone: string): string {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
  // longOffset prints "GMT+05:00", or a bare "GMT" for UTC itself.
  const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/**
 * One field: quoted when it holds a comma, a quote or a line break (RFC 4180). The file is for the
 * provider's software, so values are not rewritten for spreadsheets, except that a text starting
 * with `=` or `@` gets a leading `'` (a formula a spreadsheet would run when staff open the file);
 * phone numbers start with `+` and stay as they are.
 */
function field(value: string): string {
  const text = /^[=@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function lineOf(line: RegistryLine, timeZone: string): string {
  return [
    line.paymentId,
    zonedDateTime(line.createdAt, timeZone),
    line.accountLabel,
    line.amountMinor.toString(),
    line.currency,
    line.providerReference ?? '',
    line.providerStatus,
  ]
    .map(field)
    .join(',');
}

/** The file of a provider's day; every line's currency is the provider's (asserted: one registry, one currency). */
export function renderRegistry(input: {
  providerId: string;
  day: string;
  currency: Currency;
  timeZone: string;
  lines: readonly RegistryLine[];
}): RenderedRegistry {
  let totalMinor = 0n;
  const rows = [REGISTRY_COLUMNS.join(',')];
  for (const line of input.lines) {
    assert(
      line.currency === input.currency,
      `payment ${line.paymentId} is in ${line.currency}, the provider's registry in ${input.currency}`,
    );
    assert(line.amountMinor >= 0n, 'an amount in a registry is never negative');
    totalMinor += line.amountMinor;
    rows.push(lineOf(line, input.timeZone));
  }
  rows.push(
    [
      '#trailer',
      `provider=${input.providerId}`,
      `day=${input.day}`,
      `count=${input.lines.length}`,
      `total_minor=${totalMinor}`,
      `currency=${input.currency}`,
    ].join(','),
  );
  const content = rows.map((row) => `${row}${LINE_END}`).join('');
  const csv = `${content}${CHECKSUM_PREFIX}${sha256Hex(content)}${LINE_END}`;
  return { csv, sha256: sha256Hex(csv), paymentCount: input.lines.length, totalMinor };
}
