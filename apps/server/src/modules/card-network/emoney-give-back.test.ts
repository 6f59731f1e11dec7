import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { depositFromSettlement } from '../accounts/index.js';
import { customerWithMoney } from '../blocks/blocks.fixtures.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';
import { answered, networkOf, purchaseOf, type TypedCard, typedCard } from './card-network.fixtures.js';

// A purchase with a card on an e-wallet counts towards the wallet's day cap (risk recordMoneyOut);
// money that did not leave after all gives that count back: a reversal, a hold expired unclaimed,
// the part of a hold a clearing did not take. Otherwise a reversed purchase would still use up the
// day's allowance, and the customer's next purchase would be refused for money they never spent.
//
// An unidentified owner's wallet (config.ts emoneyLimits, default MCI 4 325 ₸) holds, pays and
// turns over at most 12 975,00 ₸ a day: two purchases of 10 000 ₸ do not both fit in one day.

const TEN_THOUSAND = 1_000_000;
const WALLET_FUNDS_MINOR = 1_200_000n;
const DAY_MS = 86_400_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 4, 12, 6)) });
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

/** A card on the e-wallet of an unidentified customer, the wallet holding 12 000 ₸. */
async function walletCard(): Promise<TypedCard & { walletId: string }> {
  const customer = await customerWithMoney(t);
  await t.db.query("UPDATE customers SET identification_level = 'none' WHERE id = $1", [customer.who.customerId]);
  const accounts: Array<{ id: string; kind: string }> = (await t.app.inject({ url: '/api/v1/accounts', headers: web(customer.who) })).json()
    .items;
  const wallet = accounts.find((account) => account.kind === 'ewallet');
  const account = wallet ? await getAccount(t.db, wallet.id) : null;
  if (!account) throw new Error('no e-wallet');
  await t.db.transaction((tx) => depositFromSettlement(tx, account, WALLET_FUNDS_MINOR, 'test'));
  const card = await typedCard(t, 0n, 'virtual', { who: customer.who, currentAccountId: account.id });
  return { ...card, walletId: account.id };
}

async function purchase(card: TypedCard, amountMinor: number) {
  t.clock.advance(1_000);
  const message = purchaseOf(t, card, amountMinor);
  const answer = await answered(t, 'authorisation', message);
  return { message, answer };
}

/** What the wallet's day counter holds for every bank day it has a row for. */
async function walletDebited(walletId: string): Promise<bigint> {
  const { rows } = await t.db.query<{ total: bigint | null }>(
    'SELECT sum(debited_minor)::bigint AS total FROM risk_account_days WHERE account_id = $1',
    [walletId],
  );
  return BigInt(rows[0]?.total ?? 0n);
}

describe('the e-wallet’s day allowance after a purchase that did not take the money', () => {
  it('comes back when the merchant reverses the purchase: the next purchase of the day fits again', async () => {
    const card = await walletCard();
    const first = await purchase(card, TEN_THOUSAND);
    expect(first.answer.responseCode).toBe('00');
    expect(await walletDebited(card.walletId)).toBe(BigInt(TEN_THOUSAND));
    // While the first holds the day's allowance, a second one is over the cap (61).
    expect((await purchase(card, TEN_THOUSAND)).answer.responseCode).toBe('61');

    const reversed = await answered(t, 'reversal', networkOf(t).reversal(first.message, t.clock.now()));
    expect(reversed.responseCode).toBe('00');
    expect(await walletDebited(card.walletId)).toBe(0n);
    expect((await purchase(card, TEN_THOUSAND)).answer.responseCode).toBe('00');
  });

  it('comes back when the hold expires with no clearing (the retention sweep)', async () => {
    const card = await walletCard();
    expect((await purchase(card, TEN_THOUSAND)).answer.responseCode).toBe('00');
    t.clock.advance(t.app.ctx.config.cards.authorisationHoldDays * DAY_MS + 1_000);
    const swept = await t.app.ctx.retention.runOnce();
    expect(swept.card_holds_expired).toBeGreaterThanOrEqual(1);
    expect(await walletDebited(card.walletId)).toBe(0n);
  });

  it('comes back for the part a clearing did not take, and only for that part', async () => {
    const card = await walletCard();
    const first = await purchase(card, TEN_THOUSAND);
    const code = first.answer.authorisationCode ?? '';
    const cleared = await answered(t, 'clearing', networkOf(t).clearing(first.message, code, 400_000, t.clock.now()));
    expect(cleared.responseCode).toBe('00');
    expect(await walletDebited(card.walletId)).toBe(400_000n);
    // 4 000 ₸ spent today: 8 000 ₸ more fits under 12 975 ₸, as it would not with 10 000 ₸ still counted.
    expect((await purchase(card, 800_000)).answer.responseCode).toBe('00');
  });

  it('is given back once: a second reversal of the same purchase changes nothing', async () => {
    const card = await walletCard();
    const first = await purchase(card, 500_000);
    const second = await purchase(card, 300_000);
    expect([first.answer.responseCode, second.answer.responseCode]).toEqual(['00', '00']);
    await answered(t, 'reversal', networkOf(t).reversal(first.message, t.clock.now()));
    await answered(t, 'reversal', networkOf(t).reversal(first.message, t.clock.now()));
    expect(await walletDebited(card.walletId)).toBe(300_000n);
  });
});
