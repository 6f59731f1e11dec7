import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { answered, type TypedCard, typedCard } from '../card-network/card-network.fixtures.js';
import { authoriseOnUs } from '../card-network/index.js';
import { checkLedgerInvariants } from '../ledger/index.js';
import { authenticationInput, onUsMessage, passedAuthentication, TEST_MERCHANT } from './acs.fixtures.js';
import type { ThreeDsResult } from './acs.types.js';
import { authenticate } from './three-ds-server.js';

// Issue 15 item 4: the issuer's authorisation engine gates a Kassa card's purchase on its 3-D
// Secure result: Y/A with a value Kassa's ACS made for this card, amount, currency and merchant,
// used once, proceed; a missing, failed, forged, moved or reused one declines, and the history says why.

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

async function declineReason(rrn: string): Promise<string | null> {
  const { rows } = await t.db.query<{ decline_reason: string | null }>(
    'SELECT o.decline_reason FROM operations o JOIN card_authorisations a ON a.operation_id = o.id WHERE a.rrn = $1',
    [rrn],
  );
  return rows[0]?.decline_reason ?? null;
}

async function authenticated(amountMinor = 700_000n): Promise<{ card: TypedCard; result: ThreeDsResult }> {
  const card = await typedCard(t, 10_000_000n);
  return { card, result: await passedAuthentication(t, card, authenticationInput(card, amountMinor)) };
}

async function authorisedWith(card: TypedCard, amountMinor: number, threeDs: ThreeDsResult | null, merchant = TEST_MERCHANT) {
  const message = onUsMessage(t, card, amountMinor, threeDs, merchant);
  const answer = await authoriseOnUs(t.app.ctx, message);
  return { code: answer.responseCode, reason: answer.responseCode === '00' ? null : await declineReason(message.rrn) };
}

describe('the on-us engine and the 3-D Secure result', () => {
  it('approves a purchase with the value of its own authentication, and refuses the same value on a second purchase', async () => {
    const { card, result } = await authenticated();
    expect(await authorisedWith(card, 700_000, result)).toEqual({ code: '00', reason: null });
    expect(await authorisedWith(card, 700_000, result)).toEqual({ code: '05', reason: 'card-authentication-reused' });
    const { rows } = await t.db.query(
      "SELECT seq FROM audit_events WHERE event = 'acs.authentication_value_refused' AND customer_id = $1",
      [card.owner.who.customerId],
    );
    expect(rows).toHaveLength(1);
  });

  it('requires a result on-us', async () => {
    const card = await typedCard(t, 1_000_000n);
    expect(await authorisedWith(card, 100_000, null)).toEqual({ code: '05', reason: 'card-authentication-missing' });
  });

  it('declines N, R and U', async () => {
    const card = await typedCard(t, 1_000_000n);
    for (const status of ['N', 'R', 'U'] as const) {
      const threeDs: ThreeDsResult = { status, eci: null, authenticationValue: null, dsTransID: randomUUID() };
      expect(await authorisedWith(card, 100_000, threeDs)).toEqual({ code: '05', reason: 'card-authentication-failed' });
    }
  });

  it('refuses a forged value, a Y without one, and a value with the ECI of another status', async () => {
    const { card, result } = await authenticated();
    const forged = { ...result, authenticationValue: Buffer.alloc(20, 7).toString('base64') };
    expect(await authorisedWith(card, 700_000, forged)).toEqual({ code: '05', reason: 'card-authentication-invalid' });
    expect(await authorisedWith(card, 700_000, { ...result, authenticationValue: null })).toMatchObject({
      reason: 'card-authentication-invalid',
    });
    expect(await authorisedWith(card, 700_000, { ...result, eci: '06' })).toMatchObject({ reason: 'card-authentication-invalid' });
    // Y relabelled A: the value is bound to its status.
    expect(await authorisedWith(card, 700_000, { ...result, status: 'A', eci: '06' })).toMatchObject({
      reason: 'card-authentication-invalid',
    });
    // None of these used the value: the purchase it was made for still goes through.
    expect(await authorisedWith(card, 700_000, result)).toEqual({ code: '00', reason: null });
  });

  it('refuses the value of another payment: another amount, merchant or card', async () => {
    const { card, result } = await authenticated(700_000n);
    expect(await authorisedWith(card, 700_001, result)).toMatchObject({ reason: 'card-authentication-invalid' });
    const other = { ...TEST_MERCHANT, id: `mch_${'e'.repeat(32)}` };
    expect(await authorisedWith(card, 700_000, result, other)).toMatchObject({ reason: 'card-authentication-invalid' });
    const another = await typedCard(t, 10_000_000n);
    expect(await authorisedWith(another, 700_000, result)).toMatchObject({ reason: 'card-authentication-invalid' });
  });

  it('refuses a sandbox card’s value for a Kassa card', async () => {
    const card = await typedCard(t, 1_000_000n);
    const sandbox = await authenticate(t.app.ctx, authenticationInput({ pan: '4000000000000002', expiry: '3012' }, 100_000n));
    if (sandbox.kind !== 'result') throw new Error('sandbox …0002 is frictionless');
    expect(await authorisedWith(card, 100_000, sandbox.result)).toMatchObject({ reason: 'card-authentication-invalid' });
  });

  it('lets one of twenty parallel purchases carrying one value through', async () => {
    const { card, result } = await authenticated(100_000n);
    const answers = await Promise.all(Array.from({ length: 20 }, () => authoriseOnUs(t.app.ctx, onUsMessage(t, card, 100_000, result))));
    expect(answers.filter((answer) => answer.responseCode === '00')).toHaveLength(1);
  });
});

describe('a network’s message for a Kassa card', () => {
  it('is decided as before without a result, and its result is verified when it carries one', async () => {
    const card = await typedCard(t, 1_000_000n);
    const plain = onUsMessage(t, card, 100_000, null);
    expect((await answered(t, 'authorisation', plain)).responseCode).toBe('00');
    const forged = onUsMessage(t, card, 100_000, {
      status: 'Y',
      eci: '05',
      authenticationValue: Buffer.alloc(20, 1).toString('base64'),
      dsTransID: randomUUID(),
    });
    expect((await answered(t, 'authorisation', forged)).responseCode).toBe('05');
    expect(await declineReason(forged.rrn)).toBe('card-authentication-invalid');
  });
});
