import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, type LoggedIn, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { PROBLEM_BASE } from '../../shared/problem.js';
import { verifyAuditChain } from '../audit/index.js';
import { type Customer, customerWithMoney, transferByPhone } from '../blocks/blocks.fixtures.js';
import { closeOpenCalls, identifiedCall } from '../calls/calls.fixtures.js';
import { changePhone, freshNumber } from '../phone-change/phone-change.fixtures.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { upsertRaisedLimit } from './customer-limits.repo.js';

// Small limits so a day's limit is reached in two transfers that need no code (low value, RTS art. 16):
// 10 000 ₸ per operation, 15 000 ₸ a day; a raise of the day limit may go up to 50 000 ₸.
const ENV = {
  TRANSFER_MAX_PER_OPERATION_MINOR: '1000000',
  TRANSFER_MAX_PER_DAY_MINOR: '1500000',
  TRANSFER_LIMIT_RAISE_CEILING_PER_DAY_MINOR: '5000000',
  PHONE_CHANGE_COOLING_TRANSFER_MAX_MINOR: '2000000',
};
const TRANSFER_MINOR = 1_000_000;
const RAISED_DAY_MINOR = 3_000_000;
const REASON = 'Клиент покупает машину, просил на звонке';

let t: TestApp;
let maker: TestStaff;
let checker: TestStaff;
let operator: TestStaff;
let payee: LoggedIn;

beforeAll(async () => {
  t = await createTestApp({ env: ENV });
  maker = await createTestStaff(t.app, 'security_officer');
  checker = await createTestStaff(t.app, 'security_officer');
  operator = await createTestStaff(t.app, 'operator');
  payee = (await customerWithMoney(t)).who;
});
afterAll(async () => {
  expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t.close();
});

function post(who: TestStaff, url: string, payload: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url, headers: { ...staffHeaders(who), 'accept-language': 'en' }, payload });
}

function askRaise(who: TestStaff, customerId: string, body: Partial<{ limit: string; amountMinor: number; currency: string }> = {}) {
  return post(who, `/api/staff/v1/customers/${customerId}/limit-raise`, {
    limit: 'per_day',
    amountMinor: RAISED_DAY_MINOR,
    currency: 'KZT',
    reason: REASON,
    ...body,
  });
}

async function limitsOf(who: LoggedIn) {
  const response = await t.app.inject({ url: '/api/v1/limits', headers: web(who) });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    currency: string;
    limits: Array<{ limit: string; amountMinor: number; usedMinor: number | null; raised: boolean }>;
    phoneChangeCooling: { amountMinor: number; usedMinor: number; until: string } | null;
  };
}

async function sendTen(from: Customer): Promise<string> {
  const response = await transferByPhone(t, from, payee.phone, TRANSFER_MINOR);
  expect(response.statusCode).toBe(201);
  const body = response.json() as { status: string; declineReason: string | null };
  return body.declineReason ?? body.status;
}

