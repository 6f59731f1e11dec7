import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createTestStaff, loginStaff, STAFF_TEST_PASSWORD, staffHeaders } from './staff.fixtures.js';
import { createStaffUser } from './staff.service.js';
import { STAFF_FAILURES_MAX, STAFF_LOCK_MS } from './staff-lockout.js';
import { TOTP_PERIOD_S, totpCode } from './totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const STEP_MS = TOTP_PERIOD_S * 1000;
let serial = 0;

const startLogin = (login: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/staff/v1/auth/login', payload: { login, password } });
const sendCode = (loginId: string, code: string) =>
  t.app.inject({ method: 'POST', url: `/api/staff/v1/auth/login/${loginId}/totp`, payload: { code } });
const code = (secret: string, offsetMs = 0) => totpCode(secret, t.clock.now().getTime() + offsetMs);

async function auditOf(staffId: string): Promise<Array<{ event: string; details: Record<string, unknown> }>> {
  const { rows } = await t.db.query<{ event: string; details: Record<string, unknown> }>(
    "SELECT event, details FROM audit_events WHERE details->>'staffId' = $1 ORDER BY seq",
    [staffId],
  );
  return rows;
}

/** A fresh, not yet enrolled staff member. */
async function newStaff(role: 'operator' | 'admin' = 'operator') {
  serial += 1;
  const username = `login.test.${process.pid}.${serial}`;
  const staff = await createStaffUser(t.db, {
    username,
    displayName: 'Ерлан Тестов',
    role,
    language: 'kk',
    password: STAFF_TEST_PASSWORD,
    createdBy: null,
    meta: null,
    now: t.clock.now(),
  });
  return { ...staff, password: STAFF_TEST_PASSWORD };
}

describe('staff login', () => {
  it('logs in with password and TOTP, serves the session, and logs out for good', async () => {
    const staff = await createTestStaff(t.app, 'operator', { displayName: 'Айгерим Касымова' });
    t.clock.advance(STEP_MS);
    const started = await startLogin(staff.username.toUpperCase(), staff.password);
    expect(started.statusCode).toBe(200);
    expect(started.json()).toEqual({ loginId: expect.stringMatching(/^stl_/), next: 'totp', securityKey: false });
    const confirmed = await sendCode(started.json().loginId, code(staff.secret));
    expect(confirmed.statusCode).toBe(200);
    const cookie = String(confirmed.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-kassa_staff=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const body = confirmed.json();
    expect(body).toEqual({
      staff: { id: staff.staffId, displayName: 'Айгерим Касымова', role: 'operator', language: 'ru' },
      csrfToken: expect.any(String),
      idleExpiresAt: new Date(t.clock.now().getTime() + 15 * 60_000).toISOString(),
      absoluteExpiresAt: new Date(t.clock.now().getTime() + 10 * 3_600_000).toISOString(),
      passwordChangeRequired: false,
    });
    const who = { cookie: /=([^;]+)/.exec(cookie)?.[1] ?? '', csrfToken: body.csrfToken };
    const session = await t.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(who) });
    expect(session.statusCode).toBe(200);
    expect(session.json().staff.id).toBe(staff.staffId);

    const out = await t.app.inject({ method: 'POST', url: '/api/staff/v1/auth/logout', headers: staffHeaders(who) });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/__Host-kassa_staff=;/);
    const replay = await t.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(who) });
    expect(replay.statusCode).toBe(401);
    const events = (await auditOf(staff.staffId)).map((row) => row.event);
    expect(events).toEqual(expect.arrayContaining(['staff.login.password_ok', 'staff.login.succeeded', 'staff.logout']));
  });

  it('enrols TOTP at the first login by QR code, confirmed by its first code, and asks only for codes afterwards', async () => {
    const staff = await newStaff();
    const started = await startLogin(staff.username, staff.password);
    expect(started.statusCode).toBe(200);
    const body = started.json();
    expect(body.next).toBe('enroll-totp');
    expect(body.qrSvg).toMatch(/^<svg [^>]*role="img"[^>]*>.*<\/svg>$/s);
    expect(body.qrSvg).toContain('aria-label="Аутентификатор қолданбасына арналған QR-код"');
    const secret = new URL(body.otpauthUri).searchParams.get('secret') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Not enrolled until the first code: the secret is nowhere on the staff row yet, and never in plaintext.
    const before = await t.db.query<{ totp_secret_sealed: string | null; totp_enrolled_at: Date | null }>(
      'SELECT totp_secret_sealed, totp_enrolled_at FROM staff_users WHERE id = $1',
      [staff.id],
    );
    expect(before.rows[0]).toEqual({ totp_secret_sealed: null, totp_enrolled_at: null });

    expect((await sendCode(body.loginId, '000000')).json().type).toContain('staff-code-invalid');
    expect((await sendCode(body.loginId, code(secret))).statusCode).toBe(200);
    const after = await t.db.query<{ totp_secret_sealed: string; totp_enrolled_at: Date }>(
      'SELECT totp_secret_sealed, totp_enrolled_at FROM staff_users WHERE id = $1',
      [staff.id],
    );
    expect(after.rows[0]?.totp_enrolled_at).toEqual(t.clock.now());
    expect(after.rows[0]?.totp_secret_sealed).toMatch(/^ks1\./);
    expect(after.rows[0]?.totp_secret_sealed).not.toContain(secret);
    expect((await auditOf(staff.id)).map((row) => row.event)).toContain('staff.totp.enrolled');

    t.clock.advance(STEP_MS);
    const next = await startLogin(staff.username, staff.password);
    expect(next.json()).toEqual({ loginId: expect.any(String), next: 'totp', securityKey: false });
    expect((await sendCode(next.json().loginId, code(secret))).statusCode).toBe(200);
  });

  it('shows a new secret at each first-login attempt: an abandoned QR code does not enrol', async () => {
    const staff = await newStaff();
    const first = (await startLogin(staff.username, staff.password)).json();
    const second = (await startLogin(staff.username, staff.password)).json();
    const firstSecret = new URL(first.otpauthUri).searchParams.get('secret') ?? '';
    expect(new URL(second.otpauthUri).searchParams.get('secret')).not.toBe(firstSecret);
    expect((await sendCode(second.loginId, code(firstSecret))).statusCode).toBe(401);
  });

  it('refuses a code used once already, and audits the reuse', async () => {
    const staff = await createTestStaff(t.app, 'operator');
    t.clock.advance(STEP_MS);
    const used = code(staff.secret);
    await loginStaff(t.app, staff, used);
    const again = await startLogin(staff.username, staff.password);
    const replay = await sendCode(again.json().loginId, used);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().type).toBe('https://mykassa.kz/problems/staff-code-invalid');
    // The previous step's code is within the window, but older than the one used: refused too.
    expect((await sendCode(again.json().loginId, code(staff.secret, -STEP_MS))).statusCode).toBe(401);
    const reused = (await auditOf(staff.staffId)).filter((row) => row.event === 'staff.totp.reused');
    expect(reused).toHaveLength(2);
    expect(reused[0]?.details).toMatchObject({ staffId: staff.staffId, loginId: again.json().loginId });
    // The next step's code still works.
    t.clock.advance(STEP_MS);
    expect((await sendCode(again.json().loginId, code(staff.secret))).statusCode).toBe(200);
  });

  it('accepts a code one step early or late and refuses one two steps away', async () => {
    const staff = await createTestStaff(t.app, 'operator');
    const attempt = async (offsetMs: number) => {
      const started = await startLogin(staff.username, staff.password);
      return (await sendCode(started.json().loginId, code(staff.secret, offsetMs))).statusCode;
    };
    t.clock.advance(5 * STEP_MS);
    expect(await attempt(-STEP_MS)).toBe(200);
    t.clock.advance(5 * STEP_MS);
    expect(await attempt(STEP_MS)).toBe(200);
    t.clock.advance(5 * STEP_MS);
    expect(await attempt(-2 * STEP_MS)).toBe(401);
    expect(await attempt(2 * STEP_MS)).toBe(401);
  });

  it('ends a login step after 5 minutes: its code then answers "start again"', async () => {
    const staff = await createTestStaff(t.app, 'operator');
    t.clock.advance(STEP_MS);
    const started = await startLogin(staff.username, staff.password);
    t.clock.advance(5 * 60_000);
    const late = await sendCode(started.json().loginId, code(staff.secret));
    expect(late.statusCode).toBe(401);
    expect(late.json().type).toContain('staff-login-expired');
  });
});

