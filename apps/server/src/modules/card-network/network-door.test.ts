import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { checkLedgerInvariants } from '../ledger/index.js';
import { answered, availableOf, networkOf, purchaseOf, sendSigned, typedCard } from './card-network.fixtures.js';
import { SimulatedCardNetwork } from './simulated-network.js';

// Issue 14 item 6: the network's door. Only a message signed with a network's key, within the
// replay window, is read at all; each message is decided once (a retry gets the first answer);
// parallel purchases against one balance approve exactly what it covers; the history shows
// accepted and declined purchases with the merchant and the reason (the memo).

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

const THOUSAND = 100_000;

async function writtenFor(rrn: string) {
  const count = async (sql: string) => Number((await t.db.query<{ n: bigint }>(sql, [rrn])).rows[0]?.n ?? 0);
  return {
    messages: await count('SELECT count(*) AS n FROM card_network_messages WHERE rrn = $1'),
    purchases: await count('SELECT count(*) AS n FROM card_authorisations WHERE rrn = $1'),
  };
}

async function rejections(): Promise<string[]> {
  const { rows } = await t.db.query<{ details: { failure: string } }>(
    "SELECT details FROM audit_events WHERE event = 'card_network.rejected' ORDER BY occurred_at, seq",
  );
  return rows.map((row) => row.details.failure);
}

describe('the signature', () => {
  it('answers 401 to a bad signature, a stale timestamp, an unknown key and no headers, audits each, and writes nothing else', async () => {
    const card = await typedCard(t, 1_000_000n);
    const message = purchaseOf(t, card, THOUSAND);
    const good = networkOf(t).sign('authorisation', message, t.clock.now().getTime());
    const attempts = [
      { ...good, headers: { ...good.headers, 'x-network-signature': 'ab'.repeat(32) } },
      networkOf(t).sign('authorisation', message, t.clock.now().getTime() - 6 * 60_000),
      new SimulatedCardNetwork({ id: 'evil.k1', network: 'evil', secret: randomBytes(32) }).sign(
        'authorisation',
        message,
        t.clock.now().getTime(),
      ),
      { ...good, headers: { 'content-type': 'application/json' } },
      // A body changed after signing: the amount raised on the way.
      { ...good, payload: good.payload.replace(`"amountMinor":${THOUSAND}`, `"amountMinor":${1000 * THOUSAND}`) },
    ];
    const before = (await rejections()).length;
    for (const attempt of attempts) {
      const answer = await t.app.inject({ method: 'POST', url: attempt.url, headers: attempt.headers, payload: attempt.payload });
      expect(answer.statusCode).toBe(401);
      expect(answer.json().type).toMatch(/card-network-unauthenticated$/);
    }
    expect((await rejections()).slice(before)).toEqual([
      'bad-signature',
      'stale-timestamp',
      'unknown-key',
      'headers-missing',
      'bad-signature',
    ]);
    expect(await writtenFor(message.rrn)).toEqual({ messages: 0, purchases: 0 });
    expect(await availableOf(t, card)).toBe(1_000_000n);
    // The same message properly signed is taken.
    expect((await answered(t, 'authorisation', message)).responseCode).toBe('00');
  });
});

