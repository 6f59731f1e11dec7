import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';

/**
 * E-money caps under parallel transfers. On PostgreSQL (DATABASE_URL set) the transfers really
 * race on separate connections; on PGlite they queue on its one connection. Both must give the
 * same answers: a cap is checked against the balance and turnover as they are under the locks
 * of the posting transaction, never against a read that a parallel transfer has made stale.
 *
 * With the default MCI of 4 325 ₸, an unidentified owner's wallet holds, pays and turns over at
 * most 3 MCI = 12 975,00 ₸ (config.ts, emoneyLimits). The transfers here are of 1 000 ₸ and
 * 4 000 ₸: within the low-value exemption (RTS art. 16), so each completes in its own request.
 */
const WALLET_CAP_MINOR = 1_297_500n;
const PARALLEL_TRANSFERS = 10;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

interface AccountItem {
  id: string;
  kind: string;
  currency: string;
}

async function accountsOf(who: LoggedIn): Promise<AccountItem[]> {
  return (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
}

async function fund(accountId: string, amountMinor: bigint): Promise<void> {
  const account = await getAccount(t.db, accountId);
  if (!account) throw new Error(`no account ${accountId}`);
  await t.db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'test'));
}

async function balanceOf(accountId: string): Promise<bigint> {
  const account = await getAccount(t.db, accountId);
  if (!account) throw new Error(`no account ${accountId}`);
  return account.balanceMinor;
}

function transfer(who: LoggedIn, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': randomUUID() },
    payload: { currency: 'KZT', ...payload },
  });
}

async function unidentifiedCustomer(agreement: 'emoney' | 'both'): Promise<{ who: LoggedIn; wallet: AccountItem; current?: AccountItem }> {
  const who = await registerCustomer(t.app, { agreement });
  await t.db.query("UPDATE customers SET identification_level = 'none' WHERE id = $1", [who.customerId]);
  const items = await accountsOf(who);
  const wallet = items.find((item) => item.kind === 'ewallet');
  if (!wallet) throw new Error('no e-wallet');
  return { who, wallet, current: items.find((item) => item.kind === 'customer_current') };
}

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of outcomes) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

describe('e-money caps under parallel transfers', () => {
  it("lets exactly as many parallel credits in as the recipient wallet's balance cap has room for", async () => {
    const owner = await unidentifiedCustomer('emoney');
    // Room for three transfers of 1 000 ₸ below the 12 975 ₸ cap.
    await fund(owner.wallet.id, WALLET_CAP_MINOR - 300_000n);
    const senders = await Promise.all(
      Array.from({ length: PARALLEL_TRANSFERS }, async () => {
        const who = await registerCustomer(t.app, { agreement: 'banking' });
        const [account] = await accountsOf(who);
        if (!account) throw new Error('no account');
        await fund(account.id, 1_000_000n);
        return { who, accountId: account.id };
      }),
    );
    const responses = await Promise.all(
      senders.map(({ who, accountId }) =>
        transfer(who, { kind: 'phone', sourceAccountId: accountId, payeePhone: owner.who.phone, amountMinor: 100_000 }),
      ),
    );
    const bodies = responses.map((response) => response.json());
    expect(responses.map((response) => response.statusCode)).toEqual(Array(PARALLEL_TRANSFERS).fill(201));
    expect(tally(bodies.map((body) => body.declineReason ?? body.status))).toEqual({ completed: 3, 'recipient-wallet-limit': 7 });
    expect(await balanceOf(owner.wallet.id)).toBe(WALLET_CAP_MINOR);
    // A declined sender keeps the money: nothing was debited for the seven.
    const sendersBalances = await Promise.all(senders.map(({ accountId }) => balanceOf(accountId)));
    expect(tally(sendersBalances.map(String))).toEqual({ '900000': 3, '1000000': 7 });
  });

  it("lets exactly as many parallel debits out as the wallet's daily turnover cap has room for", async () => {
    const owner = await unidentifiedCustomer('both');
    if (!owner.current) throw new Error('no current account');
    // 5 000 ₸ out today already, then the wallet is topped up to the cap again: 7 975 ₸ of the
    // day's turnover is left, room for one transfer of 4 000 ₸, though the balance pays three.
    await fund(owner.wallet.id, WALLET_CAP_MINOR);
    const first = await transfer(owner.who, {
      kind: 'own',
      sourceAccountId: owner.wallet.id,
      destinationAccountId: owner.current.id,
      amountMinor: 500_000,
    });
    expect(first.json().status).toBe('completed');
    await fund(owner.wallet.id, 500_000n);
    const responses = await Promise.all(
      Array.from({ length: PARALLEL_TRANSFERS }, () =>
        transfer(owner.who, {
          kind: 'own',
          sourceAccountId: owner.wallet.id,
          destinationAccountId: owner.current?.id,
          amountMinor: 400_000,
        }),
      ),
    );
    const bodies = responses.map((response) => response.json());
    expect(tally(bodies.map((body) => body.declineReason ?? body.status))).toEqual({ completed: 1, 'wallet-limit': 9 });
    expect(await balanceOf(owner.wallet.id)).toBe(WALLET_CAP_MINOR - 400_000n);
  });

  it("refuses an own transfer into one's own unidentified wallet beyond its balance cap, with the wallet reason", async () => {
    const owner = await unidentifiedCustomer('both');
    if (!owner.current) throw new Error('no current account');
    await fund(owner.current.id, 1_000_000n);
    await fund(owner.wallet.id, WALLET_CAP_MINOR - 50_000n);
    const declined = (
      await transfer(owner.who, {
        kind: 'own',
        sourceAccountId: owner.current.id,
        destinationAccountId: owner.wallet.id,
        amountMinor: 50_001,
      })
    ).json();
    expect(declined).toMatchObject({ status: 'declined', declineReason: 'wallet-limit' });
    const fits = (
      await transfer(owner.who, {
        kind: 'own',
        sourceAccountId: owner.current.id,
        destinationAccountId: owner.wallet.id,
        amountMinor: 50_000,
      })
    ).json();
    expect(fits.status).toBe('completed');
    expect(await balanceOf(owner.wallet.id)).toBe(WALLET_CAP_MINOR);
  });
});
