import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, bearer, codeIn, GOOD_PASSWORD, lastCodeSms, login, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { SoftAuthenticator } from '../../../test/soft-authenticator.js';
import { LOGIN_FAILURES_MAX } from './lockout.js';
import { PIN_FAILURES_MAX } from './pin-devices.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Who = { cookie: string; csrf: string } | { token: string | null };
const headersOf = (who: Who) => ('token' in who && who.token ? bearer(who) : web(who as { cookie: string; csrf: string }));

function deviceKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    signChallenge: (challenge: string) =>
      sign('sha256', Buffer.from(challenge), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  };
}

function startBinding(who: Who, body: { kind: 'pin' | 'webauthn'; name: string; publicKeyJwk?: unknown }) {
  return t.app.inject({ method: 'POST', url: '/api/v1/devices/bindings', headers: headersOf(who), payload: body });
}

function finishPin(who: Who, body: { bindingId: string; code: string; name: string; pin: string; publicKeyJwk: unknown }) {
  return t.app.inject({ method: 'POST', url: '/api/v1/devices/pin', headers: headersOf(who), payload: body });
}

/** The whole PIN binding as the app does it: start, read the code from the SMS, finish. */
async function bindPin(who: { phone: string } & Who, pin = '2580', name = 'Pixel 8') {
  const keys = deviceKeys();
  const started = await startBinding(who, { kind: 'pin', name, publicKeyJwk: keys.jwk });
  expect(started.statusCode).toBe(201);
  const code = codeIn(await lastCodeSms(t.app, who.phone));
  const bound = await finishPin(who, { bindingId: started.json().bindingId, code, name, pin, publicKeyJwk: keys.jwk });
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

async function activeDevices(who: Who): Promise<Array<{ id: string }>> {
  return (await t.app.inject({ url: '/api/v1/devices', headers: headersOf(who) })).json().items;
}

/** A six-digit code that is not `code`. */
function otherThan(code: string, offset = 1): string {
  return String((Number(code) + offset) % 1_000_000).padStart(6, '0');
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
    const second = await startBinding(pinSession, { kind: 'pin', name: 'x', publicKeyJwk: deviceKeys().jwk });
    expect(second.statusCode).toBe(403);
    expect(second.json().type).toContain('full-login-required');
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
  async function enrol(
    who: { phone: string; cookie: string; csrf: string },
    authenticator: SoftAuthenticator,
    userVerified = true,
    code?: (sent: string) => string,
  ) {
    const started = await startBinding(who, { kind: 'webauthn', name: 'iPhone' });
    expect(started.statusCode).toBe(201);
    const { bindingId } = started.json();
    const sent = codeIn(await lastCodeSms(t.app, who.phone));
    const { challengeId, options } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/devices/webauthn/options', headers: web(who), payload: { bindingId } })
    ).json();
    expect(options.authenticatorSelection.userVerification).toBe('required');
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/devices/webauthn',
      headers: web(who),
      payload: {
        bindingId,
        code: code ? code(sent) : sent,
        challengeId,
        name: 'iPhone',
        response: authenticator.register(options.challenge, { userVerified }),
      },
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

describe('binding a device is strong authentication (SECURITY.md 32)', () => {
  it('refuses to bind a PIN device with a stolen session token alone: no code, guessed codes, then even the real code', async () => {
    const victim = await registerCustomer(t.app);
    const stolen = await login(t.app, victim, 'mobile');
    const attacker = deviceKeys();
    // The call that used to bind a device with nothing but the token.
    const direct = await t.app.inject({
      method: 'POST',
      url: '/api/v1/devices/pin',
      headers: bearer(stolen),
      payload: { name: 'My phone', pin: '1357', publicKeyJwk: attacker.jwk },
    });
    expect(direct.statusCode).toBe(400);
    // Starting a binding sends the code to the victim's phone, which the attacker does not have.
    const started = await startBinding(stolen, { kind: 'pin', name: 'My phone', publicKeyJwk: attacker.jwk });
    expect(started.statusCode).toBe(201);
    const sent = codeIn(await lastCodeSms(t.app, victim.phone));
    const guess = (code: string) =>
      finishPin(stolen, { bindingId: started.json().bindingId, code, name: 'My phone', pin: '1357', publicKeyJwk: attacker.jwk });
    const answers = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) answers.push((await guess(otherThan(sent, attempt))).json().type);
    expect(answers[0]).toContain('code-invalid');
    expect(answers[2]).toContain('code-attempts-exceeded');
    expect((await guess(sent)).statusCode).toBe(422);
    expect(await activeDevices(stolen)).toEqual([]);
  });

  it('sends a code that names the device and how it logs in, the bank’s domain, and that the bank never asks for it', async () => {
    const customer = await registerCustomer(t.app);
    const started = await startBinding(customer, { kind: 'pin', name: 'Pixel 8', publicKeyJwk: deviceKeys().jwk });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ kind: 'pin', name: 'Pixel 8', maskedPhone: expect.stringMatching(/\*\*\*/) });
    const sms = (await lastCodeSms(t.app, customer.phone)) ?? '';
    expect(sms).toMatch(/^localhost:\d+: Код \d{6} для привязки устройства «Pixel 8» \(вход по PIN-коду\)\./);
    expect(sms).toMatch(/никогда не спрашивают/);
    expect((await startBinding(customer, { kind: 'webauthn', name: 'iPhone' })).statusCode).toBe(201);
    expect(await lastCodeSms(t.app, customer.phone)).toMatch(/«iPhone» \(вход по отпечатку или лицу\)/);
  });

  it('binds only what the code was sent for: another key or another name voids the code', async () => {
    const customer = await registerCustomer(t.app);
    const keys = deviceKeys();
    const started = (await startBinding(customer, { kind: 'pin', name: 'Pixel 8', publicKeyJwk: keys.jwk })).json();
    const code = codeIn(await lastCodeSms(t.app, customer.phone));
    const swapped = await finishPin(customer, {
      bindingId: started.bindingId,
      code,
      name: 'Pixel 8',
      pin: '2580',
      publicKeyJwk: deviceKeys().jwk,
    });
    expect(swapped.statusCode).toBe(422);
    expect(swapped.json().type).toContain('code-not-valid-anymore');
    // The code is void now, also for the key it was sent for.
    const original = await finishPin(customer, {
      bindingId: started.bindingId,
      code,
      name: 'Pixel 8',
      pin: '2580',
      publicKeyJwk: keys.jwk,
    });
    expect(original.statusCode).toBe(422);

    t.clock.advance(61_000);
    const again = (await startBinding(customer, { kind: 'pin', name: 'Pixel 8', publicKeyJwk: keys.jwk })).json();
    const code2 = codeIn(await lastCodeSms(t.app, customer.phone));
    const renamed = await finishPin(customer, {
      bindingId: again.bindingId,
      code: code2,
      name: 'Pixel 9',
      pin: '2580',
      publicKeyJwk: keys.jwk,
    });
    expect(renamed.statusCode).toBe(422);
    expect(await activeDevices(customer)).toEqual([]);
  });

  it('takes a binding code only in the session that started it and only for its own binding', async () => {
    const customer = await registerCustomer(t.app);
    const otherSession = await login(t.app, customer);
    const keys = deviceKeys();
    const first = (await startBinding(customer, { kind: 'pin', name: 'Pixel 8', publicKeyJwk: keys.jwk })).json();
    const firstCode = codeIn(await lastCodeSms(t.app, customer.phone));
    t.clock.advance(61_000);
    const second = (await startBinding(customer, { kind: 'pin', name: 'Pixel 8', publicKeyJwk: keys.jwk })).json();
    const secondCode = codeIn(await lastCodeSms(t.app, customer.phone));
    const body = { name: 'Pixel 8', pin: '2580', publicKeyJwk: keys.jwk };
    expect((await finishPin(otherSession, { ...body, bindingId: first.bindingId, code: firstCode })).statusCode).toBe(404);
    if (firstCode !== secondCode) {
      expect((await finishPin(customer, { ...body, bindingId: second.bindingId, code: firstCode })).statusCode).toBe(422);
    }
    expect((await finishPin(customer, { ...body, bindingId: first.bindingId, code: firstCode })).statusCode).toBe(201);
    expect(await activeDevices(customer)).toHaveLength(1);
  });

  it('sends a new binding code after the cooldown, and the old one stops working', async () => {
    const customer = await registerCustomer(t.app);
    const keys = deviceKeys();
    const started = (await startBinding(customer, { kind: 'pin', name: 'Pixel 8', publicKeyJwk: keys.jwk })).json();
    const oldCode = codeIn(await lastCodeSms(t.app, customer.phone));
    const resend = () =>
      t.app.inject({ method: 'POST', url: `/api/v1/devices/bindings/${started.bindingId}/resend`, headers: web(customer) });
    const early = await resend();
    expect(early.statusCode).toBe(429);
    expect(early.json().type).toContain('code-resend-cooldown');
    t.clock.advance(61_000);
    const resent = await resend();
    expect(resent.statusCode).toBe(200);
    expect(resent.json().bindingId).toBe(started.bindingId);
    const sms = await lastCodeSms(t.app, customer.phone);
    expect(sms).toMatch(/«Pixel 8»/);
    const newCode = codeIn(sms);
    const body = { bindingId: started.bindingId, name: 'Pixel 8', pin: '2580', publicKeyJwk: keys.jwk };
    if (oldCode !== newCode) expect((await finishPin(customer, { ...body, code: oldCode })).statusCode).toBe(422);
    expect((await finishPin(customer, { ...body, code: newCode })).statusCode).toBe(201);
  });

  it('counts binding codes against the hourly cap per phone like every code', async () => {
    const customer = await registerCustomer(t.app);
    const statuses: number[] = [];
    // The registration code was the first of the six an hour.
    for (let index = 0; index < 6; index += 1)
      statuses.push((await startBinding(customer, { kind: 'webauthn', name: `Phone ${index}` })).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    t.clock.advance(3_600_001);
  });

  it('binds a fingerprint only with the code: a wrong code is refused and nothing is bound', async () => {
    const customer = await registerCustomer(t.app);
    const authenticator = new SoftAuthenticator('http://localhost:3000', 'localhost');
    const { bindingId } = (await startBinding(customer, { kind: 'webauthn', name: 'iPhone' })).json();
    const sent = codeIn(await lastCodeSms(t.app, customer.phone));
    const options = (
      await t.app.inject({ method: 'POST', url: '/api/v1/devices/webauthn/options', headers: web(customer), payload: { bindingId } })
    ).json();
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/devices/webauthn',
      headers: web(customer),
      payload: {
        bindingId,
        code: otherThan(sent),
        challengeId: options.challengeId,
        name: 'iPhone',
        response: authenticator.register(options.options.challenge),
      },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().type).toContain('code-invalid');
    expect(await activeDevices(customer)).toEqual([]);
    const noBinding = await t.app.inject({ method: 'POST', url: '/api/v1/devices/webauthn/options', headers: web(customer), payload: {} });
    expect(noBinding.statusCode).toBe(400);
  });
});

