import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness.js';
import { ConfigError } from '../../config.js';
import { ACTION_ROLES, STAFF_ACTIONS, STAFF_ROLES } from './permissions.js';
import { createTestStaff, loginStaff, STAFF_TEST_PASSWORD, staffHeaders, type TestStaff } from './staff.fixtures.js';
import { TOTP_PERIOD_S } from './totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const MINUTE_MS = 60_000;
const problemType = (code: string) => `https://mykassa.kz/problems/${code}`;
const session = (who: { cookie: string; csrfToken: string }, headers: Record<string, string> = {}) =>
  t.app.inject({ url: '/api/staff/v1/auth/session', headers: { ...staffHeaders(who), ...headers } });

async function lastAudit(event: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
    'SELECT details FROM audit_events WHERE event = $1 ORDER BY seq DESC LIMIT 1',
    [event],
  );
  return rows[0]?.details;
}

describe('staff permissions', () => {
  it('names at least one role for every action, and gives staff.manage to admins only', () => {
    for (const action of STAFF_ACTIONS) expect(ACTION_ROLES[action].length, action).toBeGreaterThan(0);
    expect(ACTION_ROLES['staff.session']).toEqual([...STAFF_ROLES]);
    expect(ACTION_ROLES['staff.manage']).toEqual(['admin']);
    expect(ACTION_ROLES['customers.file']).not.toContain('admin');
  });

  it('refuses an operator an admin-only route with 403 staff-forbidden, audited with the action and the address', async () => {
    const operator = await createTestStaff(t.app, 'operator');
    const listed = await t.app.inject({ url: '/api/staff/v1/staff?page=1', headers: staffHeaders(operator) });
    expect(listed.statusCode).toBe(403);
    expect(listed.json().type).toBe(problemType('staff-forbidden'));
    expect(await lastAudit('staff.forbidden')).toEqual({
      staffId: operator.staffId,
      role: 'operator',
      action: 'staff.manage',
      url: '/api/staff/v1/staff',
      method: 'GET',
    });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/staff/v1/staff',
      headers: staffHeaders(operator),
      payload: { username: 'x.sneaky', displayName: 'Sneaky', role: 'admin', language: 'en', password: STAFF_TEST_PASSWORD },
    });
    expect(created.statusCode).toBe(403);
    expect((await t.db.query("SELECT 1 FROM staff_users WHERE username = 'x.sneaky'")).rows).toHaveLength(0);
  });

  it('lets an admin list staff, never with a password hash or a TOTP secret, and create one under the password policy', async () => {
    const admin = await createTestStaff(t.app, 'admin');
    const listed = await t.app.inject({ url: '/api/staff/v1/staff', headers: staffHeaders(admin) });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toContainEqual(expect.objectContaining({ id: admin.staffId, role: 'admin', totpEnrolled: true }));
    // No password field nor value: "passwordChangeRequired" is a flag, any other "password…" key is not.
    expect(listed.body.replaceAll('"passwordChangeRequired"', '')).not.toMatch(/argon2|password|secret|ks1\./i);
    expect(listed.body).not.toContain(admin.secret);

    const create = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/staff/v1/staff', headers: staffHeaders(admin), payload });
    const username = `n.new.${process.pid}`;
    const weak = await create({ username, displayName: 'Дана Жаңа', role: 'operator', language: 'kk', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().type).toBe(problemType('password-too-short'));
    const common = await create({ username, displayName: 'Дана Жаңа', role: 'operator', language: 'kk', password: 'password1234' });
    expect(common.json().type).toBe(problemType('password-common'));
    const bidi = await create({ username, displayName: 'Дана\u202eЖаңа', role: 'operator', language: 'kk', password: STAFF_TEST_PASSWORD });
    expect(bidi.json().type).toBe(problemType('staff-name-invalid'));

    const created = await create({
      username,
      displayName: '  Дана   Жаңа ',
      role: 'operator',
      language: 'kk',
      password: STAFF_TEST_PASSWORD,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username, displayName: 'Дана Жаңа', role: 'operator', status: 'active', totpEnrolled: false });
    expect(await lastAudit('staff.created')).toMatchObject({ staffId: created.json().id, createdBy: admin.staffId, role: 'operator' });
    const taken = await create({ username, displayName: 'Другой', role: 'admin', language: 'ru', password: STAFF_TEST_PASSWORD });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().type).toBe(problemType('staff-username-taken'));
    // Their first login enrols TOTP.
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/staff/v1/auth/login',
      payload: { login: username, password: STAFF_TEST_PASSWORD },
    });
    expect(first.json().next).toBe('enroll-totp');
  });
});

describe('staff CSRF', () => {
  it('refuses a staff write without the CSRF token or with a wrong one (403, audited), and the session lives on', async () => {
    const admin = await createTestStaff(t.app, 'admin');
    const other = await createTestStaff(t.app, 'admin');
    const payload = {
      username: `c.csrf.${process.pid}`,
      displayName: 'Csrf Test',
      role: 'operator',
      language: 'en',
      password: STAFF_TEST_PASSWORD,
    };
    const cookieOnly = { cookie: `__Host-kassa_staff=${admin.cookie}` };
    for (const headers of [cookieOnly, { ...cookieOnly, 'x-csrf-token': other.csrfToken }, { ...cookieOnly, 'x-csrf-token': 'x' }]) {
      const refused = await t.app.inject({ method: 'POST', url: '/api/staff/v1/staff', headers, payload });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().type).toBe(problemType('staff-csrf-failed'));
      const out = await t.app.inject({ method: 'POST', url: '/api/staff/v1/auth/logout', headers });
      expect(out.statusCode).toBe(403);
    }
    expect(await lastAudit('staff.csrf.rejected')).toMatchObject({
      staffId: admin.staffId,
      url: '/api/staff/v1/auth/logout',
      method: 'POST',
    });
    expect((await t.db.query('SELECT 1 FROM staff_users WHERE username = $1', [payload.username])).rows).toHaveLength(0);
    expect((await session(admin)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/v1/staff', headers: staffHeaders(admin), payload })).statusCode).toBe(
      201,
    );
  });
});