describe('staff lock', () => {
  it('locks the username for 30 minutes after 10 failures, with 423 and Retry-After, even for the right password', async () => {
    const staff = await createTestStaff(t.app, 'operator');
    t.clock.advance(STEP_MS);
    for (let failure = 1; failure < STAFF_FAILURES_MAX; failure += 1) {
      const wrong = await startLogin(staff.username, 'Wrong-Password-For-Sure');
      expect(wrong.statusCode, `failure ${failure}`).toBe(401);
      expect(wrong.json().type).toContain('staff-login-failed');
    }
    const tenth = await startLogin(staff.username, 'Wrong-Password-For-Sure');
    expect(tenth.statusCode).toBe(423);
    const right = await startLogin(staff.username, staff.password);
    expect(right.statusCode).toBe(423);
    expect(right.json().type).toBe('https://mykassa.kz/problems/staff-locked');
    expect(right.headers['retry-after']).toBe(String(STAFF_LOCK_MS / 1000));
    expect((await auditOf(staff.staffId)).map((row) => row.event)).toContain('staff.login.locked');

    t.clock.advance(STAFF_LOCK_MS - 1000);
    expect((await startLogin(staff.username, staff.password)).statusCode).toBe(423);
    t.clock.advance(1000);
    const open = await startLogin(staff.username, staff.password);
    expect(open.statusCode).toBe(200);
    expect((await sendCode(open.json().loginId, code(staff.secret))).statusCode).toBe(200);
  });

  it('answers an unknown username exactly like a wrong password, and locks it alike', async () => {
    const unknown = `nobody.${process.pid}.${Date.now()}`;
    const staff = await newStaff();
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: null, instance: null });
    const forUnknown = await startLogin(unknown, 'Wrong-Password-For-Sure');
    const forKnown = await startLogin(staff.username, 'Wrong-Password-For-Sure');
    expect(forUnknown.statusCode).toBe(401);
    expect(strip(forUnknown.json())).toEqual(strip(forKnown.json()));
    for (let failure = 2; failure < STAFF_FAILURES_MAX; failure += 1) expect((await startLogin(unknown, 'x')).statusCode).toBe(401);
    const locked = await startLogin(unknown, 'x');
    expect(locked.statusCode).toBe(423);
    expect(locked.headers['retry-after']).toBe(String(STAFF_LOCK_MS / 1000));
    t.clock.advance(STAFF_LOCK_MS);
    expect((await startLogin(unknown, 'x')).statusCode).toBe(401);
    // Control characters name nobody: refused as malformed, before any lookup.
    expect((await startLogin('a\u0000b', 'x')).statusCode).toBe(400);
    expect((await startLogin('İ'.repeat(64), 'x')).statusCode).toBe(401);
  });

  it('counts wrong TOTP codes towards the same lock', async () => {
    const staff = await createTestStaff(t.app, 'operator');
    t.clock.advance(STEP_MS);
    for (let failure = 1; failure < STAFF_FAILURES_MAX; failure += 1) await startLogin(staff.username, 'Wrong-Password-For-Sure');
    const started = await startLogin(staff.username, staff.password);
    expect(started.statusCode).toBe(200);
    const wrong = await sendCode(started.json().loginId, code(staff.secret) === '123456' ? '654321' : '123456');
    expect(wrong.statusCode).toBe(423);
    // The step 1 ended with the lock: not even the right code opens it now.
    expect((await sendCode(started.json().loginId, code(staff.secret))).statusCode).toBe(401);
    expect((await auditOf(staff.staffId)).map((row) => row.event)).toEqual(
      expect.arrayContaining(['staff.totp.failed', 'staff.login.locked']),
    );
  });
});
