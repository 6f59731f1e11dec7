/**
 * modules/risk: every decision whether money may leave, for every kind of operation.
 *
 * - checkMoneyOut / foreseeDecline / recordMoneyOut: limits to others per operation, day and
 *   month; e-money caps by identification level; the balance ceilings the ledger checks.
 * - the low-value exemption counters (RTS art. 16).
 * - LOCK_ORDER and takeLock: the one order of locks of every money transaction.
 *
 * Risk owns its tables (risk_limit_locks, risk_customer_days, risk_account_days,
 * risk_low_value_counters) and reads no other module's: it asks the ledger and identity.
 */
export { takeLock } from './lock-order.js';
export {
  LOW_VALUE_CURRENCY,
  lowValueAllowanceFits,
  lowValueCounters,
  resetLowValueAllowance,
  spendLowValueAllowance,
  withinLowValueCap,
} from './low-value.js';
export { ceilingDecline, checkMoneyOut, foreseeDecline, recordMoneyOut } from './money-out.js';
export { purgeExpired } from './risk.retention.js';
export type { MoneyOut } from './risk.types.js';
