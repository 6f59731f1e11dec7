import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, codeIn, lastCodeSms, login, registerCustomer, uniqueIin, uniquePhone, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { checkLedgerInvariants } from '../ledger/index.js';
import {
  bindPinDevice,
  blockForm,
  customerWithMoney,
  pinLogin,
  sessionWithoutLogin,
  smsCount,
  TEST_BIRTH_DATE,
  transferByPhone,
} from './blocks.fixtures.js';
import { emergencyBlock } from './blocks.service.js';
import { FORM_ANSWER_FLOOR_MS } from './self-block.service.js';

// Issue 13 item 4: the emergency block from the web without the phone, and what it stops.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { SCA_LOW_VALUE_MAX_MINOR: '0', RATE_LIMIT_EMERGENCY_BLOCK_PER_IP_PER_HOUR_MAX: '1000' } });
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

const meta = { ip: '127.0.0.1', userAgent: null, requestId: 'blocks-test', language: 'en' as const };

async function blocksOfCustomer(customerId: string) {
  const { rows } = await t.db.query<{ source: string; reason: string; created_by_staff_id: string | null; lifted_at: Date | null }>(
    'SELECT source, reason, created_by_staff_id, lifted_at FROM customer_blocks WHERE customer_id = $1',
    [customerId],
  );
  return rows;
}

async function pendingCodes(customerId: string): Promise<number> {
  const { rows } = await t.db.query<{ count: bigint }>(
    "SELECT count(*) AS count FROM sca_challenges WHERE customer_id = $1 AND status = 'pending'",
    [customerId],
  );
  return Number(rows[0]?.count);
}

async function operationsOf(customerId: string): Promise<Array<{ id: string; status: string }>> {
  const { rows } = await t.db.query<{ id: string; status: string }>(
    'SELECT id, status FROM operations WHERE customer_id = $1 ORDER BY id',
    [customerId],
  );
  return rows;
}

