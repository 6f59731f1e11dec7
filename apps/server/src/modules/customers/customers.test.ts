import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, registerCustomer, uniquePhone, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { callFile, identifiedCall } from '../calls/calls.fixtures.js';
import { reportOperation, sentByPhone } from '../disputes/disputes.fixtures.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';

// Issue 13 item 8: the security officers' search of customers lists who matches, masked, with
// the id that opens the file (with a reason); operators keep the "exists or not" look-up on a call.

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

function search(who: TestStaff, query: Record<string, string>) {
  return t.app.inject({ url: `/api/staff/v1/customers?${new URLSearchParams(query)}`, headers: staffHeaders(who) });
}

async function auditRows(event: string, staffId: string) {
  const { rows } = await t.db.query<{ customer_id: string | null; details: Record<string, unknown> }>(
    "SELECT customer_id, details FROM audit_events WHERE event = $1 AND details->>'staffId' = $2 ORDER BY seq",
    [event, staffId],
  );
  return rows;
}

describe('searching customers', () => {
  it('refuses an operator with 403, audited, and lists nobody', async () => {
    const customer = await registerCustomer(t.app);
    const before = (await auditRows('access.denied', operator.staffId)).length;
    const answer = await search(operator, { phone: customer.phone });
    expect(answer.statusCode).toBe(403);
    expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(answer.body).not.toContain(customer.customerId);
    const denied = await auditRows('access.denied', operator.staffId);
    expect(denied).toHaveLength(before + 1);
    expect(denied.at(-1)?.details).toMatchObject({ resource: 'customer-search', role: 'operator' });
  });

  it('finds a customer by phone and by IIN for a security officer, masked, and audits each search with whom it matched', async () => {
    const customer = await registerCustomer(t.app, { fullName: 'Жумабекова Сауле' });
    const byPhone = await search(officer, { phone: customer.phone });
    expect(byPhone.statusCode).toBe(200);
    expect(byPhone.json().items).toEqual([
      { id: customer.customerId, maskedName: expect.any(String), maskedPhone: expect.stringContaining('***'), status: 'active' },
    ]);
    const match = byPhone.json().items[0];
    // The given name and the surname's initial: enough to greet the customer, not to find them.
    expect(match.maskedName).toBe('Сауле Ж.');
    expect(byPhone.body).not.toContain(customer.phone);
    expect(byPhone.body).not.toContain(customer.iin);

    const byIin = await search(officer, { iin: customer.iin });
    expect(byIin.json().items.map((item: { id: string }) => item.id)).toEqual([customer.customerId]);
    expect(byIin.body).not.toContain(customer.iin);

    const searched = (await auditRows('customers.searched', officer.staffId)).slice(-2);
    expect(searched.map((row) => row.details.by)).toEqual(['phone', 'iin']);
    expect(searched.every((row) => row.customer_id === customer.customerId && row.details.matches === 1)).toBe(true);
    // What was searched for is not written down: the audit has whom it matched, not the number or the IIN.
    expect(JSON.stringify(searched)).not.toContain(customer.iin);
    expect(JSON.stringify(searched)).not.toContain(customer.phone);
  });

  it('lists every customer of a name, and nobody for an unknown phone', async () => {
    const name = `Тестова Намесовпадение${Date.now() % 100_000}`.replace(/\d/g, (digit) => 'абвгдежзик'[Number(digit)] ?? '');
    const first = await registerCustomer(t.app, { fullName: name });
    const second = await registerCustomer(t.app, { fullName: name });
    const byName = await search(officer, { name });
    expect(byName.statusCode).toBe(200);
    expect(
      byName
        .json()
        .items.map((item: { id: string }) => item.id)
        .sort(),
    ).toEqual([first.customerId, second.customerId].sort());
    expect(byName.body).not.toContain(name);
    const unknown = await search(officer, { phone: uniquePhone() });
    expect(unknown.json()).toEqual({ items: [] });
    expect((await auditRows('customers.searched', officer.staffId)).at(-1)?.details).toMatchObject({ by: 'phone', matches: 0 });
  });

  it('asks for exactly one of phone, IIN and name', async () => {
    const customer = await registerCustomer(t.app);
    expect((await search(officer, {})).statusCode).toBe(400);
    expect((await search(officer, { phone: customer.phone, iin: customer.iin })).statusCode).toBe(400);
    expect((await search(officer, { iin: '123' })).statusCode).toBe(400);
    expect((await search(officer, { email: 'x@example.com' })).statusCode).toBe(400);
  });
});

