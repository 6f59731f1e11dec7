import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, type LoggedIn, lastCodeSms, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';
import { lowValueCounters } from '../risk/index.js';

// RTS art. 16 with the default caps: up to 15 000,00 ₸ a transfer (fee included), at most 5
// exempted transfers and 50 000,00 ₸ in all since the last confirmed code.
const PER_OPERATION_MAX_MINOR = 1_500_000;
const OPERATIONS_MAX = 5;
const TOTAL_MAX_MINOR = 5_000_000;
const OTHER_BANK_FEE_MINOR = 15_000;

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

interface AccountItem {
  id: string;
  kind: string;
  currency: string;
  balanceMinor: number;
}

async function accounts(app: TestApp, who: LoggedIn): Promise<AccountItem[]> {
  return (await app.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
}

async function fund(app: TestApp, accountId: string, amountMinor: bigint): Promise<void> {
  const account = await getAccount(app.db, accountId);
  if (!account) throw new Error('no account');
  await app.db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'test'));
}

/** A banking customer with a KZT current account holding `amountMinor`. */
async function sender(amountMinor: bigint, app: TestApp = t): Promise<{ who: LoggedIn; accountId: string }> {
  const who = await registerCustomer(app.app, { agreement: 'banking' });
  const [account] = await accounts(app, who);
  if (!account) throw new Error('no account');
  if (amountMinor > 0n) await fund(app, account.id, amountMinor);
  return { who, accountId: account.id };
}

function transfer(who: LoggedIn, payload: Record<string, unknown>, app: TestApp = t) {
  return app.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': randomUUID(), 'accept-language': 'en' },
    payload,
  });
}

async function byPhone(from: { who: LoggedIn; accountId: string }, payee: LoggedIn, amountMinor: number, app: TestApp = t) {
  const response = await transfer(
    from.who,
    { kind: 'phone', sourceAccountId: from.accountId, payeePhone: payee.phone, amountMinor, currency: 'KZT' },
    app,
  );
  expect(response.statusCode).toBe(201);
  return response.json();
}

function toOtherBank(from: { who: LoggedIn; accountId: string }, amountMinor: number) {
  return transfer(from.who, {
    kind: 'iban',
    sourceAccountId: from.accountId,
    payeeIban: 'KZ86125KZT5004100100',
    payeeName: 'ТОО Ромашка',
    payeeTaxId: '123456789012',
    purposeCode: '119',
    amountMinor,
    currency: 'KZT',
  });
}

