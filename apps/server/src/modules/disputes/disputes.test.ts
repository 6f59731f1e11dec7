import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { checkLedgerInvariants } from '../ledger/index.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { reportOperation, type Sent, sentByPhone } from './disputes.fixtures.js';
import { DISPUTE_STATUSES, DISPUTE_TRANSITIONS, type DisputeStatus } from './disputes.types.js';

// Issue 13 item 6: "this wasn't me" becomes a case the customer follows and the staff work through
// a state machine: new → investigating → refunded | rejected | withdrawn (by the customer).

let t: TestApp;
let officer: TestStaff;
let operator: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
  officer = await createTestStaff(t.app, 'security_officer');
  operator = await createTestStaff(t.app, 'operator');
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

function asCustomer(who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method, url, headers: { ...web(who), 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
}

function asStaff(who: TestStaff, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method, url, headers: staffHeaders(who), ...(method === 'POST' ? { payload: payload ?? {} } : {}) });
}

/** Takes a staff step; each step of the state machine has its route. */
function staffStep(disputeId: string, to: DisputeStatus, refundMinor = 100) {
  const base = `/api/staff/v1/disputes/${disputeId}`;
  if (to === 'investigating') return asStaff(operator, 'POST', `${base}/investigate`);
  if (to === 'refunded') return asStaff(operator, 'POST', `${base}/refund`, { amountMinor: refundMinor });
  if (to === 'rejected') return asStaff(operator, 'POST', `${base}/reject`, { reason: 'confirmed-by-customer' });
  throw new Error(`no staff step to ${to}`);
}

async function caseIn(status: DisputeStatus): Promise<{ sent: Sent; disputeId: string }> {
  const sent = await sentByPhone(t, 20_000);
  const disputeId = await reportOperation(t, sent.who, sent.operationId, 'не я');
  if (status === 'new') return { sent, disputeId };
  if (status === 'withdrawn') {
    expect((await asCustomer(sent.who, 'POST', `/api/v1/disputes/${disputeId}/withdraw`)).statusCode).toBe(200);
    return { sent, disputeId };
  }
  expect((await staffStep(disputeId, 'investigating')).statusCode).toBe(200);
  if (status !== 'investigating') expect((await staffStep(disputeId, status)).statusCode).toBe(200);
  return { sent, disputeId };
}

function takeStep(sent: Sent, disputeId: string, to: DisputeStatus, refundMinor?: number) {
  return to === 'withdrawn'
    ? asCustomer(sent.who, 'POST', `/api/v1/disputes/${disputeId}/withdraw`)
    : staffStep(disputeId, to, refundMinor);
}

