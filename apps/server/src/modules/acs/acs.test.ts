import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, codeIn, lastCodeSms } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { typedCard } from '../card-network/card-network.fixtures.js';
import { authoriseOnUs } from '../card-network/index.js';
import { cardCall } from '../cards/cards.fixtures.js';
import { answerCode, authenticationInput, onUsMessage, passedAuthentication } from './acs.fixtures.js';
import { purchaseCodeSms } from './acs.messages.js';
import { authenticate, challengeResultOf } from './three-ds-server.js';

// Issue 15 item 4: Kassa's ACS for its own cards, through the 3DS Server and the directory server
// double: R before any code for what the issuer would refuse, a challenge by SMS bound to the
// amount and the merchant (3 tries, 5 minutes, 2 resends), one result per authentication.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 4, 12, 6)) });
});
afterAll(async () => {
  await t.close();
});

async function challenged(amountMinor = 1_500_000n) {
  const card = await typedCard(t, 10_000_000n);
  const input = authenticationInput(card, amountMinor);
  const outcome = await authenticate(t.app.ctx, input);
  if (outcome.kind !== 'challenge') throw new Error(`expected a challenge, got ${JSON.stringify(outcome)}`);
  return { card, input, outcome };
}

async function rowOf(acsTransID: string) {
  const { rows } = await t.db.query<{
    trans_status: string;
    reason: string | null;
    trans_status_reason: string | null;
    code_hash: string | null;
  }>('SELECT trans_status, reason, trans_status_reason, code_hash FROM acs_transactions WHERE acs_trans_id = $1', [acsTransID]);
  return rows[0];
}

async function decidedReason(paymentId: string) {
  const { rows } = await t.db.query<{ reason: string | null }>(
    `SELECT a.reason FROM acs_transactions a JOIN threeds_server_transactions s USING (three_ds_server_trans_id) WHERE s.payment_id = $1`,
    [paymentId],
  );
  return rows[0]?.reason ?? null;
}

function challengeCall(acsTransID: string, step: 'resend' | 'cancel') {
  return t.app.inject({ method: 'POST', url: `/api/acs/v1/challenges/${acsTransID}/${step}` });
}

