import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { PROBLEM_BASE } from '../../shared/problem.js';
import type { StaffRole } from '../staff/index.js';
import { createTestStaff, loginStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { requestApproval } from './approvals.service.js';
import type { Approval } from './approvals.types.js';
import { roleChangeExecutor, type SetStaffRole } from './role-change.js';

const MS_PER_HOUR = 3_600_000;

let t: TestApp;
let maker: TestStaff;
let checker: TestStaff;
let admin: TestStaff;
let otherAdmin: TestStaff;
let operator: TestStaff;
let customer: LoggedIn;
const lifted: string[] = [];
/** The roles the test's stand-in for staff's SetStaffRole holds, by staff id. */
const roles = new Map<string, StaffRole>();
const setRole: SetStaffRole = async (_tx, change) => {
  if (roles.get(change.staffId) !== change.fromRole) return false;
  roles.set(change.staffId, change.toRole);
  return true;
};
const unregister: Array<() => void> = [];

beforeAll(async () => {
  t = await createTestApp();
  unregister.push(
    t.app.ctx.approvalExecutors.register('unblock', async (_tx, request) => {
      lifted.push(request.payload.blockId);
      return { blockId: request.payload.blockId };
    }),
    t.app.ctx.approvalExecutors.register('role_change', roleChangeExecutor(setRole)),
  );
  maker = await createTestStaff(t.app, 'security_officer', { displayName: 'Нурлан Ахметов' });
  checker = await createTestStaff(t.app, 'security_officer');
  admin = await createTestStaff(t.app, 'admin');
  otherAdmin = await createTestStaff(t.app, 'admin');
  operator = await createTestStaff(t.app, 'operator');
  customer = await registerCustomer(t.app, { fullName: 'Бекова Айгерим Сакеновна' });
});
afterAll(async () => {
  for (const undo of unregister) undo();
  await t.close();
});

async function askUnblock(who: LoggedIn = customer): Promise<Approval> {
  const blockId = `blk_${randomBytes(16).toString('hex')}`;
  const asked = await t.db.transaction((tx) =>
    requestApproval(tx, {
      kind: 'unblock',
      subjectId: blockId,
      customerId: who.customerId,
      payload: { blockId },
      makerStaffId: maker.staffId,
      reason: 'Identity checked by video call',
      now: t.clock.now(),
      ttlHours: t.app.ctx.config.approvals.ttlHours,
    }),
  );
  if (!asked.ok) throw new Error(asked.reason);
  return asked.approval;
}

function post(who: TestStaff, url: string, payload: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url, headers: staffHeaders(who), payload });
}

function get(who: TestStaff, url: string) {
  return t.app.inject({ url, headers: staffHeaders(who) });
}

