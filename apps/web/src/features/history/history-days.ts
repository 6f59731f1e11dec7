import { addDays, isAccepted, type Operation, todayInBankZone } from '../../money/model';

/** A day of the history: its operations, newest first, and what came in and went out that day. */
export interface HistoryDay {
  /** YYYY-MM-DD in the bank's time zone. */
  day: string;
  operations: Operation[];
  /** Per currency, in minor units: money received and money sent (fees included) that moved. */
  totals: Array<{ currency: string; inMinor: bigint; outMinor: bigint }>;
}

/**
 * Groups a page of the history by the bank's calendar day (issue 12 item 6). The totals count
 * only money that moved, and not moves between one's own accounts, which change no total; each
 * currency apart, since tenge and dollars do not add up.
 */
export function groupByDay(operations: readonly Operation[]): HistoryDay[] {
  const days: HistoryDay[] = [];
  for (const operation of operations) {
    const day = todayInBankZone(new Date(operation.createdAt));
    let group = days[days.length - 1];
    if (!group || group.day !== day) {
      group = { day, operations: [], totals: [] };
      days.push(group);
    }
    group.operations.push(operation);
    if (!isAccepted(operation.status) || operation.kind === 'own') continue;
    let total = group.totals.find((item) => item.currency === operation.currency);
    if (!total) {
      total = { currency: operation.currency, inMinor: 0n, outMinor: 0n };
      group.totals.push(total);
    }
    if (operation.direction === 'incoming') total.inMinor += BigInt(operation.amountMinor);
    else total.outMinor += BigInt(operation.amountMinor + operation.feeMinor);
  }
  return days;
}

/** "today", "yesterday", or null for an older day (shown as its date). */
export function relativeDay(day: string, now: Date = new Date()): 'today' | 'yesterday' | null {
  const today = todayInBankZone(now);
  if (day === today) return 'today';
  if (day === addDays(today, -1)) return 'yesterday';
  return null;
}
