import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LoggedIn, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';

// Own transfers between current accounts go through the batcher: concurrent requests share one
// statement (one transaction), and each must still get exactly the outcome it would have had alone.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  const report = await checkLedgerInvariants(t.db);
  expect(report.violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

async function balance(accountId: string): Promise<bigint> {
  return (await getAccount(t.db, accountId))?.balanceMinor ?? -1n;
}

/** A banking customer with two KZT current accounts, the first funded with `amountMinor`. */
async function customerWithTwoAccounts(amountMinor: bigint): Promise<{ who: LoggedIn; source: string; destination: string }> {
  const who = await registerCustomer(t.app, { agreement: 'banking' });
  const opened = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: web(who), payload: { currency: 'KZT' } });
  expect(opened.statusCode).toBe(201);
  const items = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Array<{ id: string }>;
  const [source, destination] = items.map((item) => item.id) as [string, string];
  const account = await getAccount(t.db, source);
  if (!account) throw new Error('no account');
  if (amountMinor > 0n) await t.db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'test'));
  return { who, source, destination };
}

function transfer(who: LoggedIn, payload: Record<string, unknown>, key: string = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': key, 'accept-language': 'en' },
    payload: { kind: 'own', currency: 'KZT', ...payload },
  });
}

describe('own-transfer batcher', () => {
  it('lets exactly 10 of 50 parallel own transfers through from an account that can afford 10, declining the rest', async () => {
    const { who, source, destination } = await customerWithTwoAccounts(10_000n);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => transfer(who, { sourceAccountId: source, destinationAccountId: destination, amountMinor: 1_000 })),
    );
    expect(answers.every((answer) => answer.statusCode === 201)).toBe(true);
    const statuses = answers.map((answer) => answer.json().status);
    expect(statuses.filter((status) => status === 'completed')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'declined')).toHaveLength(40);
    expect(answers.find((answer) => answer.json().status === 'declined')?.json()).toMatchObject({
      declineReason: 'insufficient-funds',
      declineReasonText: 'Insufficient funds',
    });
    expect(await balance(source)).toBe(0n);
    expect(await balance(destination)).toBe(10_000n);
    const history = (await t.app.inject({ url: '/api/v1/operations?limit=100', headers: web(who) })).json().items as Array<{
      status: string;
    }>;
    expect(history.filter((item) => item.status === 'completed')).toHaveLength(10);
    expect(history.filter((item) => item.status === 'declined')).toHaveLength(40);
    // A decline is written with its notice in the outbox (the batch reruns in a transaction for that).
    const notices = await t.db.query<{ count: unknown }>(
      `SELECT count(*) AS count FROM outbox_messages
       WHERE channel = 'in_app' AND payload ->> 'customerId' = $1 AND payload ->> 'kind' = 'transfer.declined'`,
      [who.customerId],
    );
    expect(Number(notices.rows[0]?.count)).toBe(40);
  });

  it('moves a burst of own transfers in one statement per batch, outside any transaction, and commits every one', async () => {
    const { who, source, destination } = await customerWithTwoAccounts(1_000_000n);
    const statements: string[] = [];
    const query = vi.spyOn(t.db, 'query');
    const transaction = vi.spyOn(t.db, 'transaction');
    try {
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => transfer(who, { sourceAccountId: source, destinationAccountId: destination, amountMinor: 100 })),
      );
      expect(answers.map((answer) => answer.json().status)).toEqual(Array(30).fill('completed'));
      for (const [sql] of query.mock.calls) if (sql.includes('operations_immediate_batch')) statements.push(sql);
      // The batch went as a statement of its own on the database (PostgreSQL commits it as it
      // ends), never inside a transaction: no account lock waits on a round trip to the server.
      expect(statements.length).toBeGreaterThanOrEqual(1);
      expect(statements.length).toBeLessThan(30);
      expect(transaction).not.toHaveBeenCalled();
    } finally {
      query.mockRestore();
      transaction.mockRestore();
    }
    expect(await balance(source)).toBe(997_000n);
    expect(await balance(destination)).toBe(3_000n);
  });

  it('makes one operation of the same Idempotency-Key sent 20 times in parallel, and refuses it for another body', async () => {
    const { who, source, destination } = await customerWithTwoAccounts(100_000n);
    const key = randomUUID();
    const payload = { sourceAccountId: source, destinationAccountId: destination, amountMinor: 700 };
    const answers = await Promise.all(Array.from({ length: 20 }, () => transfer(who, payload, key)));
    expect(answers.every((answer) => answer.statusCode === 201)).toBe(true);
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
    expect(await balance(source)).toBe(99_300n);
    const other = await transfer(who, { ...payload, amountMinor: 701 }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().type).toContain('idempotency-key-reused');
    const again = await transfer(who, payload, key);
    expect(again.json().id).toBe(answers[0]?.json().id);
    expect(await balance(source)).toBe(99_300n);
  });

  it('keeps each customer’s outcome its own when many customers share a batch', async () => {
    const customers = await Promise.all(Array.from({ length: 6 }, (_, index) => customerWithTwoAccounts(index % 2 ? 5_000n : 0n)));
    const answers = await Promise.all(
      customers.flatMap(({ who, source, destination }) =>
        Array.from({ length: 3 }, () => transfer(who, { sourceAccountId: source, destinationAccountId: destination, amountMinor: 2_000 })),
      ),
    );
    for (const index of customers.keys()) {
      const mine = answers.slice(index * 3, index * 3 + 3).map((answer) => answer.json().status);
      expect(mine.filter((status) => status === 'completed')).toHaveLength(index % 2 ? 2 : 0);
    }
    for (const [index, { source, destination }] of customers.entries()) {
      expect(await balance(source)).toBe(index % 2 ? 1_000n : 0n);
      expect(await balance(destination)).toBe(index % 2 ? 4_000n : 0n);
    }
  });
});
