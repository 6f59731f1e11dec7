import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { bindPinDevice } from '../blocks/blocks.fixtures.js';
import { closeCall, identifiedCall, openCall } from '../calls/calls.fixtures.js';
import { sentByPhone } from '../disputes/disputes.fixtures.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { CUSTOMER_REPORTS_PER_DAY_MAX } from './incidents.service.js';

// Issue 13 item 7: a customer reports a security problem from the app and is told what to do
// now; operators record what callers say; security officers work the queue by priority and act
// on the customer's access from the incident.

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

function report(who: LoggedIn, payload: Record<string, unknown>, language = 'ru') {
  return t.app.inject({ method: 'POST', url: '/api/v1/incidents', headers: { ...web(who), 'accept-language': language }, payload });
}

function asStaff(who: TestStaff, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method, url, headers: staffHeaders(who), ...(method === 'POST' ? { payload: payload ?? {} } : {}) });
}

async function auditCount(event: string, incidentId: string): Promise<number> {
  const { rows } = await t.db.query<{ count: bigint }>(
    "SELECT count(*) AS count FROM audit_events WHERE event = $1 AND details ->> 'incidentId' = $2",
    [event, incidentId],
  );
  return Number(rows[0]?.count);
}

describe('a customer reports a security problem', () => {
  it('told someone their code: the answer says to call 595 now and gives the security e-mail', async () => {
    const who = await registerCustomer(t.app);
    const answer = await report(who, { kind: 'told_code', text: 'Позвонили «из банка», я назвал код' });
    expect(answer.statusCode).toBe(201);
    const body = answer.json();
    expect(body).toMatchObject({ kind: 'told_code', status: 'new', source: 'customer', text: 'Позвонили «из банка», я назвал код' });
    expect(body.advice).toMatchObject({ urgent: true, contactCenterPhone: '595', securityEmail: 'security@mykassa.kz' });
    expect(body.advice.steps[0]).toMatch(/Позвоните в контакт-центр 595 прямо сейчас.*заблокируем доступ/);
    expect(body.advice.steps.join(' ')).toContain('security@mykassa.kz');
    expect(body).not.toHaveProperty('priority');
    expect((await t.app.inject({ url: '/api/v1/incidents', headers: web(who) })).json().items).toMatchObject([
      { id: body.id, kind: 'told_code' },
    ]);
    expect(await auditCount('incident.reported', body.id)).toBe(1);
    await t.app.ctx.worker.drain();
    const inbox = (await t.app.inject({ url: '/api/v1/notifications', headers: web(who) })).json().items;
    expect(inbox[0]).toMatchObject({ title: 'Сообщение получено' });
  });

  it('lost the phone: block the SIM with the operator, then call the bank, in the language asked', async () => {
    const who = await registerCustomer(t.app);
    const { advice } = (await report(who, { kind: 'lost_phone' }, 'kk')).json();
    expect(advice.urgent).toBe(true);
    expect(advice.steps[0]).toBe('Ұялы байланыс операторыңызға қоңырау шалып, SIM-картаны бұғаттаңыз.');
    expect(advice.steps[1]).toContain('595');
    const english = (await report(who, { kind: 'lost_phone' }, 'en')).json().advice;
    expect(english.steps[0]).toBe('Call your mobile operator and block the SIM card.');
  });

  it("refuses an operation that is not the customer's, audits it, and records nothing", async () => {
    const sent = await sentByPhone(t, 10_000);
    const stranger = await registerCustomer(t.app);
    const answer = await report(stranger, { kind: 'unknown_operations', operationIds: [sent.operationId] });
    expect(answer.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/incidents', headers: web(stranger) })).json().items).toEqual([]);
    const own = await report(sent.who, { kind: 'unknown_operations', operationIds: [sent.operationId] });
    expect(own.json().operationIds).toEqual([sent.operationId]);
  });

  it(`takes at most ${CUSTOMER_REPORTS_PER_DAY_MAX} reports a day from one customer, then points to the phone`, async () => {
    const who = await registerCustomer(t.app);
    for (let report_ = 0; report_ < CUSTOMER_REPORTS_PER_DAY_MAX; report_ += 1)
      expect((await report(who, { kind: 'other' })).statusCode).toBe(201);
    const refused = await report(who, { kind: 'other' }, 'en');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().title).toBe('You have sent many reports today. If it is urgent, call 595');
  });
});

