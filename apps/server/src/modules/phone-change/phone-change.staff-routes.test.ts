import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, codeIn, lastCodeSms, login, registerCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { emergencyBlock } from '../blocks/index.js';
import { closeCall, identifiedCall, openCall } from '../calls/calls.fixtures.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { freshNumber, profileOf } from './phone-change.fixtures.js';

// Issue 13 item 5, "or by staff after identification": an operator on an inbound call on which the
// caller read back the verification code changes the number; the code goes to the new number only.

let t: TestApp;
let operator: TestStaff;
let otherOperator: TestStaff;
let officer: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
  operator = await createTestStaff(t.app, 'operator');
  otherOperator = await createTestStaff(t.app, 'operator');
  officer = await createTestStaff(t.app, 'security_officer');
});
afterAll(async () => {
  await t.close();
});

const problemType = (code: string) => `https://mykassa.kz/problems/${code}`;
const meta = { ip: '127.0.0.1', userAgent: null, requestId: 'phone-change-staff-routes', language: 'ru' as const };

function post(who: TestStaff, url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url, headers: staffHeaders(who), ...(payload ? { payload } : {}) });
}

async function deniedAudits(): Promise<number> {
  const { rows } = await t.db.query<{ count: bigint }>("SELECT count(*) AS count FROM audit_events WHERE event = 'access.denied'");
  return Number(rows[0]?.count);
}

describe('the phone change by an operator on an identified call', () => {
  it('sends a code to the new number only, and changes the number with the code the caller reads back', async () => {
    const customer = await registerCustomer(t.app);
    const callId = await identifiedCall(t.app, operator, customer.phone);
    const oldSmsBefore = (await allSms(t.app, customer.phone)).length;
    const newPhone = freshNumber();
    const started = await post(operator, `/api/staff/v1/calls/${callId}/phone-change`, { newPhone });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().sentTo).toBe(`+7 ${newPhone.slice(2, 5)} *** ** ${newPhone.slice(-2)}`);
    expect((await allSms(t.app, customer.phone)).length).toBe(oldSmsBefore);
    const { changeId } = started.json();
    const base = `/api/staff/v1/calls/${callId}/phone-change/${changeId}`;

    // Another operator, or an officer, cannot go on with it.
    expect((await post(otherOperator, `${base}/confirm`, { code: '000000' })).statusCode).toBe(404);
    expect((await post(officer, `${base}/confirm`, { code: '000000' })).statusCode).toBe(403);

    const confirmed = await post(operator, `${base}/confirm`, { code: codeIn(await lastCodeSms(t.app, newPhone)) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ maskedPhone: expect.stringContaining(newPhone.slice(-2)), coolingUntil: expect.any(String) });
    // Every session of the customer ended; the new number logs in.
    expect((await profileOf(t.app, customer)).statusCode).toBe(401);
    t.clock.advance(1_000);
    expect((await login(t.app, { phone: newPhone, password: customer.password })).status).toBe(200);
    const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'phone_change.started' AND customer_id = $1",
      [customer.customerId],
    );
    expect(rows[0]?.details).toMatchObject({ channel: 'staff', staffId: operator.staffId, callId });
  });

  it('resends the code to the new number after the cooldown', async () => {
    const customer = await registerCustomer(t.app);
    const callId = await identifiedCall(t.app, operator, customer.phone);
    const newPhone = freshNumber();
    const { changeId } = (await post(operator, `/api/staff/v1/calls/${callId}/phone-change`, { newPhone })).json();
    const first = codeIn(await lastCodeSms(t.app, newPhone));
    t.clock.advance(120_000);
    const resent = await post(operator, `/api/staff/v1/calls/${callId}/phone-change/${changeId}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(codeIn(await lastCodeSms(t.app, newPhone))).not.toBe(first);
    await closeCall(t.app, operator, callId);
  });

  it('refuses a call not identified by the code, another operator’s call and a closed call with 404, audited', async () => {
    const customer = await registerCustomer(t.app);
    const unidentified = await openCall(t.app, operator, customer.phone);
    const before = await deniedAudits();
    expect((await post(operator, `/api/staff/v1/calls/${unidentified}/phone-change`, { newPhone: freshNumber() })).statusCode).toBe(404);
    const callId = await identifiedCall(t.app, operator, customer.phone);
    expect((await post(otherOperator, `/api/staff/v1/calls/${callId}/phone-change`, { newPhone: freshNumber() })).statusCode).toBe(404);
    // Started on the call, then the call ends: the confirmation is refused.
    const newPhone = freshNumber();
    const { changeId } = (await post(operator, `/api/staff/v1/calls/${callId}/phone-change`, { newPhone })).json();
    await closeCall(t.app, operator, callId);
    const late = await post(operator, `/api/staff/v1/calls/${callId}/phone-change/${changeId}/confirm`, {
      code: codeIn(await lastCodeSms(t.app, newPhone)),
    });
    expect(late.statusCode).toBe(404);
    expect(await deniedAudits()).toBeGreaterThanOrEqual(before + 3);
    await closeCall(t.app, operator, unidentified);
  });

  it('refuses while the customer is blocked, and sends no code', async () => {
    const customer = await registerCustomer(t.app);
    const callId = await identifiedCall(t.app, operator, customer.phone);
    await emergencyBlock(t.app.ctx, {
      customerId: customer.customerId,
      source: 'security',
      reason: 'compromise',
      staffId: officer.staffId,
      meta,
    });
    const newPhone = freshNumber();
    const refused = await post(operator, `/api/staff/v1/calls/${callId}/phone-change`, { newPhone });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe(problemType('phone-change-customer-blocked'));
    expect(await allSms(t.app, newPhone)).toEqual([]);
  });
});
