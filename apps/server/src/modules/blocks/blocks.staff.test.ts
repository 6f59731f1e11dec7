import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, login, registerCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { calendarDay } from '../../shared/datetime.js';
import { PROBLEM_BASE } from '../../shared/problem.js';
import { confirmCode, lastCallCode, lookup, openCall, sendCode } from '../calls/calls.fixtures.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { customerWithMoney, TEST_BIRTH_DATE, transferByPhone } from './blocks.fixtures.js';
import { activeBlockOf } from './index.js';

// Issue 13 item 4 (b), (c) and item 10 through the staff API: who may block whom, the operator's
// block on weaker identification, and the unblock as one maker-checker in the approvals queue.

let t: TestApp;
let operator: TestStaff;
let officer: TestStaff;
let otherOfficer: TestStaff;
let admin: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
  operator = await createTestStaff(t.app, 'operator');
  officer = await createTestStaff(t.app, 'security_officer', { language: 'en' });
  otherOfficer = await createTestStaff(t.app, 'security_officer');
  admin = await createTestStaff(t.app, 'admin');
});
afterAll(async () => {
  await t.close();
});

function post(who: TestStaff, url: string, payload: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url, headers: { ...staffHeaders(who), 'accept-language': 'en' }, payload });
}

function get(who: TestStaff, url: string) {
  return t.app.inject({ url, headers: staffHeaders(who) });
}

async function deniedRows(customerId: string): Promise<number> {
  const { rows } = await t.db.query<{ count: string }>(
    "SELECT count(*) AS count FROM audit_events WHERE event = 'access.denied' AND details->>'customerId' = $1",
    [customerId],
  );
  return Number(rows[0]?.count ?? 0);
}

/** An inbound call of the operator's whose look-up matched `who` (not identified: no code can reach a lost phone). */
async function matchedCall(who: LoggedIn): Promise<string> {
  const callId = await openCall(t.app, operator, who.phone);
  expect((await lookup(t.app, operator, callId, { phone: who.phone })).statusCode).toBe(200);
  return callId;
}

