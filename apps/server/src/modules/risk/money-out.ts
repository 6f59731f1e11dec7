import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { calendarDay } from '../../shared/datetime.js';
import { accountBalance, getAccount } from '../ledger/index.js';
import { payeeCeiling, walletDecline } from './emoney-caps.js';
import { limitsDecline } from './limits.js';
import { takeLock } from './lock-order.js';
import { addAccountDebited, addCustomerSpent, lockCustomerLimits, subtractAccountDebited, subtractCustomerSpent } from './risk.repo.js';
import type { MoneyOut, RiskDecision, RiskDecline } from './risk.types.js';

/**
 * Whether money may leave an account: the limits to other people per operation, calendar day and
 * month of the bank (TRANSFER_MAX_*), the e-money caps by the wallet owner's identification level
 * (per operation, per day, the balance a wallet may hold), and, before a code is sent, the
 * accounts' state and spendable money. Every kind of operation asks here; none asks another kind.
 */

/** The decision when the money moves, in the posting transaction, before the ledger's locks. */
export async function checkMoneyOut(tx: Tx, ctx: AppContext, out: MoneyOut, now: Date): Promise<RiskDecision> {
  const limit = out.toOthers ? await limitsDecline(tx, ctx, out, now) : null;
  if (limit) return { ok: false, reason: limit };
  const source = await getAccount(tx, out.sourceAccountId);
  const payee = out.payeeAccountId ? await getAccount(tx, out.payeeAccountId) : null;
  const wallet = await walletDecline(tx, ctx, out, source, now);
  if (wallet) return { ok: false, reason: wallet };
  const ceiling = await payeeCeiling(tx, ctx, payee);
  return { ok: true, ceilings: ceiling ? [ceiling] : [], walletSourceId: source?.kind === 'ewallet' ? source.id : null };
}

/** The ledger refused the payee's ceiling: whose limit it is, in the customer's words. */
export function ceilingDecline(out: MoneyOut): RiskDecline {
  return out.toSelf ? 'wallet-limit' : 'recipient-wallet-limit';
}

/**
 * SECURITY.md 33: no code is sent for an operation the bank will refuse anyway. Before a code is
 * asked, the checks made when the money moves are made once on today's data, in the same order,
 * and then the accounts' state, the spendable money and an e-wallet payee's ceiling. Money can
 * still move before the code comes back, so checkMoneyOut decides again, under the ledger's locks.
 */
export async function foreseeDecline(tx: Tx, ctx: AppContext, out: MoneyOut, now: Date): Promise<RiskDecline | null> {
  const decision = await checkMoneyOut(tx, ctx, out, now);
  if (!decision.ok) return decision.reason;
  // One after another: a transaction is one connection, and node-postgres deprecates (pg 9
  // removes) a query sent while another is still running on it.
  const source = await getAccount(tx, out.sourceAccountId);
  const spendable = await accountBalance(tx, out.sourceAccountId);
  const payee = out.payeeAccountId ? await getAccount(tx, out.payeeAccountId) : null;
  if (source?.status === 'closed') return 'account-closed';
  if (source?.status === 'frozen') return 'account-frozen';
  if (spendable && spendable.spendableMinor < out.amountMinor + out.feeMinor) return 'insufficient-funds';
  if (payee?.status === 'closed') return 'account-closed';
  const ceiling = decision.ceilings[0];
  if (ceiling && payee && payee.balanceMinor + out.amountMinor > ceiling.balanceMaxMinor) return ceilingDecline(out);
  return null;
}

/** The money moved: it counts toward the day's and month's limits and the wallet's day cap. */
export async function recordMoneyOut(
  tx: Tx,
  ctx: AppContext,
  out: MoneyOut,
  decision: Extract<RiskDecision, { ok: true }>,
  now: Date,
): Promise<void> {
  const day = calendarDay(now, ctx.config.bankTimeZone);
  if (out.toOthers) await addCustomerSpent(tx, out.customerId, day, out.amountMinor);
  if (decision.walletSourceId) await addAccountDebited(tx, decision.walletSourceId, day, out.amountMinor + out.feeMinor);
}

/**
 * Money counted by recordMoneyOut that did not leave after all: a card purchase whose hold was
 * voided (its reversal, or no clearing in time), or the part of a hold a clearing did not take.
 * `out` is the money given back, described as it was counted (its amount at most what was
 * counted); it is given back on the bank day it was counted (`countedAt`), from the same sums:
 * the limits to others when it was to others, the e-wallet's day cap when it left an e-wallet.
 * Under the customer's limit lock, as the count was made, so a purchase deciding meanwhile sees
 * the sum before or after, never half.
 * Lock order: after the card's, before the ledger's (risk/lock-order.ts).
 */
export async function giveBackMoneyOut(tx: Tx, ctx: AppContext, out: MoneyOut, countedAt: Date): Promise<void> {
  const totalMinor = out.amountMinor + out.feeMinor;
  if (totalMinor <= 0n) return;
  const source = await getAccount(tx, out.sourceAccountId);
  const fromWallet = source?.kind === 'ewallet';
  if (!out.toOthers && !fromWallet) return;
  takeLock(tx, 'customer-limits');
  await lockCustomerLimits(tx, out.customerId);
  const day = calendarDay(countedAt, ctx.config.bankTimeZone);
  if (out.toOthers) await subtractCustomerSpent(tx, out.customerId, day, out.amountMinor);
  if (fromWallet) await subtractAccountDebited(tx, out.sourceAccountId, day, totalMinor);
}
