import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { cardCall } from '../cards/cards.fixtures.js';
import { checkLedgerInvariants } from '../ledger/index.js';
import { answered, availableOf, balanceOf, purchaseOf, type TypedCard, typedCard } from './card-network.fixtures.js';

// Issue 14 item 6: the issuer's answer to an authorisation request, each check with its ISO 8583
// response code (response-codes.ts says why each code), the hold that lowers the available
// balance at once, and both answers in the customer's history with the merchant and the reason.

let t: TestApp;
beforeAll(async () => {
  // Mid-month, so a day later is still the same month for the month's limit.
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

async function operationOf(card: TypedCard, rrn: string) {
  const { rows } = await t.db.query<{ operation_id: string; status: string; response_code: string }>(
    'SELECT operation_id, status, response_code FROM card_authorisations WHERE card_id = $1 AND rrn = $2',
    [card.cardId, rrn],
  );
  return rows[0] ?? null;
}

async function historyOf(card: TypedCard) {
  const answer = await t.app.inject({ url: '/api/v1/operations', headers: { ...web(card.owner.who), 'accept-language': 'ru' } });
  expect(answer.statusCode).toBe(200);
  return answer.json().items as Array<Record<string, unknown>>;
}

async function declinedWith(card: TypedCard, amountMinor: number, fields: Parameters<typeof purchaseOf>[3] = {}) {
  const message = purchaseOf(t, card, amountMinor, fields);
  const answer = await answered(t, 'authorisation', message);
  const row = await operationOf(card, message.rrn);
  return { code: answer.responseCode, authorisationCode: answer.authorisationCode, status: row?.status, message };
}

async function declineReason(card: TypedCard, rrn: string): Promise<string | null> {
  const row = await operationOf(card, rrn);
  const { rows } = await t.db.query<{ decline_reason: string | null }>('SELECT decline_reason FROM operations WHERE id = $1', [
    row?.operation_id,
  ]);
  return rows[0]?.decline_reason ?? null;
}

describe('an authorisation request', () => {
  it('approves with a hold that lowers the available balance at once, a DE38 code and 00, and shows in the history', async () => {
    const card = await typedCard(t, 1_000_000n);
    const message = purchaseOf(t, card, 3 * THOUSAND, { merchantName: 'SULPAK ONLINE' });
    const answer = await answered(t, 'authorisation', message);
    expect(answer).toMatchObject({ mti: '0110', rrn: message.rrn, stan: message.stan, responseCode: '00', amountMinor: 3 * THOUSAND });
    expect(answer.authorisationCode).toMatch(/^[0-9A-Z]{6}$/);
    expect(answer.maskedPan).toBe(`${card.pan.slice(0, 6)}******${card.pan.slice(-4)}`);
    expect(await availableOf(t, card)).toBe(1_000_000n - 300_000n);
    expect(await balanceOf(t, card)).toBe(1_000_000n);
    const [latest] = await historyOf(card);
    expect(latest).toMatchObject({ kind: 'card', status: 'authorised', payee: 'SULPAK ONLINE', amountMinor: 300_000, declineReason: null });
  });

  it('answers 14 for a number Kassa did not issue, and writes no operation for it', async () => {
    const card = await typedCard(t, 0n);
    const unknown = `${card.pan.slice(0, 15)}${(Number(card.pan.at(-1)) + 5) % 10}`;
    const message = purchaseOf(t, card, THOUSAND, { pan: unknown });
    expect((await answered(t, 'authorisation', message)).responseCode).toBe('14');
    const { rows } = await t.db.query('SELECT 1 FROM card_authorisations WHERE rrn = $1', [message.rrn]);
    expect(rows).toHaveLength(0);
  });

  it('declines a frozen card (62) and a closed one (62), each with its reason', async () => {
    const frozen = await typedCard(t, 1_000_000n);
    expect((await cardCall(t, frozen.owner.who, 'POST', `/api/v1/cards/${frozen.cardId}/freeze`)).statusCode).toBe(200);
    const first = await declinedWith(frozen, THOUSAND);
    expect(first).toMatchObject({ code: '62', authorisationCode: null, status: 'declined' });
    expect(await declineReason(frozen, first.message.rrn)).toBe('card-frozen');
    const closed = await typedCard(t, 1_000_000n);
    expect((await cardCall(t, closed.owner.who, 'POST', `/api/v1/cards/${closed.cardId}/close`)).statusCode).toBe(200);
    const second = await declinedWith(closed, THOUSAND);
    expect(second.code).toBe('62');
    expect(await declineReason(closed, second.message.rrn)).toBe('card-closed');
    expect(await availableOf(t, closed)).toBe(1_000_000n);
  });

  it('closes a single-use card with its first approval and declines its second purchase (62)', async () => {
    const card = await typedCard(t, 1_000_000n, 'single_use');
    expect((await declinedWith(card, THOUSAND)).code).toBe('00');
    const shown = await cardCall(t, card.owner.who, 'GET', `/api/v1/cards/${card.cardId}`);
    expect(shown.json()).toMatchObject({ status: 'closed', closeReason: 'single_use_spent' });
    const second = await declinedWith(card, THOUSAND);
    expect(second.code).toBe('62');
    expect(await declineReason(card, second.message.rrn)).toBe('card-single-use-spent');
    expect(await availableOf(t, card)).toBe(1_000_000n - 100_000n);
  });

  it('declines an expiry date that is not the card’s (54) and a wrong CVC2 (N7, audited)', async () => {
    const card = await typedCard(t, 1_000_000n);
    const wrongExpiry = await declinedWith(card, THOUSAND, { expiry: '2512' });
    expect(wrongExpiry.code).toBe('54');
    expect(await declineReason(card, wrongExpiry.message.rrn)).toBe('card-wrong-expiry');
    const wrongCvc = await declinedWith(card, THOUSAND, { cvc2: card.cvc2 === '000' ? '001' : '000' });
    expect(wrongCvc.code).toBe('N7');
    expect(await declineReason(card, wrongCvc.message.rrn)).toBe('card-wrong-cvc2');
    const { rows } = await t.db.query<{ details: { cardId: string; last4: string } }>(
      "SELECT details FROM audit_events WHERE event = 'card.cvc2_failed' AND details ->> 'cardId' = $1",
      [card.cardId],
    );
    expect(rows.map((row) => row.details)).toEqual([expect.objectContaining({ cardId: card.cardId, last4: card.last4 })]);
    // Without a CVC2 (a merchant that does not ask for it) the purchase goes on to the other checks.
    const { cvc2: _cvc2, ...withoutCvc2 } = purchaseOf(t, card, THOUSAND);
    expect((await answered(t, 'authorisation', withoutCvc2)).responseCode).toBe('00');
  });

  it('declines internet payments switched off (57), and lets a tap through while only the internet is off', async () => {
    const card = await typedCard(t, 1_000_000n);
    await cardCall(t, card.owner.who, 'PATCH', `/api/v1/cards/${card.cardId}/controls`, { internetEnabled: false });
    const online = await declinedWith(card, THOUSAND);
    expect(online.code).toBe('57');
    expect(await declineReason(card, online.message.rrn)).toBe('card-internet-off');
    expect((await declinedWith(card, THOUSAND, { posEntryMode: '071' })).code).toBe('00');
    await cardCall(t, card.owner.who, 'PATCH', `/api/v1/cards/${card.cardId}/controls`, { contactlessEnabled: false });
    expect((await declinedWith(card, THOUSAND, { posEntryMode: '071' })).code).toBe('57');
  });

  it('declines over each internet limit (61): per purchase, per day, per month, counting only approved ones', async () => {
    const card = await typedCard(t, 10_000_000n);
    const limits = { perOperationMinor: 10 * THOUSAND, perDayMinor: 20 * THOUSAND, perMonthMinor: 30 * THOUSAND };
    expect((await cardCall(t, card.owner.who, 'PUT', `/api/v1/cards/${card.cardId}/limits`, limits)).statusCode).toBe(200);
    const overOne = await declinedWith(card, 10 * THOUSAND + 1);
    expect(overOne.code).toBe('61');
    expect(await declineReason(card, overOne.message.rrn)).toBe('card-limit-per-operation');
    expect((await declinedWith(card, 10 * THOUSAND)).code).toBe('00');
    expect((await declinedWith(card, 10 * THOUSAND)).code).toBe('00');
    const overDay = await declinedWith(card, THOUSAND);
    expect(overDay.code).toBe('61');
    expect(await declineReason(card, overDay.message.rrn)).toBe('card-limit-per-day');
    t.clock.advance(86_400_000);
    expect((await declinedWith(card, 10 * THOUSAND)).code).toBe('00');
    const overMonth = await declinedWith(card, 1);
    expect(overMonth.code).toBe('61');
    expect(await declineReason(card, overMonth.message.rrn)).toBe('card-limit-per-month');
  });

  it('declines what the available balance does not cover (51), and gives the limit’s count back', async () => {
    const card = await typedCard(t, 500_000n);
    const limits = { perOperationMinor: 10 * THOUSAND, perDayMinor: 10 * THOUSAND, perMonthMinor: 10 * THOUSAND };
    await cardCall(t, card.owner.who, 'PUT', `/api/v1/cards/${card.cardId}/limits`, limits);
    const poor = await declinedWith(card, 6 * THOUSAND);
    expect(poor.code).toBe('51');
    expect(await declineReason(card, poor.message.rrn)).toBe('insufficient-funds');
    // Had the 6 000 ₸ counted, 5 000 ₸ more would pass the day's 10 000 ₸.
    expect((await declinedWith(card, 5 * THOUSAND)).code).toBe('00');
    expect(await availableOf(t, card)).toBe(0n);
  });

  it('declines another currency than the card’s (57) and what the engine does not do (12)', async () => {
    const card = await typedCard(t, 1_000_000n);
    const dollars = await declinedWith(card, THOUSAND, { currency: '840' });
    expect(dollars.code).toBe('57');
    expect(await declineReason(card, dollars.message.rrn)).toBe('currency-mismatch');
    expect((await declinedWith(card, THOUSAND, { processingCode: '200000' })).code).toBe('12');
    expect((await declinedWith(card, THOUSAND, { posEntryMode: '051' })).code).toBe('12');
  });

  it('declines every card of a customer whose access the bank blocked (62)', async () => {
    const card = await typedCard(t, 1_000_000n);
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/emergency-block/self',
      headers: web(card.owner.who),
      payload: { reason: 'lost_phone' },
    });
    expect(blocked.statusCode).toBe(200);
    const answer = await declinedWith(card, THOUSAND);
    expect(answer.code).toBe('62');
    expect(await declineReason(card, answer.message.rrn)).toBe('customer-blocked');
  });

  it('declines past the e-wallet caps of the owner’s identification level (61)', async () => {
    const holder = await typedCard(t, 0n);
    const accounts = (await t.app.inject({ url: '/api/v1/accounts', headers: web(holder.owner.who) })).json().items as Array<{
      id: string;
      kind: string;
    }>;
    const wallet = accounts.find((account) => account.kind === 'ewallet');
    if (!wallet) throw new Error('no e-wallet');
    await t.db.query("UPDATE customers SET identification_level = 'none' WHERE id = $1", [holder.owner.who.customerId]);
    const card = await typedCard(t, 0n, 'virtual', { who: holder.owner.who, currentAccountId: wallet.id });
    // Three MCI (12 975 ₸) per operation for an unidentified owner: the cap comes before the balance.
    const over = await declinedWith(card, 1_297_501);
    expect(over.code).toBe('61');
    expect(await declineReason(card, over.message.rrn)).toBe('wallet-limit');
  });

  it('declines an expired card (54), whatever its row says', async () => {
    const card = await typedCard(t, 1_000_000n);
    // Past the end of the validity: the card is expired by the date (the last test: the clock stays there).
    t.clock.advance(5 * 366 * 86_400_000);
    const answer = await declinedWith(card, THOUSAND, { transmittedAt: t.clock.now().toISOString() });
    expect(answer.code).toBe('54');
    expect(await declineReason(card, answer.message.rrn)).toBe('card-expired');
  });
});
