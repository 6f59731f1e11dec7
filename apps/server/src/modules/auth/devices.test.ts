import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, bearer, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { SoftAuthenticator } from '../../../test/soft-authenticator.js';
import { PIN_FAILURES_MAX } from './devices.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function deviceKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    signChallenge: (challenge: string) =>
      sign('sha256', Buffer.from(challenge), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  };
}

async function bindPin(who: { cookie: string; csrf: string }, pin = '2580') {
  const keys = deviceKeys();
  const bound = await t.app.inject({
    method: 'POST',
    url: '/api/v1/devices/pin',
    headers: web(who),
    payload: { name: 'Pixel 8', pin, publicKeyJwk: keys.jwk },
  });
  return { ...keys, status: bound.statusCode, deviceId: bound.json().deviceId as string };
}

async function pinLogin(deviceId: string, signChallenge: (challenge: string) => string, pin: string) {
  const { challengeId, challenge } = (
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/device/challenge', payload: { deviceId } })
  ).json();
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/device/login',
    payload: { deviceId, challengeId, signature: signChallenge(challenge), pin, client: 'mobile' },
  });
}

describe('PIN login on a bound device', () => {
  it('binds a device after a full login, tells the customer, and logs in with key + PIN', async () => {
    const customer = await registerCustomer(t.app);
    const device = await bindPin(customer);
    expect(device.status).toBe(201);
    expect((await allSms(t.app, customer.phone)).join('\n')).toMatch(/привязано устройство «Pixel 8»/);
    const session = await pinLogin(device.deviceId, device.signChallenge, '2580');
    expect(session.statusCode).toBe(200);
    expect(session.json().method).toBe('pin');
    expect(session.json().customer.id).toBe(customer.customerId);
  });

  it('refuses a challenge signed by another key, and a challenge used twice', async () => {
    const customer = await registerCustomer(t.app);
    const device = await bindPin(customer);
    const thief = deviceKeys();
    expect((await pinLogin(device.deviceId, thief.signChallenge, '2580')).statusCode).toBe(401);
    const { challengeId, challenge } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/device/challenge', payload: { deviceId: device.deviceId } })
    ).json();
    const payload = { deviceId: device.deviceId, challengeId, signature: device.signChallenge(challenge), pin: '2580' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/device/login', payload })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/device/login', payload })).statusCode).toBe(401);
  });

  it(`unbinds the device after ${PIN_FAILURES_MAX} wrong PINs: the 6th try, even with the right PIN, is refused`, async () => {
    const customer = await registerCustomer(t.app);
    const device = await bindPin(customer);
    const answers: number[] = [];
    for (let attempt = 0; attempt < PIN_FAILURES_MAX; attempt += 1)
      answers.push((await pinLogin(device.deviceId, device.signChallenge, '0000')).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401]);
    const sixth = await pinLogin(device.deviceId, device.signChallenge, '2580');
    expect(sixth.statusCode).toBe(401);
    expect(sixth.json().type).toContain('device-revoked');
    expect((await allSms(t.app, customer.phone)).join('\n')).toMatch(/отвязано/);
  });

  it('refuses to bind a device from a PIN session: binding needs password + SMS', async () => {
    const customer = await registerCustomer(t.app);
    const device = await bindPin(customer);
    const pinSession = (await pinLogin(device.deviceId, device.signChallenge, '2580')).json();
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/devices/pin',
      headers: bearer(pinSession),
      payload: { name: 'x', pin: '1111', publicKeyJwk: deviceKeys().jwk },
    });
    expect(second.statusCode).toBe(403);
  });

  it('a revoked device cannot log in and its sessions end', async () => {
    const customer = await registerCustomer(t.app);
    const device = await bindPin(customer);
    const pinSession = (await pinLogin(device.deviceId, device.signChallenge, '2580')).json();
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/devices/${device.deviceId}`, headers: web(customer) });
    expect(revoked.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: bearer(pinSession) })).statusCode).toBe(401);
    const after = await pinLogin(device.deviceId, device.signChallenge, '2580');
    expect(after.statusCode).toBe(401);
    expect(after.json().type).toContain('device-revoked');
  });

  it("answers 404 for another customer's device and session, and audits it", async () => {
    const owner = await registerCustomer(t.app);
    const intruder = await registerCustomer(t.app);
    const device = await bindPin(owner);
    const ownerSessions = (await t.app.inject({ url: '/api/v1/sessions', headers: web(owner) })).json().items;
    const deviceAttempt = await t.app.inject({ method: 'DELETE', url: `/api/v1/devices/${device.deviceId}`, headers: web(intruder) });
    const sessionAttempt = await t.app.inject({ method: 'DELETE', url: `/api/v1/sessions/${ownerSessions[0].id}`, headers: web(intruder) });
    expect(deviceAttempt.statusCode).toBe(404);
    expect(sessionAttempt.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/devices', headers: web(owner) })).json().items).toHaveLength(1);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: web(owner) })).statusCode).toBe(200);
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM audit_events WHERE event = 'access.denied' AND customer_id = $1",
      [intruder.customerId],
    );
    expect(Number(rows[0]?.count)).toBe(2);
  });
});

describe('fingerprint login (WebAuthn)', () => {
  async function enrol(who: { cookie: string; csrf: string }, authenticator: SoftAuthenticator, userVerified = true) {
    const { challengeId, options } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/devices/webauthn/options', headers: web(who) })
    ).json();
    expect(options.authenticatorSelection.userVerification).toBe('required');
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/devices/webauthn',
      headers: web(who),
      payload: { challengeId, name: 'iPhone', response: authenticator.register(options.challenge, { userVerified }) },
    });
  }

  async function assertion(authenticator: SoftAuthenticator, options: { userVerified?: boolean; signCount?: number } = {}) {
    const { challengeId, options: requestOptions } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/webauthn/options', payload: {} })
    ).json();
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/webauthn/login',
      payload: { challengeId, response: authenticator.assert(requestOptions.challenge, options), client: 'mobile' },
    });
  }

  it('enrols a platform credential and logs in with user verification', async () => {
    const customer = await registerCustomer(t.app);
    const authenticator = new SoftAuthenticator('http://localhost:3000', 'localhost');
    expect((await enrol(customer, authenticator)).statusCode).toBe(201);
    const session = await assertion(authenticator);
    expect(session.statusCode).toBe(200);
    expect(session.json().method).toBe('webauthn');
  });

  it('refuses an enrolment and an assertion without user verification', async () => {
    const customer = await registerCustomer(t.app);
    expect((await enrol(customer, new SoftAuthenticator('http://localhost:3000', 'localhost'), false)).statusCode).toBe(401);
    const authenticator = new SoftAuthenticator('http://localhost:3000', 'localhost');
    expect((await enrol(customer, authenticator)).statusCode).toBe(201);
    expect((await assertion(authenticator, { userVerified: false })).statusCode).toBe(401);
  });

  it('refuses another origin (a phishing site), and refuses and records a counter going backwards', async () => {
    const customer = await registerCustomer(t.app);
    const authenticator = new SoftAuthenticator('http://localhost:3000', 'localhost');
    await enrol(customer, authenticator);
    const phishing = new SoftAuthenticator('https://mykassa-secure.kz', 'localhost');
    expect((await enrol(customer, phishing)).statusCode).toBe(401);
    expect((await assertion(authenticator, { signCount: 10 })).statusCode).toBe(200);
    expect((await assertion(authenticator, { signCount: 5 })).statusCode).toBe(401);
    const { rows } = await t.db.query("SELECT details FROM audit_events WHERE event = 'device.sign_count_regressed' AND customer_id = $1", [
      customer.customerId,
    ]);
    expect(rows).toHaveLength(1);
  });
});
