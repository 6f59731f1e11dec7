import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, login } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { chargeCardUse, markSingleUseSpent, releaseCardUse } from './card-use.js';
import { cardCall, cardOwner, issueCard, lastCode } from './cards.fixtures.js';
import { DAY_MS } from './cards.types.js';

// Issue 14 item 5: the controls the customer sets in one tap, applied at once, audited and
// notified; raising a limit above the default needs a code, lowering never does; "no limit for N
// days" turns itself back by the time. And the engine's side: the limits counted in one place.

let t: TestApp;
beforeAll(async () => {
  // Mid-month, so a day later is still the same month for the month's limit.
  t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 4, 12, 6)) });
});
afterAll(async () => {
  await t.close();
});

const DEFAULTS = { perOperationMinor: 20_000_000, perDayMinor: 50_000_000, perMonthMinor: 200_000_000 };

async function newCard(kind: 'virtual' | 'single_use' = 'virtual') {
  const owner = await cardOwner(t);
  return { owner, card: await issueCard(t, owner, kind) };
}

function charge(cardId: string, amountMinor: bigint, channel: 'internet' | 'contactless' | 'cash' = 'internet') {
  return t.db.transaction((tx) => chargeCardUse(tx, t.app.ctx, { cardId, channel, amountMinor, now: t.clock.now() }));
}

describe('switches', () => {
  it('turns internet payments off and on at once, audits and tells the customer, and the engine sees it', async () => {
    const { owner, card } = await newCard();
    const off = await cardCall(t, owner.who, 'PATCH', `/api/v1/cards/${card.id}/controls`, { internetEnabled: false, cashEnabled: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().controls).toMatchObject({ internetEnabled: false, cashEnabled: false, contactlessEnabled: true });
    expect(await charge(card.id, 1_000n)).toEqual({ ok: false, reason: 'channel-disabled' });
    expect((await charge(card.id, 1_000n, 'contactless')).ok).toBe(true);
    const sms = await allSms(t.app, owner.who.phone);
    expect(sms).toContain(
      `localhost:3000: Карта •••• ${card.last4}: оплата в интернете: выключена, снятие наличных: выключена. Если это были не вы, позвоните 595.`,
    );
    const on = await cardCall(t, owner.who, 'PATCH', `/api/v1/cards/${card.id}/controls`, { internetEnabled: true });
    expect(on.json().controls.internetEnabled).toBe(true);
    expect((await charge(card.id, 1_000n)).ok).toBe(true);
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM audit_events WHERE event = 'card.controls_changed' AND details ->> 'cardId' = $1",
      [card.id],
    );
    expect(Number(rows[0]?.count)).toBe(2);
  });

  it('refuses unknown fields and an empty change', async () => {
    const { owner, card } = await newCard();
    expect((await cardCall(t, owner.who, 'PATCH', `/api/v1/cards/${card.id}/controls`, { status: 'active' })).statusCode).toBe(400);
    expect((await cardCall(t, owner.who, 'PATCH', `/api/v1/cards/${card.id}/controls`, {})).statusCode).toBe(400);
  });
});