describe("the customer file's cases, notifications and trail", () => {
  it('lists the notifications sent by kind, channel, time and status, a code message without its text', async () => {
    const customer = await registerCustomer(t.app);
    const texts = await allSms(t.app, customer.phone);
    const codes = texts.flatMap((text) => [...text.matchAll(/(?<!\d)(\d{6})(?!\d)/g)].map((match) => match[1] ?? ''));
    expect(codes.length).toBeGreaterThan(0);

    const answer = await t.app.inject({
      url: `/api/staff/v1/customers/${customer.customerId}?reason=${encodeURIComponent('Проверка по обращению клиента')}`,
      headers: staffHeaders(officer),
    });
    expect(answer.statusCode).toBe(200);
    const file = answer.json();
    expect(file.notifications.length).toBeGreaterThan(0);
    for (const sent of file.notifications) {
      expect(Object.keys(sent).sort()).toEqual([
        'channel',
        'createdAt',
        'deliveredAt',
        'id',
        'isCode',
        'kind',
        'status',
        'suppressedReason',
      ]);
    }
    const codeMessages = file.notifications.filter((sent: { isCode: boolean }) => sent.isCode);
    expect(codeMessages.length).toBeGreaterThan(0);
    expect(codeMessages.every((sent: { kind: string; channel: string }) => sent.kind === 'code' && sent.channel === 'sms')).toBe(true);
    // No code, and no text of any SMS, anywhere in the file.
    for (const code of codes) expect(answer.body).not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
    for (const text of texts) expect(answer.body).not.toContain(text);
    expect(answer.body).not.toContain('sealedText');
  });

  it("shows a security officer the customer's incidents, blocks and audit trail", async () => {
    const customer = await registerCustomer(t.app);
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: web(customer),
      payload: { kind: 'told_code' },
    });
    expect(reported.statusCode).toBe(201);
    const incidentId = reported.json().id;
    const blocked = await t.app.inject({
      method: 'POST',
      url: `/api/staff/v1/incidents/${incidentId}/actions`,
      headers: staffHeaders(officer),
      payload: { action: 'block' },
    });
    expect(blocked.statusCode).toBe(200);

    const reason = 'Инцидент: клиент сообщил код';
    const file = (
      await t.app.inject({
        url: `/api/staff/v1/customers/${customer.customerId}?reason=${encodeURIComponent(reason)}`,
        headers: staffHeaders(officer),
      })
    ).json();
    expect(file.incidents).toMatchObject([{ id: incidentId, kind: 'told_code', priority: 'high' }]);
    expect(file.blocks).toMatchObject([{ source: 'security', reason: 'compromise', state: 'active', liftedAt: null }]);
    expect(file.disputes).toEqual([]);
    expect(Array.isArray(file.audit)).toBe(true);
    const events = file.audit.map((row: { event: string }) => row.event);
    expect(events).toContain('incident.reported');
    expect(events).toContain('customer.blocked');
    expect(file.audit.every((row: { seq: string; occurredAt: string }) => row.seq && row.occurredAt)).toBe(true);
  });

  it("shows an operator on an identified call the customer's disputes, but not the audit trail", async () => {
    const sent = await sentByPhone(t, 5_000);
    const disputeId = await reportOperation(t, sent.who, sent.operationId, 'Не я');
    const callId = await identifiedCall(t.app, operator, sent.who.phone);
    const answer = await callFile(t.app, operator, callId);
    expect(answer.statusCode).toBe(200);
    const file = answer.json();
    expect(file.disputes).toMatchObject([{ id: disputeId, operationId: sent.operationId, amountMinor: 5_000, status: 'new' }]);
    expect(file.audit).toBeNull();
    expect(file.notifications.some((entry: { isCode: boolean }) => entry.isCode)).toBe(true);
  });
});
