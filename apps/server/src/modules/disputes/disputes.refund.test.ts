import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { checkLedgerInvariants, getSystemAccount, isLedgerProblem } from '../ledger/index.js';
import { creditFromBank } from '../operations/index.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { balanceOf, reportOperation, sentByPhone } from './disputes.fixtures.js';

// A refund is money the bank pays back from its dispute-loss account, through the ledger, once
// per case whatever retries and races come: the case's lock, and ids derived from the case.

const APPROVAL_THRESHOLD_MINOR = 5_000_000;

let t: TestApp;
let operator: TestStaff;
beforeAll(async () => {
  t = await createTestApp({ env: { DISPUTE_REFUND_APPROVAL_THRESHOLD_MINOR: String(APPROVAL_THRESHOLD_MINOR) } });
  operator = await createTestStaff(t.app, 'operator');
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

function staffPost(url: string, payload: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url, headers: staffHeaders(operator), payload });
}

async function refundsPosted(): Promise<number> {
  const { rows } = await t.db.query<{ count: bigint }>("SELECT count(*) AS count FROM ledger_operations WHERE kind = 'refund.dispute'");
  return Number(rows[0]?.count);
}

/** A case under investigation about a transfer of `amountMinor`. */
async function investigated(amountMinor: number) {
  const sent = await sentByPhone(t, amountMinor, 10_000_000n);
  const disputeId = await reportOperation(t, sent.who, sent.operationId);
  expect((await staffPost(`/api/staff/v1/disputes/${disputeId}/investigate`)).statusCode).toBe(200);
  return { ...sent, disputeId, refundUrl: `/api/staff/v1/disputes/${disputeId}/refund` };
}

