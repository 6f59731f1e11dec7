import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { cardCall, lastCode } from '../cards/cards.fixtures.js';
import { checkLedgerInvariants } from '../ledger/index.js';
import { answered, networkOf, purchaseOf, typedCard } from './card-network.fixtures.js';

// Issue 14 item 6, response code 65: the bank's ceiling on how many internet purchases a card
// makes in a bank day (CARD_INTERNET_MAX_PURCHASES_PER_DAY), the answer to a burst of small
// authorisations (how stolen numbers are tested). It stands under the customer's "no limit"; a
// refused or reversed purchase leaves the count.

const PURCHASES_MAX = 3;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    clock: new ManualClock(Date.UTC(2026, 4, 12, 6)),
    env: { CARD_INTERNET_MAX_PURCHASES_PER_DAY: String(PURCHASES_MAX) },
  });
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

const codeOf = async (message: ReturnType<typeof purchaseOf>) => (await answered(t, 'authorisation', message)).responseCode;

async function reasonOf(rrn: string): Promise<string | null> {
  const { rows } = await t.db.query<{ decline_reason: string | null }>(
    'SELECT o.decline_reason FROM card_authorisations a JOIN operations o ON o.id = a.operation_id WHERE a.rrn = $1',
    [rrn],
  );
  return rows[0]?.decline_reason ?? null;
}

describe('the count of internet purchases a day', () => {
  it('approves up to the ceiling, then answers 65 with its reason; the next bank day starts again', async () => {
    const card = await typedCard(t, 10_000_000n);
    for (let index = 0; index < PURCHASES_MAX; index += 1) expect(await codeOf(purchaseOf(t, card, 100))).toBe('00');
    const over = purchaseOf(t, card, 100);
    expect(await codeOf(over)).toBe('65');
    expect(await reasonOf(over.rrn)).toBe('card-limit-purchases-per-day');
    t.clock.advance(24 * 3600_000);
    expect(await codeOf(purchaseOf(t, card, 100))).toBe('00');
  });

  it('stands under "no limit", which lifts the limits in money only', async () => {
    const card = await typedCard(t, 10_000_000n);
    const asked = await cardCall(t, card.owner.who, 'POST', `/api/v1/cards/${card.cardId}/unlimited`, { days: 1 });
    expect(asked.statusCode, asked.body).toBe(202);
    const lifted = await cardCall(t, card.owner.who, 'POST', `/api/v1/cards/${card.cardId}/limits/confirm`, {
      challengeId: asked.json().confirmation.challengeId,
      code: await lastCode(t, card.owner.who),
    });
    expect(lifted.json().card.controls.unlimited).toBe(true);
    for (let index = 0; index < PURCHASES_MAX; index += 1) expect(await codeOf(purchaseOf(t, card, 100))).toBe('00');
    expect(await codeOf(purchaseOf(t, card, 100))).toBe('65');
  });

  it('gives the count back for a purchase refused after it was counted, and for a reversal', async () => {
    const card = await typedCard(t, 250n);
    // 51 after the count (the balance covers two): the refusal leaves the count.
    expect(await codeOf(purchaseOf(t, card, 100))).toBe('00');
    expect(await codeOf(purchaseOf(t, card, 200))).toBe('51');
    const second = purchaseOf(t, card, 100);
    expect(await codeOf(second)).toBe('00');
    // Two counted; a reversal of one frees its place, so two more fit under three.
    expect((await answered(t, 'reversal', networkOf(t).reversal(second, t.clock.now()))).responseCode).toBe('00');
    expect(await codeOf(purchaseOf(t, card, 50))).toBe('00');
    expect(await codeOf(purchaseOf(t, card, 50))).toBe('00');
    expect(await codeOf(purchaseOf(t, card, 10))).toBe('65');
  });
});
