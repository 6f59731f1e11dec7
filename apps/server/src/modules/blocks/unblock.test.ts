import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { decideApproval } from '../approvals/index.js';
import { createTestStaff, type TestStaff } from '../staff/staff.fixtures.js';
import { bindPinDevice, pinLogin, smsCount } from './blocks.fixtures.js';
// Through the module's door, as the back office's staff routes call them.
import { activeBlockOf, blocksOf, emergencyBlock, requestUnblock } from './index.js';

// Issue 13 items 4 and 10: unblocking is one maker-checker (modules/approvals, kind `unblock`) by
// two security officers, then the customer binds the phone again with the next login's SMS code;
// bound devices stay revoked.

let t: TestApp;
let maker: TestStaff;
let checker: TestStaff;
let admin: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
  maker = await createTestStaff(t.app, 'security_officer');
  checker = await createTestStaff(t.app, 'security_officer');
  admin = await createTestStaff(t.app, 'admin');
});
afterAll(async () => {
  await t.close();
});

const meta = { ip: '127.0.0.1', userAgent: null, requestId: 'unblock-test', language: 'en' as const };
const MS_PER_HOUR = 3_600_000;

async function blockedCustomer() {
  const who = await registerCustomer(t.app);
  const device = await bindPinDevice(t, who);
  const { block } = await emergencyBlock(t.app.ctx, { customerId: who.customerId, source: 'self', reason: 'lost_phone', meta });
  return { who, device, block };
}

function approve(approvalId: string, who: TestStaff, role: 'security_officer' | 'admin' = 'security_officer') {
  return decideApproval(t.app.ctx, { approvalId, checkerStaffId: who.staffId, checkerRole: role, decision: 'approve', note: null, meta });
}

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error('the step was not refused');
}

describe('unblocking', () => {
  it('needs two different security officers: the maker cannot approve, an admin cannot, another officer can', async () => {
    const { who, block } = await blockedCustomer();
    const approval = await requestUnblock(t.app.ctx, {
      blockId: block.id,
      staffId: maker.staffId,
      note: 'identity checked at the branch, ID card',
      meta,
    });
    expect(approval).toMatchObject({ kind: 'unblock', subjectId: block.id, customerId: who.customerId, makerStaffId: maker.staffId });
    expect((await blocksOf(t.db, who.customerId, t.clock.now()))[0]?.unblockRequest).toMatchObject({ approvalId: approval.id });

    expect(await refusalOf(approve(approval.id, maker))).toBe('approval-own-request');
    expect(await refusalOf(approve(approval.id, admin, 'admin'))).toBe('approval-role-not-allowed');
    expect(await activeBlockOf(t.db, who.customerId)).not.toBeNull();

    const approved = await approve(approval.id, checker);
    expect(approved).toMatchObject({ status: 'approved', result: { blockId: block.id, customerId: who.customerId } });
    expect(await activeBlockOf(t.db, who.customerId)).toBeNull();
    const [lifted] = await blocksOf(t.db, who.customerId, t.clock.now());
    expect(lifted).toMatchObject({ liftedByStaffId: checker.staffId, liftedByApprovalId: approval.id, unblockRequest: null });

    const { rows } = await t.db.query<{ event: string; details: Record<string, unknown> }>(
      `SELECT event, details FROM audit_events WHERE customer_id = $1 AND (event LIKE 'approval.%' OR event LIKE 'customer.unblock%')
       ORDER BY seq`,
      [who.customerId],
    );
    expect(rows).toEqual([
      { event: 'approval.requested', details: expect.objectContaining({ makerStaffId: maker.staffId, subjectId: block.id }) },
      { event: 'approval.refused', details: expect.objectContaining({ checkerStaffId: maker.staffId, reason: 'own-request' }) },
      { event: 'approval.refused', details: expect.objectContaining({ checkerStaffId: admin.staffId, reason: 'role-not-allowed' }) },
      {
        event: 'customer.unblocked',
        details: expect.objectContaining({ makerStaffId: maker.staffId, checkerStaffId: checker.staffId, approvalId: approval.id }),
      },
      { event: 'approval.approved', details: expect.objectContaining({ checkerStaffId: checker.staffId }) },
    ]);
  });

  it('lets the next login’s SMS code work again, keeps the devices revoked, and shows the block notice in the app', async () => {
    const { who, device, block } = await blockedCustomer();
    const before = await smsCount(t, who.phone);
    expect((await login(t.app, who)).status).toBe(401);
    expect(await smsCount(t, who.phone)).toBe(before);
    const approval = await requestUnblock(t.app.ctx, {
      blockId: block.id,
      staffId: maker.staffId,
      note: 'called back on the number',
      meta,
    });
    await approve(approval.id, checker);
    const again = await login(t.app, who);
    expect(again.status).toBe(200);
    expect((await pinLogin(t, device)).statusCode).not.toBe(200);
    const inbox = (await t.app.inject({ url: '/api/v1/notifications', headers: web(again) })).json();
    expect(inbox.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'customer-blocked', title: 'Доступ был заблокирован', body: expect.stringContaining('595') }),
      ]),
    );
  });

  it('refuses a second request while one waits, a request past its time, and a block already lifted', async () => {
    const { block } = await blockedCustomer();
    const first = await requestUnblock(t.app.ctx, { blockId: block.id, staffId: maker.staffId, note: 'checked', meta });
    expect(await refusalOf(requestUnblock(t.app.ctx, { blockId: block.id, staffId: checker.staffId, note: 'checked too', meta }))).toBe(
      'unblock-already-requested',
    );
    t.clock.advance(t.app.ctx.config.approvals.ttlHours * MS_PER_HOUR);
    expect(await refusalOf(approve(first.id, checker))).toBe('approval-expired');
    // A fresh request after the old one lapsed, by the other officer this time.
    const second = await requestUnblock(t.app.ctx, { blockId: block.id, staffId: checker.staffId, note: 'checked again', meta });
    await approve(second.id, maker);
    expect(await refusalOf(requestUnblock(t.app.ctx, { blockId: block.id, staffId: maker.staffId, note: 'again', meta }))).toBe(
      'block-lifted',
    );
    expect(await refusalOf(requestUnblock(t.app.ctx, { blockId: `blk_${'f'.repeat(32)}`, staffId: maker.staffId, note: 'x', meta }))).toBe(
      'block-not-found',
    );
  });

  it('refuses in the table itself a lift that names no approval, whatever calls it', async () => {
    const { block } = await blockedCustomer();
    await expect(
      t.db.query('UPDATE customer_blocks SET lifted_at = now(), lifted_by_staff_id = $2 WHERE id = $1', [block.id, checker.staffId]),
    ).rejects.toThrow();
  });

  it('lists the history after a lift: a new block is a new record, newest first', async () => {
    const { who, block } = await blockedCustomer();
    const approval = await requestUnblock(t.app.ctx, { blockId: block.id, staffId: maker.staffId, note: 'checked', meta });
    await approve(approval.id, checker);
    t.clock.advance(1_000);
    const second = await emergencyBlock(t.app.ctx, {
      customerId: who.customerId,
      source: 'operator',
      reason: 'sim_stopped',
      staffId: 'stf_operator1',
      meta,
    });
    expect((await blocksOf(t.db, who.customerId)).map((record) => record.id)).toEqual([second.block.id, block.id]);
    expect((await login(t.app, who)).status).toBe(401);
  });
});
