import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { SoftAuthenticator } from '../../../test/soft-authenticator.js';
import { addKey, loginWithKey, softSecurityKey } from './security-keys.fixtures.js';
import { normalizeKeyName } from './security-keys.service.js';
import { createTestStaff, loginStaff, STAFF_TEST_PASSWORD, staffHeaders, type TestStaff } from './staff.fixtures.js';
import { purgeExpired } from './staff.retention.js';
import { TOTP_PERIOD_S, totpCode } from './totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const STEP_MS = TOTP_PERIOD_S * 1000;
const MS_PER_HOUR = 3_600_000;

async function events(staffId: string): Promise<Array<{ event: string; details: Record<string, unknown> }>> {
  const { rows } = await t.db.query<{ event: string; details: Record<string, unknown> }>(
    "SELECT event, details FROM audit_events WHERE details->>'staffId' = $1 ORDER BY seq",
    [staffId],
  );
  return rows;
}

const listKeys = (who: TestStaff) => t.app.inject({ url: '/api/staff/v1/auth/security-keys', headers: staffHeaders(who) });
const removeKey = (who: TestStaff, keyId: string) =>
  t.app.inject({ method: 'DELETE', url: `/api/staff/v1/auth/security-keys/${keyId}`, headers: staffHeaders(who) });

