/**
 * modules/risk: every decision whether money may leave, for every kind of operation.
 *
 * - checkMoneyOut / foreseeDecline / recordMoneyOut: limits to others per operation, day and
 *   month; e-money caps by identification level; the balance ceilings the ledger checks;
 *   giveBackMoneyOut: what was counted for money that did not leave after all (a voided hold).
 * - the low-value exemption counters (RTS art. 16).
 * - LOCK_ORDER and takeLock: the one order of locks of every money transaction.
 * - a customer's raised limits (maker-checker limit_raise, issue 13 item 10): the staff's request
 *   (limitRaiseStaffRoutes, given calls' gate by app.ts), the executor an approval runs
 *   (registerLimitRaiseExecutor), the customer's GET /api/v1/limits (limitsRoutes) and the part
 *   of the staff's customer file (staffCustomerLimits).
 *
 * Risk owns its tables (risk_limit_locks, risk_customer_days, risk_account_days,
 * risk_low_value_counters, risk_customer_limits) and reads no other module's: it asks the ledger,
 * identity and approvals.
 */

export { registerLimitRaiseExecutor } from './limit-raise.js';
export { limitRaiseStaffRoutes } from './limit-raise.staff-routes.js';
export { limitsRoutes } from './limits.routes.js';
export { StaffLimitsView, staffCustomerLimits } from './limits.views.js';
export { takeLock } from './lock-order.js';
export {
  LOW_VALUE_CURRENCY,
  lowValueAllowanceFits,
  lowValueCounters,
  resetLowValueAllowance,
  spendLowValueAllowance,
  withinLowValueCap,
} from './low-value.js';
export { ceilingDecline, checkMoneyOut, foreseeDecline, giveBackMoneyOut, recordMoneyOut } from './money-out.js';
export { purgeExpired } from './risk.retention.js';
export type { MoneyOut } from './risk.types.js';
