/**
 * The transfer limits card's model (GET /api/v1/limits): one bar per limit, in the order the
 * server gives them, with what is used and left; the per-operation limit has no use to show. The
 * day cap after a phone change comes last while it lasts: it holds even over a raised day limit.
 */

export type LimitName = 'per_operation' | 'per_day' | 'per_month';

/** The part of the answer the card reads (the generated GetResponse<'/api/v1/limits'> has it). */
export interface LimitsAnswer {
  currency: string;
  limits: ReadonlyArray<{ limit: LimitName; amountMinor: number; usedMinor: number | null; raised: boolean }>;
  phoneChangeCooling: { amountMinor: number; usedMinor: number; until: string } | null;
}

export interface LimitBar {
  name: LimitName | 'cooling';
  limitMinor: number;
  /** Null for the per-operation limit: there is nothing to add up. */
  usedMinor: number | null;
  leftMinor: number | null;
  /** 0–100, whole: the bar's fill; past the limit (a lowered one) it stays full. */
  usedPercent: number | null;
  raised: boolean;
  /** The cooling cap's end (ISO instant); null for the others. */
  until: string | null;
}

const PERCENT = 100;

function usedPercentOf(usedMinor: number, limitMinor: number): number {
  if (limitMinor <= 0) return PERCENT;
  return Math.min(PERCENT, Math.max(0, Math.floor((usedMinor * PERCENT) / limitMinor)));
}

function bar(name: LimitBar['name'], limitMinor: number, usedMinor: number | null, raised: boolean, until: string | null): LimitBar {
  return {
    name,
    limitMinor,
    usedMinor,
    leftMinor: usedMinor === null ? null : Math.max(0, limitMinor - usedMinor),
    usedPercent: usedMinor === null ? null : usedPercentOf(usedMinor, limitMinor),
    raised,
    until,
  };
}

export function limitBars(answer: LimitsAnswer): LimitBar[] {
  const bars = answer.limits.map((limit) => bar(limit.limit, limit.amountMinor, limit.usedMinor, limit.raised, null));
  const cooling = answer.phoneChangeCooling;
  return cooling ? [...bars, bar('cooling', cooling.amountMinor, cooling.usedMinor, false, cooling.until)] : bars;
}
