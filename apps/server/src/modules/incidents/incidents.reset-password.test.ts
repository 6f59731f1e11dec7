import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, codeIn, GOOD_PASSWORD, type LoggedIn, lastCodeSms, login, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { bindPinDevice } from '../blocks/blocks.fixtures.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';

// Issue 13 item 7: "reset password" from a security incident. The password stops working at
// once, every session ends, the customer is told by SMS in their language how to set a new one
// (the "forgot password" flow: a code to the phone and the IIN), and nothing tells a tester
// that the bank did it.

const NEW_PASSWORD = 'Granite-Falcon-Orchard-93';

let t: TestApp;
let officer: TestStaff;
let operator: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
  officer = await createTestStaff(t.app, 'security_officer');
  operator = await createTestStaff(t.app, 'operator');
});
afterAll(async () => {
  await t.close();
});

function asStaff(who: TestStaff, url: string, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url, headers: staffHeaders(who), payload });
}

async function reportIncident(who: LoggedIn, kind = 'told_code'): Promise<string> {
  const answer = await t.app.inject({ method: 'POST', url: '/api/v1/incidents', headers: web(who), payload: { kind } });
  expect(answer.statusCode).toBe(201);
  return answer.json().id;
}

function resetPassword(who: TestStaff, incidentId: string) {
  return asStaff(who, `/api/staff/v1/incidents/${incidentId}/actions`, { action: 'reset-password' });
}

function startLogin(phone: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: phone, password, client: 'web' } });
}

function confirmLogin(loginId: string, code: string) {
  return t.app.inject({ method: 'POST', url: `/api/v1/auth/login/${loginId}/confirm`, payload: { code } });
}

