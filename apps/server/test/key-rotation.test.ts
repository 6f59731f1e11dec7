import { generateKeyPairSync, sign } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { clientHash, csrfTokenFor, pinHash, tokenHash } from '../src/modules/auth/auth.fixtures.js';
import { REGISTRATION_CONSENT } from '../src/modules/identity/index.js';
import { ManualClock } from '../src/shared/clock.js';
import { Keyring } from '../src/shared/keyring.js';
import { codeIn, GOOD_PASSWORD, lastCodeSms, login, registerCustomer, uniqueIin, uniquePhone, web } from './customers.js';
import { createTestDatabase, type TestDatabase, testConfig } from './harness.js';

/**
 * SECURITY.md 39 (issue 9 item 9, phase 2): "new keys for new hashes and tokens, old ones still
 * verify". Two servers on one database: `before` holds the old key alone (a single 64-hex
 * SECRET_KEY, key k0), `after` the new key first and the old one second, as step 2 of
 * docs/OPERATIONS.md "Keys and rotation" has it. What was made under k0 keeps working on `after`;
 * what `after` makes is under k1.
 */
const OLD_HEX = 'e5'.repeat(32);
const NEW_HEX = '7a'.repeat(32);
const OLD_ONLY = OLD_HEX;
const NEW_FIRST = `k1:${NEW_HEX},k0:${OLD_HEX}`;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Each key alone, to tell under which one a stored hash was made. */
const k0 = Keyring.parse(OLD_HEX);
const k1 = Keyring.parse(`k1:${NEW_HEX}`);

let t: TestDatabase;
let before: FastifyInstance;
let after: FastifyInstance;
const clock = new ManualClock();

beforeAll(async () => {
  t = await createTestDatabase();
  before = await buildApp(testConfig({ SECRET_KEY: OLD_ONLY }), { db: t.db, clock });
  after = await buildApp(testConfig({ SECRET_KEY: NEW_FIRST }), { db: t.db, clock });
  await Promise.all([before.ready(), after.ready()]);
});
afterAll(async () => {
  await before.close();
  await after.close();
  await t.drop();
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

/** Binds a PIN device on `app` from a full web session, the code read from the SMS. */
async function bindPin(app: FastifyInstance, who: { phone: string; cookie: string; csrf: string }, pin: string) {
  const keys = deviceKeys();
  const started = await app.inject({
    method: 'POST',
    url: '/api/v1/devices/bindings',
    headers: web(who),
    payload: { kind: 'pin', name: 'Pixel 8', publicKeyJwk: keys.jwk },
  });
  expect(started.statusCode).toBe(201);
  const code = codeIn(await lastCodeSms(app, who.phone));
  const bound = await app.inject({
    method: 'POST',
    url: '/api/v1/devices/pin',
    headers: web(who),
    payload: { bindingId: started.json().bindingId, code, name: 'Pixel 8', pin, publicKeyJwk: keys.jwk },
  });
  expect(bound.statusCode).toBe(201);
  return { ...keys, deviceId: bound.json().deviceId as string };
}

async function pinLogin(app: FastifyInstance, device: { deviceId: string; signChallenge: (challenge: string) => string }, pin: string) {
  const { challengeId, challenge } = (
    await app.inject({ method: 'POST', url: '/api/v1/auth/device/challenge', payload: { deviceId: device.deviceId } })
  ).json();
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/device/login',
    payload: { deviceId: device.deviceId, challengeId, signature: device.signChallenge(challenge), pin, client: 'mobile' },
  });
}

async function storedPinHash(deviceId: string): Promise<string | undefined> {
  const { rows } = await t.db.query<{ pin_hash: string }>('SELECT pin_hash FROM devices WHERE id = $1', [deviceId]);
  return rows[0]?.pin_hash;
}

async function storedTokenHash(sessionId: string): Promise<string | undefined> {
  const { rows } = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE id = $1', [sessionId]);
  return rows[0]?.token_hash;
}