describe('refunding a dispute', () => {
  it('credits the account the money left from the dispute-loss account, and the customer sees it in the history', async () => {
    const lossBefore = (await getSystemAccount(t.db, 'bank_dispute_loss', 'KZT')).balanceMinor;
    const { who, accountId, refundUrl, disputeId } = await investigated(40_000);
    const before = await balanceOf(t, who, accountId);
    t.clock.advance(1_000);
    const refunded = await staffPost(refundUrl, { amountMinor: 30_000, customerMessage: 'Возвращаем большую часть' });
    expect(refunded.statusCode).toBe(200);
    expect(refunded.json()).toMatchObject({ status: 'refunded', refundAmountMinor: 30_000 });
    expect(await balanceOf(t, who, accountId)).toBe(before + 30_000);
    expect((await getSystemAccount(t.db, 'bank_dispute_loss', 'KZT')).balanceMinor).toBe(lossBefore - 30_000n);
    const refundId: string = refunded.json().refundOperationId;
    const history = (await t.app.inject({ url: '/api/v1/operations', headers: web(who) })).json().items;
    expect(history[0]).toMatchObject({
      id: refundId,
      kind: 'refund',
      direction: 'incoming',
      amountMinor: 30_000,
      feeMinor: 0,
      status: 'completed',
    });
    expect(history[0].destinationAccountId).toBe(accountId);
    const receipt = await t.app.inject({ url: `/api/v1/operations/${refundId}/receipt?format=html&lang=en`, headers: web(who) });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('Refund on a dispute');
    expect(receipt.body).toContain('Kassa JSC');
    const mine = (await t.app.inject({ url: `/api/v1/disputes/${disputeId}`, headers: web(who) })).json();
    expect(mine).toMatchObject({ status: 'refunded', refundAmountMinor: 30_000, refundOperationId: refundId });
    expect(mine.timeline.at(-1)).toMatchObject({ kind: 'refunded', by: 'bank', message: 'Возвращаем большую часть' });
  });

  it('posts once for two refunds at the same time, and once for a retry after it', async () => {
    const { who, accountId, refundUrl } = await investigated(20_000);
    const before = await balanceOf(t, who, accountId);
    const posted = await refundsPosted();
    const answers = await Promise.all([staffPost(refundUrl, { amountMinor: 20_000 }), staffPost(refundUrl, { amountMinor: 20_000 })]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
    expect(answers[0]?.json().refundOperationId).toBe(answers[1]?.json().refundOperationId);
    expect((await staffPost(refundUrl, { amountMinor: 20_000 })).statusCode).toBe(200);
    expect(await refundsPosted()).toBe(posted + 1);
    expect(await balanceOf(t, who, accountId)).toBe(before + 20_000);
  });

  it('posts once when two different refunds race: the second is refused', async () => {
    const { who, accountId, refundUrl } = await investigated(20_000);
    const before = await balanceOf(t, who, accountId);
    const posted = await refundsPosted();
    const answers = await Promise.all([staffPost(refundUrl, { amountMinor: 5_000 }), staffPost(refundUrl, { amountMinor: 7_000 })]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    expect(await refundsPosted()).toBe(posted + 1);
    const won = answers.find((answer) => answer.statusCode === 200)?.json().refundAmountMinor;
    expect(await balanceOf(t, who, accountId)).toBe(before + won);
  });

  it('cannot credit a case twice even past its lock: the ids are the case’s, and the ledger refuses the second', async () => {
    const { who, accountId, disputeId } = await investigated(10_000);
    const credit = {
      kind: 'refund.dispute' as const,
      reference: disputeId,
      customerId: who.customerId,
      accountId,
      currency: 'KZT' as const,
    };
    const now = t.clock.now();
    const first = await t.db.transaction((tx) => creditFromBank(tx, { ...credit, amountMinor: 1_000n, now }));
    expect(first.ok).toBe(true);
    const second = await t.db
      .transaction((tx) => creditFromBank(tx, { ...credit, amountMinor: 2_000n, now }))
      .catch((error: unknown) => error);
    expect(isLedgerProblem(second, 'ledger-operation-exists')).toBe(true);
  });

  it('refuses more than the operation’s amount, and a refund of money paid to the customer', async () => {
    const { who, accountId, refundUrl, payee, operationId } = await investigated(30_000);
    const before = await balanceOf(t, who, accountId);
    const tooMuch = await staffPost(refundUrl, { amountMinor: 30_001 });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().type).toMatch(/dispute-refund-too-large$/);
    expect((await staffPost(refundUrl, { amountMinor: 30_000 })).statusCode).toBe(200);
    // The payee disputes the money they received: there is nothing of theirs to give back.
    const payeeCase = await reportOperation(t, payee, operationId);
    await staffPost(`/api/staff/v1/disputes/${payeeCase}/investigate`);
    const notTheirs = await staffPost(`/api/staff/v1/disputes/${payeeCase}/refund`, { amountMinor: 100 });
    expect(notTheirs.statusCode).toBe(409);
    expect(notTheirs.json().type).toMatch(/dispute-refund-not-applicable$/);
    expect(await balanceOf(t, who, accountId)).toBe(before + 30_000);
  });

  it('asks a second staff member to approve a refund from the threshold up, and refunds once they approve', async () => {
    const maker = await createTestStaff(t.app, 'security_officer');
    const checker = await createTestStaff(t.app, 'security_officer');
    const { who, accountId, refundUrl, disputeId } = await investigated(APPROVAL_THRESHOLD_MINOR + 10_000);
    const before = await balanceOf(t, who, accountId);
    const posted = await refundsPosted();
    const asked = await t.app.inject({
      method: 'POST',
      url: refundUrl,
      headers: staffHeaders(maker),
      payload: { amountMinor: APPROVAL_THRESHOLD_MINOR, approvalReason: 'Клиент подтвердил кражу телефона' },
    });
    expect(asked.statusCode).toBe(202);
    expect(asked.json().dispute.status).toBe('investigating');
    const approvalId: string = asked.json().approvalId;
    const again = await staffPost(refundUrl, { amountMinor: APPROVAL_THRESHOLD_MINOR });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toMatch(/approval-already-pending$/);
    expect(await refundsPosted()).toBe(posted);
    const decide = (who: TestStaff) =>
      t.app.inject({ method: 'POST', url: `/api/staff/v1/approvals/${approvalId}/approve`, headers: staffHeaders(who), payload: {} });
    const own = await decide(maker);
    expect(own.statusCode).toBe(403);
    expect(own.json().type).toMatch(/approval-own-request$/);
    expect((await decide(checker)).statusCode).toBe(200);
    expect(await refundsPosted()).toBe(posted + 1);
    expect(await balanceOf(t, who, accountId)).toBe(before + APPROVAL_THRESHOLD_MINOR);
    const details = (await t.app.inject({ url: `/api/staff/v1/disputes/${disputeId}`, headers: staffHeaders(checker) })).json();
    expect(details).toMatchObject({ status: 'refunded', refundAmountMinor: APPROVAL_THRESHOLD_MINOR });
    expect(details.timeline.at(-1)).toMatchObject({
      kind: 'refunded',
      staffId: checker.staffId,
      details: { approvalId, makerStaffId: maker.staffId },
    });
  });

  it('refuses a staff write without its CSRF token', async () => {
    const { refundUrl } = await investigated(10_000);
    const posted = await refundsPosted();
    const answer = await t.app.inject({
      method: 'POST',
      url: refundUrl,
      headers: { cookie: staffHeaders(operator).cookie ?? '' },
      payload: { amountMinor: 100 },
    });
    expect(answer.statusCode).toBe(403);
    expect(answer.json().type).toMatch(/staff-csrf-failed$/);
    expect(await refundsPosted()).toBe(posted);
  });
});
