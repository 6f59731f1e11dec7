import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { addKey, keyOptions, loginWithKey, sendAssertion, softSecurityKey, startKeyLogin } from './security-keys.fixtures.js';
import { createTestStaff, staffHeaders, type TestStaff } from './staff.fixtures.js';
import { STAFF_FAILURES_MAX } from './staff-lockout.js';
import { STAFF_SECOND_FACTOR_TRIES_PER_LOGIN_MAX } from './staff-second-factor.js';
import { TOTP_PERIOD_S, totpCode } from './totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const STEP_MS = TOTP_PERIOD_S * 1000;
const FAILED = 'https://mykassa.kz/problems/staff-security-key-failed';

async function auditOf(staffId: string): Promise<Array<{ event: string; details: Record<string, unknown> }>> {
  const { rows } = await t.db.query<{ event: string; details: Record<string, unknown> }>(
    "SELECT event, details FROM audit_events WHERE details->>'staffId' = $1 ORDER BY seq",
    [staffId],
  );
  return rows;
}

/** A staff member (TOTP enrolled at their first login) with one security key added. */
async function staffWithKey(role: 'operator' | 'security_officer' | 'admin' = 'operator') {
  const staff = await createTestStaff(t.app, role);
  const key = softSecurityKey(t.app);
  const { added } = await addKey(t.app, staff, key);
  expect(added.statusCode, added.body).toBe(201);
  return { staff, key, keyId: added.json().id as string };
}

async function keyFailures(staff: TestStaff): Promise<Array<Record<string, unknown>>> {
  return (await auditOf(staff.staffId)).filter((row) => row.event === 'staff.security_key.failed').map((row) => row.details);
}

