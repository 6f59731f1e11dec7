import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { newId } from '../../shared/ids.js';
import {
  accountBalance,
  checkLedgerInvariants,
  getHold,
  placeHold,
  postHold,
  postOperation,
  postOperations,
  reverseOperation,
  systemAccountId,
  voidHold,
} from './index.js';
import { deposit, held, openCustomerAccount, outcome, transferInput } from './ledger.fixtures.js';

/**
 * Many clients at once. On PostgreSQL these transactions really race on separate connections
 * (the harness pool has 10); on PGlite they queue on its single connection. Both must give the
 * same answers.
 */
let t: TestDatabase;
const settlementKzt = systemAccountId('bank_settlement', 'KZT');

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function expectInvariants(): Promise<void> {
  expect(await checkLedgerInvariants(t.db)).toEqual({ ok: true, violations: [] });
}

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of outcomes) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

describe('concurrent clients', () => {
  it('lets exactly 10 of 50 parallel debits through from an account that can afford 10', async () => {
    const payer = await openCustomerAccount(t.db);
    const payee = await openCustomerAccount(t.db);
    await deposit(t.db, payer.id, 10n * 1_500n);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => outcome(t.db, (tx) => postOperation(tx, transferInput(payer.id, payee.id, 1_500n)))),
    );
    expect(tally(outcomes)).toEqual({ ok: 10, 'insufficient-funds': 40 });
    expect((await accountBalance(t.db, payer.id))?.balanceMinor).toBe(0n);
    expect((await accountBalance(t.db, payee.id))?.balanceMinor).toBe(15_000n);
    await expectInvariants();
  });

  it('lets exactly 3 of 30 parallel credits into an account whose balance ceiling has room for 3', async () => {
    const wallet = await openCustomerAccount(t.db, { kind: 'ewallet' });
    await deposit(t.db, wallet.id, 7_000n);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () =>
        outcome(t.db, (tx) =>
          postOperation(tx, {
            ...transferInput(settlementKzt, wallet.id, 1_000n),
            balanceCeilings: [{ accountId: wallet.id, balanceMaxMinor: 10_000n }],
          }),
        ),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: 3, 'balance-cap-exceeded': 27 });
    expect((await accountBalance(t.db, wallet.id))?.balanceMinor).toBe(10_000n);
    await expectInvariants();
  });

  it('never deadlocks when transfers run both ways between the same accounts', async () => {
    const accounts = await Promise.all([openCustomerAccount(t.db), openCustomerAccount(t.db), openCustomerAccount(t.db)]);
    for (const account of accounts) await deposit(t.db, account.id, 1_000_000n);
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, index) => {
        const from = accounts[index % 3]?.id as string;
        const to = accounts[(index + 1 + (index % 2)) % 3]?.id as string;
        // Each operation also touches the shared fee account, the classic hot spot.
        return outcome(t.db, (tx) =>
          postOperation(tx, {
            operationId: newId('op'),
            kind: 'transfer.p2p',
            postings: [
              { accountId: from, currency: 'KZT', amountMinor: -1_010n },
              { accountId: to, currency: 'KZT', amountMinor: 1_000n },
              { accountId: systemAccountId('bank_fees', 'KZT'), currency: 'KZT', amountMinor: 10n },
            ],
          }),
        );
      }),
    );
    expect(tally(outcomes)).toEqual({ ok: 60 });
    await expectInvariants();
  });

  it('never deadlocks when batches over overlapping accounts run in parallel', async () => {
    const accounts = await Promise.all(Array.from({ length: 6 }, () => openCustomerAccount(t.db)));
    for (const account of accounts) await deposit(t.db, account.id, 100_000n);
    const batches = await Promise.all(
      Array.from({ length: 12 }, (_, batch) =>
        t.db.transaction((tx) =>
          postOperations(
            tx,
            Array.from({ length: 20 }, (_, index) => {
              const from = accounts[(batch + index) % 6]?.id as string;
              const to = accounts[(batch * 5 + index * 7 + 1) % 6]?.id as string;
              return transferInput(from, from === to ? settlementKzt : to, 100n);
            }),
          ),
        ),
      ),
    );
    expect(batches.flat().every((result) => result.ok)).toBe(true);
    await expectInvariants();
  });

  it('reverses an operation once when ten clients try at the same time', async () => {
    const account = await openCustomerAccount(t.db);
    const operationId = await deposit(t.db, account.id, 500n);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => outcome(t.db, (tx) => reverseOperation(tx, { operationId, reversalId: newId('op') }))),
    );
    expect(tally(outcomes)).toEqual({ ok: 1, 'ledger-operation-already-reversed': 9 });
    expect((await accountBalance(t.db, account.id))?.balanceMinor).toBe(0n);
    await expectInvariants();
  });

  it('lets exactly one of racing posts and voids of the same hold win', async () => {
    const account = await openCustomerAccount(t.db);
    await deposit(t.db, account.id, 1_000n);
    const holdId = newId('hld');
    await t.db.transaction(async (tx) => held(await placeHold(tx, { holdId, accountId: account.id, currency: 'KZT', amountMinor: 700n })));
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        outcome(t.db, (tx) =>
          index % 2 === 0
            ? voidHold(tx, holdId)
            : postHold(tx, holdId, {
                operationId: newId('op'),
                kind: 'card.purchase',
                counterPostings: [{ accountId: settlementKzt, currency: 'KZT', amountMinor: 700n }],
              }),
        ),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: 1, 'hold-not-pending': 19 });
    const hold = await getHold(t.db, holdId);
    const balance = await accountBalance(t.db, account.id);
    expect(balance?.heldMinor).toBe(0n);
    expect(balance?.balanceMinor).toBe(hold?.status === 'posted' ? 300n : 1_000n);
    await expectInvariants();
  });

  it('places holds in parallel without overcommitting the available balance', async () => {
    const account = await openCustomerAccount(t.db);
    await deposit(t.db, account.id, 1_000n);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () =>
        outcome(t.db, (tx) => placeHold(tx, { holdId: newId('hld'), accountId: account.id, currency: 'KZT', amountMinor: 100n })),
      ),
    );
    expect(tally(outcomes)).toEqual({ ok: 10, 'insufficient-funds': 20 });
    expect((await accountBalance(t.db, account.id))?.availableMinor).toBe(0n);
    await expectInvariants();
  });
});
