import { createHash } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import type { Queryable } from '../../../db/database.js';
import { accountBalance, type Currency, getAccount, merchantAccountId, postOperation, systemAccountId } from '../../ledger/index.js';
import { takeLock } from '../../risk/index.js';
import { recoverOwed } from '../chargebacks/recovery.js';
import { insertPayout, selectMerchantsForPayout } from './money.repo.js';

/**
 * The daily payout (issue 15 item 5): each merchant's available balance leaves its settlement
 * account for its IBAN (merchant account → bank_settlement, which the bank's outgoing payment
 * order carries on), once per merchant, currency and business day (the bank's time zone): the
 * day's row and its ledger operation are written together, and a second run that day finds the
 * row. Money captured after the day's payout waits for the next day. A sweep on the retention
 * worker's schedule, and a staff route to run it now.
 */

const PAYOUT_CURRENCIES: readonly Currency[] = ['KZT'];
const MERCHANTS_PAGE = 200;
/** A run pays at most this many merchants; a full run makes the worker run again (retention's rule). */
export const PAYOUTS_PER_RUN_MAX = 1000;

/** YYYY-MM-DD of `now` in the bank's time zone. */
export function businessDateOf(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function payoutIds(merchantId: string, currency: Currency, date: string) {
  const hash = (purpose: string) =>
    createHash('sha256').update(`${purpose}\n${merchantId}\n${currency}\n${date}`).digest('hex').slice(0, 32);
  return { id: `po_${hash('merchant-payout')}`, ledgerOperationId: `op_${hash('merchant-payout-ledger')}` };
}

/** Pays out every merchant's balance of the day not paid yet; how many payouts it made. */
export async function runPayouts(ctx: AppContext, now: Date, max = PAYOUTS_PER_RUN_MAX): Promise<number> {
  const date = businessDateOf(now, ctx.config.bankTimeZone);
  let paid = 0;
  let afterId: string | null = null;
  while (paid < max) {
    const merchants = await selectMerchantsForPayout(ctx.db, { afterId, limit: MERCHANTS_PAGE });
    for (const merchant of merchants) {
      // The bank's own merchant for guests' service payments is never paid out: each payment's money
      // goes on to the provider's account in the commit that ends it (payments/guest/guest-settle.ts).
      if (merchant.id === ctx.config.guestPayments.merchantId) continue;
      for (const currency of PAYOUT_CURRENCIES) {
        if (paid < max && (await payOut(ctx, merchant, currency, date, now))) paid += 1;
      }
    }
    const last = merchants[merchants.length - 1];
    if (!last || merchants.length < MERCHANTS_PAGE) break;
    afterId = last.id;
  }
  return paid;
}

async function payOut(
  ctx: AppContext,
  merchant: { id: string; settlementIban: string },
  currency: Currency,
  date: string,
  now: Date,
): Promise<boolean> {
  // What the merchant owes on lost chargebacks comes out of its balance before its payout.
  await recoverOwed(ctx, merchant.id, currency);
  const accountId = merchantAccountId(merchant.id, currency);
  const balance = await accountBalance(ctx.db, accountId);
  if (!balance || balance.availableMinor <= 0n) return false;
  const ids = payoutIds(merchant.id, currency, date);
  return ctx.db
    .transaction(async (tx) => {
      takeLock(tx, 'idempotency-key');
      const claimed = await insertPayout(tx, {
        id: ids.id,
        merchantId: merchant.id,
        payoutDate: date,
        currency,
        amountMinor: balance.availableMinor,
        settlementIban: merchant.settlementIban,
        ledgerOperationId: ids.ledgerOperationId,
        createdAt: now,
      });
      if (!claimed) return false;
      takeLock(tx, 'ledger-accounts');
      const posted = await postOperation(tx, {
        operationId: ids.ledgerOperationId,
        kind: 'acquiring.payout',
        description: `Payout ${date}`,
        postings: [
          { accountId, currency, amountMinor: -balance.availableMinor },
          { accountId: systemAccountId('bank_settlement', currency), currency, amountMinor: balance.availableMinor },
        ],
      });
      // A refund between the read and the lock left less than read: roll the day's row back, the next run pays what is there.
      if (!posted.ok) throw new PayoutRaced();
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof PayoutRaced) return false;
      throw error;
    });
}

class PayoutRaced extends Error {}

/** The payout sweep for the retention worker's schedule, as card-network's cardHoldsExpiry is. */
export function merchantPayouts(contextOf: () => AppContext) {
  return async (_db: Queryable, now: Date): Promise<Record<string, number>> => ({
    merchant_payouts: await runPayouts(contextOf(), now),
  });
}

/** The merchant's settlement balance in a currency (zero before its first capture). */
export async function merchantBalance(q: Queryable, merchantId: string, currency: Currency) {
  const account = await getAccount(q, merchantAccountId(merchantId, currency));
  return { currency, availableMinor: account ? account.balanceMinor - account.heldMinor : 0n };
}
