import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { reportOperation, sentByPhone } from '../disputes/disputes.fixtures.js';
import { createTestStaff, staffHeaders, type TestStaff } from './staff.fixtures.js';

// A case's timeline and notes in the back office name who took each step by display name and
// role, read through staff's lookup (staff-refs.ts), not as bare staff ids.

let t: TestApp;
let officer: TestStaff;
let operator: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
  officer = await createTestStaff(t.app, 'security_officer', { displayName: 'Ерлан Сапаров' });
  operator = await createTestStaff(t.app, 'operator', { displayName: 'Динара Омарова' });
});
afterAll(async () => {
  await t.close();
});

function asStaff(who: TestStaff, url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method: payload ? 'POST' : 'GET', url, headers: staffHeaders(who), ...(payload ? { payload } : {}) });
}

describe('staff names on case timelines', () => {
  it("names the dispute's steps and notes by display name and role, the customer's own step by nobody", async () => {
    const sent = await sentByPhone(t, 5_000);
    const disputeId = await reportOperation(t, sent.who, sent.operationId, 'Не я');
    const base = `/api/staff/v1/disputes/${disputeId}`;
    expect((await asStaff(operator, `${base}/investigate`, {})).statusCode).toBe(200);
    const noted = await asStaff(officer, `${base}/notes`, { text: 'Клиент подтвердил по звонку' });
    expect(noted.statusCode).toBe(200);

    const details = (await asStaff(officer, base)).json();
    expect(details.notes).toEqual([
      expect.objectContaining({
        text: 'Клиент подтвердил по звонку',
        staff: { id: officer.staffId, name: 'Ерлан Сапаров', role: 'security_officer' },
      }),
    ]);
    const byKind = Object.fromEntries(details.timeline.map((event: { kind: string; staff: unknown }) => [event.kind, event.staff]));
    expect(byKind.opened).toBeNull();
    expect(byKind.investigating).toEqual({ id: operator.staffId, name: 'Динара Омарова', role: 'operator' });
    // The customer's own view still names nobody at the bank.
    const mine = await t.app.inject({ url: `/api/v1/disputes/${disputeId}`, headers: web(sent.who) });
    expect(mine.body).not.toContain('Динара');
    expect(mine.body).not.toContain('Ерлан Сапаров');
  });

  it("names the incident's steps and notes by display name and role", async () => {
    const who = await registerCustomer(t.app);
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: web(who),
      payload: { kind: 'other', text: 'Странное письмо' },
    });
    const base = `/api/staff/v1/incidents/${reported.json().id}`;
    expect((await asStaff(officer, `${base}/status`, { status: 'in_progress' })).statusCode).toBe(200);
    const noted = await asStaff(officer, `${base}/notes`, { text: 'Письмо не от банка' });
    expect(noted.statusCode).toBe(200);
    const ref = { id: officer.staffId, name: 'Ерлан Сапаров', role: 'security_officer' };
    expect(noted.json().notes).toEqual([expect.objectContaining({ text: 'Письмо не от банка', staff: ref })]);
    expect(noted.json().timeline.map((event: { kind: string; staff: unknown }) => [event.kind, event.staff])).toEqual([
      ['reported', null],
      ['in_progress', ref],
    ]);
  });
});
