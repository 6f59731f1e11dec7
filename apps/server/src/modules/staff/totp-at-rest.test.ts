import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { createTestStaff, loginStaff } from './staff.fixtures.js';
import { TOTP_PERIOD_S } from './totp.js';
import { resealTotpSecrets } from './totp-at-rest.js';

const OLD_KEY = `k1:${'a1'.repeat(32)}`;
const NEW_KEY = `k2:${'b2'.repeat(32)}`;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** An app on the shared database with `secretKey`; closing it leaves the database. */
const appWith = (secretKey: string, clock: ManualClock) =>
  createTestApp({ env: { SECRET_KEY: secretKey }, clock, database: { db: database.db, drop: async () => undefined } });

describe('TOTP secrets at rest', () => {
  it('are sealed, follow a key rotation through keys:rotate, and still log the staff member in once the old key is gone', async () => {
    const clock = new ManualClock();
    const before = await appWith(OLD_KEY, clock);
    const staff = await createTestStaff(before.app, 'admin');
    await before.close();
    const { rows } = await database.db.query<{ totp_secret_sealed: string }>('SELECT totp_secret_sealed FROM staff_users WHERE id = $1', [
      staff.staffId,
    ]);
    expect(rows[0]?.totp_secret_sealed).toMatch(/^ks1\.k1\./);
    expect(rows[0]?.totp_secret_sealed).not.toContain(staff.secret);

    const rotating = await appWith(`${NEW_KEY},${OLD_KEY}`, clock);
    clock.advance(TOTP_PERIOD_S * 1000);
    await loginStaff(rotating.app, staff);
    expect(await resealTotpSecrets(database.db, rotating.app.ctx.config.keyring, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await resealTotpSecrets(database.db, rotating.app.ctx.config.keyring, clock.now())).toBe(0);
    await rotating.close();

    const after = await appWith(NEW_KEY, clock);
    try {
      clock.advance(TOTP_PERIOD_S * 1000);
      await loginStaff(after.app, staff);
    } finally {
      await after.close();
    }
  });
});
