import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowAt } from '../src/http/rate-limit.js';
import { ManualClock } from '../src/shared/clock.js';
import { ipCountingKey } from '../src/shared/request-meta.js';
import { login, registerCustomer, uniquePhone, web } from './customers.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * SECURITY.md 33: the general rate limits of http/rate-limit.ts, through the routes that carry a
 * class. The clock starts 10 s into a minute (and a day), so every Retry-After is known exactly.
 */
const START_MS = Date.UTC(2026, 2, 18, 0, 0, 10);
const LOGINS_PER_IP = 5;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    clock: new ManualClock(START_MS),
    env: { RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE_MAX: String(LOGINS_PER_IP) },
  });
});
afterAll(async () => {
  await t.close();
});

function loginAttempt(remoteAddress: string, language = 'en') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    headers: { 'accept-language': language },
    payload: { login: uniquePhone(), password: 'not-the-password-of-anyone' },
  });
}

function openAccount(who: { cookie: string; csrf: string }) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: { ...web(who), 'accept-language': 'ru' },
    payload: { currency: 'USD' },
  });
}

async function auditedRefusals(routeClass: string): Promise<Array<{ ip: string | null; customer_id: string | null; details: unknown }>> {
  const { rows } = await t.db.query<{ ip: string | null; customer_id: string | null; details: unknown }>(
    "SELECT ip, customer_id, details FROM audit_events WHERE event = 'rate_limit.exceeded' AND details ->> 'routeClass' = $1 ORDER BY seq",
    [routeClass],
  );
  return rows;
}

describe('per client IP', () => {
  it(`answers the login after ${LOGINS_PER_IP} from one IP within a minute with 429, Retry-After and a translated problem`, async () => {
    const ip = '198.51.100.21';
    const answers: number[] = [];
    for (let attempt = 0; attempt < LOGINS_PER_IP; attempt += 1) answers.push((await loginAttempt(ip)).statusCode);
    expect(answers).toEqual(Array(LOGINS_PER_IP).fill(200));

    const refused = await loginAttempt(ip);
    expect(refused.statusCode).toBe(429);
    // The window is the minute the clock is in: 50 s of it are left.
    expect(refused.headers['retry-after']).toBe('50');
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(refused.json()).toMatchObject({
      type: 'https://mykassa.kz/problems/too-many-requests',
      status: 429,
      title: 'Too many attempts, please try again later',
      detail: 'Try again in 50 s.',
    });
    const inRussian = await loginAttempt(ip, 'ru');
    expect(inRussian.json()).toMatchObject({ title: 'Слишком много попыток, попробуйте позже', detail: 'Повторите через 50 с.' });
    const inKazakh = await loginAttempt(ip, 'kk');
    expect(inKazakh.json()).toMatchObject({ title: 'Әрекеттер тым көп, кейінірек қайталаңыз', detail: '50 секундтан кейін қайталаңыз.' });

    // Another address has its own budget.
    expect((await loginAttempt('198.51.100.22')).statusCode).toBe(200);
    // Audited once, by the request that crossed the limit, not once per refused request.
    expect(await auditedRefusals('login')).toEqual([
      { ip, customer_id: null, details: expect.objectContaining({ routeClass: 'login', scope: 'ip', max: LOGINS_PER_IP, windowS: 60 }) },
    ]);
  });

  it('lets the same IP in again once the window has passed', async () => {
    const ip = '198.51.100.31';
    for (let attempt = 0; attempt < LOGINS_PER_IP; attempt += 1) await loginAttempt(ip);
    expect((await loginAttempt(ip)).statusCode).toBe(429);
    t.clock.advance(60_000);
    expect((await loginAttempt(ip)).statusCode).toBe(200);
  });

  it('counts an IPv6 client by its /64, so a new address in the same network is not a new budget', async () => {
    for (let host = 1; host <= LOGINS_PER_IP; host += 1) expect((await loginAttempt(`2001:db8:77:1::${host}`)).statusCode).toBe(200);
    expect((await loginAttempt('2001:db8:77:1:ffff:ffff:ffff:ffff')).statusCode).toBe(429);
    expect((await loginAttempt('2001:db8:77:2::1')).statusCode).toBe(200);
  });

  it('never lets parallel requests past the limit: 20 at once with a limit of 5 give exactly 5', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => loginAttempt('198.51.100.41')));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(LOGINS_PER_IP);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - LOGINS_PER_IP);
  });
});

describe('per customer', () => {
  it('opens 15 accounts in a row, refuses the 16th with 429 until the day is over, then opens again', async () => {
    const who = await registerCustomer(t.app, { agreement: 'banking' });
    const opened: number[] = [];
    for (let index = 0; index < 15; index += 1) opened.push((await openAccount(who)).statusCode);
    expect(opened).toEqual(Array(15).fill(201));

    const sixteenth = await openAccount(who);
    expect(sixteenth.statusCode).toBe(429);
    const secondsLeft = (windowAt(t.clock.now(), 86_400).end.getTime() - t.clock.now().getTime()) / 1000;
    expect(sixteenth.headers['retry-after']).toBe(String(Math.ceil(secondsLeft)));
    expect(sixteenth.json()).toMatchObject({
      type: 'https://mykassa.kz/problems/too-many-requests',
      detail: `Повторите через ${Math.ceil(secondsLeft / 60)} мин.`,
    });
    // Nothing was opened by the refused request.
    const accounts = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as unknown[];
    expect(accounts).toHaveLength(16); // the current account of the registration and the 15
    // Another customer on the same IP is not held back by this one.
    expect((await openAccount(await registerCustomer(t.app, { agreement: 'banking' }))).statusCode).toBe(201);
    expect(await auditedRefusals('account-opening')).toEqual([
      expect.objectContaining({ customer_id: who.customerId, details: expect.objectContaining({ scope: 'customer', max: 15 }) }),
    ]);

    t.clock.advance(secondsLeft * 1000);
    // A day later the session has long timed out; a new login, and the account opens.
    expect((await openAccount(await login(t.app, who))).statusCode).toBe(201);
  });

  it('counts parallel account openings one by one: 25 at once for a fresh customer open exactly 15', async () => {
    const who = await registerCustomer(t.app, { agreement: 'banking' });
    const answers = await Promise.all(Array.from({ length: 25 }, () => openAccount(who)));
    expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(15);
    expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(10);
  });

  it('documents the 429 on every limited route in the OpenAPI document, and on no other', async () => {
    const document = JSON.parse(JSON.stringify(t.app.swagger())) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(document.paths['/api/v1/accounts']?.post?.responses ?? {})).toContain('429');
    expect(Object.keys(document.paths['/api/v1/auth/login/{loginId}/confirm']?.post?.responses ?? {})).toContain('429');
    expect(Object.keys(document.paths['/api/v1/accounts']?.get?.responses ?? {})).not.toContain('429');
  });
});

describe('the counting key of a client address', () => {
  it('is the IPv4 address itself, also when mapped into IPv6, and the /64 of an IPv6 address', () => {
    expect(ipCountingKey('203.0.113.9')).toBe('203.0.113.9');
    expect(ipCountingKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(ipCountingKey('2001:0db8:0001:0002:0003:0004:0005:0006')).toBe('2001:db8:1:2::/64');
    expect(ipCountingKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipCountingKey('::1')).toBe('0:0:0:0::/64');
  });
});
