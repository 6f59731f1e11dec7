import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { depositFromSettlement } from '../src/modules/accounts/index.js';
import { getAccount } from '../src/modules/ledger/index.js';
import { ManualClock } from '../src/shared/clock.js';
import { allSms, bearer, codeIn, GOOD_PASSWORD, type LoggedIn, lastCodeSms, login, registerCustomer, web } from './customers.js';
import { createTestDatabase, type TestDatabase, testConfig } from './harness.js';

/**
 * SECURITY.md 20 and 39: a whole day of a customer's secrets goes through the server at the most
 * talkative log level, and none of it reaches the log: not a full phone number, an IIN, a one-time
 * code, a session token, a password or a PIN, neither from bodies nor from query strings.
 */

const NEW_PASSWORD = 'Otherwise-Quiet-Steppe-77';
const PIN = '730194';

const lines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, callback) {
    lines.push(String(chunk));
    callback();
  },
});

let database: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  database = await createTestDatabase();
  // The low-value exemption off: the transfer below asks for its code.
  const config = testConfig({ LOG_LEVEL: 'trace', SCA_LOW_VALUE_MAX_MINOR: '0' });
  app = await buildApp(config, { db: database.db, clock: new ManualClock(), logDestination: logStream });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.drop();
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

async function expectStatus(response: Promise<{ statusCode: number; body: string }>, status: number) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBe(status);
  return answer;
}

it('logs no phone, IIN, code, token, password or PIN along registration, login, a transfer, a PIN device and a reset', async () => {
  // Registration and login with the SMS code, on the web and on the phone.
  const sender = await registerCustomer(app, { agreement: 'both' });
  const recipient = await registerCustomer(app, { agreement: 'emoney' });
  const mobile = await login(app, sender, 'mobile');
  expect(mobile.status).toBe(200);

  // A transfer to a phone number, confirmed with its code.
  const accounts = (await app.inject({ url: '/api/v1/accounts', headers: web(sender) })).json().items as Array<{
    id: string;
    kind: string;
  }>;
  const current = await getAccount(database.db, accounts.find((account) => account.kind === 'customer_current')?.id ?? '');
  if (!current) throw new Error('no current account');
  await database.db.transaction((tx) => depositFromSettlement(tx, current, 10_000_000n, 'test'));
  const created = await expectStatus(
    app.inject({
      method: 'POST',
      url: '/api/v1/transfers',
      headers: { ...bearer(mobile), 'idempotency-key': randomUUID() },
      payload: { kind: 'phone', sourceAccountId: current.id, payeePhone: recipient.phone, amountMinor: 2_000_000, currency: 'KZT' },
    }),
    201,
  );
  const transferCode = codeIn(await lastCodeSms(app, sender.phone));
  await expectStatus(
    app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${JSON.parse(created.body).id}/confirm`,
      headers: bearer(mobile),
      payload: { code: transferCode },
    }),
    200,
  );

  // A PIN device: bound with a code, then a login with the PIN.
  const keys = deviceKeys();
  const binding = await expectStatus(
    app.inject({
      method: 'POST',
      url: '/api/v1/devices/bindings',
      headers: bearer(mobile),
      payload: { kind: 'pin', name: 'Pixel 8', publicKeyJwk: keys.jwk },
    }),
    201,
  );
  const bindingCode = codeIn(await lastCodeSms(app, sender.phone));
  const bound = await expectStatus(
    app.inject({
      method: 'POST',
      url: '/api/v1/devices/pin',
      headers: bearer(mobile),
      payload: { bindingId: JSON.parse(binding.body).bindingId, code: bindingCode, name: 'Pixel 8', pin: PIN, publicKeyJwk: keys.jwk },
    }),
    201,
  );
  const deviceId = JSON.parse(bound.body).deviceId as string;
  const challenge = (await app.inject({ method: 'POST', url: '/api/v1/auth/device/challenge', payload: { deviceId } })).json();
  const pinLogin = await expectStatus(
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/device/login',
      payload: {
        deviceId,
        challengeId: challenge.challengeId,
        signature: keys.signChallenge(challenge.challenge),
        pin: PIN,
        client: 'mobile',
      },
    }),
    200,
  );

  // Query strings: a phone in the dev inbox's filter, a search and a token a careless client put in the URL.
  await expectStatus(app.inject({ url: `/api/v1/dev/sms?phone=${encodeURIComponent(sender.phone)}` }), 200);
  await app.inject({
    url: `/api/v1/operations?q=${encodeURIComponent(recipient.phone)}&access_token=${mobile.token}`,
    headers: bearer(mobile),
  });

  // A password reset, then a login with the new password.
  const reset = await expectStatus(
    app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { phone: sender.phone } }),
    201,
  );
  const resetCode = codeIn(await lastCodeSms(app, sender.phone));
  await expectStatus(
    app.inject({
      method: 'POST',
      url: `/api/v1/auth/password-reset/${JSON.parse(reset.body).resetId}/complete`,
      payload: { code: resetCode, iin: sender.iin, newPassword: NEW_PASSWORD },
    }),
    204,
  );
  const afterReset = await login(app, { phone: sender.phone, password: NEW_PASSWORD });
  expect(afterReset.status).toBe(200);
  await app.ctx.worker.drain();

  const log = lines.join('');
  // The capture works, and records what it should: requests, with their query names but not values.
  expect(lines.length).toBeGreaterThan(40);
  expect(log).toContain('"msg":"incoming request"');
  expect(log).toContain('/api/v1/dev/sms?phone=***');
  expect(log).toContain('/api/v1/operations?q=***&access_token=***');

  const everyCode = [...(await allSms(app, sender.phone)), ...(await allSms(app, recipient.phone))].flatMap((text) =>
    [...text.matchAll(/\b\d{6}\b/g)].map((match) => match[0]),
  );
  expect(everyCode).toEqual(expect.arrayContaining([transferCode, bindingCode, resetCode]));
  const sessions: LoggedIn[] = [sender, recipient, mobile, afterReset];
  const secrets: Record<string, string[]> = {
    phone: [sender.phone, recipient.phone].flatMap((phone) => [phone, phone.slice(1), phone.slice(2)]),
    iin: [sender.iin, recipient.iin],
    code: everyCode,
    token: [
      ...sessions.flatMap((session) => [session.cookie, session.token ?? '']),
      pinLogin.body && JSON.parse(pinLogin.body).token,
    ].filter((token): token is string => typeof token === 'string' && token.length > 0),
    password: [GOOD_PASSWORD, NEW_PASSWORD],
    pin: [PIN],
  };
  for (const [kind, values] of Object.entries(secrets)) {
    expect(values.length, kind).toBeGreaterThan(0);
    // As sent and as a URL carries it (+7701… is %2B7701… in a query string).
    for (const value of new Set(values.flatMap((secret) => [secret, encodeURIComponent(secret)]))) {
      // Digits count as found only on their own, not inside a longer number or id.
      const found = new RegExp(`(?<![0-9A-Za-z])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`).exec(log);
      expect(found && log.slice(Math.max(0, found.index - 200), found.index + 200), `${kind} ${value} in the log`).toBeNull();
    }
  }
});