describe('"log out everywhere" and a password change unbind devices (SECURITY.md 6, 32)', () => {
  it('log out everywhere from a password session unbinds every device; none can log in again, and the customer is told', async () => {
    const customer = await registerCustomer(t.app);
    const first = await bindPin(customer, '2580', 'Pixel 8');
    t.clock.advance(61_000);
    const second = await bindPin(customer, '1470', 'Galaxy');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: web(customer) });
    expect(out.statusCode).toBe(204);
    for (const [device, pin] of [
      [first, '2580'],
      [second, '1470'],
    ] as const) {
      const attempt = await pinLogin(device.deviceId, device.signChallenge, pin);
      expect(attempt.statusCode).toBe(401);
      expect(attempt.json().type).toContain('device-revoked');
    }
    expect((await allSms(t.app, customer.phone)).join('\n')).toMatch(/выход на всех устройствах, все привязанные устройства отвязаны/);
  });

  it('log out everywhere from a PIN session keeps that device and unbinds the others', async () => {
    const customer = await registerCustomer(t.app);
    const kept = await bindPin(customer, '2580', 'Pixel 8');
    t.clock.advance(61_000);
    const other = await bindPin(customer, '1470', 'Galaxy');
    const pinSession = (await pinLogin(kept.deviceId, kept.signChallenge, '2580')).json();
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: bearer(pinSession) });
    expect(out.statusCode).toBe(204);
    expect((await allSms(t.app, customer.phone)).join('\n')).toMatch(/выход на всех устройствах, другие привязанные устройства отвязаны/);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: bearer(pinSession) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: web(customer) })).statusCode).toBe(401);
    expect((await pinLogin(other.deviceId, other.signChallenge, '1470')).json().type).toContain('device-revoked');
    expect((await pinLogin(kept.deviceId, kept.signChallenge, '2580')).statusCode).toBe(200);
  });

  it('a password change unbinds every device but the one it came from; the others can no longer log in', async () => {
    const customer = await registerCustomer(t.app);
    const kept = await bindPin(customer, '2580', 'Pixel 8');
    t.clock.advance(61_000);
    const other = await bindPin(customer, '1470', 'Galaxy');
    const pinSession = (await pinLogin(kept.deviceId, kept.signChallenge, '2580')).json();
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: bearer(pinSession),
      payload: { currentPassword: GOOD_PASSWORD, newPassword: 'Fresh-Steppe-Wind-2026' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await allSms(t.app, customer.phone)).join('\n')).toMatch(
      /пароль изменён, другие сеансы завершены, другие привязанные устройства отвязаны/,
    );
    expect((await pinLogin(other.deviceId, other.signChallenge, '1470')).json().type).toContain('device-revoked');
    expect((await pinLogin(kept.deviceId, kept.signChallenge, '2580')).statusCode).toBe(200);

    // From a password session, no device is the requesting one: all go.
    const passwordSession = await login(t.app, { phone: customer.phone, password: 'Fresh-Steppe-Wind-2026' });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: web(passwordSession),
      payload: { currentPassword: 'Fresh-Steppe-Wind-2026', newPassword: 'Another-Steppe-Wind-2027' },
    });
    expect(again.statusCode).toBe(204);
    expect((await pinLogin(kept.deviceId, kept.signChallenge, '2580')).json().type).toContain('device-revoked');
  });
});

