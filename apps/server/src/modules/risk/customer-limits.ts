import type { Config } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { selectRaisedLimits } from './customer-limits.repo.js';
import type { EffectiveLimit, EffectiveLimits, RaisedLimit, TransferLimit } from './customer-limits.types.js';

type TransfersPolicy = Pick<Config, 'transfers'>;

/** The bank's default of each limit (TRANSFER_MAX_*). */
export function defaultLimitMinor(config: TransfersPolicy, limit: TransferLimit): bigint {
  const policy = config.transfers;
  return { per_operation: policy.perOperationMaxMinor, per_day: policy.perDayMaxMinor, per_month: policy.perMonthMaxMinor }[limit];
}

/** The most a raise may set the limit to (TRANSFER_LIMIT_RAISE_CEILING_*; config.ts keeps it at or above the default). */
export function limitCeilingMinor(config: TransfersPolicy, limit: TransferLimit): bigint {
  const ceilings = config.transfers.limitRaiseCeilingMinor;
  return { per_operation: ceilings.perOperation, per_day: ceilings.perDay, per_month: ceilings.perMonth }[limit];
}

/**
 * One limit for a customer. A raise counts only while it is above the default (the bank may have
 * raised its defaults past it since: a raise never cuts), and never beyond today's ceiling (one
 * lowered since caps the raises made before it: the ceiling holds at all times, not only when asked).
 */
function effectiveLimit(config: TransfersPolicy, limit: TransferLimit, raised: RaisedLimit | undefined): EffectiveLimit {
  const defaultMinor = defaultLimitMinor(config, limit);
  const ceilingMinor = limitCeilingMinor(config, limit);
  if (!raised || raised.amountMinor <= defaultMinor) return { limit, amountMinor: defaultMinor, defaultMinor, ceilingMinor, raised: null };
  // bigint: no Math.min.
  if (raised.amountMinor > ceilingMinor) return { limit, amountMinor: ceilingMinor, defaultMinor, ceilingMinor, raised };
  return { limit, amountMinor: raised.amountMinor, defaultMinor, ceilingMinor, raised };
}

/** The customer's three limits to others now: one indexed read of the raises, none for a customer without. */
export async function effectiveLimits(q: Queryable, config: TransfersPolicy, customerId: string): Promise<EffectiveLimits> {
  const raises = new Map((await selectRaisedLimits(q, customerId)).map((raised) => [raised.limit, raised]));
  const of = (limit: TransferLimit) => effectiveLimit(config, limit, raises.get(limit));
  return { per_operation: of('per_operation'), per_day: of('per_day'), per_month: of('per_month') };
}
