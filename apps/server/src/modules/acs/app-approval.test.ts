import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { bindPinDevice, pinLogin } from '../blocks/blocks.fixtures.js';
import { type TypedCard, typedCard } from '../card-network/card-network.fixtures.js';
import { authenticationInput } from './acs.fixtures.js';
import { expireChallenges } from './challenges-expiry.js';
import { authenticate, challengeResultOf } from './three-ds-server.js';

// Issue 15 item 4: "a customer with a bound device may approve in the app instead" of typing the
// SMS code: the device's key signs a challenge naming this purchase, with the PIN.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A cardholder with a bound PIN device, signed in on it (a bearer session by PIN), and a challenge waiting. */
async function waiting(amountMinor = 700_000n) {
  const card: TypedCard = await typedCard(t, 1_000_000n);
  const device = await bindPinDevice(t, card.owner.who);
  const login = await pinLogin(t, device);
  expect(login.statusCode).toBe(200);
  const app = bearer({ token: login.json().token });
  const outcome = await authenticate(t.app.ctx, authenticationInput(card, amountMinor));
  if (outcome.kind !== 'challenge') throw new Error('expected a challenge');
  return { card, device, app, outcome };
}

function call(headers: Record<string, string>, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  return t.app.inject({
    method,
    url,
    headers: { ...headers, 'accept-language': 'en' },
    ...(method === 'POST' ? { payload: payload ?? {} } : {}),
  });
}

async function approve(w: Awaited<ReturnType<typeof waiting>>, pin = '2580', sign = w.device.signChallenge) {
  const base = `/api/v1/3ds/approvals/${w.outcome.acsTransID}`;
  const started = await call(w.app, 'POST', `${base}/start`);
  expect(started.statusCode).toBe(200);
  const { challengeId, challenge } = started.json();
  return { challenge, answer: await call(w.app, 'POST', `${base}/approve`, { challengeId, signature: sign(challenge), pin }) };
}

describe('challenges nobody comes back to', () => {
  it('end N, timed out, when their time is over, and the 3DS Server has the result', async () => {
    const w = await waiting();
    expect(await expireChallenges(t.app.ctx, t.clock.now(), 100)).toBe(0);
    t.clock.advance(5 * 60_000 + 1);
    expect(await expireChallenges(t.app.ctx, t.clock.now(), 100)).toBeGreaterThanOrEqual(1);
    expect(await challengeResultOf(t.app.ctx, w.outcome.threeDSServerTransID)).toMatchObject({ status: 'N' });
    expect((await call({}, 'GET', `/api/acs/v1/challenges/${w.outcome.acsTransID}`)).json()).toMatchObject({
      status: 'failed',
      appApproval: false,
    });
  });
});

describe('approving a 3-D Secure challenge in the app', () => {
  it('lists the purchase with its amount and merchant, and the bank’s page offers the app', async () => {
    const w = await waiting();
    const pending = (await call(w.app, 'GET', '/api/v1/3ds/approvals')).json().items;
    expect(pending).toEqual([
      expect.objectContaining({ acsTransID: w.outcome.acsTransID, merchantName: 'DEMO SHOP', amountMinor: 700_000, currency: 'KZT' }),
    ]);
    const page = (await call({}, 'GET', `/api/acs/v1/challenges/${w.outcome.acsTransID}`)).json();
    expect(page).toMatchObject({ status: 'pending', appApproval: true });
  });

  it('the device’s signature over this purchase and the PIN end the challenge Y, as the code would', async () => {
    const w = await waiting();
    const { challenge, answer } = await approve(w);
    expect(challenge).toContain(`3ds:${w.outcome.acsTransID}:700000:398:DEMO SHOP`);
    expect(answer.statusCode).toBe(200);
    const result = await challengeResultOf(t.app.ctx, w.outcome.threeDSServerTransID);
    expect(result).toMatchObject({ status: 'Y', eci: '05' });
    expect(result?.authenticationValue).toBeTruthy();
    expect((await call(w.app, 'GET', '/api/v1/3ds/approvals')).json().items).toEqual([]);
  });

  it('a wrong PIN or another key approves nothing; the tries count against the device', async () => {
    const w = await waiting();
    const wrongPin = await approve(w, '1111');
    expect(wrongPin.answer.statusCode).toBe(401);
    expect(wrongPin.answer.json().attemptsLeft).toBe(4);
    const stranger = await bindPinDevice(t, (await typedCard(t, 0n)).owner.who);
    const wrongKey = await approve(w, '2580', stranger.signChallenge);
    expect(wrongKey.answer.statusCode).toBe(401);
    expect((await call({}, 'GET', `/api/acs/v1/challenges/${w.outcome.acsTransID}`)).json().status).toBe('pending');
  });

  it('a challenge signed for one purchase does not approve another', async () => {
    const first = await waiting();
    const second = await authenticate(t.app.ctx, authenticationInput(first.card, 800_000n));
    if (second.kind !== 'challenge') throw new Error('expected a challenge');
    const started = await call(first.app, 'POST', `/api/v1/3ds/approvals/${first.outcome.acsTransID}/start`);
    const { challengeId, challenge } = started.json();
    const swapped = await call(first.app, 'POST', `/api/v1/3ds/approvals/${second.acsTransID}/approve`, {
      challengeId,
      signature: first.device.signChallenge(challenge),
      pin: '2580',
    });
    expect(swapped.statusCode).toBe(404);
    expect((await call({}, 'GET', `/api/acs/v1/challenges/${second.acsTransID}`)).json().status).toBe('pending');
  });

  it('needs a session the bound device opened by its PIN, and the customer’s own challenge', async () => {
    const w = await waiting();
    const byPassword = await call(web(w.card.owner.who), 'POST', `/api/v1/3ds/approvals/${w.outcome.acsTransID}/start`);
    expect(byPassword.statusCode).toBe(409);
    const other = await waiting();
    const foreign = await call(other.app, 'POST', `/api/v1/3ds/approvals/${w.outcome.acsTransID}/start`);
    expect(foreign.statusCode).toBe(404);
    expect((await call(other.app, 'POST', `/api/v1/3ds/approvals/${w.outcome.acsTransID}/decline`)).statusCode).toBe(404);
  });

  it('declining ends the challenge N: the purchase fails', async () => {
    const w = await waiting();
    const declined = await call(w.app, 'POST', `/api/v1/3ds/approvals/${w.outcome.acsTransID}/decline`);
    expect(declined.json()).toEqual({ status: 'declined' });
    expect(await challengeResultOf(t.app.ctx, w.outcome.threeDSServerTransID)).toMatchObject({ status: 'N' });
  });
});