describe('the approvals queue and decisions (staff API)', () => {
  it('shows a security officer the pending unblock with its maker, the customer masked, its age and expiry', async () => {
    const approval = await askUnblock();
    t.clock.advance(60_000);

    const queue = await get(checker, '/api/staff/v1/approvals?status=pending');
    expect(queue.statusCode).toBe(200);
    const item = queue.json().items.find((entry: { id: string }) => entry.id === approval.id);
    expect(item).toMatchObject({
      kind: 'unblock',
      status: 'pending',
      maker: { staffId: maker.staffId, displayName: 'Нурлан Ахметов' },
      reason: 'Identity checked by video call',
      subject: {
        type: 'block',
        id: approval.subjectId,
        label: `Айгерим Б., +7 ${customer.phone.slice(2, 5)} *** ** ${customer.phone.slice(-2)}`,
      },
      ageMs: 60_000,
      expiresInMs: t.app.ctx.config.approvals.ttlHours * MS_PER_HOUR - 60_000,
      canDecide: true,
    });
    expect(queue.body).not.toContain(customer.phone);
    // The maker follows their own request, and may not decide it; an admin decides no unblock and does not see it.
    const own = (await get(maker, '/api/staff/v1/approvals')).json().items.find((entry: { id: string }) => entry.id === approval.id);
    expect(own).toMatchObject({ canDecide: false });
    expect((await get(admin, '/api/staff/v1/approvals')).json().items.map((entry: { id: string }) => entry.id)).not.toContain(approval.id);

    await post(checker, `/api/staff/v1/approvals/${approval.id}/reject`, { note: 'Done with' });
  });

  it('refuses the maker (403 approval-own-request), lets another security officer approve, then refuses a second decision (409)', async () => {
    const approval = await askUnblock();
    const own = await post(maker, `/api/staff/v1/approvals/${approval.id}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().type).toBe(`${PROBLEM_BASE}approval-own-request`);

    const approved = await post(checker, `/api/staff/v1/approvals/${approval.id}/approve`, { note: 'Video call matched the ID photo' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      checker: { staffId: checker.staffId },
      decisionNote: 'Video call matched the ID photo',
      result: approval.payload,
    });
    expect(lifted).toContain(approved.json().result.blockId);

    const again = await post(checker, `/api/staff/v1/approvals/${approval.id}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe(`${PROBLEM_BASE}approval-already-decided`);
  });

  it('answers 403 to a role without the right for the kind, and to an operator at the door', async () => {
    const approval = await askUnblock();
    const byAdmin = await post(admin, `/api/staff/v1/approvals/${approval.id}/approve`);
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().type).toBe(`${PROBLEM_BASE}approval-role-not-allowed`);
    const seen = await get(admin, `/api/staff/v1/approvals/${approval.id}`);
    expect(seen.statusCode).toBe(403);
    const { rows } = await t.db.query("SELECT details FROM audit_events WHERE event = 'access.denied' AND details->>'id' = $1", [
      approval.id,
    ]);
    expect(rows).toHaveLength(1);

    for (const response of [
      await get(operator, '/api/staff/v1/approvals'),
      await post(operator, `/api/staff/v1/approvals/${approval.id}/approve`),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().type).toBe(`${PROBLEM_BASE}staff-forbidden`);
    }
    // A customer's session is no staff session.
    const asCustomer = await t.app.inject({ url: '/api/staff/v1/approvals', headers: web(customer) });
    expect(asCustomer.statusCode).toBe(401);

    const rejected = await post(checker, `/api/staff/v1/approvals/${approval.id}/reject`, {});
    expect(rejected.statusCode).toBe(400);
    expect((await post(checker, `/api/staff/v1/approvals/${approval.id}/reject`, { note: 'Not verified' })).json()).toMatchObject({
      status: 'rejected',
    });
  });

  it('changes a role with two admins: the subject and the maker may not decide, the approval carries it out once', async () => {
    const subject = await createTestStaff(t.app, 'operator');
    roles.set(subject.staffId, 'operator');
    const asked = await post(admin, '/api/staff/v1/approvals/role-change', {
      staffId: subject.staffId,
      role: 'security_officer',
      reason: 'Joins the security team',
    });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({
      kind: 'role_change',
      payload: { fromRole: 'operator', toRole: 'security_officer' },
      canDecide: false,
    });
    const id = asked.json().id as string;

    expect((await post(admin, `/api/staff/v1/approvals/${id}/approve`)).json().type).toBe(`${PROBLEM_BASE}approval-own-request`);
    expect((await post(checker, `/api/staff/v1/approvals/${id}/approve`)).json().type).toBe(`${PROBLEM_BASE}approval-role-not-allowed`);
    const twice = await post(admin, '/api/staff/v1/approvals/role-change', { staffId: subject.staffId, role: 'admin', reason: 'Again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ type: `${PROBLEM_BASE}approval-already-pending`, pendingApprovalId: id });

    const approved = await post(otherAdmin, `/api/staff/v1/approvals/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      result: { staffId: subject.staffId, fromRole: 'operator', toRole: 'security_officer' },
    });
    expect(roles.get(subject.staffId)).toBe('security_officer');
  });

  it('refuses a role change approved after the role changed otherwise (stale), keeping the request pending', async () => {
    const subject = await createTestStaff(t.app, 'operator');
    roles.set(subject.staffId, 'operator');
    const asked = await post(admin, '/api/staff/v1/approvals/role-change', {
      staffId: subject.staffId,
      role: 'admin',
      reason: 'Stands in',
    });
    roles.set(subject.staffId, 'security_officer');
    const approved = await post(otherAdmin, `/api/staff/v1/approvals/${asked.json().id}/approve`);
    expect(approved.statusCode).toBe(409);
    expect(approved.json().type).toBe(`${PROBLEM_BASE}approval-stale`);
    expect((await get(otherAdmin, `/api/staff/v1/approvals/${asked.json().id}`)).json()).toMatchObject({ status: 'pending' });
    expect(
      (await post(admin, '/api/staff/v1/approvals/role-change', { staffId: admin.staffId, role: 'operator', reason: 'x' })).statusCode,
    ).toBe(403);
  });

  it('answers 409 approval-expired once the request is past its time, and drops it from the pending queue', async () => {
    const other = await registerCustomer(t.app);
    const approval = await askUnblock(other);
    t.clock.advance(t.app.ctx.config.approvals.ttlHours * MS_PER_HOUR + 1000);
    // The staff sessions have ended meanwhile (15 idle minutes): a new login.
    const session = await loginStaff(t.app, checker);
    const again = { ...checker, ...session };

    expect((await get(again, '/api/staff/v1/approvals')).json().items.map((entry: { id: string }) => entry.id)).not.toContain(approval.id);
    expect((await get(again, `/api/staff/v1/approvals/${approval.id}`)).json()).toMatchObject({ status: 'expired', canDecide: false });
    const late = await post(again, `/api/staff/v1/approvals/${approval.id}/approve`);
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toBe(`${PROBLEM_BASE}approval-expired`);
    const expired = (await get(again, '/api/staff/v1/approvals?status=expired')).json().items.map((entry: { id: string }) => entry.id);
    expect(expired).toContain(approval.id);
  });
});
