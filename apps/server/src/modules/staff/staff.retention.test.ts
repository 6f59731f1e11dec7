import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createTestStaff, loginStaff, staffHeaders } from './staff.fixtures.js';
import { purgeExpired } from './staff.retention.js';
import { TOTP_PERIOD_S } from './totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const MS_PER_HOUR = 3_600_000;
const MINUTE_MS = 60_000;

async function ids(table: string, key: string): Promise<string[]> {
  const { rows } = await t.db.query<{ key: string }>(`SELECT ${key} AS key FROM ${table} ORDER BY ${key}`);
  return rows.map((row) => row.key);
}

describe('staff retention', () => {
  it('purges login steps, ended sessions and idle failure counters past their windows, and keeps the rest', async () => {
    const windows = t.app.ctx.config.retention;
    const staff = await createTestStaff(t.app, 'operator');
    t.clock.advance(TOTP_PERIOD_S * 1000);
    const second = await loginStaff(t.app, staff);
    await t.app.inject({ method: 'POST', url: '/api/staff/v1/auth/logout', headers: staffHeaders(second) });
    for (const login of ['old.counter', 'new.counter']) {
      await t.app.inject({ method: 'POST', url: '/api/staff/v1/auth/login', payload: { login, password: 'Wrong-Password-For-Sure' } });
    }
    const now = t.clock.now();
    const past = (hours: number) => new Date(now.getTime() - hours * MS_PER_HOUR - MINUTE_MS);
    const [oldStep, newStep] = await ids('staff_login_attempts', 'id');
    await t.db.query('UPDATE staff_login_attempts SET expires_at = $1 WHERE id = $2', [past(windows.challengesHours), oldStep]);
    const { rows: ended } = await t.db.query<{ id: string }>('SELECT id FROM staff_sessions WHERE ended_at IS NOT NULL');
    await t.db.query('UPDATE staff_sessions SET ended_at = $1 WHERE id = $2', [past(windows.sessionsHours), ended[0]?.id]);
    await t.db.query("UPDATE staff_lockouts SET updated_at = $1 WHERE username = 'old.counter'", [past(windows.challengesHours)]);

    const purged = await purgeExpired(t.db, now, windows);
    expect(purged).toEqual({
      staff_webauthn_challenges: 0,
      staff_login_attempts: 1,
      staff_sessions: 1,
      staff_lockouts: 1,
      staff_security_keys: 0,
    });
    expect(await ids('staff_login_attempts', 'id')).toEqual([newStep]);
    expect(await ids('staff_sessions', 'id')).toHaveLength(1);
    expect(await ids('staff_lockouts', 'username')).toEqual(expect.arrayContaining(['new.counter']));
    expect(await ids('staff_lockouts', 'username')).not.toContain('old.counter');
    // The live session is untouched.
    expect((await t.app.inject({ url: '/api/staff/v1/auth/session', headers: staffHeaders(staff) })).statusCode).toBe(200);
  });
});
