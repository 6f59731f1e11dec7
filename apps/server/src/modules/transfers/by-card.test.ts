import { randomInt, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, lastCodeSms, web } from '../../../test/customers.js';
import { createTestDatabase, type TestApp, testConfig } from '../../../test/harness.js';
import { asciiHex, dumpAllTables, luhnValidRuns } from '../../../test/table-dump.js';
import { buildApp } from '../../app.js';
import { ManualClock } from '../../shared/clock.js';
import { customerWithMoney } from '../blocks/blocks.fixtures.js';
import { SimulatedCardNetwork } from '../card-network/index.js';
import { cardCall, issueCardRequest, lastCode } from '../cards/cards.fixtures.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';
import { luhnValid } from './card-number.js';

/**
 * Transfers by card number (issue 14 item 7): to one's own card and another customer's Kassa card
 * at once, to another bank's card through the card network's test double, and the refusals. The
 * whole file logs at trace into a buffer, so the last test can look for every PAN it used.
 */

const lines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, callback) {
    lines.push(String(chunk));
    callback();
  },
});
/** Every card number typed or revealed here: none may be stored or logged (the last test). */
const pans = new Set<string>();
const FEE_OTHER_BANK_MINOR = 20_000;

let t: TestApp;
beforeAll(async () => {
  const database = await createTestDatabase();
  const clock = new ManualClock();
  const config = testConfig({ LOG_LEVEL: 'trace', SCA_LOW_VALUE_MAX_MINOR: '0' });
  const app = await buildApp(config, { db: database.db, clock, logDestination: logStream });
  await app.ready();
  t = {
    app,
    db: database.db,
    clock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

function network(): SimulatedCardNetwork {
  const port = t.app.ctx.cardNetwork;
  if (!(port instanceof SimulatedCardNetwork)) throw new Error('the tests run against the simulated network');
  return port;
}

/** A Luhn-valid number starting with `prefix`, 16 digits. */
function cardNumberFrom(prefix: string): string {
  let body = prefix;
  while (body.length < 15) body += String(randomInt(10));
  for (let check = 0; check < 10; check += 1) if (luhnValid(`${body}${check}`)) return `${body}${check}`;
  throw new Error('unreachable');
}

function grouped(pan: string): string {
  return pan.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Issues a card on `accountId` and reveals its number with the code, as the customer would. */
async function cardOn(who: LoggedIn, accountId: string): Promise<string> {
  const issued = await issueCardRequest(t, { who, currentAccountId: accountId }, { kind: 'virtual' });
  expect(issued.statusCode).toBe(201);
  const id = issued.json().id;
  const started = await cardCall(t, who, 'POST', `/api/v1/cards/${id}/reveal`);
  const shown = await cardCall(t, who, 'POST', `/api/v1/cards/${id}/reveal/confirm`, {
    challengeId: started.json().confirmation.challengeId,
    code: await lastCode(t, who),
  });
  expect(shown.statusCode).toBe(200);
  pans.add(shown.json().pan);
  return shown.json().pan;
}

async function accountsOf(who: LoggedIn): Promise<Array<{ id: string; kind: string }>> {
  return (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
}

async function balanceOf(accountId: string): Promise<bigint> {
  return (await getAccount(t.db, accountId))?.balanceMinor ?? -1n;
}

function toCard(who: LoggedIn, sourceAccountId: string, cardNumber: string, amountMinor: number, key = randomUUID()) {
  pans.add(cardNumber.replace(/\D/g, ''));
  t.clock.advance(1_000);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': key, 'accept-language': 'en' },
    payload: { kind: 'card-number', sourceAccountId, cardNumber, amountMinor, currency: 'KZT' },
  });
}

function lookUp(who: LoggedIn, cardNumber: string) {
  pans.add(cardNumber.replace(/\D/g, ''));
  return t.app.inject({ method: 'POST', url: '/api/v1/transfers/payee-lookup', headers: web(who), payload: { cardNumber } });
}

async function confirm(who: LoggedIn, operationId: string) {
  const code = await lastCode(t, who);
  return t.app.inject({ method: 'POST', url: `/api/v1/transfers/${operationId}/confirm`, headers: web(who), payload: { code } });
}

describe('to a Kassa card', () => {
  it("credits one's own card on another account at once, without a code", async () => {
    const owner = await customerWithMoney(t, 1_000_000n);
    const wallet = (await accountsOf(owner.who)).find((account) => account.kind === 'ewallet');
    if (!wallet) throw new Error('no e-wallet');
    const pan = await cardOn(owner.who, wallet.id);
    const looked = await lookUp(owner.who, grouped(pan));
    expect(looked.json()).toMatchObject({ found: true, isSelf: true, thisBank: true });
    const answer = await toCard(owner.who, owner.currentAccountId, grouped(pan), 300_000);
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toMatchObject({ kind: 'card-number', status: 'completed', scaExemption: 'own', feeMinor: 0 });
    expect(await balanceOf(wallet.id)).toBe(300_000n);
    expect(await balanceOf(owner.currentAccountId)).toBe(700_000n);
  });

  it('refuses a card on the account it would debit (422)', async () => {
    const owner = await customerWithMoney(t, 1_000_000n);
    const pan = await cardOn(owner.who, owner.currentAccountId);
    expect((await toCard(owner.who, owner.currentAccountId, pan, 1_000)).statusCode).toBe(422);
  });

  it("shows another customer's masked name first, asks a code naming the card, then credits it", async () => {
    const payer = await customerWithMoney(t, 1_000_000n);
    const payee = await customerWithMoney(t);
    const pan = await cardOn(payee.who, payee.currentAccountId);
    const looked = await lookUp(payer.who, pan);
    expect(looked.json()).toMatchObject({ found: true, isSelf: false, thisBank: true, maskedName: 'Айгерим Б.' });
    const created = await toCard(payer.who, payer.currentAccountId, grouped(pan), 250_000);
    expect(created.json()).toMatchObject({ status: 'awaiting_confirmation', payee: 'Айгерим Б.' });
    expect(await lastCodeSms(t.app, payer.who.phone)).toContain(`Айгерим Б., карта •••• ${pan.slice(-4)}`);
    const confirmed = await confirm(payer.who, created.json().id);
    expect(confirmed.json()).toMatchObject({ status: 'completed', feeMinor: 0 });
    expect(await balanceOf(payee.currentAccountId)).toBe(250_000n);
  });

  it('declines a number in Kassa’s BIN that no card has, as an unknown recipient', async () => {
    const payer = await customerWithMoney(t, 1_000_000n);
    const unknown = cardNumberFrom(t.app.ctx.config.cards.product.bin);
    expect((await lookUp(payer.who, unknown)).json()).toMatchObject({ found: false, thisBank: true, maskedName: null });
    const answer = await toCard(payer.who, payer.currentAccountId, unknown, 10_000);
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toMatchObject({ status: 'declined', declineReason: 'recipient-not-found' });
    expect(answer.json().declineReasonText).toMatch(/Recipient not found/);
    expect(await balanceOf(payer.currentAccountId)).toBe(1_000_000n);
  });
});

describe('to another bank’s card', () => {
  it('sends the credit through the card network after the code, with the configured fee', async () => {
    const payer = await customerWithMoney(t, 1_000_000n);
    const pan = cardNumberFrom('5100');
    expect((await lookUp(payer.who, pan)).json()).toMatchObject({ found: false, thisBank: false });
    const created = await toCard(payer.who, payer.currentAccountId, pan, 100_000);
    expect(created.json()).toMatchObject({
      status: 'awaiting_confirmation',
      feeMinor: FEE_OTHER_BANK_MINOR,
      payee: `•••• ${pan.slice(-4)}`,
    });
    expect(await lastCodeSms(t.app, payer.who.phone)).toContain(`карта •••• ${pan.slice(-4)}`);
    const before = network().sent.length;
    const confirmed = await confirm(payer.who, created.json().id);
    expect(confirmed.json()).toMatchObject({ status: 'sent' });
    expect(network().sent.slice(before)).toEqual([expect.objectContaining({ pan, amountMinor: 100_000, processingCode: '260000' })]);
    expect(await balanceOf(payer.currentAccountId)).toBe(1_000_000n - 100_000n - BigInt(FEE_OTHER_BANK_MINOR));
    const { rows } = await t.db.query<{ network_response_code: string; pan_sealed: string | null }>(
      'SELECT network_response_code, pan_sealed FROM card_transfer_details WHERE operation_id = $1',
      [created.json().id],
    );
    expect(rows).toEqual([{ network_response_code: '00', pan_sealed: null }]);
  });

  it('gives the amount and the fee back when the network refuses the credit', async () => {
    const payer = await customerWithMoney(t, 1_000_000n);
    const created = await toCard(payer.who, payer.currentAccountId, cardNumberFrom('5100'), 100_051);
    const confirmed = await confirm(payer.who, created.json().id);
    expect(confirmed.json().status).toBe('sent');
    expect(await balanceOf(payer.currentAccountId)).toBe(1_000_000n);
    const history = (await t.app.inject({ url: '/api/v1/operations', headers: web(payer.who) })).json();
    expect(history.items.map((item: { kind: string; direction: string }) => `${item.kind}/${item.direction}`)).toContain('refund/incoming');
  });

  it('answers a retry under the same key with the first answer, and sends the credit once', async () => {
    const payer = await customerWithMoney(t, 1_000_000n);
    const pan = cardNumberFrom('5100');
    const key = randomUUID();
    const first = await toCard(payer.who, payer.currentAccountId, pan, 50_000, key);
    const again = await toCard(payer.who, payer.currentAccountId, pan, 50_000, key);
    expect(again.json()).toEqual(first.json());
    const before = network().sent.length;
    await confirm(payer.who, first.json().id);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${first.json().id}/confirm`,
      headers: web(payer.who),
      payload: { code: '000000' },
    });
    expect(network().sent.length - before).toBe(1);
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM operations WHERE customer_id = $1 AND kind = 'transfer.card'",
      [payer.who.customerId],
    );
    expect(Number(rows[0]?.count)).toBe(1);
  });
});

describe('refusals', () => {
  it('refuses a number failing its Luhn check with a 422 problem naming the field, in the customer’s language', async () => {
    const payer = await customerWithMoney(t, 1_000_000n);
    const good = cardNumberFrom('5100');
    const bad = `${good.slice(0, 15)}${(Number(good[15]) + 1) % 10}`;
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/transfers',
      headers: { ...web(payer.who), 'idempotency-key': randomUUID(), 'accept-language': 'kk' },
      payload: { kind: 'card-number', sourceAccountId: payer.currentAccountId, cardNumber: bad, amountMinor: 1_000, currency: 'KZT' },
    });
    expect(answer.statusCode).toBe(422);
    expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(answer.json()).toMatchObject({
      title: 'Карта нөмірі қате көрсетілген',
      errors: [expect.objectContaining({ pointer: '/cardNumber' })],
    });
    expect((await lookUp(payer.who, bad)).statusCode).toBe(422);
  });
});

describe('card data (PCI DSS 3.5.1)', () => {
  it('keeps every card number used here out of every table and the log, and leaves no card number anywhere', async () => {
    expect(pans.size).toBeGreaterThan(5);
    const dump = (await dumpAllTables(t.db)).join('\n');
    const log = lines.join('');
    for (const pan of pans) {
      expect(dump).not.toContain(pan);
      expect(dump).not.toContain(asciiHex(pan));
      expect(log).not.toContain(pan);
    }
    expect(luhnValidRuns(dump)).toEqual([]);
    expect(luhnValidRuns(log)).toEqual([]);
  });
});
