import type { Queryable } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import { type SummaryRow, selectDaySummaryRows } from './day-summary.repo.js';
import { DECLINE_REASON_TEXTS } from './operations.messages.js';
import { isCreditToCustomer } from './operations.types.js';

/**
 * One customer's accepted and declined operations of one period (the daily digest, issue 17 item
 * 4: notifications/digest/). Accepted is what reached its end with the money moved (completed, or
 * sent to another bank); declined is what the bank refused, with its reason. Money between the
 * customer's own accounts counts as an operation but in neither total: nothing came or went.
 */
export interface DaySummary {
  acceptedCount: number;
  declinedCount: number;
  /** Per currency, only accepted operations; outgoing includes the fees. */
  totals: Array<{ currency: string; incomingMinor: bigint; outgoingMinor: bigint }>;
  /** The first DECLINED_LISTED_MAX declined ones, oldest first, with their reasons in the customer's language. */
  declined: Array<{ reason: string; amountMinor: bigint; currency: string }>;
}

/** Declined operations named one by one; the count says how many there were in all. */
export const DECLINED_LISTED_MAX = 5;

/** The customer's summary of [from, to): the digest's "yesterday" in the bank's time zone. */
export async function customerDaySummary(
  q: Queryable,
  input: { customerId: string; from: Date; to: Date; language: Language },
): Promise<DaySummary> {
  const rows = await selectDaySummaryRows(q, { ...input, declinedMax: DECLINED_LISTED_MAX });
  const summary: DaySummary = { acceptedCount: 0, declinedCount: 0, totals: [], declined: [] };
  for (const row of rows) {
    if (row.row_type === 'declined') {
      const reason = row.decline_reason ? DECLINE_REASON_TEXTS[row.decline_reason][input.language] : '';
      summary.declined.push({ reason, amountMinor: BigInt(row.amount_minor), currency: row.currency });
    } else if (row.status === 'declined') summary.declinedCount += row.count;
    else addAccepted(summary, row);
  }
  return summary;
}

function addAccepted(summary: DaySummary, row: SummaryRow): void {
  summary.acceptedCount += row.count;
  if (row.kind === 'transfer.own') return;
  let total = summary.totals.find((line) => line.currency === row.currency);
  if (!total) {
    total = { currency: row.currency, incomingMinor: 0n, outgoingMinor: 0n };
    summary.totals.push(total);
  }
  // As the history shows it (view.ts): the customer's own operation is outgoing unless the bank or a merchant pays them.
  if (row.own && !isCreditToCustomer(row.kind)) total.outgoingMinor += BigInt(row.amount_minor) + BigInt(row.fee_minor);
  else total.incomingMinor += BigInt(row.amount_minor);
}