describe('a lock is no denial of service (SECURITY.md 38)', () => {
  it('a bound device still logs in while five wrong passwords from a stranger keep the password path locked', async () => {
    const customer = await registerCustomer(t.app);
    const device = await bindPin(customer);
    const authenticator = new SoftAuthenticator('http://localhost:3000', 'localhost');
    t.clock.advance(61_000);
    const started = (await startBinding(customer, { kind: 'webauthn', name: 'iPhone' })).json();
    const code = codeIn(await lastCodeSms(t.app, customer.phone));
    const options = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/devices/webauthn/options',
        headers: web(customer),
        payload: { bindingId: started.bindingId },
      })
    ).json();
    const enrolled = await t.app.inject({
      method: 'POST',
      url: '/api/v1/devices/webauthn',
      headers: web(customer),
      payload: {
        bindingId: started.bindingId,
        code,
        challengeId: options.challengeId,
        name: 'iPhone',
        response: authenticator.register(options.options.challenge),
      },
    });
    expect(enrolled.statusCode).toBe(201);
    for (let attempt = 0; attempt < LOGIN_FAILURES_MAX; attempt += 1)
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: customer.phone, password: `Stranger-Guess-${attempt}-x` },
        remoteAddress: `10.66.0.${attempt}`,
      });
    expect((await login(t.app, customer)).status).toBe(401);
    const pin = await pinLogin(device.deviceId, device.signChallenge, '2580');
    expect(pin.statusCode).toBe(200);
    expect(pin.json().customer.id).toBe(customer.customerId);
    const { challengeId, options: requestOptions } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/webauthn/options', payload: {} })
    ).json();
    const fingerprint = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/webauthn/login',
      payload: { challengeId, response: authenticator.assert(requestOptions.challenge), client: 'mobile' },
    });
    expect(fingerprint.statusCode).toBe(200);
    // The password path is still closed.
    expect((await login(t.app, customer)).status).toBe(401);
  });
});
