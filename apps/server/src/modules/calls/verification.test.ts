import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, GOOD_PASSWORD, type LoggedIn, lastCodeSms, login, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { getAccount } from '../ledger/index.js';
import { verifyCode } from '../sca/index.js';
import { createTestStaff, loginStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import {
  callCodeTexts,
  callFile,
  closeOpenCalls,
  confirmCode,
  identifiedCall,
  lastCallCode,
  lookup,
  openCall,
  sendCode,
} from './calls.fixtures.js';

const CALL_DURATION_MAX_MINUTES = 30;
const MINUTE_MS = 60_000;

let t: TestApp;
let operator: TestStaff;
beforeAll(async () => {
  // Small transfers ask for a code here: the low-value exemption is off.
  t = await createTestApp({ env: { CALL_DURATION_MAX_MINUTES: String(CALL_DURATION_MAX_MINUTES), SCA_LOW_VALUE_MAX_MINOR: '0' } });
  operator = await createTestStaff(t.app, 'operator');
});
afterEach(async () => {
  await closeOpenCalls(t.app, operator);
});
afterAll(async () => {
  await t.close();
});

/** A call on which the code went to this customer and waits to be read back. */
async function callAwaitingCode(phone: string): Promise<string> {
  const callId = await openCall(t.app, operator, phone);
  await lookup(t.app, operator, callId, { phone });
  expect((await sendCode(t.app, operator, callId)).statusCode).toBe(202);
  return callId;
}

async function challengeIdOf(phone: string, purpose: string): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>(
    'SELECT id FROM sca_challenges WHERE phone = $1 AND purpose = $2 ORDER BY created_at DESC LIMIT 1',
    [phone, purpose],
  );
  if (!rows[0]) throw new Error(`no ${purpose} challenge`);
  return rows[0].id;
}

async function startLogin(who: LoggedIn) {
  const started = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: who.phone, password: GOOD_PASSWORD } });
  expect(started.statusCode).toBe(200);
  return { loginId: started.json().loginId as string, code: codeIn(await lastCodeSms(t.app, who.phone)) };
}

function confirmLogin(loginId: string, code: string) {
  return t.app.inject({ method: 'POST', url: `/api/v1/auth/login/${loginId}/confirm`, payload: { code } });
}

