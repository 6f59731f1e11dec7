import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { calendarDay, calendarMonthStart } from '../../shared/datetime.js';
import { phoneCoolingOf } from '../identity/index.js';
import { effectiveLimits } from './customer-limits.js';
import { takeLock } from './lock-order.js';
import { customerSpent, lockCustomerLimits } from './risk.repo.js';
import type { MoneyOut, RiskDecline } from './risk.types.js';

/**
 * The limits on money sent to other people: the bank's TRANSFER_MAX_PER_OPERATION / _PER_DAY /
 * _PER_MONTH, or the customer's own where a security officer approved a raise (customer-limits.ts,
 * never above TRANSFER_LIMIT_RAISE_CEILING_*). The day and month are the bank's calendar
 * (BANK_TIME_ZONE), what a customer reads as "today". The sums come from the day counters, read
 * under the customer's limit lock, so a parallel operation of the same customer either has
 * committed and is counted or waits here.
 *
 * After a phone number change, until its cooling period ends, the day's limit is the lower one of
 * PHONE_CHANGE_COOLING_TRANSFER_MAX_MINOR (identity's phone-number.ts), counted on the same day
 * counters: what was sent earlier that day counts towards it too. A raised limit does not lift it.
 * Nor does it lift an e-wallet's caps (emoney-caps.ts), which are checked apart, after these.
 */
export async function limitsDecline(tx: Tx, ctx: AppContext, out: MoneyOut, now: Date): Promise<RiskDecline | null> {
  // A raise is read without a lock: the approval writes it without taking the limit lock (it holds
  // the audit chain's, which no money transaction takes), and a raise landing meanwhile only helps.
  const limits = await effectiveLimits(tx, ctx.config, out.customerId);
  if (out.amountMinor > limits.per_operation.amountMinor) return 'limit-per-operation';
  takeLock(tx, 'customer-limits');
  await lockCustomerLimits(tx, out.customerId);
  const zone = ctx.config.bankTimeZone;
  const spent = await customerSpent(tx, out.customerId, calendarDay(now, zone), calendarMonthStart(now, zone));
  if (spent.day + out.amountMinor > limits.per_day.amountMinor) return 'limit-per-day';
  if (spent.month + out.amountMinor > limits.per_month.amountMinor) return 'limit-per-month';
  const cooling = await phoneCoolingOf(tx, ctx.config, out.customerId, now);
  if (cooling && spent.day + out.amountMinor > cooling.transferMaxPerDayMinor) return 'limit-phone-change';
  return null;
}
