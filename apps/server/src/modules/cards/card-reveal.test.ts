import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { cardExpiry } from './card-numbers.js';
import { cardCall, cardOwner, issueCard, lastCode } from './cards.fixtures.js';
import { purgeExpired } from './cards.retention.js';
import { cvv } from './cvc.js';
import { cardVault } from './issuing.js';

// Issue 14 item 4: the full number, expiry and CVC2 only after an SMS code bound to "show card
// •••• 1234"; a code for another card, one used already or one of another purpose opens nothing;
// each reveal audited and rate-limited; the answer never cached.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function panOf(cardId: string): Promise<string> {
  const { rows } = await t.db.query<{ vault_id: `vlt_${string}` }>('SELECT vault_id FROM cards WHERE id = $1', [cardId]);
  const vaultId = rows[0]?.vault_id;
  if (!vaultId) throw new Error('no card');
  return cardVault(t.app.ctx).withPan(t.db, vaultId, (pan) => pan);
}

async function newCard() {
  const owner = await cardOwner(t);
  return { owner, card: await issueCard(t, owner) };
}

type Owner = Awaited<ReturnType<typeof newCard>>['owner'];

async function startReveal(owner: Owner, cardId: string, language = 'en') {
  const answer = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${cardId}/reveal`, undefined, language);
  return {
    answer,
    challengeId: answer.json().confirmation?.challengeId as string,
    code: answer.statusCode === 201 ? await lastCode(t, owner.who) : '',
  };
}

function confirm(owner: Owner, cardId: string, body: { challengeId: string; code: string }) {
  return cardCall(t, owner.who, 'POST', `/api/v1/cards/${cardId}/reveal/confirm`, { challengeId: body.challengeId, code: body.code });
}

describe('showing the card’s details', () => {
  it('answers the card’s own number, expiry and the CVC2 of the CVV method, after a code naming the card, never cached', async () => {
    const { owner, card } = await newCard();
    const started = await startReveal(owner, card.id, 'ru');
    expect(started.answer.statusCode).toBe(201);
    expect(started.answer.json()).toMatchObject({ cardId: card.id, last4: card.last4 });
    const sms = (await allSms(t.app, owner.who.phone)).find((text) => text.includes('показа данных карты')) ?? '';
    expect(sms).toContain(`для показа данных карты •••• ${card.last4}`);
    expect(sms).toContain('Никому не сообщайте код и данные карты');
    const shown = await confirm(owner, card.id, started);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    const pan = await panOf(card.id);
    const expiry = cardExpiry(card.expiryMonth, card.expiryYear, t.app.ctx.config.bankTimeZone);
    expect(shown.json()).toEqual({
      pan,
      expiryMonth: card.expiryMonth,
      expiryYear: card.expiryYear,
      expiry: card.expiry,
      cvc2: cvv(pan, expiry.yymm, '000', t.app.ctx.config.cardCvk),
      cardholderName: 'AIGERIM BEKOVA',
      visibleForSeconds: 60,
    });
    const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'card.revealed' AND details ->> 'cardId' = $1",
      [card.id],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]?.details)).not.toContain(pan.slice(6, 12));
  });

  it('shows nothing without the right code, and the challenge dies after three wrong ones', async () => {
    const { owner, card } = await newCard();
    const noSuch = await confirm(owner, card.id, { challengeId: `chl_${'a'.repeat(32)}`, code: '123456' });
    expect(noSuch.statusCode).toBe(422);
    const started = await startReveal(owner, card.id);
    const wrong = started.code === '111111' ? '222222' : '111111';
    for (const left of [2, 1])
      expect((await confirm(owner, card.id, { challengeId: started.challengeId, code: wrong })).json().attemptsLeft).toBe(left);
    expect((await confirm(owner, card.id, { challengeId: started.challengeId, code: wrong })).statusCode).toBe(422);
    const late = await confirm(owner, card.id, started);
    expect(late.statusCode).toBe(422);
    expect(late.body).not.toMatch(/\d{16}/);
  });

  it('refuses a code sent for another card, then still lets it open its own card', async () => {
    const { owner, card } = await newCard();
    const other = await issueCard(t, owner);
    const started = await startReveal(owner, card.id);
    const elsewhere = await confirm(owner, other.id, started);
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.body).not.toMatch(/\d{16}/);
    expect((await confirm(owner, card.id, started)).statusCode).toBe(200);
  });

  it('refuses the same code twice', async () => {
    const { owner, card } = await newCard();
    const started = await startReveal(owner, card.id);
    expect((await confirm(owner, card.id, started)).statusCode).toBe(200);
    const twice = await confirm(owner, card.id, started);
    expect(twice.statusCode).toBe(422);
    expect(twice.json().type).toBe('https://mykassa.kz/problems/code-not-valid-anymore');
  });

  it('refuses a code of another purpose (a limit raise’s)', async () => {
    const { owner, card } = await newCard();
    const raise = await cardCall(t, owner.who, 'PUT', `/api/v1/cards/${card.id}/limits`, {
      perOperationMinor: 30_000_000,
      perDayMinor: 50_000_000,
      perMonthMinor: 200_000_000,
    });
    const code = await lastCode(t, owner.who);
    const answer = await confirm(owner, card.id, { challengeId: raise.json().confirmation.challengeId, code });
    expect(answer.statusCode).toBe(422);
    // The raise's code is untouched by the try and still confirms the raise.
    const raised = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/limits/confirm`, {
      challengeId: raise.json().confirmation.challengeId,
      code,
    });
    expect(raised.statusCode).toBe(200);
  });

  it('shows a frozen card’s details after a code, and not a closed one’s', async () => {
    const { owner, card } = await newCard();
    await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/freeze`);
    expect((await startReveal(owner, card.id)).answer.statusCode).toBe(201);
    await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/close`);
    expect((await startReveal(owner, card.id)).answer.statusCode).toBe(409);
  });

  it('shows a customer’s cards at most 5 times an hour, refused before a code is sent, and parallel confirmations never pass the cap', async () => {
    const { owner, card } = await newCard();
    for (let index = 0; index < 4; index += 1) {
      const started = await startReveal(owner, card.id);
      expect((await confirm(owner, card.id, started)).statusCode).toBe(200);
    }
    const fifth = await startReveal(owner, card.id);
    const sixth = await startReveal(owner, card.id);
    const both = await Promise.all([confirm(owner, card.id, fifth), confirm(owner, card.id, sixth)]);
    expect(both.map((answer) => answer.statusCode).sort()).toEqual([200, 429]);
    const smsBefore = (await allSms(t.app, owner.who.phone)).length;
    const refused = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/reveal`);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().title).toBe('Card details can be shown at most 5 times an hour. Please try again later');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await allSms(t.app, owner.who.phone)).length).toBe(smsBefore);
  });

  it('purges a reveal whose code was never used once its code is past the challenges’ window, and keeps one that happened', async () => {
    const { owner, card } = await newCard();
    const used = await startReveal(owner, card.id);
    await confirm(owner, card.id, used);
    await startReveal(owner, card.id);
    const count = async () =>
      (await t.db.query<{ status: string }>('SELECT status FROM card_reveals WHERE card_id = $1 ORDER BY status', [card.id])).rows.map(
        (row) => row.status,
      );
    expect(await count()).toEqual(['requested', 'revealed']);
    const later = new Date(t.clock.now().getTime() + 25 * 3_600_000);
    await purgeExpired(t.db, later, t.app.ctx.config.retention);
    expect(await count()).toEqual(['revealed']);
  });
});