describe("a call's verification code", () => {
  it('is void after 3 wrong tries: the right code no longer identifies the caller', async () => {
    const customer = await registerCustomer(t.app);
    const callId = await callAwaitingCode(customer.phone);
    const right = await lastCallCode(t.app, customer.phone);
    const wrong = right === '000000' ? '111111' : '000000';
    const first = await confirmCode(t.app, operator, callId, wrong);
    expect(first.statusCode).toBe(422);
    expect(first.json()).toMatchObject({ attemptsLeft: 2 });
    expect((await confirmCode(t.app, operator, callId, wrong)).json()).toMatchObject({ attemptsLeft: 1 });
    expect((await confirmCode(t.app, operator, callId, wrong)).json().type).toMatch(/code-attempts-exceeded$/);
    const late = await confirmCode(t.app, operator, callId, right);
    expect(late.statusCode).toBe(422);
    expect(late.json().type).toMatch(/code-not-valid-anymore$/);
    expect((await t.app.inject({ url: `/api/staff/v1/calls/${callId}`, headers: staffHeaders(operator) })).json().status).toBe('open');
    const { rows } = await t.db.query("SELECT 1 FROM audit_events WHERE event = 'call.verification_failed' AND details->>'callId' = $1", [
      callId,
    ]);
    expect(rows).toHaveLength(4);
  });

  it('never logs in, and a login code never identifies a caller', async () => {
    const customer = await registerCustomer(t.app);
    const pending = await startLogin(customer);
    const callId = await callAwaitingCode(customer.phone);
    const callCode = await lastCallCode(t.app, customer.phone);
    if (callCode !== pending.code) {
      // The login's answer to any wrong code (it never says which factor failed).
      expect((await confirmLogin(pending.loginId, callCode)).statusCode).toBe(401);
      expect((await confirmCode(t.app, operator, callId, pending.code)).statusCode).toBe(422);
    }
    // Bound to its purpose in sca, whatever the digits: neither challenge passes as the other.
    const callChallenge = await challengeIdOf(customer.phone, 'call_verification');
    const loginChallenge = await challengeIdOf(customer.phone, 'login');
    const meta = { ip: '127.0.0.1', userAgent: null, requestId: 'calls-test', language: 'en' as const };
    const deps = { keyring: t.app.ctx.config.keyring, now: t.clock.now() };
    const asLogin = await t.db.transaction((tx) =>
      verifyCode(tx, deps, { challengeId: callChallenge, code: callCode, purpose: 'login', details: { callId }, meta }),
    );
    expect(asLogin).toEqual({ ok: false, reason: 'not-pending' });
    const asCall = await t.db.transaction((tx) =>
      verifyCode(tx, deps, { challengeId: loginChallenge, code: pending.code, purpose: 'call_verification', details: { callId }, meta }),
    );
    expect(asCall).toEqual({ ok: false, reason: 'not-pending' });
    // Each still works for what it was sent for.
    expect((await confirmLogin(pending.loginId, pending.code)).statusCode).toBe(200);
    expect((await confirmCode(t.app, operator, callId, callCode)).statusCode).toBe(200);
  });

  it('never confirms a transfer', async () => {
    const payer = await registerCustomer(t.app);
    const payee = await registerCustomer(t.app, { agreement: 'emoney' });
    const accounts = (await t.app.inject({ url: '/api/v1/accounts', headers: web(payer) })).json().items as Array<{
      id: string;
      kind: string;
    }>;
    const current = accounts.find((account) => account.kind === 'customer_current');
    const account = current ? await getAccount(t.db, current.id) : null;
    if (!account) throw new Error('no current account');
    await t.db.transaction((tx) => depositFromSettlement(tx, account, 100_000n, 'test'));
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/transfers',
      headers: { ...web(payer), 'idempotency-key': randomUUID() },
      payload: { kind: 'phone', sourceAccountId: account.id, payeePhone: payee.phone, amountMinor: 5_000, currency: 'KZT' },
    });
    expect(created.json(), created.body).toMatchObject({ status: 'awaiting_confirmation' });
    const transferCode = codeIn(await lastCodeSms(t.app, payer.phone));
    const callId = await callAwaitingCode(payer.phone);
    const callCode = await lastCallCode(t.app, payer.phone);
    const confirm = (code: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/transfers/${created.json().id}/confirm`, headers: web(payer), payload: { code } });
    if (callCode !== transferCode) {
      expect((await confirm(callCode)).statusCode).toBe(422);
      expect((await confirmCode(t.app, operator, callId, transferCode)).statusCode).toBe(422);
    }
    expect((await confirm(transferCode)).json().status).toBe('completed');
    expect((await confirmCode(t.app, operator, callId, callCode)).statusCode).toBe(200);
  });

  it('works on its own call only, and a new look-up voids a code already sent', async () => {
    const customer = await registerCustomer(t.app);
    const first = await callAwaitingCode(customer.phone);
    const firstCode = await lastCallCode(t.app, customer.phone);
    const second = await openCall(t.app, operator, customer.phone);
    await lookup(t.app, operator, second, { phone: customer.phone });
    const onOther = await confirmCode(t.app, operator, second, firstCode);
    expect(onOther.statusCode).toBe(422);
    // A look-up again on the first call: its code stops working.
    await lookup(t.app, operator, first, { phone: customer.phone });
    expect((await confirmCode(t.app, operator, first, firstCode)).statusCode).toBe(422);
  });

  it('is resent no sooner than after 60 s, and the earlier code stops working', async () => {
    const customer = await registerCustomer(t.app);
    const callId = await callAwaitingCode(customer.phone);
    const earlier = await lastCallCode(t.app, customer.phone);
    const tooSoon = await sendCode(t.app, operator, callId);
    expect(tooSoon.statusCode).toBe(429);
    t.clock.advance(MINUTE_MS);
    expect((await sendCode(t.app, operator, callId)).statusCode).toBe(202);
    const later = await lastCallCode(t.app, customer.phone);
    expect(await callCodeTexts(t.app, customer.phone)).toHaveLength(2);
    if (earlier !== later) expect((await confirmCode(t.app, operator, callId, earlier)).statusCode).toBe(422);
    expect((await confirmCode(t.app, operator, callId, later)).statusCode).toBe(200);
  });

  it("is written in the customer's language", async () => {
    const customer = await registerCustomer(t.app);
    for (const [language, text] of [
      ['kk', 'Сіз Kassa байланыс орталығына қоңырау шалдыңыз. Бұл кодты тек осы қоңыраудағы операторға айтыңыз:'],
      ['en', 'You called the Kassa contact center. Tell this code only to the operator on this call:'],
    ] as const) {
      const changed = await t.app.inject({ method: 'PUT', url: '/api/v1/profile/language', headers: web(customer), payload: { language } });
      expect(changed.statusCode).toBe(200);
      await callAwaitingCode(customer.phone);
      const texts = await callCodeTexts(t.app, customer.phone);
      expect(texts[texts.length - 1]).toContain(text);
    }
  });
});

describe('the end of a call', () => {
  it(`comes by itself after CALL_DURATION_MAX_MINUTES: the file closes and the customer is told no one is calling`, async () => {
    const customer = await registerCustomer(t.app);
    const callId = await identifiedCall(t.app, operator, customer.phone);
    expect((await callFile(t.app, operator, callId)).statusCode).toBe(200);
    t.clock.advance((CALL_DURATION_MAX_MINUTES + 1) * MINUTE_MS);
    // Both sessions have idled out meanwhile: log in again.
    const staff = { ...operator, ...(await loginStaff(t.app, operator)) };
    const again = await login(t.app, customer);
    expect((await callFile(t.app, staff, callId)).statusCode).toBe(404);
    const active = await t.app.inject({ url: '/api/v1/calls/active', headers: web(again) });
    expect(active.json()).toEqual({ active: false });
    const view = await t.app.inject({ url: `/api/staff/v1/calls/${callId}`, headers: staffHeaders(staff) });
    expect(view.json()).toMatchObject({ status: 'closed', closeReason: 'timed-out' });
    operator = staff;
  });

  it('is recorded by the retention pass for calls nobody touched, which later purges calls that identified nobody', async () => {
    const customer = await registerCustomer(t.app);
    const identified = await identifiedCall(t.app, operator, customer.phone);
    const nobody = await openCall(t.app, operator);
    t.clock.advance((CALL_DURATION_MAX_MINUTES + 1) * MINUTE_MS);
    const swept = await t.app.ctx.retention.runOnce();
    expect(swept.calls_timed_out).toBeGreaterThanOrEqual(2);
    const status = async (id: string) =>
      (await t.db.query<{ status: string; close_reason: string }>('SELECT status, close_reason FROM calls WHERE id = $1', [id])).rows[0];
    expect(await status(identified)).toEqual({ status: 'closed', close_reason: 'timed-out' });
    expect(await status(nobody)).toEqual({ status: 'closed', close_reason: 'timed-out' });
    t.clock.advance(31 * 24 * 60 * MINUTE_MS);
    await t.app.ctx.retention.runOnce();
    expect(await status(nobody)).toBeUndefined();
    expect(await status(identified)).toEqual({ status: 'closed', close_reason: 'timed-out' });
    // The staff session has long idled out.
    operator = { ...operator, ...(await loginStaff(t.app, operator)) };
  });
});
