import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, login, registerCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { prepareBankPasswordReset, resetPasswordByBank } from './bank-password-reset.js';
import { changePassword } from './password.service.js';
import { passwordHashOf } from './passwords.repo.js';
import { touchSession } from './sessions.js';
import { endAllSessionsByBank } from './staff-actions.js';

// The edges of "reset password" by the bank that the incident's route cannot reach
// (modules/incidents/incidents.reset-password.test.ts walks the whole journey).

const META: RequestMeta = { ip: '127.0.0.1', userAgent: null, requestId: 'test', language: 'ru' };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the bank resets a password', () => {
  it('gives every customer an unusable hash of their own, of the same Argon2id parameters as a real one', async () => {
    const who = await registerCustomer(t.app);
    const before = await passwordHashOf(t.db, who.customerId);
    const [first, second] = [await prepareBankPasswordReset(), await prepareBankPasswordReset()];
    expect(first.passwordHash).not.toBe(second.passwordHash);
    // The same algorithm and cost as the customer's own: a login against it takes as long (no timing oracle).
    const parameters = (hash: string | null) => hash?.split('$').slice(1, 4).join('$');
    expect(parameters(first.passwordHash)).toBe(parameters(before));
  });

  it('answers null for a customer who does not exist, and changes nothing', async () => {
    const prepared = await prepareBankPasswordReset();
    const done = await t.db.transaction((tx) =>
      resetPasswordByBank(tx, t.app.ctx, {
        customerId: `cus_${'0'.repeat(32)}`,
        caseId: `inc_${'0'.repeat(32)}`,
        staffId: `stf_${'0'.repeat(32)}`,
        prepared,
        meta: META,
        now: t.clock.now(),
      }),
    );
    expect(done).toBeNull();
  });
});

describe('a password change racing the bank', () => {
  it('sets nothing when its session ended while it checked the old password and hashed the new one', async () => {
    const who = await registerCustomer(t.app);
    const looked = await touchSession(t.app.ctx, who.cookie, META, true);
    if (!looked.ok) throw new Error('the new session is not live');
    // What the request saw when it passed authentication; the officer then ends every session.
    await t.db.transaction((tx) => endAllSessionsByBank(tx, { customerId: who.customerId, meta: META, now: t.clock.now() }));
    const change = changePassword(t.app.ctx, looked.session, {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'Granite-Falcon-Orchard-93',
      meta: META,
    });
    await expect(change).rejects.toThrow('session-expired');
    expect((await login(t.app, { phone: who.phone, password: GOOD_PASSWORD })).status).toBe(200);
  });
});