/** The "forgot password" flow of the login screen, read from the SMS as the customer would. */
async function forgotPassword(who: LoggedIn, newPassword: string) {
  const started = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { phone: who.phone } });
  expect(started.statusCode).toBe(201);
  const code = codeIn(await lastCodeSms(t.app, who.phone));
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/auth/password-reset/${started.json().resetId}/complete`,
    payload: { code, iin: who.iin, newPassword },
  });
}

async function auditDetails(event: string, customerId: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
    'SELECT details FROM audit_events WHERE event = $1 AND customer_id = $2 ORDER BY seq',
    [event, customerId],
  );
  return rows.map((row) => row.details);
}

describe('a security officer resets the password from an incident', () => {
  it('ends every session, the old password fails, the SMS in Kazakh says how to set a new one, and "forgot password" does', async () => {
    const who = await registerCustomer(t.app);
    await t.app.inject({ method: 'PUT', url: '/api/v1/profile/language', headers: web(who), payload: { language: 'kk' } });
    const device = await bindPinDevice(t, who);
    const incidentId = await reportIncident(who);
    const smsBefore = (await allSms(t.app, who.phone)).length;

    const reset = await resetPassword(officer, incidentId);
    expect(reset.statusCode).toBe(200);
    expect(reset.json().result.sessionsEnded).toBeGreaterThan(0);
    // The old session is dead at once.
    expect((await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).statusCode).toBe(401);
    // A PIN login never used the password: the bound device stays (bank-password-reset.ts says why).
    expect(reset.json().incident.access.devices.map((one: { id: string }) => one.id)).toContain(device.deviceId);
    expect(reset.json().incident.timeline.at(-1)).toMatchObject({
      kind: 'action',
      staffId: officer.staffId,
      details: { action: 'reset-password' },
    });

    const texts = (await allSms(t.app, who.phone)).slice(smsBefore);
    expect(texts).toHaveLength(1);
    const [notice = ''] = texts;
    expect(notice).toContain('банк құпиясөзіңіздің күшін жойып');
    expect(notice).toMatch(/localhost:\d+\/login\/reset бетінде SMS коды және ЖСН арқылы/);
    expect(notice).toContain('595');
    // No secret in it: no code, no password, nothing a caller could ask the customer to read out.
    expect(notice).not.toMatch(/\d{6}/);
    expect(notice).not.toContain(GOOD_PASSWORD);

    const [audited] = await auditDetails('password.reset_by_bank', who.customerId);
    expect(audited).toMatchObject({ staffId: officer.staffId, caseId: incidentId });
    expect((await auditDetails('incident.action', who.customerId)).at(-1)).toMatchObject({
      staffId: officer.staffId,
      incidentId,
      action: 'reset-password',
    });

    // The old password: no code is sent, and the answer is the one of any wrong password.
    const smsBeforeLogin = (await allSms(t.app, who.phone)).length;
    const oldPassword = await startLogin(who.phone, GOOD_PASSWORD);
    const wrongPassword = await startLogin(who.phone, 'Not-The-Password-123');
    expect(oldPassword.statusCode).toBe(200);
    expect(Object.keys(oldPassword.json()).sort()).toEqual(Object.keys(wrongPassword.json()).sort());
    expect((await allSms(t.app, who.phone)).length).toBe(smsBeforeLogin);
    const refused = await confirmLogin(oldPassword.json().loginId, '123456');
    const refusedWrong = await confirmLogin(wrongPassword.json().loginId, '123456');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ type: refusedWrong.json().type, title: refusedWrong.json().title });

    expect((await forgotPassword(who, NEW_PASSWORD)).statusCode).toBe(204);
    const back = await login(t.app, { phone: who.phone, password: NEW_PASSWORD });
    expect(back.status).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/accounts', headers: web(back) })).statusCode).toBe(200);
  });

  it('fails a login whose password step passed just before the reset, and a "forgot password" reset started before it', async () => {
    const who = await registerCustomer(t.app);
    const incidentId = await reportIncident(who, 'unknown_operations');
    const started = await startLogin(who.phone, GOOD_PASSWORD);
    const loginCode = codeIn(await lastCodeSms(t.app, who.phone));
    t.clock.advance(61_000);
    const forgot = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { phone: who.phone } });
    const resetCode = codeIn(await lastCodeSms(t.app, who.phone));

    expect((await resetPassword(officer, incidentId)).statusCode).toBe(200);

    // Someone holding the old password and a code the customer was talked into reading out gets nothing.
    expect((await confirmLogin(started.json().loginId, loginCode)).statusCode).toBe(401);
    const completed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/password-reset/${forgot.json().resetId}/complete`,
      payload: { code: resetCode, iin: who.iin, newPassword: NEW_PASSWORD },
    });
    expect(completed.statusCode).toBe(401);
    expect((await login(t.app, { phone: who.phone, password: NEW_PASSWORD })).status).toBe(401);
    expect(await auditDetails('password.reset_by_bank', who.customerId)).toMatchObject([{ pendingStepsFailed: 2 }]);
  });

  it('is harmless when repeated: nothing is left to end, the customer is told again, "forgot password" still works', async () => {
    const who = await registerCustomer(t.app);
    const incidentId = await reportIncident(who);
    expect((await resetPassword(officer, incidentId)).statusCode).toBe(200);
    const again = await resetPassword(officer, incidentId);
    expect(again.statusCode).toBe(200);
    expect(again.json().result).toEqual({ sessionsEnded: 0 });
    const actions = again.json().incident.timeline.filter((entry: { kind: string }) => entry.kind === 'action');
    expect(actions).toHaveLength(2);
    expect((await allSms(t.app, who.phone)).filter((text) => text.includes('банк сбросил ваш пароль'))).toHaveLength(2);
    expect((await forgotPassword(who, NEW_PASSWORD)).statusCode).toBe(204);
    expect((await login(t.app, { phone: who.phone, password: NEW_PASSWORD })).status).toBe(200);
  });
});

describe('who may reset and when', () => {
  it('refuses an operator (403), a closed incident (409) and an unknown one (404), and changes nothing', async () => {
    const who = await registerCustomer(t.app);
    const incidentId = await reportIncident(who, 'other');
    const byOperator = await resetPassword(operator, incidentId);
    expect(byOperator.statusCode).toBe(403);
    expect(byOperator.json().type).toMatch(/staff-forbidden$/);
    const byCustomer = await t.app.inject({
      method: 'POST',
      url: `/api/staff/v1/incidents/${incidentId}/actions`,
      headers: web(who),
      payload: { action: 'reset-password' },
    });
    expect(byCustomer.statusCode).toBe(401);

    const status = (to: string, resolution?: string) =>
      asStaff(officer, `/api/staff/v1/incidents/${incidentId}/status`, { status: to, ...(resolution ? { resolution } : {}) });
    expect((await status('in_progress')).statusCode).toBe(200);
    expect((await status('resolved', 'Клиент ошибся, доступ в порядке')).statusCode).toBe(200);
    const closed = await resetPassword(officer, incidentId);
    expect(closed.statusCode).toBe(409);
    expect((await resetPassword(officer, `inc_${'a'.repeat(32)}`)).statusCode).toBe(404);

    expect((await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).statusCode).toBe(200);
    expect(await auditDetails('password.reset_by_bank', who.customerId)).toEqual([]);
    expect((await login(t.app, { phone: who.phone, password: GOOD_PASSWORD })).status).toBe(200);
  });
});