describe('a limit raise by maker-checker', () => {
  it('is asked by one security officer, approved by another, and a transfer over the old day limit then passes; the customer gets an SMS', async () => {
    const customer = await customerWithMoney(t, 10_000_000n);
    expect(await sendTen(customer)).toBe('completed');
    expect(await sendTen(customer)).toBe('limit-per-day');

    const asked = await askRaise(maker, customer.who.customerId);
    expect(asked.statusCode).toBe(201);
    const { approvalId } = asked.json() as { approvalId: string };
    const queued = await t.app.inject({ url: `/api/staff/v1/approvals/${approvalId}`, headers: staffHeaders(checker) });
    expect(queued.json()).toMatchObject({
      kind: 'limit_raise',
      payload: { limit: 'per_day', amountMinor: RAISED_DAY_MINOR, currency: 'KZT', previousAmountMinor: 1_500_000 },
      canDecide: true,
    });

    const own = await post(maker, `/api/staff/v1/approvals/${approvalId}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().type).toBe(`${PROBLEM_BASE}approval-own-request`);
    const byOperator = await post(operator, `/api/staff/v1/approvals/${approvalId}/approve`);
    expect(byOperator.statusCode).toBe(403);
    expect(await sendTen(customer)).toBe('limit-per-day');

    const approved = await post(checker, `/api/staff/v1/approvals/${approvalId}/approve`, { note: 'Checked the call recording' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', result: { limit: 'per_day', amountMinor: RAISED_DAY_MINOR } });
    expect(await sendTen(customer)).toBe('completed');

    const sms = await allSms(t.app, customer.who.phone);
    const notice = sms.filter((text) => text.includes('Лимит переводов'));
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatch(
      /^localhost(:\d+)?: Лимит переводов другим людям повышен: в день 30\s000,00\s₸\. Если вы об этом не просили, сразу позвоните/,
    );
    const limits = await limitsOf(customer.who);
    expect(limits.limits).toEqual([
      { limit: 'per_operation', amountMinor: 1_000_000, usedMinor: null, raised: false },
      { limit: 'per_day', amountMinor: RAISED_DAY_MINOR, usedMinor: 2 * TRANSFER_MINOR, raised: true },
      { limit: 'per_month', amountMinor: 1_000_000_000, usedMinor: 2 * TRANSFER_MINOR, raised: false },
    ]);
    const { rows } = await t.db.query<{ event: string }>(
      "SELECT event FROM audit_events WHERE customer_id = $1 AND event LIKE 'customer.limit%' ORDER BY seq",
      [customer.who.customerId],
    );
    expect(rows.map((row) => row.event)).toEqual(['customer.limit_raise_requested', 'customer.limit_raised']);
  });

  it('refuses a raise above the ceiling, one not above the limit in force, and one in another currency (422, audited)', async () => {
    const { who } = await customerWithMoney(t);
    const over = await askRaise(maker, who.customerId, { amountMinor: 5_000_001 });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ type: `${PROBLEM_BASE}limit-raise-over-ceiling`, ceilingMinor: 5_000_000 });
    expect(over.json().detail).toMatch(/50,000\.00/);
    const lower = await askRaise(maker, who.customerId, { amountMinor: 1_500_000 });
    expect(lower.json().type).toBe(`${PROBLEM_BASE}limit-raise-not-higher`);
    const dollars = await askRaise(maker, who.customerId, { currency: 'USD' });
    expect(dollars.json().type).toBe(`${PROBLEM_BASE}limit-raise-currency`);
    const { rows } = await t.db.query<{ refusal: string }>(
      "SELECT details->>'refusal' AS refusal FROM audit_events WHERE customer_id = $1 AND event = 'customer.limit_raise_refused' ORDER BY seq",
      [who.customerId],
    );
    expect(rows.map((row) => row.refusal)).toEqual(['over-ceiling', 'not-higher', 'currency']);
    expect((await limitsOf(who)).limits.every((limit) => !limit.raised)).toBe(true);
  });

  it('lets an operator ask only on an identified call with the customer (404 otherwise), and never decide', async () => {
    const { who } = await customerWithMoney(t);
    const withoutCall = await askRaise(operator, who.customerId);
    expect(withoutCall.statusCode).toBe(404);
    const callId = await identifiedCall(t.app, operator, who.phone);
    const onCall = await askRaise(operator, who.customerId, { limit: 'per_operation', amountMinor: 2_000_000 });
    expect(onCall.statusCode).toBe(201);
    const { approvalId } = onCall.json() as { approvalId: string };
    const decided = await post(operator, `/api/staff/v1/approvals/${approvalId}/approve`);
    expect(decided.statusCode).toBe(403);
    const second = await askRaise(operator, who.customerId);
    expect(second.statusCode).toBe(409);
    expect(second.json().type).toBe(`${PROBLEM_BASE}approval-already-pending`);
    const { rows } = await t.db.query<{ via: string; call: string }>(
      "SELECT details->>'via' AS via, details->>'callId' AS call FROM audit_events WHERE event = 'customer.limit_raise_requested' AND customer_id = $1",
      [who.customerId],
    );
    expect(rows).toEqual([{ via: 'call', call: callId }]);
    expect(await post(checker, `/api/staff/v1/approvals/${approvalId}/approve`).then((r) => r.statusCode)).toBe(200);
    expect((await limitsOf(who)).limits[0]).toMatchObject({ limit: 'per_operation', amountMinor: 2_000_000, raised: true });
    await closeOpenCalls(t.app, operator);
  });

  it('refuses to approve a raise whose limit changed since it was asked (409 stale), and the request stays pending', async () => {
    const { who } = await customerWithMoney(t);
    const first = (await askRaise(maker, who.customerId)).json() as { approvalId: string };
    expect((await post(checker, `/api/staff/v1/approvals/${first.approvalId}/approve`)).statusCode).toBe(200);
    const second = (await askRaise(maker, who.customerId, { amountMinor: 4_000_000 })).json() as { approvalId: string };
    // Someone else's raise landed meanwhile (the table is written by approvals only; a test stands one in).
    await t.db.transaction((tx) =>
      upsertRaisedLimit(tx, who.customerId, {
        limit: 'per_day',
        amountMinor: 3_500_000n,
        currency: 'KZT',
        approvalId: first.approvalId,
        setAt: t.clock.now(),
      }),
    );
    const stale = await post(checker, `/api/staff/v1/approvals/${second.approvalId}/approve`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toBe(`${PROBLEM_BASE}limit-raise-stale`);
    const view = await t.app.inject({ url: `/api/staff/v1/approvals/${second.approvalId}`, headers: staffHeaders(checker) });
    expect(view.json().status).toBe('pending');
    expect((await limitsOf(who)).limits[1]).toMatchObject({ amountMinor: 3_500_000 });
  });

  it('does not lift the day cap after a phone change: the cooling cap still holds over a raised day limit', async () => {
    const customer = await customerWithMoney(t, 10_000_000n);
    const asked = (await askRaise(maker, customer.who.customerId)).json() as { approvalId: string };
    expect((await post(checker, `/api/staff/v1/approvals/${asked.approvalId}/approve`)).statusCode).toBe(200);
    const changed = await changePhone(t.app, customer.who, freshNumber());
    expect(changed.statusCode).toBe(200);
    expect(await sendTen(customer)).toBe('completed');
    expect(await sendTen(customer)).toBe('completed');
    // 30 000 ₸ is within the raised day limit, not within the 20 000 ₸ of the cooling period.
    expect(await sendTen(customer)).toBe('limit-phone-change');
    const limits = await limitsOf(customer.who);
    expect(limits.limits[1]).toMatchObject({ amountMinor: RAISED_DAY_MINOR, raised: true });
    expect(limits.phoneChangeCooling).toMatchObject({ amountMinor: 2_000_000, usedMinor: 2 * TRANSFER_MINOR });
  });

  it('shows the staff’s customer file the limits, the ceilings and the raise waiting for a checker', async () => {
    const { who } = await customerWithMoney(t);
    const asked = (await askRaise(maker, who.customerId)).json() as { approvalId: string };
    const file = await t.app.inject({
      url: `/api/staff/v1/customers/${who.customerId}?reason=${encodeURIComponent('Запрос клиента на повышение лимита')}`,
      headers: staffHeaders(checker),
    });
    expect(file.statusCode).toBe(200);
    expect(file.json().limits).toMatchObject({
      currency: 'KZT',
      limits: [
        { limit: 'per_operation', amountMinor: 1_000_000, defaultMinor: 1_000_000, ceilingMinor: 500_000_000 },
        { limit: 'per_day', amountMinor: 1_500_000, defaultMinor: 1_500_000, ceilingMinor: 5_000_000 },
        { limit: 'per_month' },
      ],
      pendingRaise: { approvalId: asked.approvalId, limit: 'per_day', amountMinor: RAISED_DAY_MINOR, previousAmountMinor: 1_500_000 },
    });
  });
});