describe('a challenge', () => {
  it('sends an SMS naming the amount and the merchant, and the code from it gives Y with ECI 05 and a value, once', async () => {
    const { card, outcome } = await challenged(1_500_000n);
    const sms = await lastCodeSms(t.app, card.owner.who.phone);
    // Intl formats with narrow no-break spaces.
    expect(sms).toMatch(/15\s000,00\s₸/u);
    expect(sms).toContain('DEMO SHOP');
    expect(sms).toContain('никогда');
    const page = await t.app.inject({ url: `/api/acs/v1/challenges/${outcome.acsTransID}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      merchantName: 'DEMO SHOP',
      amountMinor: 1_500_000,
      currency: 'KZT',
      triesLeft: 3,
      status: 'pending',
      sandbox: false,
    });
    expect(page.json().maskedPan).toBe(`${card.pan.slice(0, 6)}••••••${card.pan.slice(-4)}`);
    expect(page.body).not.toContain(card.pan);
    expect(page.json().maskedPhone).not.toContain(card.owner.who.phone.slice(4));
    expect(await challengeResultOf(t.app.ctx, outcome.threeDSServerTransID)).toBeNull();

    const answer = await answerCode(t, outcome.acsTransID, codeIn(sms));
    expect(answer.json()).toEqual({ transStatus: 'Y', done: true, triesLeft: 0 });
    const result = await challengeResultOf(t.app.ctx, outcome.threeDSServerTransID);
    expect(result).toMatchObject({ status: 'Y', eci: '05' });
    expect(result?.authenticationValue).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    // One authentication, one result: answering again changes nothing.
    expect((await answerCode(t, outcome.acsTransID, '000000')).json()).toMatchObject({ transStatus: 'Y', done: true });
    expect(await challengeResultOf(t.app.ctx, outcome.threeDSServerTransID)).toEqual(result);
    expect((await rowOf(outcome.acsTransID))?.code_hash).toBeNull();
  });

  it('ends N after three wrong codes, keeps the reason, and the right code after them passes nothing', async () => {
    const { card, outcome } = await challenged();
    const code = codeIn(await lastCodeSms(t.app, card.owner.who.phone));
    const wrong = code === '000000' ? '000001' : '000000';
    expect((await answerCode(t, outcome.acsTransID, wrong)).json()).toEqual({ transStatus: 'C', done: false, triesLeft: 2 });
    expect((await answerCode(t, outcome.acsTransID, wrong)).json()).toEqual({ transStatus: 'C', done: false, triesLeft: 1 });
    expect((await answerCode(t, outcome.acsTransID, wrong)).json()).toEqual({ transStatus: 'N', done: true, triesLeft: 0 });
    expect((await answerCode(t, outcome.acsTransID, code)).json()).toMatchObject({ transStatus: 'N' });
    expect(await challengeResultOf(t.app.ctx, outcome.threeDSServerTransID)).toMatchObject({ status: 'N', authenticationValue: null });
    expect(await rowOf(outcome.acsTransID)).toMatchObject({ trans_status: 'N', reason: 'wrong-code', trans_status_reason: '01' });
    const page = await t.app.inject({ url: `/api/acs/v1/challenges/${outcome.acsTransID}`, headers: { 'accept-language': 'en' } });
    expect(page.json()).toMatchObject({ status: 'failed', triesLeft: 0, reason: 'A wrong code three times' });
  });

  it('counts parallel guesses one after another: of ten wrong codes at once, three are compared', async () => {
    const { outcome } = await challenged();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => answerCode(t, outcome.acsTransID, String(100000 + i))));
    const open = answers.filter((answer) => answer.json().transStatus === 'C');
    expect(open).toHaveLength(2);
    const { rows } = await t.db.query("SELECT seq FROM audit_events WHERE event = 'acs.code_failed' AND details->>'acsTransID' = $1", [
      outcome.acsTransID,
    ]);
    expect(rows).toHaveLength(3);
  });

  it('expires after 5 minutes: the right code then ends it N (timed out)', async () => {
    const { card, outcome } = await challenged();
    const code = codeIn(await lastCodeSms(t.app, card.owner.who.phone));
    t.clock.advance(5 * 60_000 + 1);
    expect((await answerCode(t, outcome.acsTransID, code)).json()).toMatchObject({ transStatus: 'N', done: true });
    expect(await rowOf(outcome.acsTransID)).toMatchObject({ reason: 'timed-out', trans_status_reason: '14' });
    expect(await challengeResultOf(t.app.ctx, outcome.threeDSServerTransID)).toMatchObject({ status: 'N' });
  });

  it('resends a new code after a minute, the earlier one stops working, and twice at most', async () => {
    const { card, outcome } = await challenged();
    const first = codeIn(await lastCodeSms(t.app, card.owner.who.phone));
    expect((await challengeCall(outcome.acsTransID, 'resend')).statusCode).toBe(429);
    t.clock.advance(60_000);
    expect((await challengeCall(outcome.acsTransID, 'resend')).statusCode).toBe(200);
    const second = codeIn(await lastCodeSms(t.app, card.owner.who.phone));
    t.clock.advance(60_000);
    expect((await challengeCall(outcome.acsTransID, 'resend')).statusCode).toBe(200);
    t.clock.advance(60_000);
    const third = await challengeCall(outcome.acsTransID, 'resend');
    expect(third.statusCode).toBe(409);
    expect(third.json().type).toContain('acs-resends-exhausted');
    const latest = codeIn(await lastCodeSms(t.app, card.owner.who.phone));
    for (const old of [first, second].filter((code) => code !== latest)) {
      expect((await answerCode(t, outcome.acsTransID, old)).json()).toMatchObject({ transStatus: 'C' });
    }
    expect((await answerCode(t, outcome.acsTransID, latest)).json()).toMatchObject({ transStatus: 'Y' });
  });

  it('is cancelled by the cardholder: N, and the result is delivered', async () => {
    const { outcome } = await challenged();
    expect((await challengeCall(outcome.acsTransID, 'cancel')).json()).toEqual({ transStatus: 'N', done: true, triesLeft: 0 });
    expect(await rowOf(outcome.acsTransID)).toMatchObject({ reason: 'cancelled' });
    expect(await challengeResultOf(t.app.ctx, outcome.threeDSServerTransID)).toMatchObject({ status: 'N' });
  });

  it('answers 404 for an id never issued and 400 for one that is no UUID', async () => {
    expect((await t.app.inject({ url: '/api/acs/v1/challenges/7c0a3b52-2f59-4a8e-9d6f-3b1b7a0e9c11' })).statusCode).toBe(404);
    expect((await answerCode(t, '7c0a3b52-2f59-4a8e-9d6f-3b1b7a0e9c11', '123456')).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/acs/v1/challenges/1%27%20OR%201=1' })).statusCode).toBe(400);
  });
});

describe('the decision before any code', () => {
  async function rejected(prepare: (card: Awaited<ReturnType<typeof typedCard>>) => Promise<void>, amountMinor = 1_000_000n) {
    const card = await typedCard(t, 10_000_000n);
    await prepare(card);
    const before = (await allSms(t.app, card.owner.who.phone)).length;
    const input = authenticationInput(card, amountMinor);
    const outcome = await authenticate(t.app.ctx, input);
    expect((await allSms(t.app, card.owner.who.phone)).length).toBe(before);
    return { outcome, reason: await decidedReason(input.paymentId) };
  }

  it('rejects R with the reason, and sends no SMS, when internet payments are off', async () => {
    const { outcome, reason } = await rejected(async (card) => {
      await cardCall(t, card.owner.who, 'PATCH', `/api/v1/cards/${card.cardId}/controls`, { internetEnabled: false });
    });
    expect(outcome).toMatchObject({ kind: 'result', result: { status: 'R', authenticationValue: null } });
    expect(reason).toBe('internet-off');
  });

  it('rejects a frozen card', async () => {
    const { outcome, reason } = await rejected(async (card) => {
      await cardCall(t, card.owner.who, 'POST', `/api/v1/cards/${card.cardId}/freeze`);
    });
    expect(outcome).toMatchObject({ kind: 'result', result: { status: 'R' } });
    expect(reason).toBe('card-frozen');
  });

  it('rejects a purchase over the card’s internet limit per purchase', async () => {
    const { outcome, reason } = await rejected(async (card) => {
      await cardCall(t, card.owner.who, 'PUT', `/api/v1/cards/${card.cardId}/limits`, {
        perOperationMinor: 100_000,
        perDayMinor: 150_000,
        perMonthMinor: 200_000,
      });
    }, 150_000n);
    expect(outcome).toMatchObject({ kind: 'result', result: { status: 'R' } });
    expect(reason).toBe('limit-per-operation');
  });

  it('rejects an expiry that is not the card’s', async () => {
    const card = await typedCard(t, 1_000_000n);
    const input = authenticationInput(card, 100_000n, { expiry: '9912' });
    expect(await authenticate(t.app.ctx, input)).toMatchObject({ kind: 'result', result: { status: 'R' } });
    expect(await decidedReason(input.paymentId)).toBe('card-wrong-expiry');
  });

  it('answers U for a card of a range no ACS serves', async () => {
    const outcome = await authenticate(t.app.ctx, authenticationInput({ pan: '5555555555554444', expiry: '3012' }, 100_000n));
    expect(outcome).toMatchObject({ kind: 'result', result: { status: 'U', authenticationValue: null } });
  });

  it('is frictionless (Y, no SMS) for a low amount at a merchant the card paid before, and challenges above the ceiling', async () => {
    const card = await typedCard(t, 10_000_000n);
    const first = authenticationInput(card, 200_000n);
    const passed = await passedAuthentication(t, card, first);
    expect((await authoriseOnUs(t.app.ctx, onUsMessage(t, card, 200_000, passed))).responseCode).toBe('00');
    const before = (await allSms(t.app, card.owner.who.phone)).length;
    const again = await authenticate(t.app.ctx, authenticationInput(card, 500_000n));
    expect(again).toMatchObject({ kind: 'result', result: { status: 'Y', eci: '05' } });
    expect((await allSms(t.app, card.owner.who.phone)).length).toBe(before);
    expect((await authenticate(t.app.ctx, authenticationInput(card, 500_001n))).kind).toBe('challenge');
    const elsewhere = { id: `mch_${'f'.repeat(32)}`, displayName: 'OTHER SHOP', mcc: '5411', bin: '250140000000' };
    expect((await authenticate(t.app.ctx, authenticationInput(card, 1_000n, { merchant: elsewhere }))).kind).toBe('challenge');
  });
});

describe('the SMS text', () => {
  it('names the amount, the currency, the merchant and the card in ru, kk and en, and that the bank never asks', () => {
    const sms = { amount: '4 000,00 ₸', merchant: 'DEMO SHOP', last4: '1234', domain: 'mykassa.kz' };
    const never = { ru: 'никогда', kk: 'ешқашан', en: 'never' };
    for (const language of ['ru', 'kk', 'en'] as const) {
      const text = purchaseCodeSms(sms, language, '654321');
      expect(text).toContain('4 000,00 ₸');
      expect(text).toContain('DEMO SHOP');
      expect(text).toContain('1234');
      expect(text).toContain('mykassa.kz');
      expect(text.toLowerCase()).toContain(never[language]);
      expect(codeIn(text)).toBe('654321');
    }
  });
});
