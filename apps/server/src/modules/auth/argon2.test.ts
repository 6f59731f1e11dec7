import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, GOOD_PASSWORD, lastCodeSms, login, registerCustomer, uniquePhone, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { LOGIN_FAILURES_MAX } from './lockout.js';
import { ARGON2_RETRY_AFTER_S, argon2Stats, resetArgon2Peak } from './passwords.js';

// SECURITY.md 37. Small limits, so a flood of 200 shows what the pool does with one beyond them.
const CONCURRENCY_MAX = 2;
const QUEUE_MAX = 8;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { ARGON2_CONCURRENCY_MAX: String(CONCURRENCY_MAX), ARGON2_QUEUE_MAX: String(QUEUE_MAX) } });
});
afterAll(async () => {
  await t.close();
});

/** How many Argon2 computations (hash or verify) one request cost. */
async function argon2Cost<T>(request: () => Promise<T>): Promise<{ result: T; computations: number }> {
  const before = argon2Stats().computations;
  const result = await request();
  return { result, computations: argon2Stats().computations - before };
}

const startLogin = (phone: string, password: string, remoteAddress = '10.40.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: phone, password }, remoteAddress });

describe('Argon2 behind the cheap checks (SECURITY.md 37)', () => {
  it('spends exactly one verification on a login, for a known and an unknown phone alike', async () => {
    const customer = await registerCustomer(t.app);
    await startLogin(uniquePhone(), 'Warm-The-Dummy-Hash-1');
    expect((await argon2Cost(() => startLogin(customer.phone, 'Wrong-Password-123'))).computations).toBe(1);
    expect((await argon2Cost(() => startLogin(uniquePhone(), 'Wrong-Password-123'))).computations).toBe(1);
  });

  it('costs no Argon2 computation for a made-up reset, login or device id', async () => {
    const reset = await argon2Cost(() =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/auth/password-reset/rst_${'0'.repeat(32)}/complete`,
        payload: { code: '123456', iin: '900517412345', newPassword: 'Brand-New-Password-9' },
      }),
    );
    expect(reset.result.statusCode).toBe(401);
    expect(reset.computations).toBe(0);
    const confirm = await argon2Cost(() =>
      t.app.inject({ method: 'POST', url: `/api/v1/auth/login/lgn_${'0'.repeat(32)}/confirm`, payload: { code: '123456' } }),
    );
    expect(confirm.result.statusCode).toBe(401);
    expect(confirm.computations).toBe(0);
    const deviceId = `dev_${'0'.repeat(32)}`;
    const device = await argon2Cost(async () => {
      const { challengeId } = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/device/challenge', payload: { deviceId } })).json();
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/device/login',
        payload: { deviceId, challengeId, signature: 'A'.repeat(86), pin: '1234' },
      });
    });
    expect(device.result.statusCode).toBe(401);
    expect(device.computations).toBe(0);
  });

  it('costs no Argon2 computation for a reset whose code is void, nor for a login over the hourly code cap', async () => {
    const customer = await registerCustomer(t.app);
    const { resetId } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { phone: customer.phone } })
    ).json();
    const sent = codeIn(await lastCodeSms(t.app, customer.phone));
    const complete = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/auth/password-reset/${resetId}/complete`,
        payload: { code, iin: customer.iin, newPassword: 'Brand-New-Password-9' },
      });
    for (let attempt = 1; attempt <= 3; attempt += 1) await complete(String((Number(sent) + attempt) % 1_000_000).padStart(6, '0'));
    const voided = await argon2Cost(() => complete(sent));
    expect(voided.result.statusCode).toBe(422);
    expect(voided.computations).toBe(0);

    // Registration and the reset sent two codes of the six an hour; four logins send the rest.
    for (let index = 0; index < 4; index += 1) expect((await startLogin(customer.phone, GOOD_PASSWORD)).statusCode).toBe(200);
    const capped = await argon2Cost(() => startLogin(customer.phone, GOOD_PASSWORD));
    expect(capped.result.statusCode).toBe(429);
    expect(capped.computations).toBe(0);
    t.clock.advance(3_600_001);
  });

  it('costs no Argon2 computation for a password change while the password path is locked', async () => {
    const customer = await registerCustomer(t.app);
    for (let attempt = 0; attempt < LOGIN_FAILURES_MAX; attempt += 1) await startLogin(customer.phone, `Wrong-Guess-${attempt}-xx`);
    const change = await argon2Cost(() =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: web(customer),
        payload: { currentPassword: GOOD_PASSWORD, newPassword: 'Fresh-Steppe-Wind-2026' },
      }),
    );
    expect(change.result.statusCode).toBe(429);
    expect(change.computations).toBe(0);
  });
});

describe('the bounded Argon2 pool (SECURITY.md 37)', () => {
  it(`answers a flood of 200 parallel logins with some 503s and Retry-After, no 500, never more than ${CONCURRENCY_MAX} Argon2 at once, and stays up`, async () => {
    const customer = await registerCustomer(t.app);
    resetArgon2Peak();
    const rejectedBefore = argon2Stats().rejected;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { login: index % 2 ? customer.phone : uniquePhone(), password: `Flood-Password-${index}-x` },
          headers: { 'accept-language': 'en' },
          remoteAddress: `10.50.${Math.floor(index / 250)}.${index % 250}`,
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(CONCURRENCY_MAX + QUEUE_MAX);
    const busy = answers.find((answer) => answer.statusCode === 503);
    expect(busy?.headers['retry-after']).toBe(String(ARGON2_RETRY_AFTER_S));
    expect(busy?.json()).toMatchObject({
      type: expect.stringMatching(/\/password-check-busy$/),
      title: 'Too many requests right now. Please try again in a few seconds',
    });
    const stats = argon2Stats();
    expect(stats.inFlightPeak).toBeGreaterThan(0);
    expect(stats.inFlightPeak).toBeLessThanOrEqual(CONCURRENCY_MAX);
    expect(stats.rejected - rejectedBefore).toBe(statuses.filter((status) => status === 503).length);
    expect(stats.inFlight).toBe(0);
    expect(stats.queued).toBe(0);
    // The process is alive and serves the next customer as usual.
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    t.clock.advance(3_600_001);
    expect((await login(t.app, customer)).status).toBe(200);
    expect(await t.app.ctx.metrics.render()).toMatch(/^argon2_in_flight 0$/m);
  });
});