describe('staff login by a security key', () => {
  it('offers the key after the password, and starts the session exactly as after TOTP', async () => {
    const { staff, key, keyId } = await staffWithKey();
    const started = await startKeyLogin(t.app, staff);
    expect(started.json()).toEqual({ loginId: expect.stringMatching(/^stl_/), next: 'totp', securityKey: true });
    const options = await keyOptions(t.app, started.json().loginId);
    expect(options.statusCode).toBe(200);
    const { options: request } = options.json();
    expect(request.rpId).toBe(new URL(t.app.ctx.config.publicOrigin).hostname);
    expect(request.userVerification).toBe('preferred');
    expect(request.allowCredentials).toEqual([{ id: key.credentialId.toString('base64url'), type: 'public-key', transports: ['usb'] }]);
    expect(request.challenge.length).toBeGreaterThanOrEqual(22); // ≥ 16 random bytes, base64url (SECURITY.md 4)

    const { reply } = await loginWithKey(t.app, staff, key);
    expect(reply.statusCode, reply.body).toBe(200);
    expect(String(reply.headers['set-cookie'])).toMatch(
      /^__Host-kassa_staff=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    const cookie = /__Host-kassa_staff=([^;]+)/.exec(String(reply.headers['set-cookie']))?.[1] ?? '';
    const session = await t.app.inject({
      url: '/api/staff/v1/auth/session',
      headers: staffHeaders({ cookie, csrfToken: reply.json().csrfToken }),
    });
    expect(session.statusCode).toBe(200);
    expect(session.json().staff.id).toBe(staff.staffId);
    const succeeded = (await auditOf(staff.staffId)).filter((row) => row.event === 'staff.login.succeeded').at(-1);
    expect(succeeded?.details).toMatchObject({ factor: 'security-key', keyId });
    const { rows } = await t.db.query<{ sign_count: bigint; last_used_at: Date | null }>(
      'SELECT sign_count, last_used_at FROM staff_security_keys WHERE id = $1',
      [keyId],
    );
    expect(Number(rows[0]?.sign_count)).toBe(1);
    expect(rows[0]?.last_used_at).not.toBeNull();
  });

  it('still takes the TOTP code from a member who has a key', async () => {
    const { staff } = await staffWithKey();
    t.clock.advance(STEP_MS);
    const started = await startKeyLogin(t.app, staff);
    const code = totpCode(staff.secret, t.clock.now().getTime());
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/staff/v1/auth/login/${started.json().loginId}/totp`,
      payload: { code },
    });
    expect(confirmed.statusCode).toBe(200);
  });

  it('refuses an assertion replayed on its challenge', async () => {
    const { staff, key } = await staffWithKey();
    const first = await loginWithKey(t.app, staff, key);
    expect(first.reply.statusCode).toBe(200);
    // The same signed answer again, on a fresh login of the same member: its challenge is spent.
    const again = await startKeyLogin(t.app, staff);
    const replay = await sendAssertion(t.app, again.json().loginId, first.challengeId, first.response);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().type).toBe(FAILED);
    // And within one login: a second send of one answer finds its challenge used.
    const second = await loginWithKey(t.app, staff, key, { signCount: 1 });
    const twice = await sendAssertion(t.app, second.loginId, second.challengeId, second.response);
    expect(twice.statusCode).toBe(401);
    expect((await keyFailures(staff)).map((details) => details.reason)).toContain('challenge-used');
  });

  it('opens one session for two parallel sends of one answer', async () => {
    const { staff, key } = await staffWithKey();
    const started = await startKeyLogin(t.app, staff);
    const { loginId } = started.json();
    const { challengeId, options } = (await keyOptions(t.app, loginId)).json();
    const response = key.assert(options.challenge);
    const replies = await Promise.all([0, 1, 2].map(() => sendAssertion(t.app, loginId, challengeId, response)));
    expect(replies.map((reply) => reply.statusCode).sort()).toEqual([200, 401, 401]);
  });

  it('refuses a counter that went backwards, as a possible clone, and audits it', async () => {
    const { staff, key, keyId } = await staffWithKey();
    expect((await loginWithKey(t.app, staff, key, { signCount: 7 })).reply.statusCode).toBe(200);
    const cloned = await loginWithKey(t.app, staff, key, { signCount: 7 });
    expect(cloned.reply.statusCode).toBe(401);
    expect(cloned.reply.json().type).toBe(FAILED);
    expect((await loginWithKey(t.app, staff, key, { signCount: 3 })).reply.statusCode).toBe(401);
    const regressed = (await auditOf(staff.staffId)).filter((row) => row.event === 'staff.security_key.sign_count_regressed');
    expect(regressed).toHaveLength(2);
    expect(regressed[0]?.details).toMatchObject({ keyId, stored: 7, received: 7, reason: 'sign-count-regressed' });
    // A higher counter is the genuine key again.
    expect((await loginWithKey(t.app, staff, key, { signCount: 8 })).reply.statusCode).toBe(200);
  });

  it('accepts a key that keeps no counter (always 0)', async () => {
    const { staff, key } = await staffWithKey();
    expect((await loginWithKey(t.app, staff, key, { signCount: 0 })).reply.statusCode).toBe(200);
    expect((await loginWithKey(t.app, staff, key, { signCount: 0 })).reply.statusCode).toBe(200);
  });

  it("refuses another staff member's key, though its signature is valid", async () => {
    const victim = await staffWithKey('admin');
    const intruder = await staffWithKey('operator');
    // The intruder passes the victim's password step and answers with their own key.
    const attempt = await loginWithKey(t.app, victim.staff, intruder.key);
    expect(attempt.reply.statusCode).toBe(401);
    expect(attempt.reply.json().type).toBe(FAILED);
    expect(await keyFailures(victim.staff)).toEqual([
      expect.objectContaining({ reason: 'key-of-another-staff', keyId: intruder.keyId, keyStaffId: intruder.staff.staffId }),
    ]);
  });

  it('refuses an assertion made for another origin (a phishing page)', async () => {
    const { staff, key } = await staffWithKey();
    const phished = await loginWithKey(t.app, staff, key, { origin: 'https://mykassa-login.example' });
    expect(phished.reply.statusCode).toBe(401);
    expect((await keyFailures(staff)).map((details) => details.reason)).toEqual(['verification']);
  });

  it('refuses a challenge issued for another login, and a key with no options for a member who has none', async () => {
    const { staff, key } = await staffWithKey();
    const first = await startKeyLogin(t.app, staff);
    const second = await startKeyLogin(t.app, staff);
    const options = (await keyOptions(t.app, first.json().loginId)).json();
    const crossed = await sendAssertion(t.app, second.json().loginId, options.challengeId, key.assert(options.options.challenge));
    expect(crossed.statusCode).toBe(401);
    const keyless = await createTestStaff(t.app, 'operator');
    t.clock.advance(STEP_MS);
    const plain = await startKeyLogin(t.app, keyless);
    expect(plain.json().securityKey).toBe(false);
    expect((await keyOptions(t.app, plain.json().loginId)).statusCode).toBe(401);
  });

  it('counts refused keys towards the same 10 → 30 min lock, and ends a login after 5 wrong answers', async () => {
    const { staff, key } = await staffWithKey();
    const started = await startKeyLogin(t.app, staff);
    const { loginId } = started.json();
    for (let attempt = 1; attempt <= STAFF_SECOND_FACTOR_TRIES_PER_LOGIN_MAX; attempt += 1) {
      const options = (await keyOptions(t.app, loginId)).json();
      const wrong = await sendAssertion(
        t.app,
        loginId,
        options.challengeId,
        key.assert(options.options.challenge, { origin: 'https://evil.example' }),
      );
      expect(wrong.statusCode, `attempt ${attempt}`).toBe(401);
    }
    // The login is over: even a right answer must start again with the password.
    expect((await keyOptions(t.app, loginId)).json().type).toContain('staff-login-expired');

    for (let failure = STAFF_SECOND_FACTOR_TRIES_PER_LOGIN_MAX + 1; failure < STAFF_FAILURES_MAX; failure += 1) {
      expect((await startKeyLogin(t.app, { ...staff, password: 'Wrong-Password-For-Sure' })).statusCode).toBe(401);
    }
    const tenth = await loginWithKey(t.app, staff, key, { origin: 'https://evil.example' });
    expect(tenth.reply.statusCode).toBe(423);
    expect(tenth.reply.json().type).toBe('https://mykassa.kz/problems/staff-locked');
    expect((await startKeyLogin(t.app, staff)).statusCode).toBe(423);
    expect((await auditOf(staff.staffId)).map((row) => row.event)).toContain('staff.login.locked');
  });

  it('lets a member with keys only (no TOTP) in by key, and refuses any code from them', async () => {
    const { staff, key } = await staffWithKey();
    await t.db.query('UPDATE staff_users SET totp_secret_sealed = NULL, totp_enrolled_at = NULL WHERE id = $1', [staff.staffId]);
    const started = await startKeyLogin(t.app, staff);
    expect(started.json()).toEqual({ loginId: expect.any(String), next: 'security-key' });
    const code = await t.app.inject({
      method: 'POST',
      url: `/api/staff/v1/auth/login/${started.json().loginId}/totp`,
      payload: { code: '123456' },
    });
    expect(code.statusCode).toBe(401);
    expect(code.json().type).toContain('staff-code-invalid');
    expect((await loginWithKey(t.app, staff, key)).reply.statusCode).toBe(200);
  });
});