describe('the security officers’ queue', () => {
  it('holds the reports of customers and of operators, high priority first', async () => {
    const caller = await registerCustomer(t.app);
    const reporter = await registerCustomer(t.app);
    const normal = (await report(reporter, { kind: 'fake_bank_call' })).json();
    t.clock.advance(1_000);
    const callId = await identifiedCall(t.app, operator, caller.phone);
    const recorded = await asStaff(operator, 'POST', '/api/staff/v1/incidents', {
      customerId: caller.customerId,
      kind: 'unknown_operations',
      text: 'Клиент звонит: списание, которого не делал',
      callId,
    });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ source: 'operator', priority: 'high', status: 'new', customerId: caller.customerId });
    const queue = (await asStaff(officer, 'GET', '/api/staff/v1/incidents?limit=100')).json().items as Array<{
      id: string;
      priority: string;
    }>;
    const ids = queue.map((item) => item.id);
    expect(ids).toContain(normal.id);
    expect(ids.indexOf(recorded.json().id)).toBeLessThan(ids.indexOf(normal.id));
    expect(queue.map((item) => item.priority)).toEqual([...queue.map((item) => item.priority)].sort());
    const normals = (await asStaff(officer, 'GET', '/api/staff/v1/incidents?priority=normal&limit=100')).json().items;
    expect(normals.every((item: { priority: string }) => item.priority === 'normal')).toBe(true);
    const details = (await asStaff(officer, 'GET', `/api/staff/v1/incidents/${recorded.json().id}`)).json();
    expect(details).toMatchObject({
      callId,
      recordedByStaffId: operator.staffId,
      contactCenterPhone: '595',
      securityEmail: 'security@mykassa.kz',
      customer: { id: caller.customerId, maskedName: 'Айгерим Б.' },
    });
    expect(details.access.sessions.length).toBeGreaterThan(0);
    expect(await auditCount('incident.viewed', recorded.json().id)).toBe(1);
  });

  it('records from a call only the operator’s own live call on that very customer (404 otherwise, audited)', async () => {
    const caller = await registerCustomer(t.app);
    const someoneElse = await registerCustomer(t.app);
    const record = (who: TestStaff, customerId: string, callId: string) =>
      asStaff(who, 'POST', '/api/staff/v1/incidents', { customerId, kind: 'told_code', callId });
    const callId = await identifiedCall(t.app, operator, caller.phone);
    expect((await record(operator, someoneElse.customerId, callId)).statusCode).toBe(404);
    expect((await record(officer, caller.customerId, callId)).statusCode).toBe(404);
    expect((await record(operator, caller.customerId, `call_${'a'.repeat(32)}`)).statusCode).toBe(404);
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM audit_events WHERE event = 'access.denied' AND details ->> 'callId' IN ($1, $2)",
      [callId, `call_${'a'.repeat(32)}`],
    );
    expect(Number(rows[0]?.count)).toBe(3);
    expect((await record(operator, caller.customerId, callId)).statusCode).toBe(201);
    await closeCall(t.app, operator, callId);
    expect((await record(operator, caller.customerId, callId)).statusCode).toBe(404);
    // A call whose look-up matched the caller, before any code (a lost phone gets none), records too.
    const matched = await openCall(t.app, operator, caller.phone);
    await asStaff(operator, 'POST', `/api/staff/v1/calls/${matched}/lookup`, { phone: caller.phone });
    expect((await record(operator, caller.customerId, matched)).statusCode).toBe(201);
    await closeCall(t.app, operator, matched);
  });

  it('moves an incident new → in_progress → resolved with how it ended, and refuses any other step', async () => {
    const who = await registerCustomer(t.app);
    const { id } = (await report(who, { kind: 'other', text: 'Странное письмо' })).json();
    const status = (to: string, resolution?: string) =>
      asStaff(officer, 'POST', `/api/staff/v1/incidents/${id}/status`, { status: to, ...(resolution ? { resolution } : {}) });
    expect((await status('resolved', 'Рано')).statusCode).toBe(409);
    const started = await status('in_progress');
    expect(started.json()).toMatchObject({ status: 'in_progress', owner: { staffId: officer.staffId } });
    expect((await status('in_progress')).statusCode).toBe(409);
    expect((await status('resolved')).statusCode).toBe(400);
    const noted = await asStaff(officer, 'POST', `/api/staff/v1/incidents/${id}/notes`, { text: 'Фишинговое письмо, не от банка' });
    expect(noted.json().notes).toMatchObject([{ text: 'Фишинговое письмо, не от банка' }]);
    const resolved = await status('resolved', 'Объяснили клиенту, что письмо не от банка');
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolution: 'Объяснили клиенту, что письмо не от банка' });
    expect((await status('rejected', 'Поздно')).statusCode).toBe(409);
    const mine = (await t.app.inject({ url: '/api/v1/incidents', headers: web(who) })).json().items[0];
    expect(mine.status).toBe('resolved');
    expect(JSON.stringify(mine)).not.toContain('Фишинговое');
    expect(resolved.json().timeline.map((entry: { kind: string }) => entry.kind)).toEqual(['reported', 'in_progress', 'resolved']);
  });

  it('ends every session of the customer and revokes a device from the incident', async () => {
    const who = await registerCustomer(t.app);
    const device = await bindPinDevice(t, who);
    const { id } = (await report(who, { kind: 'told_code' })).json();
    const revoked = await asStaff(officer, 'POST', `/api/staff/v1/incidents/${id}/actions`, {
      action: 'revoke-device',
      deviceId: device.deviceId,
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().result).toEqual({ devicesRevoked: 1 });
    expect(revoked.json().incident.access.devices).toEqual([]);
    const again = await asStaff(officer, 'POST', `/api/staff/v1/incidents/${id}/actions`, {
      action: 'revoke-device',
      deviceId: device.deviceId,
    });
    expect(again.statusCode).toBe(404);
    const ended = await asStaff(officer, 'POST', `/api/staff/v1/incidents/${id}/actions`, { action: 'end-sessions' });
    expect(ended.json().result.sessionsEnded).toBeGreaterThan(0);
    expect((await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).statusCode).toBe(401);
    expect(ended.json().incident.timeline.filter((entry: { kind: string }) => entry.kind === 'action')).toHaveLength(2);
    expect(await auditCount('incident.action', id)).toBe(2);
  });

  it('blocks the customer from the incident (modules/blocks): sessions end and money cannot leave', async () => {
    const sent = await sentByPhone(t, 10_000);
    const { id } = (await report(sent.who, { kind: 'unknown_operations', operationIds: [sent.operationId] })).json();
    const blocked = await asStaff(officer, 'POST', `/api/staff/v1/incidents/${id}/actions`, { action: 'block' });
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json().result).toMatchObject({ alreadyBlocked: false });
    expect(blocked.json().incident.operations).toMatchObject([{ id: sent.operationId, kind: 'transfer.phone' }]);
    expect((await t.app.inject({ url: '/api/v1/accounts', headers: web(sent.who) })).statusCode).toBe(401);
    const { rows } = await t.db.query<{ reason: string; source: string; created_by_staff_id: string }>(
      'SELECT reason, source, created_by_staff_id FROM customer_blocks WHERE customer_id = $1',
      [sent.who.customerId],
    );
    expect(rows).toEqual([{ reason: 'fraud_suspected', source: 'security', created_by_staff_id: officer.staffId }]);
  });
});

describe('the staff incident routes', () => {
  it('refuse a customer session (401), an operator on the queue (403), and let an operator only record', async () => {
    const who = await registerCustomer(t.app);
    const { id } = (await report(who, { kind: 'other' })).json();
    expect((await t.app.inject({ url: '/api/staff/v1/incidents', headers: web(who) })).statusCode).toBe(401);
    for (const [method, url, payload] of [
      ['GET', '/api/staff/v1/incidents', undefined],
      ['GET', `/api/staff/v1/incidents/${id}`, undefined],
      ['POST', `/api/staff/v1/incidents/${id}/status`, { status: 'in_progress' }],
      ['POST', `/api/staff/v1/incidents/${id}/actions`, { action: 'end-sessions' }],
    ] as const) {
      const answer = await asStaff(operator, method, url, payload);
      expect(answer.statusCode).toBe(403);
      expect(answer.json().type).toMatch(/staff-forbidden$/);
    }
    const admin = await createTestStaff(t.app, 'admin');
    expect((await asStaff(admin, 'POST', '/api/staff/v1/incidents', { customerId: who.customerId, kind: 'other' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).statusCode).toBe(200);
  });
});
