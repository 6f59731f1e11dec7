import { type Static, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { calendarDay, calendarMonthStart } from '../../shared/datetime.js';
import { Id, literalUnion, Timestamp } from '../../shared/schemas.js';
import { isApprovalOf, pendingApprovalOf } from '../approvals/index.js';
import { phoneCoolingOf } from '../identity/index.js';
import { effectiveLimits } from './customer-limits.js';
import { type EffectiveLimits, TRANSFER_LIMITS, TRANSFER_LIMITS_CURRENCY, type TransferLimit } from './customer-limits.types.js';
import { customerSpent } from './risk.repo.js';

/**
 * The customer's transfer limits as they read them (GET /api/v1/limits) and as staff read them in
 * the customer's file: each limit, what counts toward it (today and this month, the bank's
 * calendar), and the cooling cap after a phone change while it lasts. Amounts are integer minor
 * units in tenge (STYLE.md 1).
 */

const AmountMinor = Type.Integer({ minimum: 0 });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const LimitView = Type.Object({
  limit: literalUnion(TRANSFER_LIMITS),
  amountMinor: AmountMinor,
  usedMinor: nullable(
    Type.Integer({ minimum: 0, description: 'Sent to others today (per_day) or this month (per_month); null per operation' }),
  ),
  raised: Type.Boolean({ description: 'A raise approved for this customer holds in place of the bank’s default' }),
});

const CoolingView = Type.Object(
  { amountMinor: AmountMinor, usedMinor: AmountMinor, until: Timestamp },
  { description: 'After a phone number change: the lower day limit until `until`; a raise does not lift it' },
);

export const CustomerLimitsView = Type.Object({
  currency: literalUnion([TRANSFER_LIMITS_CURRENCY]),
  limits: Type.Array(LimitView),
  phoneChangeCooling: nullable(CoolingView),
});
type CustomerLimitsJson = Static<typeof CustomerLimitsView>;

export const StaffLimitsView = Type.Object({
  currency: literalUnion([TRANSFER_LIMITS_CURRENCY]),
  limits: Type.Array(
    Type.Object({
      ...LimitView.properties,
      defaultMinor: AmountMinor,
      ceilingMinor: Type.Integer({ minimum: 0, description: 'The most a raise may set it to (TRANSFER_LIMIT_RAISE_CEILING_*)' }),
    }),
  ),
  phoneChangeCooling: nullable(CoolingView),
  pendingRaise: nullable(
    Type.Object({
      approvalId: Id('apr'),
      limit: literalUnion(TRANSFER_LIMITS),
      amountMinor: AmountMinor,
      previousAmountMinor: AmountMinor,
      createdAt: Timestamp,
      expiresAt: Timestamp,
    }),
  ),
});
export type StaffLimitsJson = Static<typeof StaffLimitsView>;

interface Overview {
  limits: EffectiveLimits;
  spent: { day: bigint; month: bigint };
  cooling: { transferMaxPerDayMinor: bigint; until: Date } | null;
}

async function overviewOf(ctx: AppContext, customerId: string, now: Date): Promise<Overview> {
  const zone = ctx.config.bankTimeZone;
  const limits = await effectiveLimits(ctx.db, ctx.config, customerId);
  const spent = await customerSpent(ctx.db, customerId, calendarDay(now, zone), calendarMonthStart(now, zone));
  const cooling = await phoneCoolingOf(ctx.db, ctx.config, customerId, now);
  return { limits, spent, cooling };
}

function usedOf(limit: TransferLimit, spent: Overview['spent']): number | null {
  return { per_operation: null, per_day: Number(spent.day), per_month: Number(spent.month) }[limit];
}

function customerJson(overview: Overview): CustomerLimitsJson {
  return {
    currency: TRANSFER_LIMITS_CURRENCY,
    limits: TRANSFER_LIMITS.map((limit) => ({
      limit,
      amountMinor: Number(overview.limits[limit].amountMinor),
      usedMinor: usedOf(limit, overview.spent),
      raised: overview.limits[limit].raised !== null,
    })),
    phoneChangeCooling: overview.cooling
      ? {
          amountMinor: Number(overview.cooling.transferMaxPerDayMinor),
          usedMinor: Number(overview.spent.day),
          until: overview.cooling.until.toISOString(),
        }
      : null,
  };
}

/** The customer's own limits, today's and this month's use. */
export async function customerLimits(ctx: AppContext, customerId: string): Promise<CustomerLimitsJson> {
  return customerJson(await overviewOf(ctx, customerId, ctx.clock.now()));
}

/** The file's part: the same, with each default and ceiling, and the raise waiting for a checker. */
export async function staffCustomerLimits(ctx: AppContext, customerId: string): Promise<StaffLimitsJson> {
  const now = ctx.clock.now();
  const overview = await overviewOf(ctx, customerId, now);
  const base = customerJson(overview);
  const found = await pendingApprovalOf(ctx.db, 'limit_raise', customerId, now);
  const pending = found && isApprovalOf(found, 'limit_raise') ? found : null;
  return {
    ...base,
    limits: base.limits.map((view) => ({
      ...view,
      defaultMinor: Number(overview.limits[view.limit].defaultMinor),
      ceilingMinor: Number(overview.limits[view.limit].ceilingMinor),
    })),
    pendingRaise: pending
      ? {
          approvalId: pending.id,
          limit: pending.payload.limit,
          amountMinor: pending.payload.amountMinor,
          previousAmountMinor: pending.payload.previousAmountMinor,
          createdAt: pending.createdAt.toISOString(),
          expiresAt: pending.expiresAt.toISOString(),
        }
      : null,
  };
}
