import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, registerCustomer, uniquePhone, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import {
  callCodeTexts,
  callFile,
  closeCall,
  confirmCode,
  identifiedCall,
  lastCallCode,
  lookup,
  openCall,
  sendCode,
} from './calls.fixtures.js';

let t: TestApp;
let operator: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
  operator = await createTestStaff(t.app, 'operator', { displayName: 'Айгерим Касымова' });
});
afterAll(async () => {
  await t.close();
});

async function auditRows(event: string, callId: string) {
  const { rows } = await t.db.query<{ customer_id: string | null; details: Record<string, unknown> }>(
    "SELECT customer_id, details FROM audit_events WHERE event = $1 AND details->>'callId' = $2 ORDER BY seq",
    [event, callId],
  );
  return rows;
}

async function activeCall(who: { cookie: string; csrf: string }) {
  const response = await t.app.inject({ url: '/api/v1/calls/active', headers: { ...web(who), 'x-kassa-passive': '1' } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('an inbound call', () => {
  it('identifies the caller by the code sent to the phone on file, then opens the file for this call only, until it closes', async () => {
    const customer = await registerCustomer(t.app, { fullName: 'Сейткали Дана' });
    const callId = await openCall(t.app, operator, customer.phone);

    const found = await lookup(t.app, operator, callId, { phone: customer.phone });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({ exists: true, ambiguous: false });
    // Until the code is read back, the call names nobody and the file stays shut.
    const before = (await t.app.inject({ url: `/api/staff/v1/calls/${callId}`, headers: staffHeaders(operator) })).json();
    expect(before).toMatchObject({ status: 'open', customerId: null, customerFileAvailable: false });
    expect((await callFile(t.app, operator, callId)).statusCode).toBe(404);
    expect(await activeCall(customer)).toEqual({ active: false });

    const sent = await sendCode(t.app, operator, callId);
    expect(sent.statusCode).toBe(202);
    expect(Object.keys(sent.json()).sort()).toEqual(['expiresAt', 'resendAvailableAt']);
    const [sms] = await callCodeTexts(t.app, customer.phone);
    expect(sms).toMatch(
      /^localhost(:\d+)?: Вы позвонили в контакт-центр Kassa\. Сообщите этот код только оператору на этом звонке: \d{6}\. Kassa никогда не звонит, чтобы спросить его\.$/,
    );

    const confirmed = await confirmCode(t.app, operator, callId, await lastCallCode(t.app, customer.phone));
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'identified', identifiedBy: 'sms_code', customerId: customer.customerId });

    // "Is Kassa calling me?": yes, and who (the given name only).
    const active = await activeCall(customer);
    expect(active).toMatchObject({ active: true, staffName: 'Айгерим', direction: 'inbound' });
    expect(Date.parse(active.startedAt)).toBeGreaterThan(0);

    const file = await callFile(t.app, operator, callId);
    expect(file.statusCode).toBe(200);
    const body = file.json();
    expect(body).toMatchObject({ customerId: customer.customerId, fullName: 'Сейткали Дана', access: { via: 'call', callId } });
    expect(body.maskedPhone).toMatch(/\*\*\*/);
    expect(body.maskedPhone).not.toContain(customer.phone.slice(5, 9));
    expect(body.maskedIin).toBe(`********${customer.iin.slice(-4)}`);
    expect(body.accounts.length).toBeGreaterThan(0);
    expect(
      body.accounts.every((account: { maskedIban: string | null }) => account.maskedIban === null || account.maskedIban.includes('••••')),
    ).toBe(true);
    expect(body.sessions.length).toBeGreaterThan(0);
    expect(Array.isArray(body.operations) && Array.isArray(body.devices)).toBe(true);
    expect(JSON.stringify(body)).not.toContain(customer.iin);
    const viewed = await auditRows('customer.file.viewed', callId);
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ customer_id: customer.customerId, details: { staffId: operator.staffId, callId } });
    // By the customer's id too, while the call lasts.
    const byId = await t.app.inject({ url: `/api/staff/v1/customers/${customer.customerId}`, headers: staffHeaders(operator) });
    expect(byId.statusCode).toBe(200);

    const closed = await closeCall(t.app, operator, callId);
    expect(closed.json()).toMatchObject({ status: 'closed', closeReason: 'closed' });
    expect((await callFile(t.app, operator, callId)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/staff/v1/customers/${customer.customerId}`, headers: staffHeaders(operator) })).statusCode,
    ).toBe(404);
    expect(await activeCall(customer)).toEqual({ active: false });
    expect(await auditRows('call.closed', callId)).toHaveLength(1);
  });

  it('answers a look-up alike for a known and an unknown phone, and sends nothing for the unknown one', async () => {
    const customer = await registerCustomer(t.app);
    const stranger = uniquePhone();
    const known = await openCall(t.app, operator);
    const unknown = await openCall(t.app, operator);
    const a = await lookup(t.app, operator, known, { phone: customer.phone });
    const b = await lookup(t.app, operator, unknown, { phone: stranger });
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(Object.keys(a.json())).toEqual(Object.keys(b.json()));
    expect(a.json()).toEqual({ exists: true, ambiguous: false });
    expect(b.json()).toEqual({ exists: false, ambiguous: false });
    // The match stays on the server: neither call view names anyone.
    for (const callId of [known, unknown]) {
      const view = (await t.app.inject({ url: `/api/staff/v1/calls/${callId}`, headers: staffHeaders(operator) })).json();
      expect(view.customerId).toBeNull();
      expect(JSON.stringify(view)).not.toContain(customer.customerId);
    }

    const sentKnown = await sendCode(t.app, operator, known);
    const sentUnknown = await sendCode(t.app, operator, unknown);
    expect([sentKnown.statusCode, sentUnknown.statusCode]).toEqual([202, 202]);
    expect(Object.keys(sentKnown.json())).toEqual(Object.keys(sentUnknown.json()));
    expect(await allSms(t.app, stranger)).toEqual([]);
    expect(await callCodeTexts(t.app, customer.phone)).toHaveLength(1);
    // Nobody's code passes on the call that matched nobody.
    const guess = await confirmCode(t.app, operator, unknown, '123456');
    expect(guess.statusCode).toBe(422);
    expect(guess.json().type).toMatch(/code-invalid$/);

    const audited = [...(await auditRows('call.customer_looked_up', known)), ...(await auditRows('call.customer_looked_up', unknown))];
    expect(audited.map((row) => [row.customer_id, row.details.exists, row.details.by])).toEqual([
      [customer.customerId, true, 'phone'],
      [null, false, 'phone'],
    ]);
  });

  it('finds by IIN and by name; a name several customers share chooses none', async () => {
    const first = await registerCustomer(t.app, { fullName: 'Омарова Жанар' });
    await registerCustomer(t.app, { fullName: 'Омарова Жанар' });
    const callId = await openCall(t.app, operator);
    expect((await lookup(t.app, operator, callId, { iin: first.iin })).json()).toEqual({ exists: true, ambiguous: false });
    expect((await lookup(t.app, operator, callId, { name: 'омарова  жанар' })).json()).toEqual({ exists: true, ambiguous: true });
    expect((await lookup(t.app, operator, callId, { name: 'Никто Такой' })).json()).toEqual({ exists: false, ambiguous: false });
    expect((await lookup(t.app, operator, callId, { phone: '12' })).statusCode).toBe(400);
    expect((await lookup(t.app, operator, callId, { phone: first.phone, iin: first.iin })).statusCode).toBe(400);
  });

  it('counts look-ups per call: the sixth is refused', async () => {
    const callId = await openCall(t.app, operator);
    for (let i = 0; i < 5; i += 1) expect((await lookup(t.app, operator, callId, { phone: uniquePhone() })).statusCode).toBe(200);
    const sixth = await lookup(t.app, operator, callId, { phone: uniquePhone() });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().type).toMatch(/call-lookups-exhausted$/);
  });
});

describe('the customer file', () => {
  it('is 404 for an operator without a call identified on that customer, and the refusal is audited', async () => {
    const customer = await registerCustomer(t.app);
    const other = await createTestStaff(t.app, 'operator');
    const callId = await identifiedCall(t.app, operator, customer.phone);
    // Another operator: neither the call nor the customer.
    expect((await callFile(t.app, other, callId)).statusCode).toBe(404);
    const byId = await t.app.inject({ url: `/api/staff/v1/customers/${customer.customerId}`, headers: staffHeaders(other) });
    expect(byId.statusCode).toBe(404);
    expect(byId.json().type).toMatch(/customer-file-not-found$/);
    const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'access.denied' AND details->>'staffId' = $1 ORDER BY seq",
      [other.staffId],
    );
    expect(rows.map((row) => row.details.resource)).toEqual(['customer-file', 'customer-file']);
    expect(rows[1]?.details).toMatchObject({ customerId: customer.customerId, reason: 'no-identified-call' });
    // Nor may the other operator act on the call.
    expect((await closeCall(t.app, other, callId)).statusCode).toBe(404);
    await closeCall(t.app, operator, callId);
  });

  it('opens to a security officer without a call only with a reason, audited with it; never to an admin', async () => {
    const customer = await registerCustomer(t.app);
    const officer = await createTestStaff(t.app, 'security_officer');
    const admin = await createTestStaff(t.app, 'admin');
    const url = `/api/staff/v1/customers/${customer.customerId}`;
    expect((await t.app.inject({ url, headers: staffHeaders(officer) })).statusCode).toBe(400);
    const reason = 'Incident: customer reports a stolen phone';
    const opened = await t.app.inject({ url: `${url}?reason=${encodeURIComponent(reason)}`, headers: staffHeaders(officer) });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().access).toEqual({ via: 'officer', callId: null, reason });
    const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'customer.file.viewed' AND customer_id = $1",
      [customer.customerId],
    );
    expect(rows).toEqual([{ details: { staffId: officer.staffId, role: 'security_officer', reason } }]);
    expect((await t.app.inject({ url: `${url}?reason=${encodeURIComponent(reason)}`, headers: staffHeaders(admin) })).statusCode).toBe(403);
  });

  it('is for staff only: a customer session gets 401 on staff routes, a staff session 401 on the customer route', async () => {
    const customer = await registerCustomer(t.app);
    const asCustomer = await t.app.inject({ url: `/api/staff/v1/customers/${customer.customerId}`, headers: web(customer) });
    expect(asCustomer.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/calls/active', headers: staffHeaders(operator) })).statusCode).toBe(401);
  });
});

describe('an outbound call', () => {
  it('shows the customer who is calling, sends no code and opens no file', async () => {
    const customer = await registerCustomer(t.app);
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/staff/v1/calls/outbound',
      headers: staffHeaders(operator),
      payload: { customerId: customer.customerId, reason: 'Dispute: we need a detail of the operation' },
    });
    expect(registered.statusCode).toBe(201);
    const call = registered.json();
    expect(call).toMatchObject({ direction: 'outbound', status: 'identified', identifiedBy: 'officer' });
    expect(call.callerPhone).toMatch(/^\+7 701 \*\*\* \*\* \d\d$/);
    expect(await activeCall(customer)).toMatchObject({ active: true, staffName: 'Айгерим', direction: 'outbound' });
    const code = await sendCode(t.app, operator, call.id);
    expect(code.statusCode).toBe(409);
    expect(code.json().type).toMatch(/call-outbound-no-code$/);
    expect(await callCodeTexts(t.app, customer.phone)).toEqual([]);
    expect((await callFile(t.app, operator, call.id)).statusCode).toBe(404);
    await closeCall(t.app, operator, call.id);
    expect(await activeCall(customer)).toEqual({ active: false });
  });
});