describe('blocking from the back office', () => {
  it('refuses an operator without an identified call on the customer (404, audited), and blocks on one', async () => {
    const who = await registerCustomer(t.app);
    const refused = await post(operator, `/api/staff/v1/customers/${who.customerId}/block`, {
      reason: 'lost_phone',
      note: 'caller says lost',
    });
    expect(refused.statusCode).toBe(404);
    expect(await deniedRows(who.customerId)).toBe(1);
    expect(await activeBlockOf(t.db, who.customerId)).toBeNull();

    const callId = await matchedCall(who);
    await sendCode(t.app, operator, callId);
    expect((await confirmCode(t.app, operator, callId, await lastCallCode(t.app, who.phone))).statusCode).toBe(200);
    const blocked = await post(operator, `/api/staff/v1/customers/${who.customerId}/block`, {
      reason: 'sim_stopped',
      note: 'SIM stopped today',
    });
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json()).toMatchObject({ alreadyBlocked: false, block: { source: 'operator', reason: 'sim_stopped', state: 'active' } });
    expect(blocked.body).not.toContain(who.phone);
    expect((await login(t.app, who)).status).toBe(401);
  });

  it('lets a security officer block with the note as the reason, and refuses an admin (403)', async () => {
    const who = await registerCustomer(t.app);
    expect(
      (await post(admin, `/api/staff/v1/customers/${who.customerId}/block`, { reason: 'compromise', note: 'incident' })).statusCode,
    ).toBe(403);
    const blocked = await post(officer, `/api/staff/v1/customers/${who.customerId}/block`, {
      reason: 'compromise',
      note: 'Incident: the customer told a caller the code',
    });
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json().block).toMatchObject({ source: 'security', createdBy: { staffId: officer.staffId } });
  });

  it('answers the weak-identification block alike whether the checks matched or not, and blocks only when two matched', async () => {
    const who = await customerWithMoney(t, 50_000n);
    const payee = await registerCustomer(t.app);
    expect((await transferByPhone(t, who, payee.phone, 1_500)).statusCode).toBeLessThan(300);
    // The bank's calendar day, as the caller names it (Asia/Almaty by default, not UTC).
    const today = calendarDay(t.clock.now(), t.app.ctx.config.bankTimeZone);
    const callId = await matchedCall(who.who);
    const url = `/api/staff/v1/calls/${callId}/block`;

    const oneRight = await post(operator, url, {
      reason: 'lost_phone',
      note: 'lost the phone on the bus',
      checks: { birthDate: TEST_BIRTH_DATE, iin: '000000000000' },
    });
    const noneRight = await post(operator, url, {
      reason: 'lost_phone',
      note: 'lost the phone on the bus',
      checks: { fullName: 'Someone Else', recentOperation: { amountMinor: 999, day: today } },
    });
    expect(oneRight.statusCode).toBe(202);
    expect(noneRight.statusCode).toBe(202);
    expect(noneRight.body).toBe(oneRight.body);
    expect(await activeBlockOf(t.db, who.who.customerId)).toBeNull();

    const twoRight = await post(operator, url, {
      reason: 'lost_phone',
      note: 'lost the phone on the bus',
      checks: { fullName: '  бекова   АЙГЕРИМ ', recentOperation: { amountMinor: 1_500, day: today }, iin: '000000000000' },
    });
    expect(twoRight.statusCode).toBe(202);
    expect(twoRight.body).toBe(oneRight.body);
    expect(await activeBlockOf(t.db, who.who.customerId)).toMatchObject({ source: 'operator', createdByStaffId: operator.staffId });

    const { rows } = await t.db.query<{ event: string; details: Record<string, unknown> }>(
      "SELECT event, details FROM audit_events WHERE customer_id = $1 AND event IN ('customer.blocked', 'customer.block_refused') ORDER BY seq",
      [who.who.customerId],
    );
    expect(rows.map((row) => [row.event, row.details.checksMatched])).toEqual([
      ['customer.block_refused', ['birthDate']],
      ['customer.block_refused', []],
      ['customer.blocked', ['fullName', 'recentOperation']],
    ]);
    expect(JSON.stringify(rows)).not.toContain('000000000000');
    // Fewer than two checks is a 400; another staff member's call is not found.
    expect(
      (await post(operator, url, { reason: 'lost_phone', note: 'lost phone', checks: { birthDate: TEST_BIRTH_DATE } })).statusCode,
    ).toBe(400);
    expect(
      (await post(officer, url, { reason: 'lost_phone', note: 'lost phone', checks: { birthDate: TEST_BIRTH_DATE, iin: who.who.iin } }))
        .statusCode,
    ).toBe(404);
  });

  it('unblocks on one officer’s request and another’s approval; the maker and an admin are refused', async () => {
    const who = await registerCustomer(t.app);
    const blocked = await post(officer, `/api/staff/v1/customers/${who.customerId}/block`, { reason: 'lost_phone', note: 'From incident' });
    const blockId: string = blocked.json().block.id;
    expect((await post(operator, `/api/staff/v1/blocks/${blockId}/unblock-request`, { note: 'x' })).statusCode).toBe(403);
    const asked = await post(officer, `/api/staff/v1/blocks/${blockId}/unblock-request`, { note: 'ID card checked at the branch' });
    expect(asked.statusCode).toBe(201);
    const { approvalId } = asked.json();
    expect((await post(officer, `/api/staff/v1/blocks/${blockId}/unblock-request`, { note: 'again' })).json().type).toBe(
      `${PROBLEM_BASE}unblock-already-requested`,
    );

    const detail = (await get(otherOfficer, `/api/staff/v1/blocks/${blockId}`)).json();
    expect(detail).toMatchObject({ state: 'unblock-requested', unblockRequest: { approvalId, maker: { staffId: officer.staffId } } });
    const listed = (await get(otherOfficer, '/api/staff/v1/blocks')).json().items.map((item: { id: string }) => item.id);
    expect(listed).toContain(blockId);

    const own = await post(officer, `/api/staff/v1/approvals/${approvalId}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().type).toBe(`${PROBLEM_BASE}approval-own-request`);
    expect((await post(admin, `/api/staff/v1/approvals/${approvalId}/approve`)).statusCode).toBe(403);
    expect(await activeBlockOf(t.db, who.customerId)).not.toBeNull();

    const approved = await post(otherOfficer, `/api/staff/v1/approvals/${approvalId}/approve`, { note: 'Matches the ID photo' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', subject: { type: 'block', id: blockId } });
    expect(await activeBlockOf(t.db, who.customerId)).toBeNull();
    expect((await get(officer, `/api/staff/v1/blocks/${blockId}`)).json()).toMatchObject({
      state: 'lifted',
      liftedBy: { staffId: otherOfficer.staffId },
    });
    expect((await login(t.app, who)).status).toBe(200);
  });

  it('exports an audit CSV of the customer that holds no IIN', async () => {
    const who = await registerCustomer(t.app);
    await post(officer, `/api/staff/v1/customers/${who.customerId}/block`, { reason: 'fraud_suspected', note: `Checked IIN ${who.iin}` });
    const csv = await get(officer, `/api/staff/v1/audit.csv?customerId=${who.customerId}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('customer.blocked');
    expect(csv.body).not.toContain(who.iin);
  });
});