describe('the customer reports an operation and follows the case', () => {
  it('opens a case with the operation, a due date and a snapshot of the sessions then; a second report adds to it', async () => {
    const sent = await sentByPhone(t, 25_000);
    const disputeId = await reportOperation(t, sent.who, sent.operationId, 'Я не переводил');
    expect(await reportOperation(t, sent.who, sent.operationId, 'И не знаю получателя')).toBe(disputeId);
    const list = (await asCustomer(sent.who, 'GET', '/api/v1/disputes')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: disputeId, status: 'new', operationId: sent.operationId, amountMinor: 25_000, canWithdraw: true });
    expect(new Date(list[0].dueAt).getTime() - new Date(list[0].createdAt).getTime()).toBe(10 * 86_400_000);
    const details = (await asCustomer(sent.who, 'GET', `/api/v1/disputes/${disputeId}`)).json();
    expect(details.operation).toMatchObject({ id: sent.operationId, amountMinor: 25_000, direction: 'outgoing' });
    expect(details.timeline.map((entry: { kind: string }) => entry.kind)).toEqual(['opened', 'commented']);
    expect(details.timeline[1]).toMatchObject({ by: 'customer', message: 'И не знаю получателя' });
    // The staff see how the customer was signed in when the operation was made: this very session.
    const staffView = (await asStaff(officer, 'GET', `/api/staff/v1/disputes/${disputeId}`)).json();
    const sessionIds = staffView.accessSnapshot.sessions.map((session: { id: string }) => session.id);
    expect(sessionIds.length).toBeGreaterThan(0);
    expect(staffView.accessSnapshot.sessions[0]).toMatchObject({ client: 'web', method: 'password_sms', ipMasked: '127.0.0.*' });
    expect(staffView.customer.maskedName).toBe('Айгерим Б.');
    expect(staffView.operation).toMatchObject({ id: sent.operationId, kind: 'transfer.phone', status: 'completed', payee: 'Ерлан А.' });
  });

  it("answers another customer's case like a missing one, and audits the attempt", async () => {
    const { disputeId } = await caseIn('new');
    const stranger = await registerCustomer(t.app);
    for (const [method, url] of [
      ['GET', `/api/v1/disputes/${disputeId}`],
      ['POST', `/api/v1/disputes/${disputeId}/withdraw`],
    ] as const) {
      const answer = await asCustomer(stranger, method, url);
      expect(answer.statusCode).toBe(404);
      expect(answer.json().type).toMatch(/dispute-not-found$/);
    }
    expect((await asCustomer(stranger, 'GET', '/api/v1/disputes')).json().items).toEqual([]);
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM audit_events WHERE event = 'access.denied' AND customer_id = $1 AND details ->> 'id' = $2",
      [stranger.customerId, disputeId],
    );
    expect(Number(rows[0]?.count)).toBe(2);
  });

  it('tells the customer of each step in the app, and never shows them the staff notes', async () => {
    const { sent, disputeId } = await caseIn('investigating');
    const noted = await asStaff(officer, 'POST', `/api/staff/v1/disputes/${disputeId}/notes`, { text: 'Звонил с незнакомого номера' });
    expect(noted.statusCode).toBe(200);
    expect(noted.json().notes).toMatchObject([{ staffId: officer.staffId, text: 'Звонил с незнакомого номера' }]);
    await asStaff(operator, 'POST', `/api/staff/v1/disputes/${disputeId}/reject`, { reason: 'code-disclosed' });
    await t.app.ctx.worker.drain();
    const inbox = (await asCustomer(sent.who, 'GET', '/api/v1/notifications')).json().items as Array<{ title: string; body: string }>;
    const titles = inbox.map((item) => item.title);
    expect(titles).toEqual(expect.arrayContaining(['Обращение принято', 'Обращение на рассмотрении', 'Обращение отклонено']));
    expect(inbox.find((item) => item.title === 'Обращение отклонено')?.body).toMatch(/код подтверждения был сообщён другому человеку.*595/);
    const customerView = await asCustomer(sent.who, 'GET', `/api/v1/disputes/${disputeId}`);
    expect(customerView.json()).toMatchObject({ status: 'rejected', rejectReason: 'code-disclosed', canWithdraw: false });
    expect(customerView.body).not.toContain('незнакомого');
    expect(customerView.body).not.toContain(officer.staffId);
    expect(customerView.json().timeline.map((entry: { kind: string; by: string }) => `${entry.kind}:${entry.by}`)).toEqual([
      'opened:customer',
      'investigating:bank',
      'rejected:bank',
    ]);
  });
});

