import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, login, web } from '../../../test/customers.js';
import { createTestDatabase, type TestApp, type TestDatabase, testConfig } from '../../../test/harness.js';
import { buildApp } from '../../app.js';
import { ManualClock } from '../../shared/clock.js';
import { blockForm, customerWithMoney, TEST_BIRTH_DATE } from '../blocks/blocks.fixtures.js';
import { SimulatedCardNetwork } from '../card-network/index.js';
import { lastCode } from '../cards/cards.fixtures.js';
import { changeAccountStatus, checkLedgerInvariants } from '../ledger/index.js';
import { luhnValid, SEAL_PURPOSE } from './card-number.js';
import { resealCardTransferPans } from './card-pan-at-rest.js';

/**
 * Another bank's card number, sealed in card_transfer_details.pan_sealed until its credit is sent,
 * never outlives the transfer: every way a transfer ends unsent wipes it in the transaction that
 * ends it (the operations' ended hooks), and keys:rotate re-seals a number still waiting, which
 * then opens under the new key alone.
 */

const OLD_HEX = 'a1'.repeat(32);
const NEW_HEX = 'b2'.repeat(32);
const OLD_ONLY = OLD_HEX; // one key: k0
const NEW_FIRST = `k1:${NEW_HEX},k0:${OLD_HEX}`;
const NEW_ONLY = `k1:${NEW_HEX}`;
const CODE_LIFE_MS = 5 * 60_000;

let database: TestDatabase;
let t: TestApp;
beforeAll(async () => {
  database = await createTestDatabase();
  t = await appWith(OLD_ONLY, new ManualClock());
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.app.close();
  await database.drop();
});

async function appWith(secretKey: string, clock: ManualClock): Promise<TestApp> {
  const app = await buildApp(testConfig({ SECRET_KEY: secretKey, SCA_LOW_VALUE_MAX_MINOR: '0' }), { db: database.db, clock });
  await app.ready();
  return { app, db: database.db, clock, close: () => app.close() };
}

/** A Luhn-valid number of another bank (no Kassa BIN), 16 digits. */
function otherBankCard(): string {
  let body = '5100';
  while (body.length < 15) body += String(randomInt(10));
  for (let check = 0; check < 10; check += 1) if (luhnValid(`${body}${check}`)) return `${body}${check}`;
  throw new Error('unreachable');
}

async function toCard(who: LoggedIn, sourceAccountId: string, pan: string, amountMinor: number, app = t) {
  app.clock.advance(1_000);
  const answer = await app.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': randomUUID() },
    payload: { kind: 'card-number', sourceAccountId, cardNumber: pan, amountMinor, currency: 'KZT' },
  });
  expect(answer.statusCode).toBe(201);
  return answer.json() as { id: string; status: string; declineReason: string | null };
}

/** A transfer to another bank's card waiting for its code, its number sealed. */
async function waitingTransfer(amountMinor = 100_000) {
  const payer = await customerWithMoney(t, 1_000_000n);
  const pan = otherBankCard();
  const created = await toCard(payer.who, payer.currentAccountId, pan, amountMinor);
  expect(created.status).toBe('awaiting_confirmation');
  expect(await sealedOf(created.id)).toMatch(/^ks1\./);
  return { payer, pan, operationId: created.id };
}

async function sealedOf(operationId: string): Promise<string | null> {
  const { rows } = await t.db.query<{ pan_sealed: string | null }>('SELECT pan_sealed FROM card_transfer_details WHERE operation_id = $1', [
    operationId,
  ]);
  if (rows.length !== 1) throw new Error(`no card transfer ${operationId}`);
  return rows[0]?.pan_sealed ?? null;
}

async function statusOf(operationId: string): Promise<string | undefined> {
  const { rows } = await t.db.query<{ status: string }>('SELECT status FROM operations WHERE id = $1', [operationId]);
  return rows[0]?.status;
}

function confirm(who: LoggedIn, operationId: string, code: string, app = t) {
  return app.app.inject({ method: 'POST', url: `/api/v1/transfers/${operationId}/confirm`, headers: web(who), payload: { code } });
}

