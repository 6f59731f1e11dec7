import { isValidIBAN } from 'ibantools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { ProblemError, problemDefinition } from '../../shared/problem.js';
import {
  ACCOUNT_STATUS_TRANSITIONS,
  accountBalance,
  CURRENCY_CODES,
  changeAccountStatus,
  checkLedgerInvariants,
  ensureSystemAccounts,
  getAccount,
  getAccountByIban,
  getHold,
  getOperation,
  getSystemAccount,
  isLedgerProblem,
  LEDGER_DECLINES,
  LedgerProblem,
  LedgerProblemError,
  ledgerDeclineProblem,
  listAccountsByOwner,
  listPostings,
  openAccount,
  placeHold,
  postHold,
  postOperation,
  postOperations,
  reverseOperation,
  SYSTEM_ACCOUNT_KINDS,
  systemAccountId,
  voidHold,
} from './index.js';
import { countRows, deposit, held, openCustomerAccount, outcome, posted, transferInput } from './ledger.fixtures.js';

let t: TestDatabase;
const settlementKzt = systemAccountId('bank_settlement', 'KZT');
const feesKzt = systemAccountId('bank_fees', 'KZT');

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function balanceOf(accountId: string): Promise<{ balance: bigint; held: bigint; available: bigint }> {
  const balance = await accountBalance(t.db, accountId);
  if (!balance) throw new Error(`no account ${accountId}`);
  return { balance: balance.balanceMinor, held: balance.heldMinor, available: balance.availableMinor };
}

async function expectInvariants(): Promise<void> {
  expect(await checkLedgerInvariants(t.db)).toEqual({ ok: true, violations: [] });
}

class Rollback extends Error {}