describe('each message once', () => {
  it('answers a retry with the first answer and moves the money once', async () => {
    const card = await typedCard(t, 1_000_000n);
    const message = purchaseOf(t, card, 2 * THOUSAND);
    const first = await answered(t, 'authorisation', message);
    t.clock.advance(30_000);
    const retry = await answered(t, 'authorisation', message);
    expect(retry).toEqual(first);
    expect(await writtenFor(message.rrn)).toEqual({ messages: 1, purchases: 1 });
    expect(await availableOf(t, card)).toBe(800_000n);
  });

  it('answers 94 to another body under the same DE37 and DE11, and to a second purchase under the same DE37', async () => {
    const card = await typedCard(t, 1_000_000n);
    const message = purchaseOf(t, card, THOUSAND);
    await answered(t, 'authorisation', message);
    expect((await answered(t, 'authorisation', { ...message, amountMinor: 2 * THOUSAND })).responseCode).toBe('94');
    expect((await answered(t, 'authorisation', { ...message, stan: '999999' })).responseCode).toBe('94');
    expect((await answered(t, 'advice', networkOf(t).advice(message))).responseCode).toBe('94');
    expect(await availableOf(t, card)).toBe(900_000n);
  });

  it('approves exactly 10 of 50 parallel purchases against a balance that covers 10', async () => {
    const card = await typedCard(t, 10n * 100_000n);
    const messages = Array.from({ length: 50 }, () => purchaseOf(t, card, THOUSAND));
    const answers = await Promise.all(messages.map((message) => sendSigned(t, 'authorisation', message)));
    const codes = answers.map((answer) => answer.json().responseCode as string);
    expect(codes.filter((code) => code === '00')).toHaveLength(10);
    expect(codes.filter((code) => code === '51')).toHaveLength(40);
    expect(await availableOf(t, card)).toBe(0n);
    // The internet limit's count holds the approved ones only.
    const { rows } = await t.db.query<{ spent: bigint }>('SELECT sum(spent_minor) AS spent FROM card_internet_days WHERE card_id = $1', [
      card.cardId,
    ]);
    expect(BigInt(rows[0]?.spent ?? 0n)).toBe(10n * 100_000n);
  });
});

describe('the history', () => {
  it('shows approved and declined purchases with the merchant, the card and the reason, in the customer’s language', async () => {
    const card = await typedCard(t, 150_000n);
    await answered(t, 'authorisation', purchaseOf(t, card, THOUSAND, { merchantName: 'MAGNUM CASH&CARRY' }));
    // A second later: the history is newest first, and the test clock stands still otherwise.
    t.clock.advance(1000);
    await answered(t, 'authorisation', purchaseOf(t, card, THOUSAND, { merchantName: 'KASPI MAGAZIN' }));
    const answer = await t.app.inject({ url: '/api/v1/operations', headers: { ...web(card.owner.who), 'accept-language': 'ru' } });
    const items = answer.json().items as Array<Record<string, unknown>>;
    expect(items.slice(0, 2)).toEqual([
      expect.objectContaining({
        kind: 'card',
        status: 'declined',
        payee: 'KASPI MAGAZIN',
        declineReason: 'insufficient-funds',
        declineReasonText: 'Недостаточно средств',
      }),
      expect.objectContaining({
        kind: 'card',
        status: 'authorised',
        payee: 'MAGNUM CASH&CARRY',
        declineReason: null,
        direction: 'outgoing',
      }),
    ]);
    // And the notices: accepted and declined, naming the merchant and the card.
    await t.app.ctx.worker.drain();
    const { rows } = await t.db.query<{ text: string }>('SELECT text FROM dev_sms_messages WHERE phone = $1 ORDER BY created_at, id', [
      card.owner.who.phone,
    ]);
    // Delivered in one batch of the outbox, so in no fixed order.
    const texts = rows.map((row) => row.text).filter((text) => text.includes('Покупка'));
    expect(texts).toHaveLength(2);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`MAGNUM CASH&CARRY (•••• ${card.last4}): одобрена`),
        expect.stringContaining(`KASPI MAGAZIN (•••• ${card.last4}): Недостаточно средств`),
      ]),
    );
  });
});

describe('the demo checkout', () => {
  it('buys at the simulated network’s test shop with the details typed in, through the signed door', async () => {
    const card = await typedCard(t, 1_000_000n);
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dev/card-network/checkout',
      payload: { pan: card.pan, expiry: card.expiry, cvc2: card.cvc2, amountMinor: THOUSAND },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ mti: '0110', responseCode: '00' });
    expect(await availableOf(t, card)).toBe(900_000n);
  });
});
