import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allSms, type LoggedIn, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { customerWithMoney } from '../blocks/blocks.fixtures.js';
import { lastCode } from '../cards/cards.fixtures.js';
import { checkLedgerInvariants, getAccount, systemAccountId } from '../ledger/index.js';
import { luhnValid } from './card-number.js';

/**
 * The card network refused the credit to another bank's card (the simulator answers 51 to an
 * amount ending in …51): the payer gets the amount back from the clearing account, where the
 * transfer put it, and the fee from the fee income, where the transfer posted it, in one balanced
 * ledger operation; and hears of it by SMS and in the app, in their language.
 */

const FEE_OTHER_BANK_MINOR = 20_000n;
const REFUSED_AMOUNT_MINOR = 100_051;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { SCA_LOW_VALUE_MAX_MINOR: '0' } });
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

function otherBankCard(): string {
  let body = '5100';
  while (body.length < 15) body += String(randomInt(10));
  for (let check = 0; check < 10; check += 1) if (luhnValid(`${body}${check}`)) return `${body}${check}`;
  throw new Error('unreachable');
}

async function balanceOf(accountId: string): Promise<bigint> {
  const account = await getAccount(t.db, accountId);
  if (!account) throw new Error(`no account ${accountId}`);
  return account.balanceMinor;
}

/** A transfer to another bank's card, confirmed with its code: the answer of the confirmation. */
async function sendToCard(who: LoggedIn, sourceAccountId: string, pan: string, amountMinor: number) {
  t.clock.advance(1_000);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': randomUUID() },
    payload: { kind: 'card-number', sourceAccountId, cardNumber: pan, amountMinor, currency: 'KZT' },
  });
  expect(created.json()).toMatchObject({ status: 'awaiting_confirmation', feeMinor: Number(FEE_OTHER_BANK_MINOR) });
  const code = await lastCode(t, who);
  const confirmed = await t.app.inject({
    method: 'POST',
    url: `/api/v1/transfers/${created.json().id}/confirm`,
    headers: web(who),
    payload: { code },
  });
  expect(confirmed.json()).toMatchObject({ status: 'sent' });
  return confirmed.json() as { id: string };
}

describe('a credit to another bank’s card the network refuses', () => {
  it('gives the amount back from clearing and the fee from the fee income, in one balanced operation', async () => {
    const payer = await customerWithMoney(t, 1_000_000n);
    const clearing = systemAccountId('bank_clearing', 'KZT');
    const fees = systemAccountId('bank_fees', 'KZT');
    const clearingBefore = await balanceOf(clearing);
    const feesBefore = await balanceOf(fees);

    const sent = await sendToCard(payer.who, payer.currentAccountId, otherBankCard(), REFUSED_AMOUNT_MINOR);

    expect(await balanceOf(payer.currentAccountId)).toBe(1_000_000n);
    expect(await balanceOf(clearing)).toBe(clearingBefore);
    expect(await balanceOf(fees)).toBe(feesBefore);
    const { rows } = await t.db.query<{ refund_operation_id: string; network_response_code: string }>(
      'SELECT refund_operation_id, network_response_code FROM card_transfer_details WHERE operation_id = $1',
      [sent.id],
    );
    expect(rows[0]?.network_response_code).toBe('51');
    const refund = (await t.app.inject({ url: `/api/v1/operations/${rows[0]?.refund_operation_id}`, headers: web(payer.who) })).json();
    expect(refund).toMatchObject({ kind: 'refund', status: 'completed', amountMinor: REFUSED_AMOUNT_MINOR + Number(FEE_OTHER_BANK_MINOR) });
    // One ledger operation: the customer +amount+fee, clearing −amount, fee income −fee.
    const { rows: legs } = await t.db.query<{ account_id: string; amount_minor: bigint }>(
      `SELECT p.account_id, p.amount_minor FROM ledger_postings p
        JOIN operations o ON o.ledger_operation_id = p.operation_id WHERE o.id = $1 ORDER BY p.amount_minor DESC`,
      [rows[0]?.refund_operation_id],
    );
    expect(legs.map((leg) => [leg.account_id, BigInt(leg.amount_minor)])).toEqual([
      [payer.currentAccountId, BigInt(REFUSED_AMOUNT_MINOR) + FEE_OTHER_BANK_MINOR],
      [fees, -FEE_OTHER_BANK_MINOR],
      [clearing, -BigInt(REFUSED_AMOUNT_MINOR)],
    ]);
  });

  it('leaves clearing with exactly the money of the credits the network took', async () => {
    const payer = await customerWithMoney(t, 1_000_000n);
    const clearing = systemAccountId('bank_clearing', 'KZT');
    const before = await balanceOf(clearing);
    await sendToCard(payer.who, payer.currentAccountId, otherBankCard(), 50_000);
    await sendToCard(payer.who, payer.currentAccountId, otherBankCard(), REFUSED_AMOUNT_MINOR);
    expect((await balanceOf(clearing)) - before).toBe(50_000n);
    expect(await balanceOf(payer.currentAccountId)).toBe(1_000_000n - 50_000n - FEE_OTHER_BANK_MINOR);
  });

  it('tells the payer by SMS and in the app, in their language, naming the card and what came back', async () => {
    const payer = await customerWithMoney(t, 1_000_000n);
    await t.db.query("UPDATE customers SET language = 'kk' WHERE id = $1", [payer.who.customerId]);
    const pan = otherBankCard();
    await sendToCard(payer.who, payer.currentAccountId, pan, REFUSED_AMOUNT_MINOR);
    const card = `•••• ${pan.slice(-4)}`;
    const sms = (await allSms(t.app, payer.who.phone)).filter((text) => text.includes('қабылдамады'));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toContain(`Алушының банкі ${card} картасына`);
    expect(sms[0]).toContain('аударым сомасы мен комиссия');
    const inbox = (await t.app.inject({ url: '/api/v1/notifications', headers: web(payer.who) })).json().items as Array<{
      title: string;
      body: string;
    }>;
    const notice = inbox.find((item) => item.title === 'Аударым қайтарылды');
    expect(notice?.body).toContain(card);
    expect(notice?.body).toMatch(/1\s200,51/u);
  });
});
