import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createTestStaff, loginStaff, STAFF_TEST_PASSWORD, staffHeaders, type TestStaff } from './staff.fixtures.js';
import { STAFF_FAILURES_MAX } from './staff-lockout.js';
import { TOTP_PERIOD_S, totpCode } from './totp.js';

// Issue 13 item 1: an admin creates staff (the member enrols TOTP and replaces the initial password
// at the first login), disables and enables them (their sessions end at once) and lifts a lock.

let t: TestApp;
let admin: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createTestStaff(t.app, 'admin');
});
afterAll(async () => {
  await t.close();
});

const INITIAL_PASSWORD = 'Amber-Orchard-Violin-31';
const OWN_PASSWORD = 'Granite-Meadow-Kettle-64';
const problemType = (code: string) => `https://mykassa.kz/problems/${code}`;
let serial = 0;

function post(who: { cookie: string; csrfToken: string }, url: string, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url, headers: staffHeaders(who), payload });
}

async function auditDetails(event: string, staffId: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
    "SELECT details FROM audit_events WHERE event = $1 AND details ->> 'staffId' = $2 ORDER BY seq",
    [event, staffId],
  );
  return rows.map((row) => row.details);
}

/** The next TOTP step, so a second login of the same member is not a reused code. */
function nextStep(): void {
  t.clock.advance(TOTP_PERIOD_S * 1000);
}

/** An operator created by the admin through the API, enrolled at a first login; still on the initial password. */
async function createdMember(): Promise<TestStaff & { staffId: string }> {
  serial += 1;
  const username = `m.member.${process.pid}.${serial}`;
  const created = await post(admin, '/api/staff/v1/staff', {
    username,
    displayName: 'Ерлан Жаңа',
    role: 'operator',
    language: 'kk',
    password: INITIAL_PASSWORD,
  });
  expect(created.statusCode).toBe(201);
  expect(created.json()).toMatchObject({ passwordChangeRequired: true, totpEnrolled: false, lockedUntil: null });
  nextStep();
  const started = await t.app.inject({
    method: 'POST',
    url: '/api/staff/v1/auth/login',
    payload: { login: username, password: INITIAL_PASSWORD },
  });
  const { loginId, otpauthUri } = started.json();
  const secret = new URL(otpauthUri).searchParams.get('secret') ?? '';
  const confirmed = await t.app.inject({
    method: 'POST',
    url: `/api/staff/v1/auth/login/${loginId}/totp`,
    payload: { code: totpCode(secret, t.clock.now().getTime()) },
  });
  expect(confirmed.statusCode).toBe(200);
  const cookie = /__Host-kassa_staff=([^;]+)/.exec(String(confirmed.headers['set-cookie']))?.[1] ?? '';
  return { staffId: created.json().id, username, password: INITIAL_PASSWORD, secret, cookie, csrfToken: confirmed.json().csrfToken };
}

describe('a staff member an admin created', () => {
  it('must replace the initial password after the first TOTP login before anything else works', async () => {
    const member = await createdMember();
    const session = await t.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(member) });
    expect(session.json()).toMatchObject({ passwordChangeRequired: true, staff: { role: 'operator' } });
    const calls = await t.app.inject({ url: '/api/staff/v1/calls', headers: staffHeaders(member) });
    expect(calls.statusCode).toBe(403);
    expect(calls.json().type).toBe(problemType('staff-password-change-required'));

    const same = await post(member, '/api/staff/v1/auth/password', { currentPassword: INITIAL_PASSWORD, newPassword: INITIAL_PASSWORD });
    expect(same.json().type).toBe(problemType('staff-password-unchanged'));
    const weak = await post(member, '/api/staff/v1/auth/password', { currentPassword: INITIAL_PASSWORD, newPassword: 'password1234' });
    expect(weak.json().type).toBe(problemType('password-common'));
    const wrong = await post(member, '/api/staff/v1/auth/password', { currentPassword: 'Not-The-Password-00', newPassword: OWN_PASSWORD });
    expect(wrong.statusCode).toBe(422);
    expect(await auditDetails('staff.login.failed', member.staffId)).toEqual([expect.objectContaining({ purpose: 'password-change' })]);

    const changed = await post(member, '/api/staff/v1/auth/password', { currentPassword: INITIAL_PASSWORD, newPassword: OWN_PASSWORD });
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/staff/v1/calls', headers: staffHeaders(member) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(member) })).json().passwordChangeRequired).toBe(
      false,
    );
    expect(await auditDetails('staff.password.changed', member.staffId)).toEqual([
      { staffId: member.staffId, wasRequired: true, sessionsEnded: [] },
    ]);
    nextStep();
    await expect(loginStaff(t.app, { ...member, password: INITIAL_PASSWORD })).rejects.toThrow(/401/);
    nextStep();
    const again = await loginStaff(t.app, { ...member, password: OWN_PASSWORD });
    expect((await t.app.inject({ url: '/api/staff/v1/calls', headers: staffHeaders(again) })).statusCode).toBe(200);
  });

  it('ends the member’s other sessions when they change the password, and keeps this one', async () => {
    const member = await createTestStaff(t.app, 'security_officer');
    nextStep();
    const other = await loginStaff(t.app, member);
    const changed = await post(member, '/api/staff/v1/auth/password', { currentPassword: STAFF_TEST_PASSWORD, newPassword: OWN_PASSWORD });
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(other) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(member) })).statusCode).toBe(200);
  });

  it('does not let the first admin from npm run staff:create (createdBy none) be forced to change', async () => {
    const session = await t.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(admin) });
    expect(session.json().passwordChangeRequired).toBe(false);
  });
});

