import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { calendarDay } from '../../shared/datetime.js';
import { findCustomerById } from '../identity/index.js';
import type { Account, BalanceCeiling } from '../ledger/index.js';
import { takeLock } from './lock-order.js';
import { accountDebited, lockCustomerLimits } from './risk.repo.js';
import type { MoneyOut, RiskDecline } from './risk.types.js';

/**
 * E-money caps by the wallet owner's identification level (EMONEY_*, KAZAKHSTAN.md): what may
 * leave a wallet per operation and per bank day, and the balance a wallet may hold.
 */

async function identificationLevel(tx: Tx, customerId: string | null): Promise<'none' | 'simplified' | 'full'> {
  const customer = customerId ? await findCustomerById(tx, customerId) : null;
  return customer?.identificationLevel ?? 'full';
}

export /**
 * E-money caps on money leaving a wallet, checked under the owner's limit lock so parallel
 * payments out of one wallet cannot together pass the day's cap. A payment to others took the
 * lock in limitsDecline already; a move between own accounts takes it here.
 */
async function walletDecline(tx: Tx, ctx: AppContext, out: MoneyOut, source: Account | null, now: Date): Promise<RiskDecline | null> {
  if (source?.kind !== 'ewallet') return null;
  const caps = ctx.config.emoneyLimits[await identificationLevel(tx, source.ownerId)];
  if (!caps) return null;
  const totalMinor = out.amountMinor + out.feeMinor;
  if (totalMinor > caps.perOperationMaxMinor) return 'wallet-limit';
  if (!out.toOthers) {
    takeLock(tx, 'customer-limits');
    await lockCustomerLimits(tx, out.customerId);
  }
  const debited = await accountDebited(tx, source.id, calendarDay(now, ctx.config.bankTimeZone));
  return debited + totalMinor > caps.perDayMaxMinor ? 'wallet-limit' : null;
}

/**
 * The balance an e-wallet payee may hold after the credit, as a ceiling the ledger checks under
 * the wallet's lock: a balance read here, before the lock, would let parallel credits pass it.
 */
export async function payeeCeiling(tx: Tx, ctx: AppContext, payee: Account | null): Promise<BalanceCeiling | null> {
  if (payee?.kind !== 'ewallet') return null;
  const caps = ctx.config.emoneyLimits[await identificationLevel(tx, payee.ownerId)];
  return caps ? { accountId: payee.id, balanceMaxMinor: caps.balanceMaxMinor } : null;
}
