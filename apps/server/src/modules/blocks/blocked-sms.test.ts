import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { decideApproval } from '../approvals/index.js';
import { checkLedgerInvariants } from '../ledger/index.js';
import { listSentNotifications, outboxBacklog } from '../notifications/index.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { type Customer, customerWithMoney, smsCount, transferByPhone } from './blocks.fixtures.js';
import { emergencyBlock, requestUnblock } from './index.js';

// Issue 13 item 4: while a customer is under an emergency block no SMS goes to their number, a
// notice no more than a code (a lost phone must not tell a stranger what moves in the account).
// The message is kept as suppressed, with the reason, for the staff's customer file.

let t: TestApp;
let officer: TestStaff;
let checker: TestStaff;
beforeAll(async () => {
  t = await createTestApp();
  officer = await createTestStaff(t.app, 'security_officer');
  checker = await createTestStaff(t.app, 'security_officer');
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

const meta = { ip: '127.0.0.1', userAgent: null, requestId: 'blocked-sms-test', language: 'en' as const };
/** Under the low-value exemption (SCA_LOW_VALUE_MAX_MINOR's default): the transfer completes at once, no code asked. */
const SMALL_AMOUNT_MINOR = 5_000;

function block(customer: Customer) {
  return emergencyBlock(t.app.ctx, { customerId: customer.who.customerId, source: 'self', reason: 'lost_phone', meta });
}

async function credit(payer: Customer, payee: Customer): Promise<void> {
  const sent = await transferByPhone(t, payer, payee.who.phone, SMALL_AMOUNT_MINOR);
  expect(sent.json().status).toBe('completed');
}

function sentTo(customer: Customer) {
  return listSentNotifications(t.db, { customerId: customer.who.customerId, phone: customer.who.phone }, 50);
}

async function outboxRowsTo(phone: string) {
  const { rows } = await t.db.query<{ status: string; last_error: string | null; payload: Record<string, unknown> }>(
    "SELECT status, last_error, payload FROM outbox_messages WHERE channel = 'sms' AND payload->>'to' = $1 ORDER BY created_at, id",
    [phone],
  );
  return rows;
}

describe('SMS to a customer under an emergency block', () => {
  it('sends no SMS of a credit to a blocked customer, keeps it as suppressed with the reason, and still tells the app', async () => {
    const payer = await customerWithMoney(t, 100_000n);
    const payee = await customerWithMoney(t);
    await block(payee);
    const payeeSmsBefore = await smsCount(t, payee.who.phone);
    const payerSmsBefore = await smsCount(t, payer.who.phone);
    const deadBefore = (await outboxBacklog(t.db)).dead;

    await credit(payer, payee);

    expect(await smsCount(t, payee.who.phone)).toBe(payeeSmsBefore);
    // Only the blocked number is silent: the payer hears of their transfer as usual.
    expect(await smsCount(t, payer.who.phone)).toBe(payerSmsBefore + 1);
    const sent = await sentTo(payee);
    expect(sent.filter((entry) => entry.kind === 'transfer.credit')).toEqual([
      expect.objectContaining({ channel: 'in_app', status: 'delivered', suppressedReason: null }),
      expect.objectContaining({ channel: 'sms', status: 'suppressed', suppressedReason: 'customer-blocked', deliveredAt: null }),
    ]);
    // Ended like any message: its text erased (SECURITY.md 35), never retried, and not counted as
    // a dead message waiting for a person.
    const [row] = (await outboxRowsTo(payee.who.phone)).filter((entry) => entry.payload.purpose === 'transfer.credit');
    expect(row).toMatchObject({ status: 'dead', last_error: 'suppressed: customer-blocked', payload: { suppressed: 'customer-blocked' } });
    expect(row?.payload).not.toHaveProperty('text');
    expect((await outboxBacklog(t.db)).dead).toBe(deadBefore);
  });

  it('stops a notice queued a moment before the block landed, when the outbox comes to send it', async () => {
    const payer = await customerWithMoney(t, 100_000n);
    const payee = await customerWithMoney(t);
    const payeeSmsBefore = await smsCount(t, payee.who.phone);

    await credit(payer, payee);
    await block(payee);

    expect(await smsCount(t, payee.who.phone)).toBe(payeeSmsBefore);
    expect((await sentTo(payee)).find((entry) => entry.channel === 'sms' && entry.kind === 'transfer.credit')).toMatchObject({
      status: 'suppressed',
      suppressedReason: 'customer-blocked',
    });
  });

  it('shows the suppressed SMS in the staff file, and sends again once the block is lifted', async () => {
    const payer = await customerWithMoney(t, 100_000n);
    const payee = await customerWithMoney(t);
    const { block: record } = await block(payee);
    await credit(payer, payee);
    await t.app.ctx.worker.drain();

    const file = await t.app.inject({
      url: `/api/staff/v1/customers/${payee.who.customerId}?reason=${encodeURIComponent('Проверка уведомлений')}`,
      headers: staffHeaders(officer),
    });
    expect(file.statusCode).toBe(200);
    expect(file.json().notifications).toContainEqual(
      expect.objectContaining({ channel: 'sms', kind: 'transfer.credit', status: 'suppressed', suppressedReason: 'customer-blocked' }),
    );

    const approval = await requestUnblock(t.app.ctx, { blockId: record.id, staffId: officer.staffId, note: 'identity checked', meta });
    await decideApproval(t.app.ctx, {
      approvalId: approval.id,
      checkerStaffId: checker.staffId,
      checkerRole: 'security_officer',
      decision: 'approve',
      note: null,
      meta,
    });
    const payeeSmsBefore = await smsCount(t, payee.who.phone);
    await credit(payer, payee);
    expect(await smsCount(t, payee.who.phone)).toBe(payeeSmsBefore + 1);
  });
});