describe('limits', () => {
  it('lowers the limits at once without a code, and the engine declines above each', async () => {
    const { owner, card } = await newCard();
    const smsBefore = (await allSms(t.app, owner.who.phone)).length;
    const lower = await cardCall(t, owner.who, 'PUT', `/api/v1/cards/${card.id}/limits`, {
      perOperationMinor: 100_000,
      perDayMinor: 150_000,
      perMonthMinor: 200_000,
    });
    expect(lower.statusCode).toBe(200);
    expect(lower.json()).toMatchObject({ confirmation: null, card: { controls: { limits: { perOperationMinor: 100_000 } } } });
    const sms = await allSms(t.app, owner.who.phone);
    expect(sms.slice(smsBefore).some((text) => /Код \d{6}/.test(text))).toBe(false);
    expect(await charge(card.id, 100_001n)).toEqual({ ok: false, reason: 'limit-per-operation' });
    expect((await charge(card.id, 100_000n)).ok).toBe(true);
    expect(await charge(card.id, 60_000n)).toEqual({ ok: false, reason: 'limit-per-day' });
    expect((await charge(card.id, 50_000n)).ok).toBe(true);
    t.clock.advance(DAY_MS);
    expect(await charge(card.id, 60_000n)).toEqual({ ok: false, reason: 'limit-per-month' });
    expect((await charge(card.id, 50_000n)).ok).toBe(true);
    // The idle session ended meanwhile (5 minutes); a new login sees the counters.
    const again = await login(t.app, owner.who);
    const seen = (await cardCall(t, again, 'GET', `/api/v1/cards/${card.id}`)).json();
    expect(seen.controls).toMatchObject({ spentTodayMinor: 50_000, spentThisMonthMinor: 200_000 });
  });

  it('refuses limits out of order', async () => {
    const { owner, card } = await newCard();
    const answer = await cardCall(t, owner.who, 'PUT', `/api/v1/cards/${card.id}/limits`, {
      perOperationMinor: 300,
      perDayMinor: 200,
      perMonthMinor: 1000,
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().type).toBe('https://mykassa.kz/problems/card-limits-inconsistent');
  });

  it('raises above the default only with the code bound to the card and the values', async () => {
    const { owner, card } = await newCard();
    const raised = { ...DEFAULTS, perOperationMinor: 40_000_000 };
    const asked = await cardCall(t, owner.who, 'PUT', `/api/v1/cards/${card.id}/limits`, raised);
    expect(asked.statusCode).toBe(202);
    const { confirmation } = asked.json();
    expect(asked.json().card.controls.limits).toEqual(DEFAULTS);
    const sms = (await allSms(t.app, owner.who.phone)).find((text) => text.includes('изменения лимитов карты')) ?? '';
    expect(sms).toContain(`изменения лимитов карты •••• ${card.last4}: на операцию`);
    expect(sms).toMatch(/на операцию 400\s000,00\s₸, в день 500\s000,00\s₸/);
    // Not applied before the code, and a wrong code counts a try.
    expect(await charge(card.id, 30_000_000n)).toEqual({ ok: false, reason: 'limit-per-operation' });
    const wrong = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/limits/confirm`, {
      challengeId: confirmation.challengeId,
      code: '000000',
    });
    expect(wrong.statusCode).toBe(422);
    const code = await lastCode(t, owner.who);
    const confirmed = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/limits/confirm`, {
      challengeId: confirmation.challengeId,
      code,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().card.controls.limits).toEqual(raised);
    expect((await charge(card.id, 30_000_000n)).ok).toBe(true);
    // The code is used: it opens nothing a second time.
    const again = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/limits/confirm`, {
      challengeId: confirmation.challengeId,
      code,
    });
    expect(again.statusCode).toBe(404);
    // Back down to a value still above the default: a lowering, no code.
    const down = await cardCall(t, owner.who, 'PUT', `/api/v1/cards/${card.id}/limits`, { ...DEFAULTS, perOperationMinor: 30_000_000 });
    expect(down.statusCode).toBe(200);
  });

  it('does not let a raise’s code confirm it on another card, nor a newer raise’s values', async () => {
    const { owner, card } = await newCard();
    const other = await issueCard(t, owner);
    const asked = (await cardCall(t, owner.who, 'PUT', `/api/v1/cards/${card.id}/limits`, { ...DEFAULTS, perDayMinor: 90_000_000 })).json();
    const code = await lastCode(t, owner.who);
    const elsewhere = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${other.id}/limits/confirm`, {
      challengeId: asked.confirmation.challengeId,
      code,
    });
    expect(elsewhere.statusCode).toBe(404);
    // A newer request voids the older one: its code no longer passes.
    await cardCall(t, owner.who, 'PUT', `/api/v1/cards/${card.id}/limits`, { ...DEFAULTS, perDayMinor: 80_000_000 });
    const stale = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/limits/confirm`, {
      challengeId: asked.confirmation.challengeId,
      code,
    });
    expect(stale.statusCode).toBe(404);
    expect((await cardCall(t, owner.who, 'GET', `/api/v1/cards/${card.id}`)).json().controls.limits).toEqual(DEFAULTS);
  });

  it('lifts the limits for N days with a code, and they come back by themselves when the time is up', async () => {
    const { owner, card } = await newCard();
    const tooLong = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/unlimited`, { days: 31 });
    expect(tooLong.statusCode).toBe(400);
    const asked = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/unlimited`, { days: 2 });
    expect(asked.statusCode).toBe(202);
    expect((await allSms(t.app, owner.who.phone)).some((text) => /Код \d{6} для изменения лимитов .*без лимита на 2 дн\./.test(text))).toBe(
      true,
    );
    const confirmed = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/limits/confirm`, {
      challengeId: asked.json().confirmation.challengeId,
      code: await lastCode(t, owner.who),
    });
    expect(confirmed.json().card.controls).toMatchObject({ unlimited: true, limits: DEFAULTS });
    expect((await charge(card.id, 60_000_000n)).ok).toBe(true);
    t.clock.advance(2 * DAY_MS + 1);
    expect(await charge(card.id, 20_000_001n)).toEqual({ ok: false, reason: 'limit-per-operation' });
    const seen = (await cardCall(t, await login(t.app, owner.who), 'GET', `/api/v1/cards/${card.id}`)).json();
    expect(seen.controls).toMatchObject({ unlimited: false, unlimitedUntil: null });
  });

  it('ends "no limit" at once without a code', async () => {
    const { owner, card } = await newCard();
    const asked = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/unlimited`, { days: 30 });
    await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/limits/confirm`, {
      challengeId: asked.json().confirmation.challengeId,
      code: await lastCode(t, owner.who),
    });
    const ended = await cardCall(t, owner.who, 'DELETE', `/api/v1/cards/${card.id}/unlimited`);
    expect(ended.json().card.controls.unlimited).toBe(false);
    expect(await charge(card.id, 20_000_001n)).toEqual({ ok: false, reason: 'limit-per-operation' });
  });
});