/** The code hash of a login's challenge. */
async function loginChallenge(loginId: string): Promise<{ id: string; codeHash: string }> {
  const { rows } = await t.db.query<{ id: string; code_hash: string }>(
    'SELECT c.id, c.code_hash FROM login_attempts l JOIN sca_challenges c ON c.id = l.challenge_id WHERE l.id = $1',
    [loginId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no challenge for login ${loginId}`);
  return { id: row.id, codeHash: row.code_hash };
}

async function startLogin(app: FastifyInstance, phone: string, headers: Record<string, string> = {}): Promise<string> {
  const started = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: phone, password: GOOD_PASSWORD },
    headers,
  });
  expect(started.statusCode).toBe(200);
  return started.json().loginId;
}

async function pendingSealedText(phone: string): Promise<string> {
  const { rows } = await t.db.query<{ sealed: string }>(
    "SELECT payload->>'sealedText' AS sealed FROM outbox_messages WHERE payload->>'to' = $1 AND status = 'pending'",
    [phone],
  );
  expect(rows).toHaveLength(1);
  return rows[0]?.sealed ?? '';
}

describe('a new key first in SECRET_KEY (SECURITY.md 39)', () => {
  it('keeps a web session made under the old key: its cookie authenticates and its CSRF token still allows a write', async () => {
    const customer = await registerCustomer(before);
    const session = await after.inject({ url: '/api/v1/auth/session', headers: web(customer) });
    expect(session.statusCode).toBe(200);
    const sessionId: string = session.json().sessionId;
    expect(await storedTokenHash(sessionId)).toBe(tokenHash(k0, customer.cookie));
    expect(customer.csrf).toBe(csrfTokenFor(k0, sessionId));
    // A write with the CSRF token the page got before the rotation.
    const extended = await after.inject({ method: 'POST', url: '/api/v1/auth/session/extend', headers: web(customer) });
    expect(extended.statusCode).toBe(200);
    // The token handed out from now on is under the new key, and works as well.
    expect(extended.json().csrfToken).toBe(csrfTokenFor(k1, sessionId));
    const withNew = await after.inject({
      method: 'POST',
      url: '/api/v1/auth/session/extend',
      headers: web({ cookie: customer.cookie, csrf: extended.json().csrfToken }),
    });
    expect(withNew.statusCode).toBe(200);
    // The CSRF check is still a check: another session's token, an altered one, or one in another
    // spelling of the same bytes (the last character's spare bits, padding) is refused.
    const other = csrfTokenFor(k0, 'ses_another');
    const altered = `${customer.csrf.slice(0, 10)}${customer.csrf[10] === 'A' ? 'B' : 'A'}${customer.csrf.slice(11)}`;
    const last = customer.csrf.at(-1) ?? 'A';
    const respelled = `${customer.csrf.slice(0, -1)}${BASE64URL[BASE64URL.indexOf(last) ^ 1]}`;
    expect(Buffer.from(respelled, 'base64url').equals(Buffer.from(customer.csrf, 'base64url'))).toBe(true);
    for (const csrf of [other, altered, respelled, `${customer.csrf}=`]) {
      const forged = await after.inject({
        method: 'POST',
        url: '/api/v1/auth/session/extend',
        headers: web({ cookie: customer.cookie, csrf }),
      });
      expect(forged.statusCode).toBe(403);
    }
  });

  it('makes new sessions under the new key', async () => {
    const customer = await registerCustomer(before);
    clock.advance(61_000);
    const fresh = await login(after, customer);
    expect(fresh.status).toBe(200);
    const sessionId: string = (await after.inject({ url: '/api/v1/auth/session', headers: web(fresh) })).json().sessionId;
    expect(await storedTokenHash(sessionId)).toBe(tokenHash(k1, fresh.cookie));
    expect(fresh.csrf).toBe(csrfTokenFor(k1, sessionId));
    // A server still on the old key alone does not know it: why step 2 gives every server the key first.
    expect((await before.inject({ url: '/api/v1/auth/session', headers: web(fresh) })).statusCode).toBe(401);
  });

  it('confirms a login code issued under the old key, and issues new codes under the new key', async () => {
    const customer = await registerCustomer(before);
    clock.advance(61_000);
    const loginId = await startLogin(before, customer.phone);
    const code = codeIn(await lastCodeSms(before, customer.phone));
    expect((await loginChallenge(loginId)).codeHash).toBe(k0.hmacHex(`code:${(await loginChallenge(loginId)).id}`, code));
    const confirmed = await after.inject({ method: 'POST', url: `/api/v1/auth/login/${loginId}/confirm`, payload: { code } });
    expect(confirmed.statusCode).toBe(200);

    clock.advance(61_000);
    const nextLoginId = await startLogin(after, customer.phone);
    const nextCode = codeIn(await lastCodeSms(after, customer.phone));
    const challenge = await loginChallenge(nextLoginId);
    expect(challenge.codeHash).toBe(k1.hmacHex(`code:${challenge.id}`, nextCode));
    const next = await after.inject({ method: 'POST', url: `/api/v1/auth/login/${nextLoginId}/confirm`, payload: { code: nextCode } });
    expect(next.statusCode).toBe(200);
  });

  it('logs in with a PIN device bound under the old key, moves its PIN hash to the new key, and binds new devices under it', async () => {
    const customer = await registerCustomer(before);
    const device = await bindPin(before, customer, '2580');
    expect(await storedPinHash(device.deviceId)).toBe(pinHash(k0, device.deviceId, '2580'));
    // A wrong PIN is still wrong under every key.
    expect((await pinLogin(after, device, '0000')).statusCode).toBe(401);
    const session = await pinLogin(after, device, '2580');
    expect(session.statusCode).toBe(200);
    expect(session.json().method).toBe('pin');
    // Hashed again under the current key at this login: the old key is no longer needed for it.
    expect(await storedPinHash(device.deviceId)).toBe(pinHash(k1, device.deviceId, '2580'));
    expect((await pinLogin(after, device, '2580')).statusCode).toBe(200);

    const second = await bindPin(after, customer, '1357');
    expect(await storedPinHash(second.deviceId)).toBe(pinHash(k1, second.deviceId, '1357'));
  });

  it('delivers an SMS code sealed under the old key that was still waiting, and seals new ones under the new key', async () => {
    const phone = uniquePhone();
    // Queued by the server on the old key, not delivered before the rotation (the gateway was slow).
    const started = await before.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone, language: 'ru' } });
    expect(started.statusCode).toBe(201);
    expect(await pendingSealedText(phone)).toMatch(/^ks1\.k0\./);
    const code = codeIn(await lastCodeSms(after, phone));
    const verified = await after.inject({
      method: 'POST',
      url: `/api/v1/registration/${started.json().registrationId}/phone`,
      payload: { code },
    });
    expect(verified.statusCode).toBe(204);

    const otherPhone = uniquePhone();
    expect(
      (await after.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone: otherPhone, language: 'ru' } })).statusCode,
    ).toBe(201);
    expect(await pendingSealedText(otherPhone)).toMatch(/^ks1\.k1\./);
    expect(codeIn(await lastCodeSms(after, otherPhone))).toMatch(/^\d{6}$/);
  });

  it('lets an SMS text sealed in the format before the keyring go dead at once, its text erased', async () => {
    const phone = uniquePhone();
    await t.db.query("INSERT INTO outbox_messages (id, channel, payload) VALUES ('out_pre_keyring', 'sms', $1)", [
      JSON.stringify({
        to: phone,
        purpose: 'code:login',
        sealedText: { alg: 'A256GCM', kid: '0a1b2c3d', iv: 'AAAAAAAAAAAAAAAA', data: 'AAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA' },
      }),
    ]);
    await after.ctx.worker.drain();
    const { rows } = await t.db.query<{ status: string; attempts: number; last_error: string; payload: Record<string, unknown> }>(
      "SELECT status, attempts, last_error, payload FROM outbox_messages WHERE id = 'out_pre_keyring'",
    );
    expect(rows[0]).toMatchObject({ status: 'dead', attempts: 1, last_error: expect.stringMatching(/format before the keyring/) });
    expect(rows[0]?.payload).toEqual({ to: phone, purpose: 'code:login' });
  });

  it('knows a browser seen under the old key: no new-device notice, and it stays known under the new key', async () => {
    const customer = await registerCustomer(before);
    const browser = { cookie: '__Host-kassa_client=rotation-browser-aaaaaaaa' };
    const loginWith = async (app: FastifyInstance) => {
      clock.advance(61_000);
      const loginId = await startLogin(app, customer.phone, browser);
      const code = codeIn(await lastCodeSms(app, customer.phone));
      const confirmed = await app.inject({
        method: 'POST',
        url: `/api/v1/auth/login/${loginId}/confirm`,
        payload: { code },
        headers: browser,
      });
      expect(confirmed.statusCode).toBe(200);
      await app.ctx.worker.drain();
    };
    const notices = async () => {
      const { rows } = await t.db.query<{ count: bigint }>(
        "SELECT count(*) AS count FROM audit_events WHERE event = 'login.new_client' AND customer_id = $1",
        [customer.customerId],
      );
      return Number(rows[0]?.count);
    };
    const atStart = await notices();
    await loginWith(before);
    expect(await notices()).toBe(atStart + 1);
    await loginWith(after);
    expect(await notices()).toBe(atStart + 1);
    const { rows } = await t.db.query<{ client_hash: string }>(
      'SELECT client_hash FROM known_clients WHERE customer_id = $1 AND client_hash = ANY($2::text[])',
      [
        customer.customerId,
        k0.hmacCandidates('client', 'rotation-browser-aaaaaaaa').concat(k1.hmacCandidates('client', 'rotation-browser-aaaaaaaa')),
      ],
    );
    expect(rows.map((row) => row.client_hash).sort()).toEqual(
      [clientHash(k0, 'rotation-browser-aaaaaaaa'), clientHash(k1, 'rotation-browser-aaaaaaaa')].sort(),
    );
  });

  it('keeps the IIN a registration was bound to under the old key as its own, and counts it once', async () => {
    const phone = uniquePhone();
    const iin = uniqueIin();
    const started = await before.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone, language: 'ru' } });
    const registrationId: string = started.json().registrationId;
    const code = codeIn(await lastCodeSms(before, phone));
    expect(
      (await before.inject({ method: 'POST', url: `/api/v1/registration/${registrationId}/phone`, payload: { code } })).statusCode,
    ).toBe(204);
    const complete = (app: FastifyInstance, password: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/registration/${registrationId}/complete`,
        payload: { iin, fullName: 'Бекова Айгерим', password, agreement: 'emoney', consent: REGISTRATION_CONSENT, client: 'web' },
      });
    // A too-short password: the IIN is bound to the registration (under k0), nothing else happens.
    expect((await complete(before, 'short')).statusCode).toBe(400);
    const { rows: bound } = await t.db.query<{ iin_hash: string }>('SELECT iin_hash FROM registrations WHERE id = $1', [registrationId]);
    expect(bound[0]?.iin_hash).toBe(k0.hmacHex('cap-item:registration-iin', iin));
    const completed = await complete(after, GOOD_PASSWORD);
    expect(completed.statusCode).toBe(201);
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM cap_events WHERE scope = 'registration-iin' AND key = $1",
      [phone],
    );
    expect(Number(rows[0]?.count)).toBe(1);
  });

  it('counts an unknown payee number looked up under the old key once, when it is looked up again under the new key', async () => {
    const customer = await registerCustomer(before);
    const nobody = uniquePhone();
    const lookUp = (app: FastifyInstance) =>
      app.inject({ method: 'POST', url: '/api/v1/transfers/payee-lookup', headers: web(customer), payload: { phone: nobody } });
    expect((await lookUp(before)).json()).toMatchObject({ found: false });
    expect((await lookUp(after)).json()).toMatchObject({ found: false });
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM cap_events WHERE scope = 'payee-unknown' AND key = $1",
      [customer.customerId],
    );
    expect(Number(rows[0]?.count)).toBe(1);
  });
});
