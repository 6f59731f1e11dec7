import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { codeIn, type LoggedIn, lastCodeSms, registerCustomer, web } from '../../../test/customers.js';
import type { TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { createSession } from '../auth/auth.fixtures.js';
import { getAccount } from '../ledger/index.js';

/** Test helpers of the emergency block: customers with money, bound devices, waiting transfers, the form. */

/** The date of birth test/customers.ts uniqueIin() encodes in every IIN it makes. */
export const TEST_BIRTH_DATE = '1990-05-17';

export interface Customer {
  who: LoggedIn;
  currentAccountId: string;
}

/** A customer with both agreements, signed in on the web, whose current account holds `amountMinor`. */
export async function customerWithMoney(t: TestApp, amountMinor = 0n): Promise<Customer> {
  const who = await registerCustomer(t.app, { agreement: 'both' });
  const list: Array<{ id: string; kind: string }> = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
  const current = list.find((account) => account.kind === 'customer_current');
  if (!current) throw new Error('no current account');
  const account = await getAccount(t.db, current.id);
  if (amountMinor > 0n && account) await t.db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'test'));
  return { who, currentAccountId: current.id };
}

/** A transfer by phone, a second after the one before (the test clock stands still). */
export function transferByPhone(t: TestApp, from: Customer, payeePhone: string, amountMinor: number, who: LoggedIn = from.who) {
  t.clock.advance(1_000);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': randomUUID(), 'accept-language': 'ru' },
    payload: { kind: 'phone', sourceAccountId: from.currentAccountId, payeePhone, amountMinor, currency: 'KZT' },
  });
}

export function blockForm(
  t: TestApp,
  body: { login: string; password: string; birthDate: string; reason?: string },
  remoteAddress?: string,
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/emergency-block',
    headers: { 'accept-language': 'en' },
    ...(remoteAddress ? { remoteAddress } : {}),
    payload: { reason: 'lost_phone', ...body },
  });
}

/** A PIN device bound from the customer's full web session, as the app binds one. */
export async function bindPinDevice(
  t: TestApp,
  who: LoggedIn,
): Promise<{ deviceId: string; signChallenge: (challenge: string) => string }> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const publicKeyJwk = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  const started = await t.app.inject({
    method: 'POST',
    url: '/api/v1/devices/bindings',
    headers: web(who),
    payload: { kind: 'pin', name: 'Pixel 8', publicKeyJwk },
  });
  if (started.statusCode !== 201) throw new Error(`binding: ${started.statusCode} ${started.body}`);
  const code = codeIn(await lastCodeSms(t.app, who.phone));
  const bound = await t.app.inject({
    method: 'POST',
    url: '/api/v1/devices/pin',
    headers: web(who),
    payload: { bindingId: started.json().bindingId, code, name: 'Pixel 8', pin: '2580', publicKeyJwk },
  });
  if (bound.statusCode !== 201) throw new Error(`pin: ${bound.statusCode} ${bound.body}`);
  return {
    deviceId: bound.json().deviceId,
    signChallenge: (challenge) =>
      sign('sha256', Buffer.from(challenge), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  };
}

export async function pinLogin(t: TestApp, device: { deviceId: string; signChallenge: (challenge: string) => string }) {
  const challenge = await t.app.inject({ method: 'POST', url: '/api/v1/auth/device/challenge', payload: { deviceId: device.deviceId } });
  if (challenge.statusCode !== 200) return challenge;
  const { challengeId, challenge: text } = challenge.json();
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/device/login',
    payload: { deviceId: device.deviceId, challengeId, signature: device.signChallenge(text), pin: '2580', client: 'mobile' },
  });
}

/**
 * A session opened without a login, as if its request had passed authentication just before the
 * block landed: what the block must still stop further down (operations asks the blocks port).
 */
export async function sessionWithoutLogin(t: TestApp, customerId: string): Promise<{ cookie: string; csrf: string }> {
  const session = await t.db.transaction((tx) =>
    createSession(tx, t.app.ctx, {
      customerId,
      client: 'web',
      method: 'password_sms',
      deviceId: null,
      meta: { ip: '127.0.0.1', userAgent: null, requestId: 'blocks-fixture', language: 'en' },
      now: t.clock.now(),
    }),
  );
  return { cookie: session.token, csrf: session.csrfToken };
}

/** How many SMS the dev inbox holds for a phone, after the outbox has delivered what was committed. */
export async function smsCount(t: TestApp, phone: string): Promise<number> {
  await t.app.ctx.worker.drain();
  const { rows } = await t.db.query<{ count: bigint }>('SELECT count(*) AS count FROM dev_sms_messages WHERE phone = $1', [phone]);
  return Number(rows[0]?.count ?? 0);
}