describe('the state machine of a dispute', () => {
  const allowed = (Object.entries(DISPUTE_TRANSITIONS) as Array<[DisputeStatus, readonly DisputeStatus[]]>).flatMap(([from, tos]) =>
    tos.map((to) => [from, to] as const),
  );
  const steps = DISPUTE_STATUSES.filter((status) => status !== 'new');
  const refused = DISPUTE_STATUSES.flatMap((from) =>
    steps.filter((to) => !DISPUTE_TRANSITIONS[from].includes(to)).map((to) => [from, to] as const),
  );

  it('has the steps the issue names, and no other', () => {
    expect(allowed.map(([from, to]) => `${from}>${to}`).sort()).toEqual(
      ['new>investigating', 'new>withdrawn', 'investigating>refunded', 'investigating>rejected', 'investigating>withdrawn'].sort(),
    );
  });

  it.each(allowed)('takes the step %s → %s', async (from, to) => {
    const { sent, disputeId } = await caseIn(from);
    const answer = await takeStep(sent, disputeId, to);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().status).toBe(to);
  });

  it.each(refused)('refuses the step %s → %s with 409 and changes nothing', async (from, to) => {
    const { sent, disputeId } = await caseIn(from);
    // Another amount than the refund made: the same one again is a retry, answered as it stands (disputes.refund.test.ts).
    const answer = await takeStep(sent, disputeId, to, 99);
    expect(answer.statusCode).toBe(409);
    expect(answer.json().type).toMatch(/dispute-step-refused$/);
    expect((await asCustomer(sent.who, 'GET', `/api/v1/disputes/${disputeId}`)).json().status).toBe(from);
  });

  it('lets the customer report the operation again after withdrawing, as a new case', async () => {
    const { sent, disputeId } = await caseIn('withdrawn');
    t.clock.advance(1_000);
    const again = await reportOperation(t, sent.who, sent.operationId);
    expect(again).not.toBe(disputeId);
    expect((await asCustomer(sent.who, 'GET', '/api/v1/disputes')).json().items.map((item: { status: string }) => item.status)).toEqual([
      'new',
      'withdrawn',
    ]);
  });
});

describe('the staff dispute routes', () => {
  it('refuse a customer session (401) and a staff role without disputes.work (403)', async () => {
    const { sent, disputeId } = await caseIn('new');
    const admin = await createTestStaff(t.app, 'admin');
    const customerAsked = await t.app.inject({ url: '/api/staff/v1/disputes', headers: web(sent.who) });
    expect(customerAsked.statusCode).toBe(401);
    for (const [method, url, payload] of [
      ['GET', '/api/staff/v1/disputes', undefined],
      ['GET', `/api/staff/v1/disputes/${disputeId}`, undefined],
      ['POST', `/api/staff/v1/disputes/${disputeId}/investigate`, {}],
      ['POST', `/api/staff/v1/disputes/${disputeId}/refund`, { amountMinor: 100 }],
    ] as const) {
      const answer = await asStaff(admin, method, url, payload);
      expect(answer.statusCode).toBe(403);
      expect(answer.json().type).toMatch(/staff-forbidden$/);
    }
    expect((await asCustomer(sent.who, 'GET', `/api/v1/disputes/${disputeId}`)).json().status).toBe('new');
  });

  it('list the open cases due first, by owner, and assign one', async () => {
    const { disputeId } = await caseIn('new');
    const assigned = await asStaff(operator, 'POST', `/api/staff/v1/disputes/${disputeId}/assign`, { staffId: officer.staffId });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().owner).toEqual({ staffId: officer.staffId, displayName: 'Айгерим Тестова' });
    const mine = (await asStaff(officer, 'GET', '/api/staff/v1/disputes?owner=me')).json().items;
    expect(mine.map((item: { id: string }) => item.id)).toContain(disputeId);
    const queue = (await asStaff(operator, 'GET', '/api/staff/v1/disputes?limit=100')).json().items as Array<{
      dueAt: string;
      status: string;
    }>;
    expect(queue.every((item) => item.status === 'new' || item.status === 'investigating')).toBe(true);
    expect(queue.map((item) => item.dueAt)).toEqual(queue.map((item) => item.dueAt).sort());
    const unknown = await asStaff(operator, 'POST', `/api/staff/v1/disputes/${disputeId}/assign`, { staffId: `stf_${'0'.repeat(32)}` });
    expect(unknown.statusCode).toBe(422);
  });
});
