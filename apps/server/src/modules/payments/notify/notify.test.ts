import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { listAudit } from '../../audit/index.js';
import { checkLedgerInvariants } from '../../ledger/index.js';
import {
  createPayment,
  kcellPhone,
  onayCard,
  type Payer,
  type PaymentsWorld,
  payerWithMoney,
  sentPayment,
  startPaymentsWorld,
} from './notify.fixtures.js';
import { ACTIVATION_POLL_MS, notifyLeaseMs, RETRY_DELAY_FIRST_MS, runProviderNotifications } from './notify.js';
import { claimDuePayments, selectNotifyState } from './notify.repo.js';

const TIMEOUT_MS = 300;
let t: TestApp;
let world: PaymentsWorld;
let payer: Payer;

// A payer of each test's own: a test moves the clock, and past a session's life its customer is logged out.
beforeEach(async () => {
  payer = await payerWithMoney(t.app, 10_000_000n);
});
beforeAll(async () => {
  // Every payment waits for its code, so a test decides when its operation is sent.
  t = await createTestApp({ env: { PAYMENT_PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS), SCA_LOW_VALUE_MAX_MINOR: '0' } });
  world = await startPaymentsWorld(t.app);
});
afterEach(async () => {
  world.simulator.behave('kcell', null);
  const report = await checkLedgerInvariants(t.db);
  expect(report.violations).toEqual([]);
});
afterAll(async () => {
  await world.simulator.close();
  await t.close();
});

const pass = () => runProviderNotifications(t.app.ctx);
const state = async (operationId: string) => {
  const found = await selectNotifyState(t.db, operationId);
  if (!found) throw new Error(`no service payment ${operationId}`);
  return found;
};
const stats = () => ({ accepted: world.simulator.stats.paymentsAccepted('kcell'), calls: world.simulator.stats.notifyCalls('kcell') });