describe('disabling and enabling staff', () => {
  it('ends every session of a disabled member at once, refuses their login alike a wrong password, and audits it', async () => {
    const member = await createTestStaff(t.app, 'operator');
    nextStep();
    const second = await loginStaff(t.app, member);
    const disabled = await post(admin, `/api/staff/v1/staff/${member.staffId}/disable`, { reason: 'Уволен 01.03' });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ id: member.staffId, status: 'disabled' });
    for (const who of [member, second]) {
      expect((await t.app.inject({ url: '/api/staff/v1/calls', headers: staffHeaders(who) })).statusCode).toBe(401);
    }
    const { rows } = await t.db.query<{ count: bigint }>(
      'SELECT count(*) AS count FROM staff_sessions WHERE staff_id = $1 AND ended_at IS NULL',
      [member.staffId],
    );
    expect(Number(rows[0]?.count)).toBe(0);
    const [audit] = await auditDetails('staff.disabled', member.staffId);
    expect(audit).toMatchObject({ by: admin.staffId, reason: 'Уволен 01.03' });
    expect(audit?.sessionsEnded).toHaveLength(2);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/staff/v1/auth/login',
      payload: { login: member.username, password: member.password },
    });
    expect(login.statusCode).toBe(401);
    expect(login.json().type).toBe(problemType('staff-login-failed'));
    // Twice changes nothing and audits nothing more.
    await post(admin, `/api/staff/v1/staff/${member.staffId}/disable`, { reason: 'again' });
    expect(await auditDetails('staff.disabled', member.staffId)).toHaveLength(1);

    const enabled = await post(admin, `/api/staff/v1/staff/${member.staffId}/enable`, { reason: 'Вернулся' });
    expect(enabled.json().status).toBe('active');
    expect(await auditDetails('staff.enabled', member.staffId)).toEqual([
      { staffId: member.staffId, by: admin.staffId, reason: 'Вернулся', sessionsEnded: [] },
    ]);
    nextStep();
    const back = await loginStaff(t.app, member);
    expect((await t.app.inject({ url: '/api/staff/v1/calls', headers: staffHeaders(back) })).statusCode).toBe(200);
  });

  it('refuses an admin disabling themselves, a non-admin disabling anyone, and an unknown id', async () => {
    const own = await post(admin, `/api/staff/v1/staff/${admin.staffId}/disable`, { reason: 'x' });
    expect(own.statusCode).toBe(409);
    expect(own.json().type).toBe(problemType('staff-own-account'));
    const officer = await createTestStaff(t.app, 'security_officer');
    expect((await post(officer, `/api/staff/v1/staff/${admin.staffId}/disable`, { reason: 'x' })).statusCode).toBe(403);
    expect((await post(admin, `/api/staff/v1/staff/stf_${'0'.repeat(32)}/disable`, { reason: 'x' })).statusCode).toBe(404);
    expect((await post(admin, `/api/staff/v1/staff/${officer.staffId}/disable`, { reason: '' })).statusCode).toBe(400);
  });
});

describe('unlocking a locked login', () => {
  it('lets an admin lift the 30-minute lock of a member, shown in the list, audited with the reason', async () => {
    const member = await createTestStaff(t.app, 'operator');
    for (let failure = 0; failure < STAFF_FAILURES_MAX; failure += 1) {
      await t.app.inject({
        method: 'POST',
        url: '/api/staff/v1/auth/login',
        payload: { login: member.username, password: 'Wrong-Password-Again-1' },
      });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/staff/v1/auth/login',
      payload: { login: member.username, password: member.password },
    });
    expect(locked.statusCode).toBe(423);
    const listed = (await t.app.inject({ url: '/api/staff/v1/staff', headers: staffHeaders(admin) })).json().items;
    expect(listed.find((item: { id: string }) => item.id === member.staffId).lockedUntil).toEqual(expect.any(String));
    const operator = await createTestStaff(t.app, 'operator');
    expect((await post(operator, `/api/staff/v1/staff/${member.staffId}/unlock`, { reason: 'x' })).statusCode).toBe(403);

    const unlocked = await post(admin, `/api/staff/v1/staff/${member.staffId}/unlock`, { reason: 'Звонил, опечатка' });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    expect(await auditDetails('staff.unlocked', member.staffId)).toEqual([
      expect.objectContaining({ by: admin.staffId, reason: 'Звонил, опечатка', wasLockedUntil: expect.any(String) }),
    ]);
    nextStep();
    await loginStaff(t.app, member);
    // Not locked: answered as it stands, nothing more audited.
    await post(admin, `/api/staff/v1/staff/${member.staffId}/unlock`, { reason: 'again' });
    expect(await auditDetails('staff.unlocked', member.staffId)).toHaveLength(1);
  });
});
