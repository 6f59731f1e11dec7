import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { migrate } from '../../db/migrate.js';
import { ManualClock } from '../../shared/clock.js';
import { answered, purchaseOf, type TypedCard, typedCard } from '../card-network/card-network.fixtures.js';
import { checkLedgerInvariants } from '../ledger/index.js';

// Issue 14: the history of one card (GET /api/v1/operations?cardId=), shown on the card's page:
// the purchases made with that card, approved and declined, with the merchant and the reason in
// the customer's language; each purchase names its card. Someone else's card is "not found", as
// on the card routes, and audited (SECURITY.md 23).

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

/** 1 000 ₸ in tiyn. */
const THOUSAND = 100_000;

interface Row {
  id: string;
  kind: string;
  status: string;
  payee: string;
  declineReason: string | null;
  declineReasonText: string | null;
  card: { id: string; last4: string } | null;
}

function history(card: TypedCard, query: string, language = 'ru') {
  return t.app.inject({ url: `/api/v1/operations${query}`, headers: { ...web(card.owner.who), 'accept-language': language } });
}

async function itemsOf(card: TypedCard, query: string, language = 'ru'): Promise<Row[]> {
  const answer = await history(card, query, language);
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json().items;
}

async function buy(card: TypedCard, amountMinor: number, merchantName: string): Promise<string> {
  t.clock.advance(1_000);
  return (await answered(t, 'authorisation', purchaseOf(t, card, amountMinor, { merchantName }))).responseCode;
}

/** A customer with two cards on one account: one approved and one declined purchase on the first, one on the second. */
async function twoCardsWithPurchases() {
  const first = await typedCard(t, 1_000_000n);
  const second = await typedCard(t, 0n, 'virtual', first.owner);
  expect(await buy(first, 2 * THOUSAND, 'MAGNUM CASH&CARRY')).toBe('00');
  // More than the account holds: declined, with its reason.
  expect(await buy(first, 50 * THOUSAND, 'SULPAK ONLINE')).not.toBe('00');
  expect(await buy(second, THOUSAND, 'AIRASTANA.COM')).toBe('00');
  return { first, second };
}

describe('the history of one card', () => {
  it('lists the purchases made with that card only, approved and declined, newest first, each naming its card', async () => {
    const { first, second } = await twoCardsWithPurchases();
    const items = await itemsOf(first, `?cardId=${first.cardId}`);
    expect(items.map((item) => [item.payee, item.status])).toEqual([
      ['SULPAK ONLINE', 'declined'],
      ['MAGNUM CASH&CARRY', 'authorised'],
    ]);
    for (const item of items) expect(item).toMatchObject({ kind: 'card', card: { id: first.cardId, last4: first.last4 } });
    expect(items[0]?.declineReason).toBe('insufficient-funds');
    expect(items[0]?.declineReasonText).toMatch(/[а-яё]/i);
    const ofSecond = await itemsOf(second, `?cardId=${second.cardId}`);
    expect(ofSecond.map((item) => item.payee)).toEqual(['AIRASTANA.COM']);
    expect(ofSecond[0]?.card).toEqual({ id: second.cardId, last4: second.last4 });
  });

  it('says the decline reason in the language asked for', async () => {
    const { first } = await twoCardsWithPurchases();
    const texts = await Promise.all(
      ['ru', 'kk', 'en'].map(async (language) => (await itemsOf(first, `?cardId=${first.cardId}`, language))[0]?.declineReasonText),
    );
    expect(new Set(texts).size).toBe(3);
    expect(texts[2]).toMatch(/^[A-Za-z]/);
  });

  it('pages through the card’s purchases with the cursor, and combines with the other filters', async () => {
    const { first } = await twoCardsWithPurchases();
    const page = await history(first, `?cardId=${first.cardId}&limit=1`);
    expect(page.json().items.map((item: Row) => item.payee)).toEqual(['SULPAK ONLINE']);
    const next = await itemsOf(first, `?cardId=${first.cardId}&limit=1&cursor=${page.json().nextCursor}`);
    expect(next.map((item) => item.payee)).toEqual(['MAGNUM CASH&CARRY']);
    expect((await itemsOf(first, `?cardId=${first.cardId}&status=declined`)).map((item) => item.payee)).toEqual(['SULPAK ONLINE']);
    expect(await itemsOf(first, `?cardId=${first.cardId}&kind=phone`)).toEqual([]);
  });

  it('names the card in the whole history and in one operation, and no card on anything but a purchase', async () => {
    const { first, second } = await twoCardsWithPurchases();
    const all = await itemsOf(first, '');
    const purchases = all.filter((item) => item.kind === 'card');
    expect(purchases.length).toBeGreaterThanOrEqual(3);
    expect(new Set(purchases.map((item) => item.card?.id))).toEqual(new Set([first.cardId, second.cardId]));
    for (const item of all.filter((row) => row.kind !== 'card')) expect(item.card).toBeNull();
    const one = await t.app.inject({ url: `/api/v1/operations/${purchases[0]?.id}`, headers: web(first.owner.who) });
    expect(one.json().card).toEqual(purchases[0]?.card);
  });

  it('answers another customer’s card as not found, in the customer’s language, and audits it', async () => {
    const { first } = await twoCardsWithPurchases();
    const stranger = await typedCard(t, 0n);
    const answer = await history(stranger, `?cardId=${first.cardId}`, 'kk');
    expect(answer.statusCode).toBe(404);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json()).toMatchObject({ status: 404, title: 'Карта табылмады' });
    expect(answer.body).not.toContain('MAGNUM');
    const { rows } = await t.db.query<{ count: string }>(
      "SELECT count(*) AS count FROM audit_events WHERE event = 'access.denied' AND customer_id = $1 AND details ->> 'cardId' = $2",
      [stranger.owner.who.customerId, first.cardId],
    );
    expect(Number(rows[0]?.count)).toBe(1);
    // A card id nobody has is the same answer; a malformed one is refused by the schema.
    const none = await history(stranger, `?cardId=crd_${'0'.repeat(32)}`);
    expect(none.statusCode).toBe(404);
    expect(none.json().type).toBe(answer.json().type);
    expect((await history(stranger, '?cardId=acc_1')).statusCode).toBe(400);
  });
});

describe('migration 0037', () => {
  it('gives the purchases recorded before it their card, from the card network’s records', async () => {
    const { first, second } = await twoCardsWithPurchases();
    // The database as it was before 0037, with these purchases in it; then 0037 alone runs again.
    await t.db.exec('DROP TABLE card_purchase_details');
    await t.db.query('DELETE FROM schema_migrations WHERE version = 37');
    expect((await migrate(t.db)).applied).toEqual(['0037_card_purchase_details']);
    expect((await itemsOf(first, `?cardId=${first.cardId}`)).map((item) => item.payee)).toEqual(['SULPAK ONLINE', 'MAGNUM CASH&CARRY']);
    expect((await itemsOf(second, `?cardId=${second.cardId}`)).map((item) => item.card?.id)).toEqual([second.cardId]);
  });
});