/** Runs `corrupt` and the checker in one transaction, then rolls it back: the database stays clean. */
async function violationsAfter(corrupt: (tx: Tx) => Promise<unknown>): Promise<string[]> {
  let violations: string[] = [];
  await expect(
    t.db.transaction(async (tx) => {
      await corrupt(tx);
      violations = (await checkLedgerInvariants(tx)).violations;
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
  return violations;
}

describe('problems', () => {
  it('defines every ledger failure with a status and a title in ru, kk and en', () => {
    for (const code of Object.keys(LedgerProblem)) {
      const definition = problemDefinition(code);
      expect(definition.status).toBeGreaterThanOrEqual(400);
      expect(definition.title.ru && definition.title.kk && definition.title.en).toBeTruthy();
    }
  });

  it('maps each decline to the ledger problem of the same code, for the routes that answer one', () => {
    for (const decline of LEDGER_DECLINES) {
      const problem = ledgerDeclineProblem(decline, 'acc_x');
      expect(problem).toBeInstanceOf(LedgerProblemError);
      expect(problem).toMatchObject({ code: decline, subjectId: 'acc_x' });
      expect([409, 422]).toContain(problemDefinition(problem.code).status);
    }
  });
});

describe('accounts', () => {
  it('opens a current account with a valid KZ IBAN and zero balances', async () => {
    const account = await openCustomerAccount(t.db);
    expect(account.id).toMatch(/^acc_/);
    expect(account.status).toBe('active');
    expect(account.iban).toMatch(/^KZ\d{2}722\d{13}$/);
    expect(isValidIBAN(account.iban ?? '')).toBe(true);
    expect(await balanceOf(account.id)).toEqual({ balance: 0n, held: 0n, available: 0n });
  });

  it('opens an e-wallet without an IBAN unless asked, and uses the given bank code', async () => {
    const wallet = await openCustomerAccount(t.db, { kind: 'ewallet' });
    expect(wallet.iban).toBeNull();
    const withIban = await openAccount(t.db, {
      ownerId: newId('cus'),
      kind: 'ewallet',
      currency: 'KZT',
      displayName: 'Wallet',
      assignIban: true,
      bankCode: '005',
    });
    expect(withIban.iban).toMatch(/^KZ\d{2}005\d{13}$/);
  });

  it("lists an owner's accounts oldest first and finds one by IBAN", async () => {
    const ownerId = newId('cus');
    const first = await openCustomerAccount(t.db, { ownerId });
    const second = await openCustomerAccount(t.db, { ownerId, currency: 'USD' });
    await openCustomerAccount(t.db);
    expect((await listAccountsByOwner(t.db, ownerId)).map((account) => account.id)).toEqual([first.id, second.id]);
    expect((await getAccountByIban(t.db, second.iban ?? ''))?.id).toBe(second.id);
    expect(await getAccount(t.db, 'acc_missing')).toBeNull();
  });

  it('has one system account per kind and currency, and ensuring them again adds none', async () => {
    expect(await ensureSystemAccounts(t.db)).toBe(0);
    for (const kind of SYSTEM_ACCOUNT_KINDS) {
      for (const currency of CURRENCY_CODES) {
        const account = await getSystemAccount(t.db, kind, currency);
        expect(account).toMatchObject({ id: systemAccountId(kind, currency), ownerId: null, kind, currency, status: 'active' });
      }
    }
  });

  it('refuses programmer errors when opening an account', async () => {
    const base = { ownerId: newId('cus'), kind: 'customer_current' as const, currency: 'KZT' as const, displayName: 'x' };
    await expect(openAccount(t.db, { ...base, currency: 'GBP' as never })).rejects.toThrow(/unsupported currency/);
    await expect(openAccount(t.db, { ...base, kind: 'bank_fees' as never })).rejects.toThrow(/customer accounts only/);
    await expect(openAccount(t.db, { ...base, overdraftLimitMinor: -1n })).rejects.toThrow(/overdraft/);
    await expect(openAccount(t.db, { ...base, displayName: '  ' })).rejects.toThrow(/display name/);
  });

  it('follows the status transitions and refuses the others', async () => {
    expect(ACCOUNT_STATUS_TRANSITIONS.closed).toEqual([]);
    const account = await openCustomerAccount(t.db);
    const change = (status: 'active' | 'frozen' | 'closed') => outcome(t.db, (tx) => changeAccountStatus(tx, account.id, status));
    expect(await change('frozen')).toBe('ok');
    expect((await getAccount(t.db, account.id))?.status).toBe('frozen');
    expect(await change('active')).toBe('ok');
    await deposit(t.db, account.id, 100n);
    expect(await change('closed')).toBe('account-not-empty');
    await t.db.transaction(async (tx) => posted(await postOperation(tx, transferInput(account.id, settlementKzt, 100n))));
    expect(await change('closed')).toBe('ok');
    expect(await change('active')).toBe('account-status-change-refused');
    expect(await change('frozen')).toBe('account-status-change-refused');
    expect(await outcome(t.db, (tx) => changeAccountStatus(tx, 'acc_missing', 'frozen'))).toBe('account-not-found');
  });

  it('refuses to close an account with a pending hold', async () => {
    const account = await openCustomerAccount(t.db);
    await deposit(t.db, account.id, 100n);
    await t.db.transaction(async (tx) =>
      held(await placeHold(tx, { holdId: newId('hld'), accountId: account.id, currency: 'KZT', amountMinor: 100n })),
    );
    expect(await balanceOf(account.id)).toEqual({ balance: 100n, held: 100n, available: 0n });
    expect(await outcome(t.db, (tx) => changeAccountStatus(tx, account.id, 'closed'))).toBe('account-not-empty');
  });
});

describe('postOperation', () => {
  it('moves money between accounts and records the running balance of each posting', async () => {
    const payer = await openCustomerAccount(t.db);
    const payee = await openCustomerAccount(t.db);
    await deposit(t.db, payer.id, 100_000n);
    const operation = await t.db.transaction(async (tx) => posted(await postOperation(tx, transferInput(payer.id, payee.id, 30_000n))));
    expect(operation.postings).toEqual([
      { accountId: payer.id, currency: 'KZT', amountMinor: -30_000n, balanceAfterMinor: 70_000n },
      { accountId: payee.id, currency: 'KZT', amountMinor: 30_000n, balanceAfterMinor: 30_000n },
    ]);
    expect(await balanceOf(payer.id)).toEqual({ balance: 70_000n, held: 0n, available: 70_000n });
    expect(await balanceOf(payee.id)).toEqual({ balance: 30_000n, held: 0n, available: 30_000n });
    const stored = await getOperation(t.db, operation.id);
    expect(stored).toMatchObject({ id: operation.id, kind: 'transfer.p2p', reversesOperationId: null, reversedByOperationId: null });
    expect(stored?.postings).toEqual(operation.postings);
    await expectInvariants();
  });

  it('lets bank accounts go negative: the settlement account carries money that came in', async () => {
    const before = (await accountBalance(t.db, settlementKzt))?.balanceMinor ?? 0n;
    const account = await openCustomerAccount(t.db);
    await deposit(t.db, account.id, 5_000n);
    expect((await accountBalance(t.db, settlementKzt))?.balanceMinor).toBe(before - 5_000n);
  });

  it('returns a debit beyond the available balance as a decline, not a throw, and writes nothing though the caller commits', async () => {
    const payer = await openCustomerAccount(t.db);
    const payee = await openCustomerAccount(t.db);
    await deposit(t.db, payer.id, 1_000n);
    const operationsBefore = await countRows(t.db, 'ledger_operations');
    const postingsBefore = await countRows(t.db, 'ledger_postings');
    const input = transferInput(payer.id, payee.id, 1_001n);
    // The caller records the decline and commits its own work: the ledger must have left nothing.
    const result = await t.db.transaction((tx) => postOperation(tx, input));
    expect(result).toEqual({ ok: false, decline: 'insufficient-funds', accountId: payer.id });
    expect(await countRows(t.db, 'ledger_operations')).toBe(operationsBefore);
    expect(await countRows(t.db, 'ledger_postings')).toBe(postingsBefore);
    expect(await getOperation(t.db, input.operationId)).toBeNull();
    expect(await balanceOf(payer.id)).toEqual({ balance: 1_000n, held: 0n, available: 1_000n });
    expect(await outcome(t.db, (tx) => postOperation(tx, transferInput(payer.id, payee.id, 1_000n)))).toBe('ok');
    await expectInvariants();
  });

  it('lets a customer use the overdraft down to its limit and not one minor unit further', async () => {
    const payer = await openCustomerAccount(t.db, { overdraftLimitMinor: 500n });
    const payee = await openCustomerAccount(t.db);
    await deposit(t.db, payer.id, 100n);
    expect(await outcome(t.db, (tx) => postOperation(tx, transferInput(payer.id, payee.id, 601n)))).toBe('insufficient-funds');
    expect(await outcome(t.db, (tx) => postOperation(tx, transferInput(payer.id, payee.id, 600n)))).toBe('ok');
    expect(await balanceOf(payer.id)).toEqual({ balance: -500n, held: 0n, available: -500n });
    expect((await accountBalance(t.db, payer.id))?.spendableMinor).toBe(0n);
    expect(await outcome(t.db, (tx) => postOperation(tx, transferInput(payer.id, payee.id, 1n)))).toBe('insufficient-funds');
    // Credits are always welcome.
    expect(await outcome(t.db, (tx) => postOperation(tx, transferInput(payee.id, payer.id, 1n)))).toBe('ok');
    await expectInvariants();
  });

  it('refuses a posting whose currency differs from its account currency', async () => {
    const kzt = await openCustomerAccount(t.db);
    const usd = await openCustomerAccount(t.db, { currency: 'USD' });
    await deposit(t.db, kzt.id, 1_000n);
    expect(await t.db.transaction((tx) => postOperation(tx, transferInput(kzt.id, usd.id, 100n)))).toEqual({
      ok: false,
      decline: 'currency-mismatch',
      accountId: usd.id,
    });
    expect(await balanceOf(kzt.id)).toMatchObject({ balance: 1_000n });
  });

  it('posts a currency exchange in which each currency balances on its own', async () => {
    const kzt = await openCustomerAccount(t.db);
    const usd = await openCustomerAccount(t.db, { currency: 'USD' });
    await deposit(t.db, kzt.id, 50_000n);
    const exchange = await t.db.transaction(async (tx) =>
      postOperation(tx, {
        operationId: newId('op'),
        kind: 'exchange',
        postings: [
          { accountId: kzt.id, currency: 'KZT', amountMinor: -50_000n },
          { accountId: systemAccountId('bank_clearing', 'KZT'), currency: 'KZT', amountMinor: 50_000n },
          { accountId: systemAccountId('bank_clearing', 'USD'), currency: 'USD', amountMinor: -100n },
          { accountId: usd.id, currency: 'USD', amountMinor: 100n },
        ],
      }),
    );
    expect(posted(exchange).postings).toHaveLength(4);
    expect((await balanceOf(usd.id)).balance).toBe(100n);
    await expectInvariants();
  });

  it('refuses an unknown account', async () => {
    const payer = await openCustomerAccount(t.db);
    await deposit(t.db, payer.id, 100n);
    const error = await t.db
      .transaction((tx) => postOperation(tx, transferInput(payer.id, 'acc_nobody', 1n)))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LedgerProblemError);
    expect(error).toMatchObject({ code: 'account-not-found', subjectId: 'acc_nobody' });
    expect(await balanceOf(payer.id)).toMatchObject({ balance: 100n });
  });

  it('lets a frozen account receive money but not pay', async () => {
    const frozen = await openCustomerAccount(t.db);
    const other = await openCustomerAccount(t.db);
    await deposit(t.db, frozen.id, 1_000n);
    await deposit(t.db, other.id, 1_000n);
    await t.db.transaction((tx) => changeAccountStatus(tx, frozen.id, 'frozen'));
    expect(await outcome(t.db, (tx) => postOperation(tx, transferInput(frozen.id, other.id, 1n)))).toBe('account-frozen');
    expect(await outcome(t.db, (tx) => postOperation(tx, transferInput(other.id, frozen.id, 1n)))).toBe('ok');
    expect((await balanceOf(frozen.id)).balance).toBe(1_001n);
  });

  it('lets a closed account neither pay nor receive', async () => {
    const closed = await openCustomerAccount(t.db);
    const other = await openCustomerAccount(t.db);
    await deposit(t.db, other.id, 1_000n);
    await t.db.transaction((tx) => changeAccountStatus(tx, closed.id, 'closed'));
    expect(await outcome(t.db, (tx) => postOperation(tx, transferInput(other.id, closed.id, 1n)))).toBe('account-closed');
    expect(await outcome(t.db, (tx) => postOperation(tx, transferInput(closed.id, other.id, 1n)))).toBe('account-closed');
  });

  it('refuses a second operation with the same id', async () => {
    const account = await openCustomerAccount(t.db);
    const operationId = await deposit(t.db, account.id, 100n);
    const again = { ...transferInput(settlementKzt, account.id, 100n), operationId };
    expect(await outcome(t.db, (tx) => postOperation(tx, again))).toBe('ledger-operation-exists');
    expect((await balanceOf(account.id)).balance).toBe(100n);
  });

  it('treats malformed operations as programmer errors, not business failures', async () => {
    const account = await openCustomerAccount(t.db);
    const attempt = (postings: Array<{ accountId: string; currency: 'KZT'; amountMinor: bigint }>, extra: object = {}) =>
      t.db.transaction((tx) => postOperation(tx, { operationId: newId('op'), kind: 'test', postings, ...extra }));
    const debit = { accountId: settlementKzt, currency: 'KZT' as const, amountMinor: -5n };
    const credit = { accountId: account.id, currency: 'KZT' as const, amountMinor: 5n };
    await expect(attempt([debit, { ...credit, amountMinor: 4n }])).rejects.toThrow(/does not balance/);
    await expect(attempt([debit])).rejects.toThrow(/2-32 postings/);
    await expect(
      attempt([
        { ...debit, amountMinor: 0n },
        { ...credit, amountMinor: 0n },
      ]),
    ).rejects.toThrow(/never zero/);
    await expect(attempt([{ ...debit, amountMinor: -5 as unknown as bigint }, credit])).rejects.toThrow(/bigint/);
    await expect(attempt([debit, credit], { kind: 'Bad Kind' })).rejects.toThrow(/kind/);
    await expect(attempt([debit, credit], { operationId: "op'; DROP" })).rejects.toThrow(/operation id/);
    const error = await attempt([debit, { ...credit, amountMinor: 4n }]).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ProblemError);
    expect((await balanceOf(account.id)).balance).toBe(0n);
  });

  it('adds several postings to one account in order, each with its running balance', async () => {
    const account = await openCustomerAccount(t.db);
    await deposit(t.db, account.id, 1_000n);
    const withFee = await t.db.transaction((tx) =>
      postOperation(tx, {
        operationId: newId('op'),
        kind: 'transfer.p2p',
        description: 'with a fee',
        postings: [
          { accountId: account.id, currency: 'KZT', amountMinor: -500n },
          { accountId: account.id, currency: 'KZT', amountMinor: -50n },
          { accountId: settlementKzt, currency: 'KZT', amountMinor: 500n },
          { accountId: feesKzt, currency: 'KZT', amountMinor: 50n },
        ],
      }),
    );
    expect(
      posted(withFee)
        .postings.slice(0, 2)
        .map((posting) => posting.balanceAfterMinor),
    ).toEqual([500n, 450n]);
    expect((await balanceOf(account.id)).balance).toBe(450n);
    await expectInvariants();
  });

  it("rolls back with the caller's transaction when the caller fails after posting", async () => {
    const payer = await openCustomerAccount(t.db);
    const payee = await openCustomerAccount(t.db);
    await deposit(t.db, payer.id, 100n);
    await expect(
      t.db.transaction(async (tx) => {
        posted(await postOperation(tx, transferInput(payer.id, payee.id, 100n)));
        throw new Error('the SCA record could not be written');
      }),
    ).rejects.toThrow('SCA');
    expect((await balanceOf(payer.id)).balance).toBe(100n);
    expect((await balanceOf(payee.id)).balance).toBe(0n);
  });

  it('keeps history immutable: the database refuses to change or delete postings and operations', async () => {
    const account = await openCustomerAccount(t.db);
    const operationId = await deposit(t.db, account.id, 100n);
    await expect(t.db.query('UPDATE ledger_postings SET amount_minor = 1 WHERE operation_id = $1', [operationId])).rejects.toThrow(
      /immutable/,
    );
    await expect(t.db.query('DELETE FROM ledger_postings WHERE operation_id = $1', [operationId])).rejects.toThrow(/immutable/);
    await expect(t.db.query('DELETE FROM ledger_operations WHERE id = $1', [operationId])).rejects.toThrow(/immutable/);
  });
});

describe('postOperations', () => {
  it('posts a batch in order and returns the declines of the operations that fail, writing nothing for them', async () => {
    const payer = await openCustomerAccount(t.db);
    const payee = await openCustomerAccount(t.db);
    const frozen = await openCustomerAccount(t.db);
    await deposit(t.db, payer.id, 1_000n);
    await deposit(t.db, frozen.id, 1_000n);
    await t.db.transaction((tx) => changeAccountStatus(tx, frozen.id, 'frozen'));
    const first = transferInput(payer.id, payee.id, 600n);
    const second = transferInput(payer.id, payee.id, 600n);
    const third = transferInput(payer.id, payee.id, 400n);
    const back = transferInput(payee.id, payer.id, 1_000n);
    const fromFrozen = transferInput(frozen.id, payee.id, 1n);
    const results = await t.db.transaction((tx) => postOperations(tx, [first, second, third, back, fromFrozen]));
    expect(results.map((result) => (result.ok ? 'ok' : result.decline))).toEqual([
      'ok',
      'insufficient-funds',
      'ok',
      'ok',
      'account-frozen',
    ]);
    expect(results[1]).toEqual({ ok: false, decline: 'insufficient-funds', accountId: payer.id });
    expect(results[4]).toEqual({ ok: false, decline: 'account-frozen', accountId: frozen.id });
    expect(await balanceOf(payer.id)).toEqual({ balance: 1_000n, held: 0n, available: 1_000n });
    expect(await balanceOf(payee.id)).toEqual({ balance: 0n, held: 0n, available: 0n });
    expect(await balanceOf(frozen.id)).toEqual({ balance: 1_000n, held: 0n, available: 1_000n });
    expect(await getOperation(t.db, second.operationId)).toBeNull();
    expect(await getOperation(t.db, fromFrozen.operationId)).toBeNull();
    const page = await listPostings(t.db, payer.id);
    expect(page.items.map((item) => item.balanceAfterMinor)).toEqual([1_000n, 0n, 400n, 1_000n]);
    await expectInvariants();
  });

  it('throws for an operation id used twice or an unknown account in a batch, and writes nothing of the batch', async () => {
    const payer = await openCustomerAccount(t.db);
    const payee = await openCustomerAccount(t.db);
    await deposit(t.db, payer.id, 1_000n);
    const operationsBefore = await countRows(t.db, 'ledger_operations');
    const first = transferInput(payer.id, payee.id, 600n);
    const duplicate = { ...transferInput(payer.id, payee.id, 1n), operationId: first.operationId };
    const toNowhere = transferInput(payer.id, 'acc_nowhere', 1n);
    const failure = async (batch: ReturnType<typeof transferInput>[]) => {
      // The caller carries on and commits: the ledger must not have written the batch's good operations either.
      let caught: unknown;
      await t.db.transaction(async (tx) => {
        caught = await postOperations(tx, batch).catch((error: unknown) => error);
      });
      return caught;
    };
    expect(await failure([first, duplicate])).toMatchObject({ code: 'ledger-operation-exists', subjectId: first.operationId });
    expect(await failure([first, toNowhere])).toMatchObject({ code: 'account-not-found', subjectId: 'acc_nowhere' });
    expect(await failure([first, toNowhere])).toBeInstanceOf(LedgerProblemError);
    expect(await countRows(t.db, 'ledger_operations')).toBe(operationsBefore);
    expect(await balanceOf(payer.id)).toEqual({ balance: 1_000n, held: 0n, available: 1_000n });
    const existing = { ...transferInput(payer.id, payee.id, 1n), operationId: await deposit(t.db, payee.id, 1n) };
    expect(await outcome(t.db, (tx) => postOperations(tx, [first, existing]))).toBe('ledger-operation-exists');
    expect(await getOperation(t.db, first.operationId)).toBeNull();
    await expectInvariants();
  });

  it('bounds the batch size', async () => {
    await expect(t.db.transaction((tx) => postOperations(tx, []))).rejects.toThrow(/1-1000/);
  });
});

describe('balance ceilings', () => {
  /** A transfer into `toId` that must leave its balance at or below `balanceMaxMinor`. */
  function cappedTransfer(fromId: string, toId: string, amountMinor: bigint, balanceMaxMinor: bigint) {
    return { ...transferInput(fromId, toId, amountMinor), balanceCeilings: [{ accountId: toId, balanceMaxMinor }] };
  }

  it('credits an account up to its ceiling and not one minor unit beyond, writing nothing for the refused credit', async () => {
    const wallet = await openCustomerAccount(t.db, { kind: 'ewallet' });
    await deposit(t.db, wallet.id, 900n);
    const operationsBefore = await countRows(t.db, 'ledger_operations');
    const refused = await t.db.transaction((tx) => postOperation(tx, cappedTransfer(settlementKzt, wallet.id, 101n, 1_000n)));
    expect(refused).toEqual({ ok: false, decline: 'balance-cap-exceeded', accountId: wallet.id });
    expect(await countRows(t.db, 'ledger_operations')).toBe(operationsBefore);
    expect((await balanceOf(wallet.id)).balance).toBe(900n);
    expect(await outcome(t.db, (tx) => postOperation(tx, cappedTransfer(settlementKzt, wallet.id, 100n, 1_000n)))).toBe('ok');
    expect((await balanceOf(wallet.id)).balance).toBe(1_000n);
    expect(await outcome(t.db, (tx) => postOperation(tx, cappedTransfer(settlementKzt, wallet.id, 1n, 1_000n)))).toBe(
      'balance-cap-exceeded',
    );
    await expectInvariants();
  });

  it('lets money leave an account above a lowered ceiling, and counts only the net raise of the operation', async () => {
    const wallet = await openCustomerAccount(t.db, { kind: 'ewallet' });
    const other = await openCustomerAccount(t.db);
    await deposit(t.db, wallet.id, 5_000n);
    // The cap is now below the balance: a debit passes, a credit does not.
    expect(
      await outcome(t.db, (tx) =>
        postOperation(tx, {
          ...transferInput(wallet.id, other.id, 1_000n),
          balanceCeilings: [{ accountId: wallet.id, balanceMaxMinor: 1_000n }],
        }),
      ),
    ).toBe('ok');
    expect(await outcome(t.db, (tx) => postOperation(tx, cappedTransfer(settlementKzt, wallet.id, 1n, 1_000n)))).toBe(
      'balance-cap-exceeded',
    );
    // In and out of the wallet in one operation: the net change (+100) is what counts.
    const inAndOut = {
      operationId: newId('op'),
      kind: 'test',
      postings: [
        { accountId: settlementKzt, currency: 'KZT' as const, amountMinor: -600n },
        { accountId: wallet.id, currency: 'KZT' as const, amountMinor: 600n },
        { accountId: wallet.id, currency: 'KZT' as const, amountMinor: -500n },
        { accountId: other.id, currency: 'KZT' as const, amountMinor: 500n },
      ],
    };
    expect(
      await outcome(t.db, (tx) => postOperation(tx, { ...inAndOut, balanceCeilings: [{ accountId: wallet.id, balanceMaxMinor: 4_099n }] })),
    ).toBe('balance-cap-exceeded');
    expect(
      await outcome(t.db, (tx) => postOperation(tx, { ...inAndOut, balanceCeilings: [{ accountId: wallet.id, balanceMaxMinor: 4_100n }] })),
    ).toBe('ok');
    expect((await balanceOf(wallet.id)).balance).toBe(4_100n);
    await expectInvariants();
  });

  it('checks each operation of a batch against the balance the earlier ones leave', async () => {
    const wallet = await openCustomerAccount(t.db, { kind: 'ewallet' });
    const payers = await Promise.all([openCustomerAccount(t.db), openCustomerAccount(t.db), openCustomerAccount(t.db)]);
    for (const payer of payers) await deposit(t.db, payer.id, 1_000n);
    const [first, second, third] = payers.map((payer) => payer.id) as [string, string, string];
    const results = await t.db.transaction((tx) =>
      postOperations(tx, [
        cappedTransfer(first, wallet.id, 600n, 1_000n),
        cappedTransfer(second, wallet.id, 600n, 1_000n),
        cappedTransfer(third, wallet.id, 400n, 1_000n),
      ]),
    );
    expect(results.map((result) => (result.ok ? 'ok' : result.decline))).toEqual(['ok', 'balance-cap-exceeded', 'ok']);
    expect((await balanceOf(wallet.id)).balance).toBe(1_000n);
    expect((await balanceOf(second)).balance).toBe(1_000n);
    await expectInvariants();
  });

  it('treats a ceiling on an account the operation does not touch, or two on one account, as programmer errors', async () => {
    const wallet = await openCustomerAccount(t.db, { kind: 'ewallet' });
    const elsewhere = await openCustomerAccount(t.db);
    const attempt = (balanceCeilings: Array<{ accountId: string; balanceMaxMinor: bigint }>) =>
      t.db.transaction((tx) => postOperation(tx, { ...transferInput(settlementKzt, wallet.id, 1n), balanceCeilings }));
    await expect(attempt([{ accountId: elsewhere.id, balanceMaxMinor: 10n }])).rejects.toThrow(/does not post to/);
    await expect(
      attempt([
        { accountId: wallet.id, balanceMaxMinor: 10n },
        { accountId: wallet.id, balanceMaxMinor: 20n },
      ]),
    ).rejects.toThrow(/two balance ceilings/);
    await expect(attempt([{ accountId: wallet.id, balanceMaxMinor: -1n }])).rejects.toThrow(/out of range/);
    expect((await balanceOf(wallet.id)).balance).toBe(0n);
  });
});

describe('reverseOperation', () => {
  it('posts the negated postings as a new operation that names the original', async () => {
    const payer = await openCustomerAccount(t.db);
    const payee = await openCustomerAccount(t.db);
    await deposit(t.db, payer.id, 1_000n);
    const original = await t.db.transaction(async (tx) => posted(await postOperation(tx, transferInput(payer.id, payee.id, 300n))));
    const reversalId = newId('op');
    const reversal = await t.db.transaction(async (tx) => posted(await reverseOperation(tx, { operationId: original.id, reversalId })));
    expect(reversal).toMatchObject({ id: reversalId, kind: 'reversal', reversesOperationId: original.id });
    expect(reversal.postings.map((posting) => posting.amountMinor)).toEqual([300n, -300n]);
    expect(await balanceOf(payer.id)).toMatchObject({ balance: 1_000n });
    expect(await balanceOf(payee.id)).toMatchObject({ balance: 0n });
    expect((await getOperation(t.db, original.id))?.reversedByOperationId).toBe(reversalId);
    await expectInvariants();
  });

  it('refuses a second reversal, the reversal of a reversal, and an unknown operation', async () => {
    const account = await openCustomerAccount(t.db);
    const operationId = await deposit(t.db, account.id, 100n);
    const reversalId = newId('op');
    expect(await outcome(t.db, (tx) => reverseOperation(tx, { operationId, reversalId }))).toBe('ok');
    expect(await outcome(t.db, (tx) => reverseOperation(tx, { operationId, reversalId: newId('op') }))).toBe(
      'ledger-operation-already-reversed',
    );
    expect(await outcome(t.db, (tx) => reverseOperation(tx, { operationId: reversalId, reversalId: newId('op') }))).toBe(
      'ledger-operation-not-reversible',
    );
    expect(await outcome(t.db, (tx) => reverseOperation(tx, { operationId: 'op_none', reversalId: newId('op') }))).toBe(
      'ledger-operation-not-found',
    );
  });

  it('refuses to reverse a credit the customer has already spent', async () => {
    const account = await openCustomerAccount(t.db);
    const other = await openCustomerAccount(t.db);
    const operationId = await deposit(t.db, account.id, 100n);
    await t.db.transaction(async (tx) => posted(await postOperation(tx, transferInput(account.id, other.id, 60n))));
    const reversalId = newId('op');
    const result = await t.db.transaction((tx) => reverseOperation(tx, { operationId, reversalId }));
    expect(result).toEqual({ ok: false, decline: 'insufficient-funds', accountId: account.id });
    expect((await getOperation(t.db, operationId))?.reversedByOperationId).toBeNull();
    expect(await getOperation(t.db, reversalId)).toBeNull();
    expect(await balanceOf(account.id)).toMatchObject({ balance: 40n });
  });
});

describe('holds', () => {
  async function fundedAccount(amountMinor: bigint) {
    const account = await openCustomerAccount(t.db);
    await deposit(t.db, account.id, amountMinor);
    return account;
  }
  const place = (accountId: string, amountMinor: bigint, holdId = newId('hld')) =>
    t.db.transaction(async (tx) =>
      held(await placeHold(tx, { holdId, accountId, currency: 'KZT', amountMinor, description: 'card purchase' })),
    );

  it('reduces the available balance at once and the balance not at all', async () => {
    const account = await fundedAccount(1_000n);
    const hold = await place(account.id, 400n);
    expect(hold).toMatchObject({ accountId: account.id, amountMinor: 400n, status: 'pending', operationId: null });
    expect(await balanceOf(account.id)).toEqual({ balance: 1_000n, held: 400n, available: 600n });
    const other = await openCustomerAccount(t.db);
    expect(await outcome(t.db, (tx) => postOperation(tx, transferInput(account.id, other.id, 601n)))).toBe('insufficient-funds');
    expect(
      await outcome(t.db, (tx) => placeHold(tx, { holdId: newId('hld'), accountId: account.id, currency: 'KZT', amountMinor: 601n })),
    ).toBe('insufficient-funds');
    await expectInvariants();
  });

  it('posts the whole hold: pending → posted, the debit and its counter posting in one operation', async () => {
    const account = await fundedAccount(1_000n);
    const hold = await place(account.id, 400n);
    const operationId = newId('op');
    const operation = await t.db.transaction(async (tx) =>
      posted(
        await postHold(tx, hold.id, {
          operationId,
          kind: 'card.purchase',
          counterPostings: [{ accountId: settlementKzt, currency: 'KZT', amountMinor: 400n }],
        }),
      ),
    );
    expect(operation.postings[0]).toEqual({ accountId: account.id, currency: 'KZT', amountMinor: -400n, balanceAfterMinor: 600n });
    expect(await balanceOf(account.id)).toEqual({ balance: 600n, held: 0n, available: 600n });
    expect(await getHold(t.db, hold.id)).toMatchObject({ status: 'posted', operationId, postedAmountMinor: 400n });
    expect((await getOperation(t.db, operationId))?.description).toBe('card purchase');
    await expectInvariants();
  });

  it('posts less than held and releases the rest, but never more than held', async () => {
    const account = await fundedAccount(1_000n);
    const hold = await place(account.id, 400n);
    const post = (amountMinor: bigint) =>
      outcome(t.db, (tx) =>
        postHold(tx, hold.id, {
          operationId: newId('op'),
          kind: 'card.purchase',
          amountMinor,
          counterPostings: [{ accountId: settlementKzt, currency: 'KZT', amountMinor }],
        }),
      );
    expect(await post(401n)).toBe('hold-amount-exceeded');
    expect(await post(250n)).toBe('ok');
    expect(await balanceOf(account.id)).toEqual({ balance: 750n, held: 0n, available: 750n });
    await expectInvariants();
  });

  it('voids a hold: pending → voided, the money is available again', async () => {
    const account = await fundedAccount(1_000n);
    const hold = await place(account.id, 400n);
    const voided = await t.db.transaction((tx) => voidHold(tx, hold.id));
    expect(voided).toMatchObject({ status: 'voided', operationId: null });
    expect(voided.resolvedAt).toBeInstanceOf(Date);
    expect(await balanceOf(account.id)).toEqual({ balance: 1_000n, held: 0n, available: 1_000n });
    await expectInvariants();
  });

  it('refuses every transition out of posted and voided', async () => {
    const account = await fundedAccount(1_000n);
    const postedHold = await place(account.id, 100n);
    const voidedHold = await place(account.id, 100n);
    const post = (holdId: string) =>
      outcome(t.db, (tx) =>
        postHold(tx, holdId, {
          operationId: newId('op'),
          kind: 'card.purchase',
          counterPostings: [{ accountId: settlementKzt, currency: 'KZT', amountMinor: 100n }],
        }),
      );
    expect(await post(postedHold.id)).toBe('ok');
    expect(await outcome(t.db, (tx) => voidHold(tx, voidedHold.id))).toBe('ok');
    expect(await post(postedHold.id)).toBe('hold-not-pending');
    expect(await post(voidedHold.id)).toBe('hold-not-pending');
    expect(await outcome(t.db, (tx) => voidHold(tx, postedHold.id))).toBe('hold-not-pending');
    expect(await outcome(t.db, (tx) => voidHold(tx, voidedHold.id))).toBe('hold-not-pending');
    expect(await post('hld_none')).toBe('hold-not-found');
    expect(await outcome(t.db, (tx) => voidHold(tx, 'hld_none'))).toBe('hold-not-found');
    expect(await balanceOf(account.id)).toEqual({ balance: 900n, held: 0n, available: 900n });
    await expectInvariants();
  });

  it('refuses a second hold with the same id, a hold in another currency, and a hold on an unknown account', async () => {
    const account = await fundedAccount(1_000n);
    const hold = await place(account.id, 100n);
    expect(await outcome(t.db, (tx) => placeHold(tx, { holdId: hold.id, accountId: account.id, currency: 'KZT', amountMinor: 1n }))).toBe(
      'hold-exists',
    );
    expect(
      await outcome(t.db, (tx) => placeHold(tx, { holdId: newId('hld'), accountId: account.id, currency: 'USD', amountMinor: 1n })),
    ).toBe('currency-mismatch');
    expect(
      await outcome(t.db, (tx) => placeHold(tx, { holdId: newId('hld'), accountId: 'acc_none', currency: 'KZT', amountMinor: 1n })),
    ).toBe('account-not-found');
    expect(await balanceOf(account.id)).toEqual({ balance: 1_000n, held: 100n, available: 900n });
  });

  it('returns a hold the money does not cover as a decline, not a throw, and reserves nothing', async () => {
    const account = await fundedAccount(1_000n);
    const holdsBefore = await countRows(t.db, 'ledger_holds');
    const holdId = newId('hld');
    const result = await t.db.transaction((tx) => placeHold(tx, { holdId, accountId: account.id, currency: 'KZT', amountMinor: 1_001n }));
    expect(result).toEqual({ ok: false, decline: 'insufficient-funds', accountId: account.id });
    expect(await countRows(t.db, 'ledger_holds')).toBe(holdsBefore);
    expect(await getHold(t.db, holdId)).toBeNull();
    expect(await balanceOf(account.id)).toEqual({ balance: 1_000n, held: 0n, available: 1_000n });
    await expectInvariants();
  });

  it('returns a post of a hold on a frozen account as a decline and leaves the hold pending and reserved', async () => {
    const account = await fundedAccount(1_000n);
    const hold = await place(account.id, 100n);
    await t.db.transaction((tx) => changeAccountStatus(tx, account.id, 'frozen'));
    const operationId = newId('op');
    const result = await t.db.transaction((tx) =>
      postHold(tx, hold.id, {
        operationId,
        kind: 'card.purchase',
        counterPostings: [{ accountId: settlementKzt, currency: 'KZT', amountMinor: 100n }],
      }),
    );
    expect(result).toEqual({ ok: false, decline: 'account-frozen', accountId: account.id });
    expect(await getOperation(t.db, operationId)).toBeNull();
    expect(await getHold(t.db, hold.id)).toMatchObject({ status: 'pending', operationId: null });
    expect(await balanceOf(account.id)).toEqual({ balance: 1_000n, held: 100n, available: 900n });
    await expectInvariants();
  });

  it('on a frozen account refuses new holds and posting, but lets a hold be voided', async () => {
    const account = await fundedAccount(1_000n);
    const hold = await place(account.id, 100n);
    await t.db.transaction((tx) => changeAccountStatus(tx, account.id, 'frozen'));
    expect(
      await outcome(t.db, (tx) => placeHold(tx, { holdId: newId('hld'), accountId: account.id, currency: 'KZT', amountMinor: 1n })),
    ).toBe('account-frozen');
    expect(
      await outcome(t.db, (tx) =>
        postHold(tx, hold.id, {
          operationId: newId('op'),
          kind: 'card.purchase',
          counterPostings: [{ accountId: settlementKzt, currency: 'KZT', amountMinor: 100n }],
        }),
      ),
    ).toBe('account-frozen');
    expect(await getHold(t.db, hold.id)).toMatchObject({ status: 'pending' });
    expect(await outcome(t.db, (tx) => voidHold(tx, hold.id))).toBe('ok');
    await expectInvariants();
  });
});

describe('reads', () => {
  it('reports balance, held, available and spendable', async () => {
    const account = await openCustomerAccount(t.db, { overdraftLimitMinor: 200n });
    await deposit(t.db, account.id, 1_000n);
    await t.db.transaction(async (tx) =>
      held(await placeHold(tx, { holdId: newId('hld'), accountId: account.id, currency: 'KZT', amountMinor: 300n })),
    );
    expect(await accountBalance(t.db, account.id)).toEqual({
      accountId: account.id,
      currency: 'KZT',
      balanceMinor: 1_000n,
      heldMinor: 300n,
      availableMinor: 700n,
      spendableMinor: 900n,
    });
    expect(await accountBalance(t.db, 'acc_none')).toBeNull();
  });

  it('pages postings newest first with a cursor and a bounded limit', async () => {
    const account = await openCustomerAccount(t.db);
    for (let index = 1n; index <= 7n; index += 1n) await deposit(t.db, account.id, index);
    const first = await listPostings(t.db, account.id, { limit: 3 });
    expect(first.items.map((item) => item.amountMinor)).toEqual([7n, 6n, 5n]);
    expect(first.items[0]).toMatchObject({ operationKind: 'deposit', currency: 'KZT', balanceAfterMinor: 28n });
    const second = await listPostings(t.db, account.id, { limit: 3, cursor: first.nextCursor });
    expect(second.items.map((item) => item.amountMinor)).toEqual([4n, 3n, 2n]);
    const third = await listPostings(t.db, account.id, { limit: 3, cursor: second.nextCursor });
    expect(third.items.map((item) => item.amountMinor)).toEqual([1n]);
    expect(third.nextCursor).toBeNull();
    await expect(listPostings(t.db, account.id, { limit: 101 })).rejects.toThrow(/1-100/);
    await expect(listPostings(t.db, account.id, { cursor: 'abc' })).rejects.toThrow(/cursor/);
  });
});

describe('checkLedgerInvariants', () => {
  it('finds a balance that is not the sum of its postings', async () => {
    const account = await openCustomerAccount(t.db);
    await deposit(t.db, account.id, 100n);
    const violations = await violationsAfter((tx) =>
      tx.query('UPDATE ledger_accounts SET balance_minor = balance_minor + 1 WHERE id = $1', [account.id]),
    );
    expect(violations.some((violation) => violation.includes(`account ${account.id} balance 101 but its postings sum to 100`))).toBe(true);
    expect(violations.some((violation) => violation.startsWith('currency balances sum to zero: balances in KZT'))).toBe(true);
  });

  it('finds a half-posted operation and a currency that does not sum to zero', async () => {
    const account = await openCustomerAccount(t.db);
    const operationId = newId('op');
    const violations = await violationsAfter(async (tx) => {
      await tx.query("INSERT INTO ledger_operations (id, kind) VALUES ($1, 'broken')", [operationId]);
      await tx.query(
        "INSERT INTO ledger_postings (operation_id, account_id, currency, amount_minor, balance_after_minor) VALUES ($1, $2, 'KZT', 5, 5)",
        [operationId, account.id],
      );
      await tx.query('UPDATE ledger_accounts SET balance_minor = 5 WHERE id = $1', [account.id]);
    });
    expect(violations).toContain(`operations balance: operation ${operationId} does not balance in KZT: sum 5`);
    expect(violations.some((violation) => violation.startsWith('currency postings sum to zero'))).toBe(true);
  });

  it('finds held amounts that do not match pending holds, wrong running balances and overdrawn accounts', async () => {
    const account = await openCustomerAccount(t.db);
    await deposit(t.db, account.id, 100n);
    const violations = await violationsAfter(async (tx) => {
      await tx.query('UPDATE ledger_accounts SET held_minor = 7 WHERE id = $1', [account.id]);
      await tx.query('ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_within_overdraft');
      await tx.query('ALTER TABLE ledger_postings DISABLE TRIGGER ledger_postings_immutable');
      await tx.query('UPDATE ledger_postings SET balance_after_minor = 99 WHERE account_id = $1', [account.id]);
      await tx.query('UPDATE ledger_accounts SET held_minor = 107 WHERE id = $1', [account.id]);
    });
    expect(violations).toContain(`held is the sum of pending holds: account ${account.id} held 107 but its pending holds sum to 0`);
    expect(violations.some((violation) => violation.startsWith(`running balances: posting`) && violation.includes(account.id))).toBe(true);
    expect(violations).toContain(`customer accounts within overdraft: account ${account.id} available -7 is below its overdraft limit -0`);
    await expectInvariants();
  });

  it('reports a clean ledger as ok', async () => {
    await expectInvariants();
  });
});

describe('ledger problems', () => {
  it('are recognisable by code, the thrown ones and the declines a caller turns into one', async () => {
    const account = await openCustomerAccount(t.db);
    const result = await t.db.transaction((tx) => postOperation(tx, transferInput(account.id, settlementKzt, 1n)));
    if (result.ok) throw new Error('expected a decline');
    const declined = ledgerDeclineProblem(result.decline, result.accountId);
    expect(isLedgerProblem(declined)).toBe(true);
    expect(isLedgerProblem(declined, 'insufficient-funds')).toBe(true);
    expect(isLedgerProblem(declined, 'account-frozen')).toBe(false);
    expect(declined.subjectId).toBe(account.id);
    const thrown = await t.db
      .transaction((tx) => postOperation(tx, transferInput(account.id, 'acc_nobody', 1n)))
      .catch((caught: unknown) => caught);
    expect(isLedgerProblem(thrown, 'account-not-found')).toBe(true);
    expect(isLedgerProblem(new Error('x'))).toBe(false);
  });
});
