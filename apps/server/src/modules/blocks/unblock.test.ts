import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { bindPinDevice, pinLogin, smsCount } from './blocks.fixtures.js';
import { UNBLOCK_REQUEST_TTL_MS } from './blocks.types.js';
// Through the module's door, as the back office's staff routes and modules/approvals call them.
import { activeBlockOf, approveUnblock, blocksOf, emergencyBlock, liftBlockInTx, requestUnblock } from './index.js';

// Issue 13 items 4 and 10: unblocking is maker-checker by two security officers, then the customer
// binds the phone again with the next login's SMS code; bound devices stay revoked.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const meta = { ip: '127.0.0.1', userAgent: null, requestId: 'unblock-test', language: 'en' as const };
const MAKER = 'stf_security_maker';
const CHECKER = 'stf_security_checker';

async function blockedCustomer() {
  const who = await registerCustomer(t.app);
  const device = await bindPinDevice(t, who);
  const { block } = await emergencyBlock(t.app.ctx, { customerId: who.customerId, source: 'self', reason: 'lost_phone', meta });
  return { who, device, block };
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
  it('needs two different staff members: the maker cannot approve, another one can', async () => {
    const { who, block } = await blockedCustomer();
    const requested = await requestUnblock(t.app.ctx, {
      blockId: block.id,
      staffId: MAKER,
      note: 'identity checked at the branch, ID card',
      meta,
    });
    expect(requested.unblockRequestedByStaffId).toBe(MAKER);
    expect(await refusalOf(approveUnblock(t.app.ctx, { blockId: block.id, approverStaffId: MAKER, meta }))).toBe(
      'unblock-maker-cannot-approve',
    );
    expect(await activeBlockOf(t.db, who.customerId)).not.toBeNull();
    const lifted = await approveUnblock(t.app.ctx, { blockId: block.id, approverStaffId: CHECKER, meta });
    expect(lifted).toMatchObject({ liftedByStaffId: CHECKER, unblockRequestedByStaffId: MAKER });
    expect(await activeBlockOf(t.db, who.customerId)).toBeNull();
    const { rows } = await t.db.query<{ event: string; details: Record<string, unknown> }>(
      "SELECT event, details FROM audit_events WHERE customer_id = $1 AND event LIKE 'customer.unblock%' ORDER BY seq",
      [who.customerId],
    );
    expect(rows).toEqual([
      { event: 'customer.unblock_requested', details: expect.objectContaining({ staffId: MAKER }) },
      { event: 'customer.unblock_refused', details: expect.objectContaining({ staffId: MAKER, refusal: 'maker-cannot-approve' }) },
      { event: 'customer.unblocked', details: expect.objectContaining({ makerStaffId: MAKER, checkerStaffId: CHECKER }) },
    ]);
  });

  it('lets the next login’s SMS code work again, keeps the devices revoked, and shows the block notice in the app', async () => {
    const { who, device, block } = await blockedCustomer();
    const before = await smsCount(t, who.phone);
    expect((await login(t.app, who)).status).toBe(401);
    expect(await smsCount(t, who.phone)).toBe(before);
    await requestUnblock(t.app.ctx, { blockId: block.id, staffId: MAKER, note: 'called back on the number in the file', meta });
    await approveUnblock(t.app.ctx, { blockId: block.id, approverStaffId: CHECKER, meta });
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

  it('refuses an approval nobody asked for, a second request, a request past its day, and a block already lifted', async () => {
    const { block } = await blockedCustomer();
    expect(await refusalOf(approveUnblock(t.app.ctx, { blockId: block.id, approverStaffId: CHECKER, meta }))).toBe('unblock-not-requested');
    await requestUnblock(t.app.ctx, { blockId: block.id, staffId: MAKER, note: 'checked', meta });
    expect(await refusalOf(requestUnblock(t.app.ctx, { blockId: block.id, staffId: CHECKER, note: 'checked too', meta }))).toBe(
      'unblock-already-requested',
    );
    t.clock.advance(UNBLOCK_REQUEST_TTL_MS);
    expect(await refusalOf(approveUnblock(t.app.ctx, { blockId: block.id, approverStaffId: CHECKER, meta }))).toBe('unblock-not-requested');
    // A fresh request after the old one lapsed, by the other officer this time.
    await requestUnblock(t.app.ctx, { blockId: block.id, staffId: CHECKER, note: 'checked again', meta });
    await approveUnblock(t.app.ctx, { blockId: block.id, approverStaffId: MAKER, meta });
    expect(await refusalOf(approveUnblock(t.app.ctx, { blockId: block.id, approverStaffId: MAKER, meta }))).toBe('block-lifted');
    expect(await refusalOf(requestUnblock(t.app.ctx, { blockId: block.id, staffId: MAKER, note: 'again', meta }))).toBe('block-lifted');
    expect(await refusalOf(requestUnblock(t.app.ctx, { blockId: `blk_${'f'.repeat(32)}`, staffId: MAKER, note: 'x', meta }))).toBe(
      'block-not-found',
    );
  });

  it('refuses the maker as the checker in the table itself, whatever calls it', async () => {
    const { block } = await blockedCustomer();
    await requestUnblock(t.app.ctx, { blockId: block.id, staffId: MAKER, note: 'checked', meta });
    await expect(
      t.db.query('UPDATE customer_blocks SET lifted_at = now(), lifted_by_staff_id = $2 WHERE id = $1', [block.id, MAKER]),
    ).rejects.toThrow();
  });

  it('lifts the block in force from a maker-checker request decided elsewhere (modules/approvals), and lists the history', async () => {
    const { who } = await blockedCustomer();
    const lifted = await t.db.transaction((tx) =>
      liftBlockInTx(tx, {
        customerId: who.customerId,
        makerStaffId: MAKER,
        makerNote: 'approval apr_1',
        checkerStaffId: CHECKER,
        meta,
        now: t.clock.now(),
      }),
    );
    expect(lifted).toMatchObject({ unblockRequestedByStaffId: MAKER, liftedByStaffId: CHECKER });
    expect(
      await t.db.transaction((tx) =>
        liftBlockInTx(tx, {
          customerId: who.customerId,
          makerStaffId: MAKER,
          makerNote: 'again',
          checkerStaffId: CHECKER,
          meta,
          now: t.clock.now(),
        }),
      ),
    ).toBeNull();
    // A new block after the lift is a new record; the file lists both, newest first.
    t.clock.advance(1_000);
    const second = await emergencyBlock(t.app.ctx, {
      customerId: who.customerId,
      source: 'operator',
      reason: 'sim_stopped',
      staffId: 'stf_operator1',
      meta,
    });
    expect((await blocksOf(t.db, who.customerId)).map((block) => block.id)).toEqual([second.block.id, lifted?.id]);
    expect((await login(t.app, who)).status).toBe(401);
  });
});
