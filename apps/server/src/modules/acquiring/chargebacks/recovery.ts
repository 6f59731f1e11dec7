import { createHash } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../db/database.js';
import { smallerAmount } from '../../../shared/money.js';
import { accountBalance, type Currency, merchantAccountId, postOperation, systemAccountId } from '../../ledger/index.js';
import { takeLock } from '../../risk/index.js';
import { addRecovered, lockOwedChargebacks, merchantOwesChargebacks } from './chargebacks.repo.js';
import type { Chargeback } from './chargebacks.types.js';

/**
 * A lost chargeback's money: from the merchant's settlement account to the bank's dispute-loss
 * account, which paid the cardholder back (modules/disputes). The merchant's account never goes
 * below zero (migration 0043), and payouts empty it daily, so a chargeback takes what the account
 * holds when it is lost and the rest before the merchant's next payout (the payout run calls
 * recoverOwed first): the bank pays the cardholder at once, the merchant pays the bank as it can.
 * Each recovery is a ledger operation whose id derives from the chargeback and what it had
 * recovered before, so a retry posts nothing twice.
 */

/** Lost chargebacks recovered per merchant in one payout run; more wait for the next. */
const OWED_PER_RUN_MAX = 100;

function recoveryLedgerId(chargebackId: string, recoveredBefore: bigint): string {
  return `op_${createHash('sha256').update(`chargeback-recovery\n${chargebackId}\n${recoveredBefore}`).digest('hex').slice(0, 32)}`;
}

/** Takes up to `owedMinor` from the merchant's account now; what it took (0 when the account is empty). */
export async function recoverFromMerchant(
  tx: Tx,
  input: { chargeback: Chargeback; owedMinor: bigint; recoveredBefore?: bigint; now: Date },
): Promise<bigint> {
  const { chargeback } = input;
  const accountId = merchantAccountId(chargeback.merchantId, chargeback.currency);
  const balance = await accountBalance(tx, accountId);
  const available = balance ? balance.availableMinor : 0n;
  const amountMinor = smallerAmount(input.owedMinor, available);
  if (amountMinor <= 0n) return 0n;
  takeLock(tx, 'ledger-accounts');
  const posted = await postOperation(tx, {
    operationId: recoveryLedgerId(chargeback.id, input.recoveredBefore ?? 0n),
    kind: 'acquiring.chargeback',
    description: `Chargeback ${chargeback.id}`,
    postings: [
      { accountId, currency: chargeback.currency, amountMinor: -amountMinor },
      { accountId: systemAccountId('bank_dispute_loss', chargeback.currency), currency: chargeback.currency, amountMinor },
    ],
  });
  // A payout or refund between the read and the ledger's lock left less: the rest waits for the next payout.
  return posted.ok ? amountMinor : 0n;
}

/** Before a payout: what the merchant owes on lost chargebacks, taken from its account, oldest first. */
export async function recoverOwed(ctx: AppContext, merchantId: string, currency: Currency): Promise<bigint> {
  if (!(await merchantOwesChargebacks(ctx.db, merchantId))) return 0n;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    let recovered = 0n;
    for (const chargeback of await lockOwedChargebacks(tx, merchantId, currency, OWED_PER_RUN_MAX)) {
      const owedMinor = (chargeback.lostMinor ?? 0n) - chargeback.recoveredMinor;
      const taken = await recoverFromMerchant(tx, { chargeback, owedMinor, recoveredBefore: chargeback.recoveredMinor, now });
      if (taken === 0n) break;
      await addRecovered(tx, { id: chargeback.id, amountMinor: taken, now });
      recovered += taken;
    }
    return recovered;
  });
}