describe('blocking from the web without the phone', () => {
  it('ends every session, revokes every device, cancels waiting transfers and voids pending codes, all at once, sending nothing to the phone', async () => {
    const owner = await customerWithMoney(t, 100_000n);
    const payee = await customerWithMoney(t);
    const { who } = owner;
    const mobile = await login(t.app, who, 'mobile');
    expect(mobile.status).toBe(200);
    const device = await bindPinDevice(t, who);
    const waiting = await transferByPhone(t, owner, payee.who.phone, 5_000);
    expect(waiting.json().status).toBe('awaiting_confirmation');
    // A login half done: the code is on the lost phone, in a stranger's hand.
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: who.phone, password: who.password },
    });
    const loginCode = codeIn(await lastCodeSms(t.app, who.phone));
    const smsBefore = await smsCount(t, who.phone);

    const blocked = await blockForm(t, { login: who.phone, password: who.password, birthDate: TEST_BIRTH_DATE });
    expect(blocked.statusCode).toBe(202);

    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: web(who) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: bearer(mobile) })).statusCode).toBe(401);
    const { rows: devices } = await t.db.query<{ status: string }>('SELECT status FROM devices WHERE customer_id = $1', [who.customerId]);
    expect(devices).toEqual([{ status: 'revoked' }]);
    expect((await pinLogin(t, device)).statusCode).not.toBe(200);
    expect(await operationsOf(who.customerId)).toEqual([{ id: waiting.json().id, status: 'cancelled' }]);
    expect(await pendingCodes(who.customerId)).toBe(0);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/login/${started.json().loginId}/confirm`,
      payload: { code: loginCode },
    });
    expect(confirmed.statusCode).toBe(401);
    expect(confirmed.json().type).toBe('https://mykassa.kz/problems/login-failed');
    expect(await smsCount(t, who.phone)).toBe(smsBefore);
    expect(await blocksOfCustomer(who.customerId)).toEqual([
      { source: 'self', reason: 'lost_phone', created_by_staff_id: null, lifted_at: null },
    ]);
    const { rows: audited } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'customer.blocked' AND customer_id = $1",
      [who.customerId],
    );
    expect(audited).toEqual([
      {
        details: expect.objectContaining({
          source: 'self',
          sessionsEnded: 2,
          devicesRevoked: 1,
          operationsCancelled: 1,
          alreadyBlocked: false,
        }),
      },
    ]);
  });

  it('finds the customer by IIN as well as by phone', async () => {
    const iin = uniqueIin();
    const who = await registerCustomer(t.app, { iin });
    expect((await blockForm(t, { login: iin, password: who.password, birthDate: TEST_BIRTH_DATE })).statusCode).toBe(202);
    expect(await blocksOfCustomer(who.customerId)).toHaveLength(1);
  });

  it('answers a wrong password, a wrong date of birth and an unknown login byte for byte as it answers a match, and blocks nothing', async () => {
    const who = await registerCustomer(t.app);
    const other = await registerCustomer(t.app);
    const answers = [
      await blockForm(t, { login: who.phone, password: 'not-the-password-at-all', birthDate: TEST_BIRTH_DATE }),
      await blockForm(t, { login: who.phone, password: who.password, birthDate: '1990-05-18' }),
      await blockForm(t, { login: uniquePhone(), password: who.password, birthDate: TEST_BIRTH_DATE }),
      await blockForm(t, { login: uniqueIin(), password: who.password, birthDate: TEST_BIRTH_DATE }),
    ];
    const match = await blockForm(t, { login: other.phone, password: other.password, birthDate: TEST_BIRTH_DATE });
    for (const answer of answers) {
      expect(answer.statusCode).toBe(match.statusCode);
      expect(answer.body).toBe(match.body);
      expect(answer.headers['content-type']).toBe(match.headers['content-type']);
      expect(answer.headers['content-length']).toBe(match.headers['content-length']);
    }
    expect(match.json()).toEqual({ message: expect.stringContaining('If the details were right'), contactCenterPhone: '595' });
    expect(await blocksOfCustomer(who.customerId)).toEqual([]);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: web(who) })).statusCode).toBe(200);
    expect(await blocksOfCustomer(other.customerId)).toHaveLength(1);
    const { rows: refused } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'customer.block_refused' AND customer_id = $1 ORDER BY seq",
      [who.customerId],
    );
    expect(refused.map((row) => [row.details.passwordOk, row.details.birthDateOk])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('takes at least the answer floor whether or not the details matched', async () => {
    const who = await registerCustomer(t.app);
    for (const password of ['wrong-password-for-timing', who.password]) {
      const startedAt = performance.now();
      await blockForm(t, { login: who.phone, password, birthDate: TEST_BIRTH_DATE });
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(FORM_ANSWER_FLOOR_MS - 1);
    }
  });

  it('counts no failed form toward the password lock, so nobody can lock a customer out with it', async () => {
    const who = await registerCustomer(t.app);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await blockForm(t, { login: who.phone, password: `wrong-password-${attempt}`, birthDate: TEST_BIRTH_DATE })).statusCode).toBe(
        202,
      );
    }
    const { rows } = await t.db.query<{ failures: number }>('SELECT failures FROM auth_lockouts WHERE customer_id = $1', [who.customerId]);
    expect(rows.every((row) => row.failures === 0)).toBe(true);
    expect((await login(t.app, who)).status).toBe(200);
  });

  it('counts the forms per login named, known or not: the sixth in an hour is a 429 that says to call the contact center', async () => {
    const who = await registerCustomer(t.app);
    for (const target of [who.phone, uniquePhone()]) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await blockForm(t, { login: target, password: 'wrong-password-xyz', birthDate: TEST_BIRTH_DATE })).statusCode).toBe(202);
      }
      const refused = await blockForm(t, { login: target, password: who.password, birthDate: TEST_BIRTH_DATE });
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json()).toMatchObject({
        type: 'https://mykassa.kz/problems/block-attempts-exceeded',
        detail: expect.stringContaining('595'),
      });
    }
    // Nothing was blocked by the refused one, even with the right details.
    expect(await blocksOfCustomer(who.customerId)).toEqual([]);
    t.clock.advance(3_600_000);
    expect((await blockForm(t, { login: who.phone, password: who.password, birthDate: TEST_BIRTH_DATE })).statusCode).toBe(202);
    expect(await blocksOfCustomer(who.customerId)).toHaveLength(1);
  });
});

describe('while the block stands', () => {
  it('refuses a transfer with a translated customer-blocked before any code is sent, and records no operation', async () => {
    const owner = await customerWithMoney(t, 100_000n);
    const payee = await registerCustomer(t.app);
    await emergencyBlock(t.app.ctx, { customerId: owner.who.customerId, source: 'self', reason: 'sim_stopped', meta });
    // A request that passed authentication just as the block landed.
    const late = { ...owner.who, ...(await sessionWithoutLogin(t, owner.who.customerId)) };
    const smsBefore = await smsCount(t, owner.who.phone);
    const refused = await transferByPhone(t, owner, payee.phone, 1_000, late);
    expect(refused.statusCode).toBe(423);
    expect(refused.json()).toMatchObject({
      type: 'https://mykassa.kz/problems/customer-blocked',
      title: 'Доступ заблокирован: операции не выполняются',
      detail: expect.stringContaining('595'),
    });
    expect(await operationsOf(owner.who.customerId)).toEqual([]);
    expect(await smsCount(t, owner.who.phone)).toBe(smsBefore);
  });

  it('refuses the confirmation of a transfer that was waiting when the block landed unseen', async () => {
    const owner = await customerWithMoney(t, 100_000n);
    const payee = await registerCustomer(t.app);
    const waiting = await transferByPhone(t, owner, payee.phone, 2_000);
    const code = codeIn(await lastCodeSms(t.app, owner.who.phone));
    // The block's row alone, as if its transaction had committed between the two requests'
    // checks; the full block would have cancelled the transfer.
    await t.db.query(
      "INSERT INTO customer_blocks (id, customer_id, source, reason, created_at) VALUES ($1, $2, 'self', 'lost_phone', now())",
      [`blk_${'0'.repeat(31)}1`, owner.who.customerId],
    );
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${waiting.json().id}/confirm`,
      headers: { ...web(owner.who), 'accept-language': 'kk' },
      payload: { code },
    });
    expect(confirmed.statusCode).toBe(423);
    expect(confirmed.json().title).toBe('Қолжетімділік бұғатталған: операциялар орындалмайды');
    expect(await operationsOf(owner.who.customerId)).toEqual([{ id: waiting.json().id, status: 'awaiting_confirmation' }]);
  });

  it('still lets money come in', async () => {
    const blocked = await customerWithMoney(t);
    const sender = await customerWithMoney(t, 100_000n);
    await emergencyBlock(t.app.ctx, { customerId: blocked.who.customerId, source: 'self', reason: 'lost_phone', meta });
    const created = await transferByPhone(t, sender, blocked.who.phone, 3_000);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${created.json().id}/confirm`,
      headers: web(sender.who),
      payload: { code: codeIn(await lastCodeSms(t.app, sender.who.phone)) },
    });
    expect(confirmed.json().status).toBe('completed');
  });

  it('sends no code to the number: a login with the right password, its resend, a reset and a registration send nothing and fail as a wrong password does', async () => {
    const who = await registerCustomer(t.app);
    await emergencyBlock(t.app.ctx, { customerId: who.customerId, source: 'self', reason: 'lost_phone', meta });
    const before = await smsCount(t, who.phone);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: who.phone, password: who.password } });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: who.phone, password: 'wrong-password-42' },
    });
    expect(right.statusCode).toBe(wrong.statusCode);
    expect(Object.keys(right.json())).toEqual(Object.keys(wrong.json()));
    expect(right.json().maskedPhone).toBe(wrong.json().maskedPhone);
    t.clock.advance(61_000);
    const resent = await t.app.inject({ method: 'POST', url: `/api/v1/auth/login/${right.json().loginId}/resend` });
    expect(resent.statusCode).toBe(200);
    const reset = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { phone: who.phone } });
    expect(reset.statusCode).toBeLessThan(300);
    const registration = await t.app.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone: who.phone, language: 'ru' } });
    expect(registration.statusCode).toBe(201);
    expect(await smsCount(t, who.phone)).toBe(before);
    for (const attempt of [right, wrong]) {
      const confirmed = await t.app.inject({
        method: 'POST',
        url: `/api/v1/auth/login/${attempt.json().loginId}/confirm`,
        payload: { code: '000000' },
      });
      expect(confirmed.statusCode).toBe(401);
      expect(confirmed.json().type).toBe('https://mykassa.kz/problems/login-failed');
    }
  });
});

describe('the signed-in "Block my access now"', () => {
  it('blocks at once, ends this session and clears its cookie', async () => {
    const who = await registerCustomer(t.app);
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/emergency-block/self',
      headers: web(who),
      payload: { reason: 'compromise' },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ message: expect.stringContaining('заблокирован'), contactCenterPhone: '595' });
    expect(String(answer.headers['set-cookie'])).toMatch(/__Host-kassa_session=;/);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: web(who) })).statusCode).toBe(401);
    expect(await blocksOfCustomer(who.customerId)).toEqual([
      { source: 'self', reason: 'compromise', created_by_staff_id: null, lifted_at: null },
    ]);
  });

  it('needs the CSRF token', async () => {
    const who = await registerCustomer(t.app);
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/emergency-block/self',
      headers: { cookie: `__Host-kassa_session=${who.cookie}` },
      payload: { reason: 'compromise' },
    });
    expect(answer.statusCode).toBe(403);
    expect(await blocksOfCustomer(who.customerId)).toEqual([]);
  });
});

describe('emergencyBlock', () => {
  it('keeps one record when a customer is blocked twice, also at the same moment, and the staff block names its staff member', async () => {
    const who = await registerCustomer(t.app);
    const [first, second] = await Promise.all([
      emergencyBlock(t.app.ctx, {
        customerId: who.customerId,
        source: 'operator',
        reason: 'lost_phone',
        staffId: 'stf_operator1',
        note: 'caller gave IIN and DOB',
        meta,
      }),
      emergencyBlock(t.app.ctx, { customerId: who.customerId, source: 'self', reason: 'sim_stopped', meta }),
    ]);
    expect(first.block.id).toBe(second.block.id);
    expect([first.alreadyBlocked, second.alreadyBlocked].sort()).toEqual([false, true]);
    expect(await blocksOfCustomer(who.customerId)).toHaveLength(1);
    const third = await emergencyBlock(t.app.ctx, {
      customerId: who.customerId,
      source: 'security',
      reason: 'fraud_suspected',
      staffId: 'stf_security1',
      meta,
    });
    expect(third).toMatchObject({ alreadyBlocked: true, sessionsEnded: 0, devicesRevoked: 0 });
  });

  it('answers 404 for no such customer', async () => {
    await expect(
      emergencyBlock(t.app.ctx, {
        customerId: `cus_${'0'.repeat(32)}`,
        source: 'security',
        reason: 'other',
        staffId: 'stf_security1',
        meta,
      }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('per client IP', () => {
  it('answers the form with 429 past the hourly limit of one address', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_EMERGENCY_BLOCK_PER_IP_PER_HOUR_MAX: '2' } });
    try {
      const form = { login: uniquePhone(), password: 'any-password-at-all', birthDate: TEST_BIRTH_DATE };
      expect((await blockForm(limited, form, '198.51.100.7')).statusCode).toBe(202);
      expect((await blockForm(limited, form, '198.51.100.7')).statusCode).toBe(202);
      const refused = await blockForm(limited, form, '198.51.100.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().type).toBe('https://mykassa.kz/problems/too-many-requests');
      expect((await blockForm(limited, form, '198.51.100.8')).statusCode).toBe(202);
    } finally {
      await limited.close();
    }
  });
});