describe('what the authorisation engine uses', () => {
  it('declines a frozen, a closed and an expired card, and a blocked customer’s', async () => {
    const { owner, card } = await newCard();
    await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/freeze`);
    expect(await charge(card.id, 100n)).toEqual({ ok: false, reason: 'card-frozen' });
    await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/close`);
    expect(await charge(card.id, 100n)).toEqual({ ok: false, reason: 'card-closed' });
    const second = await newCard();
    await t.db.query('UPDATE cards SET expiry_year = 2020 WHERE id = $1', [second.card.id]);
    expect(await charge(second.card.id, 100n)).toEqual({ ok: false, reason: 'card-expired' });
    const third = await newCard();
    await t.db.query(
      "INSERT INTO customer_blocks (id, customer_id, source, reason, created_at) VALUES ($1, $2, 'self', 'lost_phone', now())",
      [`blk_${third.card.id.slice(4)}`, third.owner.who.customerId],
    );
    expect(await charge(third.card.id, 100n)).toEqual({ ok: false, reason: 'customer-blocked' });
    expect((await cardCall(t, third.owner.who, 'GET', `/api/v1/cards/${third.card.id}`)).json()).toMatchObject({
      blockedByBank: true,
      usable: false,
    });
  });

  it('counts parallel charges one after another: never past the day’s limit', async () => {
    const { owner, card } = await newCard();
    await cardCall(t, owner.who, 'PUT', `/api/v1/cards/${card.id}/limits`, {
      perOperationMinor: 1_000,
      perDayMinor: 5_000,
      perMonthMinor: 5_000,
    });
    const results = await Promise.all(Array.from({ length: 12 }, () => charge(card.id, 1_000n)));
    expect(results.filter((result) => result.ok)).toHaveLength(5);
    await t.db.transaction((tx) =>
      releaseCardUse(tx, t.app.ctx, { cardId: card.id, amountMinor: 1_000n, chargedAt: t.clock.now(), whole: true }),
    );
    expect((await charge(card.id, 1_000n)).ok).toBe(true);
  });

  it('closes a single-use card after its first purchase, so the second is declined', async () => {
    const { owner, card } = await newCard('single_use');
    const first = await t.db.transaction(async (tx) => {
      const charged = await chargeCardUse(tx, t.app.ctx, { cardId: card.id, channel: 'internet', amountMinor: 5_000n, now: t.clock.now() });
      return charged.ok && (await markSingleUseSpent(tx, card.id, t.clock.now()));
    });
    expect(first).toBe(true);
    expect(await charge(card.id, 5_000n)).toEqual({ ok: false, reason: 'card-closed' });
    expect((await cardCall(t, owner.who, 'GET', `/api/v1/cards/${card.id}`)).json()).toMatchObject({
      status: 'closed',
      closeReason: 'single_use_spent',
    });
    expect(await t.db.transaction((tx) => markSingleUseSpent(tx, card.id, t.clock.now()))).toBe(false);
  });
});
