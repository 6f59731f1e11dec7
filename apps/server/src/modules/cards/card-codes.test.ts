import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, lastCodeSms } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { type CardOwner, cardCall, cardOwner, issueCard, lastCode } from './cards.fixtures.js';

// A new code for a card step waiting for one (the reveal, a raise of the limits), as a transfer's
// resend (SECURITY.md 10): a fresh code that works, the earlier one dead at once, a 60 s cooldown
// answered 429, the hourly cap of codes, audited; another customer's card or code is 404.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const COOLDOWN_MS = 60_000;

async function newCard() {
  const owner = await cardOwner(t);
  return { owner, card: await issueCard(t, owner) };
}

async function startReveal(owner: CardOwner, cardId: string) {
  const answer = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${cardId}/reveal`);
  expect(answer.statusCode).toBe(201);
  return { challengeId: answer.json().confirmation.challengeId as string, code: await lastCode(t, owner.who) };
}

function resend(owner: CardOwner, cardId: string, challengeId: string, language = 'en') {
  return cardCall(t, owner.who, 'POST', `/api/v1/cards/${cardId}/codes/resend`, { challengeId }, language);
}

async function auditEvents(customerId: string, event: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
    'SELECT details FROM audit_events WHERE customer_id = $1 AND event = $2 ORDER BY seq',
    [customerId, event],
  );
  return rows.map((row) => row.details);
}

describe('a new code for showing the card’s details', () => {
  it('sends a fresh code that opens the details, and the earlier code no longer does', async () => {
    const { owner, card } = await newCard();
    const started = await startReveal(owner, card.id);
    t.clock.advance(COOLDOWN_MS + 1_000);
    const resent = await resend(owner, card.id, started.challengeId);
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ challengeId: started.challengeId });
    expect(Date.parse(resent.json().resendAvailableAt)).toBe(t.clock.now().getTime() + COOLDOWN_MS);
    const fresh = await lastCode(t, owner.who);
    expect(fresh).not.toBe(started.code);
    const sms = await allSms(t.app, owner.who.phone);
    expect(sms.at(-1)).toContain(`для показа данных карты •••• ${card.last4}`);

    const old = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/reveal/confirm`, started);
    expect(old.statusCode).toBe(422);
    const shown = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/reveal/confirm`, {
      challengeId: started.challengeId,
      code: fresh,
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().pan).toMatch(/^\d{16}$/);
    // Audited by sca: the old code voided as resent, the new one sent as a resend.
    expect(await auditEvents(owner.who.customerId, 'code.voided')).toContainEqual({ challengeId: started.challengeId, reason: 'resent' });
    expect(await auditEvents(owner.who.customerId, 'code.sent')).toContainEqual(
      expect.objectContaining({ challengeId: started.challengeId, resend: true }),
    );
  });

  it('answers a resend inside the cooldown with a 429 problem saying when, in the customer’s language', async () => {
    const { owner, card } = await newCard();
    const started = await startReveal(owner, card.id);
    t.clock.advance(10_000);
    const early = await resend(owner, card.id, started.challengeId, 'ru');
    expect(early.statusCode).toBe(429);
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(early.headers['retry-after']).toBe('50');
    expect(early.json()).toMatchObject({ title: 'Новый код можно запросить через 50 с', retryAfterSeconds: 50 });
    // The code sent first still works: a refused resend voids nothing.
    const shown = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/reveal/confirm`, started);
    expect(shown.statusCode).toBe(200);
  });

  it('stops at the customer’s hourly cap of payment and card codes (SMS pumping): resends count like new codes', async () => {
    const { owner, card } = await newCard();
    const started = await startReveal(owner, card.id);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < t.app.ctx.config.codeRateLimits.paymentsPerCustomerPerHourMax; attempt += 1) {
      t.clock.advance(COOLDOWN_MS + 1_000);
      statuses.push((await resend(owner, card.id, started.challengeId)).statusCode);
    }
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBeGreaterThan(0);
    const capped = await resend(owner, card.id, started.challengeId);
    expect(capped.json()).toMatchObject({ type: expect.stringContaining('code-limit-reached') });
  });
});

describe('a new code for raising the limits', () => {
  it('words the SMS with the values asked again, and the fresh code applies them', async () => {
    const { owner, card } = await newCard();
    const defaults = card.controls.defaultLimits;
    const raised = {
      perOperationMinor: defaults.perOperationMinor * 2,
      perDayMinor: defaults.perDayMinor * 2,
      perMonthMinor: defaults.perMonthMinor * 2,
    };
    const asked = await cardCall(t, owner.who, 'PUT', `/api/v1/cards/${card.id}/limits`, raised);
    expect(asked.statusCode).toBe(202);
    const challengeId = asked.json().confirmation.challengeId as string;
    const first = await lastCode(t, owner.who);
    // The code SMS, not the last one: the card's issue notice may be delivered in the same pass, after it.
    const firstSms = (await lastCodeSms(t.app, owner.who.phone)) ?? '';
    t.clock.advance(COOLDOWN_MS + 1_000);
    expect((await resend(owner, card.id, challengeId)).statusCode).toBe(200);
    const fresh = await lastCode(t, owner.who);
    expect(fresh).not.toBe(first);
    expect(await lastCodeSms(t.app, owner.who.phone)).toBe(firstSms.replace(first, fresh));

    const old = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/limits/confirm`, { challengeId, code: first });
    expect(old.statusCode).toBe(422);
    const applied = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/limits/confirm`, { challengeId, code: fresh });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().card.controls.limits).toEqual(raised);
  });
});

describe('whose code', () => {
  it('answers 404, audited, for another customer’s code on one’s own card and for another customer’s card', async () => {
    const mine = await newCard();
    const theirs = await newCard();
    const their = await startReveal(theirs.owner, theirs.card.id);
    t.clock.advance(COOLDOWN_MS + 1_000);

    const onMyCard = await resend(mine.owner, mine.card.id, their.challengeId);
    expect(onMyCard.statusCode).toBe(404);
    expect(onMyCard.json()).toMatchObject({ type: expect.stringContaining('card-confirmation-not-found') });
    const onTheirCard = await resend(mine.owner, theirs.card.id, their.challengeId);
    expect(onTheirCard.statusCode).toBe(404);
    expect(onTheirCard.json()).toMatchObject({ type: expect.stringContaining('card-not-found') });

    expect(await auditEvents(mine.owner.who.customerId, 'access.denied')).toEqual(
      expect.arrayContaining([
        { resource: 'card_code', cardId: mine.card.id, challengeId: their.challengeId },
        { resource: 'card', cardId: theirs.card.id },
      ]),
    );
    // Nothing was sent to anyone: their code still works.
    const shown = await cardCall(t, theirs.owner.who, 'POST', `/api/v1/cards/${theirs.card.id}/reveal/confirm`, their);
    expect(shown.statusCode).toBe(200);
  });

  it('answers 404 for a code already used', async () => {
    const { owner, card } = await newCard();
    const started = await startReveal(owner, card.id);
    expect((await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/reveal/confirm`, started)).statusCode).toBe(200);
    t.clock.advance(COOLDOWN_MS + 1_000);
    expect((await resend(owner, card.id, started.challengeId)).statusCode).toBe(404);
  });
});