describe('the notify worker', () => {
  it('confirms a sent payment with the provider’s reference', async () => {
    const before = stats();
    const id = await sentPayment(t.app, world, payer, { slug: 'kcell', fields: { phone: kcellPhone() }, amountMinor: 150_000 });
    expect((await pass()).confirmed).toBe(1);
    const after = await state(id);
    expect(after).toMatchObject({ providerStatus: 'confirmed', nextNotifyAt: null, lastError: null });
    expect(after.providerReference).toMatch(/^mobile-\d+-/);
    expect(after.confirmedAt).toEqual(t.clock.now());
    expect(stats()).toEqual({ accepted: before.accepted + 1, calls: before.calls + 1 });
  });

  it('has the provider take a payment once when its first answer is lost past the timeout, and retries after backoff', async () => {
    const before = stats();
    const id = await sentPayment(t.app, world, payer, { slug: 'kcell', fields: { phone: kcellPhone() }, amountMinor: 200_000 });
    world.simulator.behave('kcell', { answer: 'slow', delayMs: TIMEOUT_MS * 3, paths: ['payments'], times: 1 });
    expect((await pass()).later).toBe(1);
    const waiting = await state(id);
    expect(waiting).toMatchObject({ providerStatus: 'pending', notifyAttempts: 1, lastError: 'provider unavailable: timeout' });
    const waitMs = (waiting.nextNotifyAt?.getTime() ?? 0) - t.clock.now().getTime();
    expect(waitMs).toBeGreaterThanOrEqual(RETRY_DELAY_FIRST_MS * 0.8);
    expect(waitMs).toBeLessThanOrEqual(RETRY_DELAY_FIRST_MS * 1.2);
    // Not due before its time: nothing is sent again.
    expect((await pass()).claimed).toBe(0);
    t.clock.advance(RETRY_DELAY_FIRST_MS * 2);
    expect((await pass()).confirmed).toBe(1);
    expect((await state(id)).providerStatus).toBe('confirmed');
    expect(stats()).toEqual({ accepted: before.accepted + 1, calls: before.calls + 2 });
  });

  it('doubles the wait after each unanswered attempt', async () => {
    const id = await sentPayment(t.app, world, payer, { slug: 'kcell', fields: { phone: kcellPhone() }, amountMinor: 100_000 });
    world.simulator.behave('kcell', { answer: 'error', paths: ['payments'] });
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect((await pass()).later).toBe(1);
      const next = (await state(id)).nextNotifyAt?.getTime() ?? 0;
      waits.push(next - t.clock.now().getTime());
      t.clock.advance(next - t.clock.now().getTime());
    }
    // 5 s, 10 s, 20 s, 40 s, each within its ±20 % of jitter.
    for (const [index, ms] of waits.entries()) {
      const baseMs = RETRY_DELAY_FIRST_MS * 2 ** index;
      expect(ms).toBeGreaterThanOrEqual(baseMs * 0.8);
      expect(ms).toBeLessThanOrEqual(baseMs * 1.2);
    }
    expect((await state(id)).notifyAttempts).toBe(4);
    world.simulator.behave('kcell', null);
    expect((await pass()).confirmed).toBe(1);
  });

  it('records a rejection for good, with its reason and an audit entry for operations staff', async () => {
    const id = await sentPayment(t.app, world, payer, { slug: 'kcell', fields: { phone: kcellPhone() }, amountMinor: 100_000 });
    world.simulator.behave('kcell', { answer: 'reject', paths: ['payments'] });
    expect((await pass()).rejected).toBe(1);
    expect(await state(id)).toMatchObject({
      providerStatus: 'rejected',
      nextNotifyAt: null,
      lastError: 'simulated refusal: account closed',
    });
    const audit = await listAudit(t.db, {
      filter: { customerId: payer.who.customerId, staffId: null, eventPrefix: 'payments.provider_rejected', from: null, to: null },
      cursor: null,
      limit: 10,
    });
    expect(audit.items.map((item) => item.details)).toEqual([
      { paymentId: id, providerId: await world.providerId('kcell'), reason: 'simulated refusal: account closed' },
    ]);
    t.clock.advance(RETRY_DELAY_FIRST_MS * 100);
    expect((await pass()).claimed).toBe(0);
  });

  it('tells the provider nothing while the code is awaited, nor ever once the operation expired unconfirmed', async () => {
    const before = stats();
    const waiting = await createPayment(t.app, world, payer, { slug: 'kcell', fields: { phone: kcellPhone() }, amountMinor: 100_000 });
    expect(waiting.status).toBe('awaiting_confirmation');
    expect((await pass()).later).toBeGreaterThanOrEqual(1);
    const deferred = await state(waiting.id);
    expect(deferred).toMatchObject({ providerStatus: 'pending', notifyAttempts: 0 });
    expect(deferred.nextNotifyAt?.getTime()).toBeGreaterThan(t.clock.now().getTime());
    // Its code expires unused: the operation ends as expired (operations' sweep), and nothing is left to tell.
    t.clock.advance((deferred.nextNotifyAt?.getTime() ?? 0) - t.clock.now().getTime() + 60_000);
    await t.app.ctx.retention.runOnce();
    await pass();
    expect((await state(waiting.id)).providerStatus).toBe('void');
    expect(stats()).toEqual(before);
  });

  it('polls a transport top-up each minute until its card is tapped on a validator', async () => {
    const card = onayCard(4242);
    const id = await sentPayment(t.app, world, payer, { slug: 'onay', fields: { card }, amountMinor: 50_000 });
    expect((await pass()).awaitingActivation).toBe(1);
    expect(await state(id)).toMatchObject({ providerStatus: 'awaiting-activation', confirmedAt: null });
    t.clock.advance(ACTIVATION_POLL_MS);
    expect((await pass()).later).toBe(1);
    expect((await state(id)).providerStatus).toBe('awaiting-activation');
    expect(world.simulator.tap('onay', card)).toBe(1);
    t.clock.advance(ACTIVATION_POLL_MS);
    expect((await pass()).confirmed).toBe(1);
    const done = await state(id);
    expect(done.providerStatus).toBe('confirmed');
    expect(done.providerReference).toMatch(/^transport-/);
    expect(world.simulator.stats.paymentsAccepted('onay')).toBe(1);
  });

  it('lets two workers claim disjoint rows, and each payment reaches the provider once', async () => {
    const before = stats();
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1)
      ids.push(await sentPayment(t.app, world, payer, { slug: 'kcell', fields: { phone: kcellPhone() }, amountMinor: 100_000 }));
    const claim = { now: t.clock.now(), leaseMs: notifyLeaseMs(TIMEOUT_MS), batchMax: 4 };
    const [first, second] = await Promise.all([claimDuePayments(t.db, claim), claimDuePayments(t.db, claim)]);
    const claimed = [...(first ?? []), ...(second ?? [])].map((row) => row.paymentId);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual([...ids].sort());
    // Leased: no pass takes them until the lease runs out, and then two passes at once share them.
    expect((await pass()).claimed).toBe(0);
    t.clock.advance(notifyLeaseMs(TIMEOUT_MS) + 1);
    const [a, b] = await Promise.all([pass(), pass()]);
    expect(a.confirmed + b.confirmed).toBe(6);
    expect(stats()).toEqual({ accepted: before.accepted + 6, calls: before.calls + 6 });
  });
});