async function confirm(who: LoggedIn, transferId: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/transfers/${transferId}/confirm`,
    headers: web(who),
    payload: { code: codeIn(await lastCodeSms(t.app, who.phone)) },
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function transferCodesIssued(customerId: string, app: TestApp = t): Promise<number> {
  const { rows } = await app.db.query<{ count: bigint }>(
    "SELECT count(*) AS count FROM sca_challenges WHERE customer_id = $1 AND purpose = 'transfer'",
    [customerId],
  );
  return Number(rows[0]?.count);
}

describe('low-value exemption from the SMS code (RTS art. 16)', () => {
  it('lets five low-value transfers go without a code, says why, and asks for a code on the sixth', async () => {
    const from = await sender(10_000_000n);
    const payee = await registerCustomer(t.app, { agreement: 'banking' });
    for (let index = 0; index < OPERATIONS_MAX; index += 1) {
      const done = await byPhone(from, payee, 100_000);
      expect(done).toMatchObject({ status: 'completed', scaExemption: 'low-value', confirmation: null });
    }
    expect(await transferCodesIssued(from.who.customerId)).toBe(0);
    const sixth = await byPhone(from, payee, 100_000);
    expect(sixth).toMatchObject({ status: 'awaiting_confirmation', scaExemption: null });
    expect(sixth.confirmation).not.toBeNull();
    expect(await lastCodeSms(t.app, from.who.phone)).toMatch(/1\s000,00\s₸/);
    expect(await lowValueCounters(t.db, from.who.customerId)).toMatchObject({ operationsCount: 5, totalMinor: 500_000n });
    // The sender's history and details say why no code was asked; the payee is not told.
    const history = (await t.app.inject({ url: '/api/v1/operations?limit=10', headers: web(from.who) })).json().items;
    expect(history.filter((item: { scaExemption: string | null }) => item.scaExemption === 'low-value')).toHaveLength(5);
    const theirs = (await t.app.inject({ url: '/api/v1/operations?limit=10', headers: web(payee) })).json().items;
    expect(theirs).toHaveLength(5);
    expect(theirs.every((item: { scaExemption: string | null }) => item.scaExemption === null)).toBe(true);
    const { rows } = await t.db.query<{ sca_exemption: string | null }>(
      'SELECT sca_exemption FROM operations WHERE customer_id = $1 ORDER BY created_at, id',
      [from.who.customerId],
    );
    expect(rows.map((row) => row.sca_exemption).sort()).toEqual([...Array(5).fill('low-value'), null]);
  });

  it('asks for a code when the amount with its fee is over the per-operation cap', async () => {
    const from = await sender(10_000_000n);
    const payee = await registerCustomer(t.app, { agreement: 'banking' });
    expect(await byPhone(from, payee, PER_OPERATION_MAX_MINOR + 1)).toMatchObject({ status: 'awaiting_confirmation', scaExemption: null });
    expect(await byPhone(from, payee, PER_OPERATION_MAX_MINOR)).toMatchObject({ status: 'completed', scaExemption: 'low-value' });
    // To another bank the fee counts: the amount alone fits, with the fee it does not.
    const overWithFee = (await toOtherBank(from, PER_OPERATION_MAX_MINOR - OTHER_BANK_FEE_MINOR + 1)).json();
    expect(overWithFee).toMatchObject({ status: 'awaiting_confirmation', feeMinor: OTHER_BANK_FEE_MINOR, scaExemption: null });
    const fitsWithFee = (await toOtherBank(from, PER_OPERATION_MAX_MINOR - OTHER_BANK_FEE_MINOR)).json();
    expect(fitsWithFee).toMatchObject({ status: 'sent', scaExemption: 'low-value' });
    expect(await lowValueCounters(t.db, from.who.customerId)).toMatchObject({ operationsCount: 2, totalMinor: 3_000_000n });
  });

  it('asks for a code once the exempted transfers would add up to more than the cumulative cap', async () => {
    const from = await sender(10_000_000n);
    const payee = await registerCustomer(t.app, { agreement: 'banking' });
    for (let index = 0; index < 3; index += 1) {
      expect(await byPhone(from, payee, PER_OPERATION_MAX_MINOR)).toMatchObject({ status: 'completed', scaExemption: 'low-value' });
    }
    // 45 000,00 ₸ so far: 6 000,00 ₸ more would make 51 000,00 ₸, 5 000,00 ₸ makes exactly 50 000,00 ₸.
    expect(await byPhone(from, payee, 600_000)).toMatchObject({ status: 'awaiting_confirmation' });
    expect(await byPhone(from, payee, 500_000)).toMatchObject({ status: 'completed', scaExemption: 'low-value' });
    expect(await lowValueCounters(t.db, from.who.customerId)).toMatchObject({ operationsCount: 4, totalMinor: BigInt(TOTAL_MAX_MINOR) });
    expect(await byPhone(from, payee, 1)).toMatchObject({ status: 'awaiting_confirmation' });
  });

  it('starts again from zero after a transfer code or a trusted payee code is confirmed', async () => {
    const from = await sender(10_000_000n);
    const payee = await registerCustomer(t.app, { agreement: 'banking' });
    for (let index = 0; index < OPERATIONS_MAX; index += 1) await byPhone(from, payee, 10_000);
    const sixth = await byPhone(from, payee, 10_000);
    expect(sixth.status).toBe('awaiting_confirmation');
    expect(await confirm(from.who, sixth.id)).toMatchObject({ status: 'completed', scaExemption: null });
    const afterCode = await lowValueCounters(t.db, from.who.customerId);
    expect(afterCode).toMatchObject({ operationsCount: 0, totalMinor: 0n });
    expect(afterCode.lastScaAt).toEqual(t.clock.now());
    expect(await byPhone(from, payee, 10_000)).toMatchObject({ status: 'completed', scaExemption: 'low-value' });

    // Use the allowance up again, then trust another payee with a code: that resets it too.
    for (let index = 1; index < OPERATIONS_MAX; index += 1) await byPhone(from, payee, 10_000);
    expect(await byPhone(from, payee, 10_000)).toMatchObject({ status: 'awaiting_confirmation' });
    const trusted = await registerCustomer(t.app, { agreement: 'banking' });
    const added = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/trusted-payees',
        headers: web(from.who),
        payload: { kind: 'phone', phone: trusted.phone, label: 'Брат' },
      })
    ).json();
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/trusted-payees/${added.id}/confirm`,
      headers: web(from.who),
      payload: { code: codeIn(await lastCodeSms(t.app, from.who.phone)) },
    });
    expect(confirmed.json().status).toBe('active');
    expect(await lowValueCounters(t.db, from.who.customerId)).toMatchObject({ operationsCount: 0, totalMinor: 0n });
    // A trusted payee is its own exemption (RTS art. 13) and leaves the low-value allowance alone.
    expect(await byPhone(from, trusted, 10_000)).toMatchObject({ status: 'completed', scaExemption: 'trusted-payee' });
    expect(await lowValueCounters(t.db, from.who.customerId)).toMatchObject({ operationsCount: 0 });
    expect(await byPhone(from, payee, 10_000)).toMatchObject({ status: 'completed', scaExemption: 'low-value' });
  });

  it('does not exempt a transfer in another currency than tenge', async () => {
    const from = await sender(0n);
    const payee = await registerCustomer(t.app, { agreement: 'banking' });
    for (const who of [from.who, payee]) {
      const opened = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: web(who), payload: { currency: 'USD' } });
      expect(opened.statusCode).toBe(201);
    }
    const usd = (await accounts(t, from.who)).find((account) => account.currency === 'USD');
    if (!usd) throw new Error('no USD account');
    await fund(t, usd.id, 100_000n);
    const response = await transfer(from.who, {
      kind: 'phone',
      sourceAccountId: usd.id,
      payeePhone: payee.phone,
      amountMinor: 100,
      currency: 'USD',
    });
    expect(response.json()).toMatchObject({ status: 'awaiting_confirmation', currency: 'USD', scaExemption: null });
    expect(await lowValueCounters(t.db, from.who.customerId)).toMatchObject({ operationsCount: 0 });
  });

  it('does not count a declined low-value transfer, nor one refused before any decision', async () => {
    const from = await sender(50_000n);
    const payee = await registerCustomer(t.app, { agreement: 'banking' });
    // More than the balance: no code is asked, the bank declines, and the allowance is untouched.
    for (let index = 0; index < OPERATIONS_MAX + 1; index += 1) {
      expect(await byPhone(from, payee, 100_000)).toMatchObject({
        status: 'declined',
        declineReason: 'insufficient-funds',
        scaExemption: 'low-value',
      });
    }
    const nobody = (
      await transfer(from.who, {
        kind: 'phone',
        sourceAccountId: from.accountId,
        payeePhone: '+77779998877',
        amountMinor: 100,
        currency: 'KZT',
      })
    ).json();
    expect(nobody).toMatchObject({ status: 'declined', declineReason: 'recipient-not-found', scaExemption: null });
    expect(await lowValueCounters(t.db, from.who.customerId)).toMatchObject({ operationsCount: 0, totalMinor: 0n });
    expect(await transferCodesIssued(from.who.customerId)).toBe(0);
    expect(await byPhone(from, payee, 50_000)).toMatchObject({ status: 'completed', scaExemption: 'low-value' });
    expect(await lowValueCounters(t.db, from.who.customerId)).toMatchObject({ operationsCount: 1, totalMinor: 50_000n });
  });

  it('exempts exactly 5 of 10 parallel low-value transfers; the other 5 wait for a code', async () => {
    const from = await sender(10_000_000n);
    const payee = await registerCustomer(t.app, { agreement: 'banking' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        transfer(from.who, {
          kind: 'phone',
          sourceAccountId: from.accountId,
          payeePhone: payee.phone,
          amountMinor: 100_000,
          currency: 'KZT',
        }),
      ),
    );
    const bodies = answers.map((answer) => answer.json());
    expect(answers.every((answer) => answer.statusCode === 201)).toBe(true);
    const exempt = bodies.filter((body) => body.status === 'completed');
    const waiting = bodies.filter((body) => body.status === 'awaiting_confirmation');
    expect(exempt, JSON.stringify(bodies)).toHaveLength(5);
    expect(exempt.every((body) => body.scaExemption === 'low-value')).toBe(true);
    expect(waiting).toHaveLength(5);
    expect(waiting.every((body) => body.confirmation !== null && body.scaExemption === null)).toBe(true);
    expect(await transferCodesIssued(from.who.customerId)).toBe(5);
    expect(await lowValueCounters(t.db, from.who.customerId)).toMatchObject({ operationsCount: 5, totalMinor: 500_000n });
    expect((await accounts(t, from.who))[0]?.balanceMinor).toBe(10_000_000 - 5 * 100_000);
    expect((await accounts(t, payee))[0]?.balanceMinor).toBe(5 * 100_000);
  });

  it('publishes the per-operation cap to logged-in customers, for the review step to name its button', async () => {
    const { who } = await sender(0n);
    const published = await t.app.inject({ url: '/api/v1/transfers/sca-exemptions', headers: web(who) });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toEqual({ lowValue: { currency: 'KZT', perOperationMaxMinor: PER_OPERATION_MAX_MINOR } });
    expect((await t.app.inject({ url: '/api/v1/transfers/sca-exemptions' })).statusCode).toBe(401);
  });

  it('is off with SCA_LOW_VALUE_MAX_MINOR=0: every transfer to another person asks for a code', async () => {
    const off = await createTestApp({ env: { SCA_LOW_VALUE_MAX_MINOR: '0' } });
    try {
      const from = await sender(10_000_000n, off);
      expect((await off.app.inject({ url: '/api/v1/transfers/sca-exemptions', headers: web(from.who) })).json()).toEqual({
        lowValue: null,
      });
      const payee = await registerCustomer(off.app, { agreement: 'banking' });
      expect(await byPhone(from, payee, 1, off)).toMatchObject({ status: 'awaiting_confirmation', scaExemption: null });
      expect(await transferCodesIssued(from.who.customerId, off)).toBe(1);
      expect(await lowValueCounters(off.db, from.who.customerId)).toMatchObject({ operationsCount: 0 });
      expect((await checkLedgerInvariants(off.db)).violations).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