describe('a transfer to another bank’s card that ends unsent forgets the card number', () => {
  it('when the customer cancels it', async () => {
    const { payer, operationId } = await waitingTransfer();
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/v1/transfers/${operationId}/cancel`, headers: web(payer.who) });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(await sealedOf(operationId)).toBeNull();
  });

  it('when it expires unconfirmed and the customer opens the history', async () => {
    const { payer, operationId } = await waitingTransfer();
    t.clock.advance(CODE_LIFE_MS + 1_000);
    // Five idle minutes ended the session too (RTS art. 4(3)(d)): the customer logs in again. The
    // transfer's code SMS is delivered first, so the login's is the newest one the helper reads.
    await t.app.ctx.worker.drain();
    const again = await login(t.app, payer.who);
    expect((await t.app.inject({ url: '/api/v1/operations', headers: web(again) })).statusCode).toBe(200);
    expect(await statusOf(operationId)).toBe('expired');
    expect(await sealedOf(operationId)).toBeNull();
  });

  it('when it expires unconfirmed and nobody looks: the retention sweep ends it', async () => {
    const { operationId } = await waitingTransfer();
    t.clock.advance(CODE_LIFE_MS + 1_000);
    const swept = await t.app.ctx.retention.runOnce();
    expect(swept.operations_expired).toBeGreaterThanOrEqual(1);
    expect(await statusOf(operationId)).toBe('expired');
    expect(await sealedOf(operationId)).toBeNull();
  });

  it('when three wrong codes decline it', async () => {
    const { payer, operationId } = await waitingTransfer();
    const code = await lastCode(t, payer.who);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let attempt = 0; attempt < 3; attempt += 1) await confirm(payer.who, operationId, wrong);
    expect(await statusOf(operationId)).toBe('declined');
    expect(await sealedOf(operationId)).toBeNull();
  });

  it('when the money cannot leave at the confirmation (the account was frozen meanwhile)', async () => {
    const { payer, operationId } = await waitingTransfer();
    const code = await lastCode(t, payer.who);
    await t.db.transaction((tx) => changeAccountStatus(tx, payer.currentAccountId, 'frozen'));
    const confirmed = await confirm(payer.who, operationId, code);
    expect(confirmed.json()).toMatchObject({ status: 'declined', declineReason: 'account-frozen' });
    expect(await sealedOf(operationId)).toBeNull();
  });

  it('when it is declined at once, before any code (not enough money)', async () => {
    const payer = await customerWithMoney(t, 1_000n);
    const created = await toCard(payer.who, payer.currentAccountId, otherBankCard(), 100_000);
    expect(created).toMatchObject({ status: 'declined', declineReason: 'insufficient-funds' });
    expect(await sealedOf(created.id)).toBeNull();
  });

  it('when an emergency block cancels what waits for a code', async () => {
    const { payer, operationId } = await waitingTransfer();
    const blocked = await blockForm(t, { login: payer.who.phone, password: payer.who.password, birthDate: TEST_BIRTH_DATE });
    expect(blocked.statusCode).toBe(202);
    expect(await statusOf(operationId)).toBe('cancelled');
    expect(await sealedOf(operationId)).toBeNull();
  });

  it('and keeps it, sealed, while the transfer still waits for its code', async () => {
    const { payer, operationId } = await waitingTransfer();
    // The history's expiry look and the sweep touch nothing that is still within its code's life.
    await t.app.inject({ url: '/api/v1/operations', headers: web(payer.who) });
    await t.app.ctx.retention.runOnce();
    expect(await statusOf(operationId)).toBe('awaiting_confirmation');
    expect(await sealedOf(operationId)).toMatch(/^ks1\./);
  });
});

describe('keys:rotate', () => {
  it('re-seals a number still waiting under the new key: it opens with the new key alone, and the credit still goes out', async () => {
    const { payer, pan, operationId } = await waitingTransfer();
    const code = await lastCode(t, payer.who);
    const before = await sealedOf(operationId);
    expect(before).toMatch(/^ks1\.k0\./);
    const newOnly = testConfig({ SECRET_KEY: NEW_ONLY }).keyring;
    expect(() => newOnly.open(SEAL_PURPOSE, before ?? '', operationId)).toThrow();

    // The new key goes first on every server, then the rotation runs.
    const rotated = await appWith(NEW_FIRST, t.clock);
    try {
      const keyring = rotated.app.ctx.config.keyring;
      expect(await resealCardTransferPans(t.db, keyring, t.clock.now())).toBeGreaterThanOrEqual(1);
      const after = await sealedOf(operationId);
      expect(after).toMatch(/^ks1\.k1\./);
      expect(newOnly.open(SEAL_PURPOSE, after ?? '', operationId)).toBe(pan);
      // A second run rewrites nothing.
      expect(await resealCardTransferPans(t.db, keyring, t.clock.now())).toBe(0);
      const { rows } = await t.db.query<{ details: { what: string } }>(
        "SELECT details FROM audit_events WHERE event = 'keys.rewritten' ORDER BY seq DESC LIMIT 1",
      );
      expect(rows[0]?.details.what).toBe('card_transfer_details.pan_sealed');

      const network = rotated.app.ctx.cardNetwork;
      if (!(network instanceof SimulatedCardNetwork)) throw new Error('the tests run against the simulated network');
      const sent = network.sent.length;
      const confirmed = await confirm(payer.who, operationId, code, rotated);
      expect(confirmed.json()).toMatchObject({ status: 'sent' });
      expect(network.sent.slice(sent)).toEqual([expect.objectContaining({ pan })]);
      expect(await sealedOf(operationId)).toBeNull();
    } finally {
      await rotated.app.close();
    }
  });
});
