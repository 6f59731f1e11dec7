import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, codeIn, GOOD_PASSWORD, lastCodeSms, login, registerCustomer, uniquePhone, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { verifyAuditChain } from '../audit/index.js';
import { LOGIN_FAILURES_MAX } from './lockout.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function startLogin(phone: string, password: string, ip = '10.0.0.1') {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: phone, password },
    remoteAddress: ip,
  });
  return response;
}

async function confirm(loginId: string, code: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/auth/login/${loginId}/confirm`,
    payload: { code },
    headers: { 'accept-language': 'en' },
  });
}

describe('login with password and SMS code', () => {
  it('logs in with the right password and the code from the SMS, which names the domain and warns', async () => {
    const customer = await registerCustomer(t.app);
    const started = await startLogin(customer.phone, GOOD_PASSWORD);
    expect(started.statusCode).toBe(200);
    expect(started.json().maskedPhone).toMatch(/^\+7 701 \*\*\* \*\* \d\d$/);
    const sms = (await lastCodeSms(t.app, customer.phone)) ?? '';
    expect(sms).toContain('localhost');
    expect(sms).toMatch(/никогда не спрашивают/);
    const confirmed = await confirm(started.json().loginId, codeIn(sms));
    expect(confirmed.statusCode).toBe(200);
    const setCookie = String(confirmed.headers['set-cookie']);
    expect(setCookie).toMatch(/__Host-kassa_session=[A-Za-z0-9_-]{43}/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('SameSite=Strict');
    expect(confirmed.json().token).toBeUndefined();
  });

  it('gives the mobile client a bearer token in the body instead of a cookie', async () => {
    const customer = await registerCustomer(t.app);
    const mobile = await login(t.app, customer, 'mobile');
    expect(mobile.status).toBe(200);
    expect(mobile.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const session = await t.app.inject({ url: '/api/v1/auth/session', headers: { authorization: `Bearer ${mobile.token}` } });
    expect(session.statusCode).toBe(200);
  });

  it('never says which factor failed: a wrong password and a wrong code get the same answer', async () => {
    const customer = await registerCustomer(t.app);
    const wrongPassword = await startLogin(customer.phone, 'Not-The-Password-123');
    const smsCountAfterWrongPassword = (await allSms(t.app, customer.phone)).length;
    const wrongPasswordConfirm = await confirm(wrongPassword.json().loginId, '123456');
    const rightPassword = await startLogin(customer.phone, GOOD_PASSWORD);
    expect(rightPassword.statusCode).toBe(wrongPassword.statusCode);
    expect(Object.keys(rightPassword.json()).sort()).toEqual(Object.keys(wrongPassword.json()).sort());
    const rightCode = codeIn(await lastCodeSms(t.app, customer.phone));
    const wrongCode = await confirm(rightPassword.json().loginId, rightCode === '000000' ? '000001' : '000000');
    expect(wrongPasswordConfirm.statusCode).toBe(401);
    expect(wrongCode.statusCode).toBe(401);
    expect(wrongPasswordConfirm.json().type).toBe(wrongCode.json().type);
    expect(wrongPasswordConfirm.json().title).toBe(wrongCode.json().title);
    // No SMS went out for the wrong password.
    expect(smsCountAfterWrongPassword).toBe((await allSms(t.app, customer.phone)).length - 1);
  });

  it('does not reveal whether a phone is registered, by status, body shape or timing', async () => {
    const customer = await registerCustomer(t.app);
    const unknown = uniquePhone();
    const time = async (phone: string) => {
      const started = performance.now();
      const response = await startLogin(phone, 'Some-Wrong-Password-1', '10.9.9.9');
      return { ms: performance.now() - started, response };
    };
    await time(unknown); // warm the dummy hash
    const known: number[] = [];
    const nobody: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      const a = await time(customer.phone);
      const b = await time(uniquePhone());
      known.push(a.ms);
      nobody.push(b.ms);
      expect(a.response.statusCode).toBe(b.response.statusCode);
      expect(Object.keys(a.response.json()).sort()).toEqual(Object.keys(b.response.json()).sort());
    }
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
    // Both paths run one Argon2id verification; the rest is a few queries either way.
    const ratio = median(known) / median(nobody);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('cannot skip the code step: a login id without a code, or with a made-up code, opens nothing', async () => {
    const customer = await registerCustomer(t.app);
    const started = await startLogin(customer.phone, GOOD_PASSWORD);
    const noCode = await t.app.inject({ method: 'POST', url: `/api/v1/auth/login/${started.json().loginId}/confirm`, payload: {} });
    expect(noCode.statusCode).toBe(400);
    const session = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: 'x=1' } });
    expect(session.statusCode).toBe(401);
  });

  it('rejects a used code replayed, an expired code and an old code after resend', async () => {
    const customer = await registerCustomer(t.app);
    const first = await startLogin(customer.phone, GOOD_PASSWORD);
    const code = codeIn(await lastCodeSms(t.app, customer.phone));
    expect((await confirm(first.json().loginId, code)).statusCode).toBe(200);
    expect((await confirm(first.json().loginId, code)).statusCode).toBe(401);

    const second = await startLogin(customer.phone, GOOD_PASSWORD);
    const expiring = codeIn(await lastCodeSms(t.app, customer.phone));
    t.clock.advance(5 * 60_000 + 1);
    expect((await confirm(second.json().loginId, expiring)).statusCode).toBe(401);

    const third = await startLogin(customer.phone, GOOD_PASSWORD);
    const old = codeIn(await lastCodeSms(t.app, customer.phone));
    const tooSoon = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/login/${third.json().loginId}/resend`,
      headers: { 'accept-language': 'en' },
    });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.headers['retry-after']).toBe('60');
    t.clock.advance(60_000);
    const resent = await t.app.inject({ method: 'POST', url: `/api/v1/auth/login/${third.json().loginId}/resend` });
    expect(resent.statusCode).toBe(200);
    const fresh = codeIn(await lastCodeSms(t.app, customer.phone));
    if (fresh !== old) expect((await confirm(third.json().loginId, old)).statusCode).toBe(401);
    expect((await confirm(third.json().loginId, fresh)).statusCode).toBe(200);
  });

  it('counts parallel guesses one by one: at most 3 tries per code, even 30 at once', async () => {
    const customer = await registerCustomer(t.app);
    const started = await startLogin(customer.phone, GOOD_PASSWORD);
    const real = codeIn(await lastCodeSms(t.app, customer.phone));
    const guesses = Array.from({ length: 30 }, (_, index) => String(index).padStart(6, '0')).filter((guess) => guess !== real);
    const answers = await Promise.all(guesses.map((guess) => confirm(started.json().loginId, guess)));
    expect(answers.every((answer) => answer.statusCode === 401)).toBe(true);
    const { rows } = await t.db.query<{ attempts: number; status: string }>(
      'SELECT c.attempts, c.status FROM sca_challenges c JOIN login_attempts l ON l.challenge_id = c.id WHERE l.id = $1',
      [started.json().loginId],
    );
    expect(rows[0]).toEqual({ attempts: 3, status: 'void' });
    // Even the right code is dead now.
    expect((await confirm(started.json().loginId, real)).statusCode).toBe(401);
  });

  it('does not accept a login code for another purpose (password reset)', async () => {
    const customer = await registerCustomer(t.app);
    await startLogin(customer.phone, GOOD_PASSWORD);
    const loginCode = codeIn(await lastCodeSms(t.app, customer.phone));
    const reset = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { phone: customer.phone } });
    const resetCode = codeIn(await lastCodeSms(t.app, customer.phone));
    const wrong = loginCode === resetCode ? '999999' : loginCode;
    const used = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/password-reset/${reset.json().resetId}/complete`,
      payload: { code: wrong, iin: customer.iin, newPassword: 'Another-Strong-Pass-77' },
    });
    expect(used.statusCode).toBe(422);
  });

  it(`locks after ${LOGIN_FAILURES_MAX} failures across IPs and parallel requests, tells the customer, and the right password then fails too`, async () => {
    const customer = await registerCustomer(t.app);
    const attempts = await Promise.all(
      Array.from({ length: LOGIN_FAILURES_MAX + 2 }, (_, index) =>
        startLogin(customer.phone, `Wrong-Password-${index}-x`, `10.1.0.${index}`),
      ),
    );
    expect(attempts.every((attempt) => attempt.statusCode === 200)).toBe(true);
    const { rows } = await t.db.query<{ locked_until: Date | null; locks: number }>(
      'SELECT locked_until, locks FROM auth_lockouts WHERE customer_id = $1',
      [customer.customerId],
    );
    expect(rows[0]?.locks).toBe(1);
    expect(rows[0]?.locked_until?.getTime()).toBeGreaterThan(t.clock.now().getTime());
    const notice = (await allSms(t.app, customer.phone)).find((text) => text.includes('неудачных'));
    expect(notice).toMatch(/после 5 неудачных попыток/);
    // SECURITY.md 38: the way out, the reset page on the official domain, and the device that still works.
    expect(notice).toMatch(/смените пароль по SMS и ИИН на localhost:\d+\/login\/reset/);
    expect(notice).toMatch(/Вход по PIN-коду или отпечатку на вашем привязанном устройстве по-прежнему работает/);
    const smsBefore = (await allSms(t.app, customer.phone)).length;
    const locked = await login(t.app, customer);
    expect(locked.status).toBe(401);
    expect((await allSms(t.app, customer.phone)).length).toBe(smsBefore);
    // The block is temporary.
    t.clock.advance(5 * 60_000 + 1);
    expect((await login(t.app, customer)).status).toBe(200);
  });

  it(`counts wrong current passwords in "change password" towards the login lock: the ${LOGIN_FAILURES_MAX}th locks, is audited and told, and then even the right one is refused`, async () => {
    const customer = await registerCustomer(t.app);
    const change = (currentPassword: string, who: { cookie: string; csrf: string } = customer) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: web(who),
        payload: { currentPassword, newPassword: 'Fresh-Steppe-Wind-2026' },
      });
    const answers: string[] = [];
    for (let attempt = 0; attempt < LOGIN_FAILURES_MAX; attempt += 1)
      answers.push((await change(`Wrong-Current-${attempt}-x`)).json().type);
    expect(answers.slice(0, -1).every((type) => type.endsWith('/current-password-wrong'))).toBe(true);
    expect(answers.at(-1)).toMatch(/\/password-change-locked$/);
    const { rows } = await t.db.query<{ event: string; details: { factor?: string } }>(
      "SELECT event, details FROM audit_events WHERE customer_id = $1 AND event IN ('login.failed', 'login.locked') ORDER BY seq",
      [customer.customerId],
    );
    expect(rows.filter((row) => row.event === 'login.failed' && row.details.factor === 'current-password')).toHaveLength(
      LOGIN_FAILURES_MAX,
    );
    expect(rows.some((row) => row.event === 'login.locked')).toBe(true);
    expect((await allSms(t.app, customer.phone)).join('\n')).toMatch(/после 5 неудачных попыток вход по паролю закрыт/);
    const right = await change(GOOD_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.json().type).toMatch(/\/password-change-locked$/);
    // The same lock closes the password login.
    expect((await login(t.app, customer)).status).toBe(401);
    // The lock is temporary (the session itself has timed out meanwhile).
    t.clock.advance(5 * 60_000 + 1);
    const later = await login(t.app, customer);
    expect(later.status).toBe(200);
    expect((await change(GOOD_PASSWORD, later)).statusCode).toBe(204);
  });

  it('sends a notice for a login from a new browser, but not from a known one', async () => {
    const customer = await registerCustomer(t.app);
    const before = (await allSms(t.app, customer.phone)).length;
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: customer.phone, password: GOOD_PASSWORD },
      headers: { cookie: '__Host-kassa_client=browser-one-aaaaaaaa', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' },
    });
    const code = codeIn(await lastCodeSms(t.app, customer.phone));
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/login/${started.json().loginId}/confirm`,
      payload: { code },
      headers: { cookie: '__Host-kassa_client=browser-one-aaaaaaaa', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' },
    });
    const texts = await allSms(t.app, customer.phone);
    expect(texts.at(-1)).toMatch(/вход с нового устройства \(Chrome, Linux\)/);
    expect(texts.length).toBe(before + 2);
    t.clock.advance(61_000);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: customer.phone, password: GOOD_PASSWORD },
      headers: { cookie: '__Host-kassa_client=browser-one-aaaaaaaa' },
    });
    const code2 = codeIn(await lastCodeSms(t.app, customer.phone));
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/login/${again.json().loginId}/confirm`,
      payload: { code: code2 },
      headers: { cookie: '__Host-kassa_client=browser-one-aaaaaaaa' },
    });
    expect((await allSms(t.app, customer.phone)).length).toBe(before + 3);
  });

  it('caps codes per phone per hour against SMS pumping, and registration hits the cap the same way for a taken number', async () => {
    const customer = await registerCustomer(t.app);
    const answers: number[] = [];
    for (let index = 0; index < 6; index += 1)
      answers.push((await startLogin(customer.phone, GOOD_PASSWORD, `10.2.0.${index}`)).statusCode);
    expect(answers.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.at(-1)).toBe(429);
    const registrationAnswers = async (phone: string) => {
      const statuses: number[] = [];
      for (let index = 0; index < 7; index += 1) {
        statuses.push(
          (await t.app.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone }, remoteAddress: `10.3.0.${index}` }))
            .statusCode,
        );
      }
      return statuses;
    };
    const takenPhone = (await registerCustomer(t.app)).phone;
    t.clock.advance(3_600_001);
    const taken = await registrationAnswers(takenPhone);
    const free = await registrationAnswers(uniquePhone());
    expect(taken).toEqual(free);
    expect(free.at(-1)).toBe(429);
    t.clock.advance(3_600_001);
  });

  it('writes every security event into an intact hash chain', async () => {
    const customer = await registerCustomer(t.app);
    await login(t.app, customer);
    const { rows } = await t.db.query<{ event: string }>('SELECT DISTINCT event FROM audit_events WHERE customer_id = $1', [
      customer.customerId,
    ]);
    const events = rows.map((row) => row.event);
    for (const event of ['registration.completed', 'code.sent', 'login.succeeded', 'login.password_checked'])
      expect(events).toContain(event);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    await expect(t.db.query("UPDATE audit_events SET event = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
  });

  it('uses a session cookie only with the CSRF token on writes', async () => {
    const customer = await registerCustomer(t.app);
    const withoutToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-all',
      headers: { cookie: `__Host-kassa_session=${customer.cookie}` },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().type).toContain('csrf-failed');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-all',
      headers: { cookie: `__Host-kassa_session=${customer.cookie}`, 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: web(customer) })).statusCode).toBe(200);
  });
});