describe('adding a security key', () => {
  it('registers a roaming key from the signed-in member, names it, lists it and audits it', async () => {
    const staff = await createTestStaff(t.app, 'security_officer');
    const key = softSecurityKey(t.app);
    const { options, added } = await addKey(t.app, staff, key, '  Синий   YubiKey ');
    const creation = options.json().options;
    expect(creation.rp).toEqual({ name: 'Kassa back office', id: new URL(t.app.ctx.config.publicOrigin).hostname });
    expect(creation.authenticatorSelection).toMatchObject({ authenticatorAttachment: 'cross-platform', userVerification: 'preferred' });
    expect(creation.attestation).toBe('none');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toEqual({
      id: expect.stringMatching(/^ssk_/),
      name: 'Синий YubiKey',
      transports: ['usb'],
      createdAt: t.clock.now().toISOString(),
      lastUsedAt: null,
    });
    expect((await listKeys(staff)).json()).toEqual({ items: [added.json()], totpEnrolled: true });
    expect((await events(staff.staffId)).find((row) => row.event === 'staff.security_key.added')?.details).toMatchObject({
      keyId: added.json().id,
      name: 'Синий YubiKey',
    });
    // The key already added is excluded from the next registration, and cannot be added twice.
    const next = await addKey(t.app, staff, key);
    expect(next.options.json().options.excludeCredentials).toEqual([
      { id: key.credentialId.toString('base64url'), type: 'public-key', transports: ['usb'] },
    ]);
    expect(next.added.statusCode).toBe(422);
    expect(next.added.json().type).toContain('staff-security-key-not-added');
  });

  it('spends a registration challenge once, and only for the session that asked for it', async () => {
    const staff = await createTestStaff(t.app, 'operator');
    const key = softSecurityKey(t.app);
    const { challengeId, options } = (
      await t.app.inject({ method: 'POST', url: '/api/staff/v1/auth/security-keys/options', headers: staffHeaders(staff) })
    ).json();
    const response = key.register(options.challenge, { userVerified: false });
    // The same member's other session may not finish what this one started.
    t.clock.advance(STEP_MS);
    const other = await loginStaff(t.app, staff);
    const send = (who: { cookie: string; csrfToken: string }) =>
      t.app.inject({
        method: 'POST',
        url: '/api/staff/v1/auth/security-keys',
        headers: staffHeaders(who),
        payload: { challengeId, name: 'Key', response },
      });
    expect((await send(other)).statusCode).toBe(422);
    // That attempt spent it: the right session is refused now too.
    expect((await send(staff)).statusCode).toBe(422);
  });

  it('refuses an answer for another origin, a name of control characters, and a session that must change its password', async () => {
    const staff = await createTestStaff(t.app, 'operator');
    const origin = t.app.ctx.config.publicOrigin;
    const phishing = new SoftAuthenticator('https://evil.example', new URL(origin).hostname, {
      attachment: 'cross-platform',
      transports: ['usb'],
    });
    const phished = await addKey(t.app, staff, phishing);
    expect(phished.added.statusCode).toBe(422);
    expect((await addKey(t.app, staff, softSecurityKey(t.app), 'Key\u202e')).added.statusCode).toBe(400);
    expect(normalizeKeyName('\u200b')).toBeNull();
    expect(normalizeKeyName('—')).toBeNull();

    const admin = await createTestStaff(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/staff/v1/staff',
      headers: staffHeaders(admin),
      payload: {
        username: `temp.${process.pid}.${Date.now()}`,
        displayName: 'Асель Жанова',
        role: 'operator',
        language: 'kk',
        password: STAFF_TEST_PASSWORD,
      },
    });
    const started = (
      await t.app.inject({
        method: 'POST',
        url: '/api/staff/v1/auth/login',
        payload: { login: created.json().username, password: STAFF_TEST_PASSWORD },
      })
    ).json();
    const secret = new URL(started.otpauthUri).searchParams.get('secret') ?? '';
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/staff/v1/auth/login/${started.loginId}/totp`,
      payload: { code: totpCode(secret, t.clock.now().getTime()) },
    });
    const cookie = /__Host-kassa_staff=([^;]+)/.exec(String(confirmed.headers['set-cookie']))?.[1] ?? '';
    const forced = await addKey(t.app, { cookie, csrfToken: confirmed.json().csrfToken }, softSecurityKey(t.app));
    expect(forced.options.statusCode).toBe(403);
    expect(forced.options.json().type).toContain('staff-password-change-required');
  });

  it('needs the CSRF token and a staff session', async () => {
    const staff = await createTestStaff(t.app, 'operator');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/staff/v1/auth/security-keys/options',
      headers: { cookie: staffHeaders(staff).cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/staff/v1/auth/security-keys' })).statusCode).toBe(401);
  });
});

describe('removing a security key', () => {
  it("removes one's own key (audited), and answers 404 for another member's, audited too", async () => {
    const owner = await createTestStaff(t.app, 'operator');
    const other = await createTestStaff(t.app, 'admin');
    const keyId = (await addKey(t.app, owner, softSecurityKey(t.app))).added.json().id;
    const foreign = await removeKey(other, keyId);
    expect(foreign.statusCode).toBe(404);
    expect((await events(other.staffId)).find((row) => row.event === 'access.denied')?.details).toMatchObject({
      resource: 'staff-security-key',
      id: keyId,
    });
    expect((await listKeys(owner)).json().items).toHaveLength(1);
    expect((await removeKey(owner, keyId)).statusCode).toBe(204);
    expect((await listKeys(owner)).json().items).toEqual([]);
    expect((await events(owner.staffId)).map((row) => row.event)).toContain('staff.security_key.removed');
    // Removed once: a second removal is a missing key, and the login no longer offers it.
    expect((await removeKey(owner, keyId)).statusCode).toBe(404);
    t.clock.advance(STEP_MS);
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/staff/v1/auth/login',
      payload: { login: owner.username, password: owner.password },
    });
    expect(started.json().securityKey).toBe(false);
  });

  it('never removes the last second factor of a member without TOTP', async () => {
    const staff = await createTestStaff(t.app, 'operator');
    const first = (await addKey(t.app, staff, softSecurityKey(t.app), 'Main')).added.json().id;
    const spare = softSecurityKey(t.app);
    const second = (await addKey(t.app, staff, spare, 'Spare')).added.json().id;
    await t.db.query('UPDATE staff_users SET totp_secret_sealed = NULL, totp_enrolled_at = NULL WHERE id = $1', [staff.staffId]);
    expect((await listKeys(staff)).json().totpEnrolled).toBe(false);
    expect((await removeKey(staff, first)).statusCode).toBe(204);
    const last = await removeKey(staff, second);
    expect(last.statusCode).toBe(409);
    expect(last.json().type).toContain('staff-security-key-last-factor');
    expect((await loginWithKey(t.app, staff, spare)).reply.statusCode).toBe(200);
  });
});

describe('security key retention', () => {
  it('purges spent challenges past their window and removed keys past the sessions window, and keeps active keys', async () => {
    const windows = t.app.ctx.config.retention;
    const staff = await createTestStaff(t.app, 'operator');
    const kept = (await addKey(t.app, staff, softSecurityKey(t.app), 'Kept')).added.json().id;
    const removed = (await addKey(t.app, staff, softSecurityKey(t.app), 'Removed')).added.json().id;
    expect((await removeKey(staff, removed)).statusCode).toBe(204);
    const later = new Date(t.clock.now().getTime() + Math.max(windows.sessionsHours, windows.challengesHours) * MS_PER_HOUR + 60_000);
    const purged = await purgeExpired(t.db, later, windows);
    expect(purged.staff_webauthn_challenges).toBeGreaterThanOrEqual(2);
    expect(purged.staff_security_keys).toBeGreaterThanOrEqual(1);
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM staff_security_keys WHERE staff_id = $1', [staff.staffId]);
    expect(rows.map((row) => row.id)).toEqual([kept]);
  });
});