describe('staff session timeouts', () => {
  it('ends after 15 idle minutes, audited; a passive poll does not keep it alive', async () => {
    const operator = await createTestStaff(t.app, 'operator');
    t.clock.advance(14 * MINUTE_MS);
    expect((await session(operator, { 'x-kassa-passive': '1' })).statusCode).toBe(200);
    t.clock.advance(MINUTE_MS);
    const expired = await session(operator);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().type).toBe(problemType('staff-session-expired'));
    expect(String(expired.headers['set-cookie'])).toMatch(/__Host-kassa_staff=;/);
    expect(await lastAudit('staff.session.expired')).toMatchObject({ staffId: operator.staffId, reason: 'idle-timeout' });
  });

  it('stays alive with activity, but ends at the absolute limit of 10 hours', async () => {
    const operator = await createTestStaff(t.app, 'operator');
    const stepMs = 14 * MINUTE_MS;
    let elapsedMs = 0;
    for (; elapsedMs + stepMs < 10 * 60 * MINUTE_MS; elapsedMs += stepMs) {
      t.clock.advance(stepMs);
      const alive = await session(operator);
      expect(alive.statusCode, `after ${elapsedMs + stepMs} ms`).toBe(200);
    }
    t.clock.advance(10 * 60 * MINUTE_MS - elapsedMs);
    const ended = await session(operator);
    expect(ended.statusCode).toBe(401);
    expect(await lastAudit('staff.session.expired')).toMatchObject({ staffId: operator.staffId, reason: 'absolute-timeout' });
  });

  it('refuses an idle timeout above the 15 minutes of PCI DSS 8.2.8, and an absolute one above a day', () => {
    expect(() => testConfig({ STAFF_SESSION_IDLE_MINUTES: '16' })).toThrowError(ConfigError);
    expect(() => testConfig({ STAFF_SESSION_IDLE_MINUTES: '0' })).toThrowError(ConfigError);
    expect(() => testConfig({ STAFF_SESSION_ABSOLUTE_HOURS: '25' })).toThrowError(ConfigError);
    expect(() => testConfig({ STAFF_SESSION_ABSOLUTE_HOURS: 'ten' })).toThrowError(/STAFF_SESSION_ABSOLUTE_HOURS/);
    expect(testConfig().staffSession).toEqual({ idleMinutes: 15, absoluteHours: 10 });
  });

  it('takes its timeouts from STAFF_SESSION_IDLE_MINUTES and STAFF_SESSION_ABSOLUTE_HOURS', async () => {
    const short = await createTestApp({ env: { STAFF_SESSION_IDLE_MINUTES: '5', STAFF_SESSION_ABSOLUTE_HOURS: '1' } });
    try {
      const operator = await createTestStaff(short.app, 'operator');
      const body = (await short.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(operator) })).json();
      expect(Date.parse(body.idleExpiresAt) - short.clock.now().getTime()).toBe(5 * MINUTE_MS);
      expect(Date.parse(body.absoluteExpiresAt) - short.clock.now().getTime()).toBeLessThanOrEqual(60 * MINUTE_MS);
      short.clock.advance(5 * MINUTE_MS);
      expect((await short.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(operator) })).statusCode).toBe(401);
    } finally {
      await short.close();
    }
  });
});

describe('staff and customer sessions never cross', () => {
  let staff: TestStaff;
  beforeAll(async () => {
    staff = await createTestStaff(t.app, 'security_officer');
  });

  it('refuses a staff route without a session with 401 staff-unauthenticated', async () => {
    const none = await t.app.inject({ url: '/api/staff/v1/auth/session' });
    expect(none.statusCode).toBe(401);
    expect(none.json().type).toBe(problemType('staff-unauthenticated'));
  });

  it('refuses a customer session on a staff route, as a cookie, as a bearer token and in the staff cookie', async () => {
    const webCustomer = await registerCustomer(t.app);
    const mobileCustomer = await registerCustomer(t.app, { client: 'mobile' });
    for (const headers of [web(webCustomer), bearer(mobileCustomer), { cookie: `__Host-kassa_staff=${webCustomer.cookie}` }]) {
      const refused = await t.app.inject({ url: '/api/staff/v1/auth/session', headers });
      expect(refused.statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/staff/v1/staff', headers })).statusCode).toBe(401);
    }
  });

  it('refuses a staff session on a customer route, as its cookie, in the customer cookie and as a bearer token', async () => {
    for (const headers of [
      staffHeaders(staff),
      { cookie: `__Host-kassa_session=${staff.cookie}`, 'x-csrf-token': staff.csrfToken },
      { authorization: `Bearer ${staff.cookie}` },
    ]) {
      expect((await t.app.inject({ url: '/api/v1/accounts', headers })).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/v1/auth/session', headers })).statusCode).toBe(401);
    }
    expect((await session(staff)).statusCode).toBe(200);
  });

  it('gives a staff member a new session at each login, and ends only the one logged out', async () => {
    t.clock.advance(TOTP_PERIOD_S * 1000);
    const second = await loginStaff(t.app, staff);
    expect(second.cookie).not.toBe(staff.cookie);
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/v1/auth/logout', headers: staffHeaders(second) })).statusCode).toBe(204);
    expect((await session(second)).statusCode).toBe(401);
    expect((await session(staff)).statusCode).toBe(200);
  });
});
